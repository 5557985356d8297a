"""Every slot is converted with the rules in force on the session's own date."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from helpers import ALMATY, AMSTERDAM, AUCKLAND, KYIV, NEW_YORK, SYDNEY, TBILISI, ULAANBAATAR


@pytest.mark.parametrize(
    "zone, start, end",
    [
        # Almaty moved from UTC+6 to UTC+5 in March 2024; the 2020 rules apply.
        (ALMATY, "2020-11-10T17:00:00+06:00", "2020-11-10T20:00:00+06:00"),
        (KYIV, "2020-11-10T13:00:00+02:00", "2020-11-10T16:00:00+02:00"),
        (TBILISI, "2020-11-10T15:00:00+04:00", "2020-11-10T18:00:00+04:00"),
        (ULAANBAATAR, "2020-11-10T19:00:00+08:00", "2020-11-10T22:00:00+08:00"),
        # New York had left summer time on 1 November 2020: 6 hours behind CET, not 5.
        (NEW_YORK, "2020-11-10T06:00:00-05:00", "2020-11-10T09:00:00-05:00"),
        # Auckland is on summer time (UTC+13): the meeting runs on the next local date.
        (AUCKLAND, "2020-11-11T00:00:00+13:00", "2020-11-11T03:00:00+13:00"),
        (AMSTERDAM, "2020-11-10T12:00:00+01:00", "2020-11-10T15:00:00+01:00"),
    ],
)
def test_day_one_in_each_zone(loci, zone, start, end):
    result = loci("days", "--json", "--tz", zone)
    assert result.exit_code == 0, result.stderr
    day_one = json.loads(result.stdout)[0]
    assert (day_one["start"], day_one["end"], day_one["timezone"]) == (start, end, zone)
    assert (day_one["start_utc"], day_one["end_utc"]) == ("2020-11-10T11:00:00Z", "2020-11-10T14:00:00Z")


def test_almaty_uses_2020_rules_not_todays(loci):
    # The same wall-clock session today would be at UTC+5; prove the zone data knows both.
    from loci_cli.core.zones import get_zone

    almaty = get_zone(ALMATY)
    assert datetime(2025, 11, 10, 11, tzinfo=timezone.utc).astimezone(almaty).hour == 16
    result = loci("today", "--tz", ALMATY, "--date", "2020-11-10", "--json")
    sessions = json.loads(result.stdout)[0]["sessions"]
    assert sessions[0]["start"] == "2020-11-10T17:00:00+06:00"
    assert sessions[-1]["end"] == "2020-11-10T20:00:00+06:00"


def test_sydney_day_crosses_local_midnight_and_belongs_to_both_dates(loci):
    for on in ("2020-11-10", "2020-11-11"):
        result = loci("today", "--tz", SYDNEY, "--date", on, "--json")
        assert [d["day"] for d in json.loads(result.stdout)] == [1], on
    sessions = json.loads(loci("today", "--tz", SYDNEY, "--date", "2020-11-11", "--json").stdout)[0]["sessions"]
    local_dates = [s["start"][:10] for s in sessions]
    assert local_dates == ["2020-11-10"] * 4 + ["2020-11-11"]


def test_rows_after_midnight_show_their_local_date(loci):
    result = loci("today", "--tz", SYDNEY, "--date", "2020-11-10")
    lines = result.stdout.splitlines()
    wrap_up = next(line for line in lines if line.lstrip().startswith("Wed 11 Nov 00:30"))
    assert "13:30" not in wrap_up
    assert any(line.lstrip().startswith("23:45–00:30 (+1)") for line in lines)


def test_auckland_meeting_day_is_the_next_local_date(loci):
    assert json.loads(loci("today", "--tz", AUCKLAND, "--date", "2020-11-10", "--json").stdout) == []
    days = json.loads(loci("today", "--tz", AUCKLAND, "--date", "2020-11-11", "--json").stdout)
    assert [d["day"] for d in days] == [1]


@pytest.mark.slow
def test_same_answers_without_a_system_zone_database(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONTZPATH=str(tmp_path), NO_COLOR="1")
    code = (
        "from loci_cli.cli.app import main; import sys; "
        "sys.argv=['loci','today','--tz','Asia/Almaty','--date','2020-11-10','--json']; main()"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)[0]["start"] == "2020-11-10T17:00:00+06:00"
