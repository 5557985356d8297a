"""Input read as meant (issue 10): dates, instants, hints that keep the user's options."""

from __future__ import annotations

import json

import pytest

from helpers import ALMATY, AMSTERDAM, KYIV, NEW_YORK, NO_LOCAL

# The LOCI days, as the agenda file lists them (event-zone dates).
DAY_DATES = {1: "2020-11-10", 2: "2020-11-12", 3: "2020-11-17", 4: "2020-11-19"}


@pytest.mark.parametrize(
    "text, zone, day",
    [
        ("2020-11-10", ALMATY, 1),
        ("2020/11/10", ALMATY, 1),  # dateutil alone reads 11 October
        ("2020.11.10", ALMATY, 1),
        ("2020/11/12", ALMATY, 2),
        ("2020-11-10T12:00", ALMATY, 1),
        ("2020-11-10 12:00", ALMATY, 1),
        ("2020-11-12T17:00+06:00", ALMATY, 2),  # dateutil alone reads 11 December
        # 02:00 at +06:00 is 20:00 UTC on the 11th: the 12th in Almaty, the 11th in New York.
        ("2020-11-12T02:00+06:00", ALMATY, 2),
        ("2020-11-12T02:00+06:00", NEW_YORK, None),
        ("2020-11-11T20:00Z", ALMATY, 2),
        ("10.11.2020", ALMATY, 1),  # day first with dots, as documented
        ("19.11.2020", ALMATY, 4),
        ("19/11/2020", ALMATY, 4),  # only one reading is a date
        ("10 Nov 2020", ALMATY, 1),
        ("Nov 17, 2020", ALMATY, 3),
    ],
)
def test_date_spellings(loci, text, zone, day):
    result = loci("today", "--json", "--tz", zone, "--date", text)
    assert result.exit_code == 0, result.stderr
    days = json.loads(result.stdout)
    if day is None:
        assert days == [] and result.stderr.startswith("Nothing on Wed 11 Nov 2020")
    else:
        assert [d["day"] for d in days] == [day] and days[0]["date"] == DAY_DATES[day]


@pytest.mark.parametrize(
    "text, at_utc",
    [
        # 17:10 in Almaty (UTC+6 in 2020) is 11:10 UTC.
        ("2020/11/10 17:10", "2020-11-10T11:10:00Z"),
        ("2020.11.10 17:10", "2020-11-10T11:10:00Z"),
        ("2020-11-10T17:10", "2020-11-10T11:10:00Z"),
        ("10.11.2020 17:10", "2020-11-10T11:10:00Z"),
        ("2020-11-10T12:10+01:00", "2020-11-10T11:10:00Z"),
        ("2020-11-10T11:10Z", "2020-11-10T11:10:00Z"),
        ("2020-11-10", "2020-11-09T18:00:00Z"),  # a date alone is its midnight in --tz
    ],
)
def test_moment_spellings(loci, text, at_utc):
    result = loci("now", "--json", "--tz", ALMATY, "--at", text)
    assert result.exit_code == 0, result.stderr
    from datetime import datetime, timezone

    at = datetime.fromisoformat(json.loads(result.stdout)["at"])
    assert at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") == at_utc


def test_nothing_on_names_the_next_day_with_the_users_options(loci, agenda_path):
    # 11 Nov lies between Day 1 and Day 2: the nearest day by distance is Day 1, the useful one Day 2.
    result = loci("today", "--tz", KYIV, "--date", "2020-11-11", "--agenda", str(agenda_path))
    assert result.exit_code == 0 and result.stdout == ""
    assert "The next meeting day is Day 2, Thu 12 Nov 2020 from 13:00" in result.stderr
    assert f"loci today --date 2020-11-12 --tz {KYIV} --agenda {agenda_path}" in result.stderr


def test_nothing_on_after_the_meeting_names_its_last_day(loci):
    result = loci("today", "--tz", AMSTERDAM, "--date", "2021-01-01")
    assert "The last meeting day is Day 4, Thu 19 Nov 2020 from 12:00" in result.stderr
    assert f"loci today --date 2020-11-19 --tz {AMSTERDAM})" in result.stderr


def test_following_the_hint_shows_the_same_agenda(loci, write_agenda):
    """The suggested command, run as written, shows the user's agenda in the user's zone."""
    import shlex

    from helpers import FIXTURES

    path = write_agenda(json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8")), name="my agenda.json")
    first = loci("today", "--tz", "Asia/Tokyo", "--agenda", str(path), "--agenda-format", "loci", "--date", "2021-03-01")
    hint = first.stderr.split("(try: ")[1].rsplit(").", 1)[0]
    args = shlex.split(hint)
    assert args[:2] == ["loci", "today"] and "--agenda-format" in args
    second = loci(*args[1:], "--json")
    assert second.exit_code == 0, second.stderr
    shown = json.loads(second.stdout)
    assert shown and shown[0]["timezone"] == "Asia/Tokyo" and shown[0]["id"] == "one"


@pytest.mark.parametrize(
    "args, hint",
    [
        (["sessions", "--day", "9"], "see 'loci days --tz Asia/Almaty --agenda {path}'"),
        (["show", "nope"], "see the ids with 'loci sessions --tz Asia/Almaty --agenda {path}'"),
    ],
)
def test_error_hints_carry_the_users_options(loci, agenda_path, args, hint):
    result = loci(*args, "--tz", ALMATY, "--agenda", str(agenda_path))
    assert result.exit_code == 2
    assert hint.format(path=agenda_path) in result.stderr


def test_agenda_and_validate_read_standard_input(agenda_path):
    from typer.testing import CliRunner

    from loci_cli.cli.app import app
    from loci_cli.environment import Environment

    runner = CliRunner()
    data = agenda_path.read_bytes()
    env = Environment(environ={"TZ": "UTC"})
    shown = runner.invoke(app, ["days", "--json", "--tz", KYIV, "--agenda", "-"], input=data, obj=env)
    assert shown.exit_code == 0, shown.stderr
    assert [d["date"] for d in json.loads(shown.stdout)] == list(DAY_DATES.values())
    checked = runner.invoke(app, ["validate", "-", "--json"], input=data, obj=env)
    assert checked.exit_code == 0, checked.stderr
    assert json.loads(checked.stdout)["valid"] is True
    bad = runner.invoke(app, ["validate", "-"], input=b"{}", obj=env)
    assert bad.exit_code == 1 and "-: 4 problems found" in bad.stderr


@pytest.mark.slow
def test_a_large_pipe_is_refused_after_the_limit(tmp_path):
    """A pipe that never ends is cut at 64 MB + 1 byte, not read until memory runs out."""
    import subprocess
    import sys

    script = "import sys\nchunk = b' ' * 65536\nwhile True:\n    sys.stdout.buffer.write(chunk)\n"
    producer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "loci_cli", "days", "--agenda", "-"],
            stdin=producer.stdout,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        producer.kill()
        producer.wait()
    assert result.returncode == 1
    assert result.stderr.startswith("loci: error: -: larger than 64 MB"), result.stderr


@pytest.mark.parametrize(
    "typed, key, offset_in_july",
    [
        ("Z", "UTC", "+0000"),
        ("z", "UTC", "+0000"),
        ("NYC", "America/New_York", "-0400"),
        ("LA", "America/Los_Angeles", "-0700"),
        ("SF", "America/Los_Angeles", "-0700"),
        # An abbreviation is its region's zone, summer time included: EST in July is EDT.
        ("EST", "America/New_York", "-0400"),
        ("EDT", "America/New_York", "-0400"),
        ("PST", "America/Los_Angeles", "-0700"),
        ("MST", "America/Denver", "-0600"),
        ("HST", "Pacific/Honolulu", "-1000"),
        ("CEST", "CET", "+0200"),
        ("Laos", "Asia/Vientiane", "+0700"),
        ("UTC-5", "UTC-05:00", "-0500"),  # the way to ask for a fixed offset
    ],
)
def test_zone_spellings(typed, key, offset_in_july):
    from datetime import datetime, timezone

    from loci_cli.core.zones import resolve_zone

    zone = resolve_zone(typed, NO_LOCAL)
    assert zone.key == key
    assert datetime(2021, 7, 1, 12, tzinfo=timezone.utc).astimezone(zone).strftime("%z") == offset_in_july


def test_an_invalid_tz_falls_back_with_a_note(loci):
    result = loci("days", "--json", env={"TZ": "Nowhere/Special"})
    assert result.exit_code == 0
    assert result.stderr.startswith("loci: note: $TZ is 'Nowhere/Special', which names no zone loci knows; using ")
    assert json.loads(result.stdout)[0]["day"] == 1


def test_a_valid_tz_gets_no_note(loci):
    result = loci("days", "--json", env={"TZ": KYIV})
    assert result.stderr == "" and json.loads(result.stdout)[0]["timezone"] == KYIV


def test_an_old_zone_name_is_shown_with_its_current_name(loci):
    result = loci("days", "--json", "--tz", "Europe/Kiev")
    assert result.exit_code == 0
    assert "loci: note: Europe/Kiev is the old name of Europe/Kyiv" in result.stderr
    # 12:00 in Amsterdam (UTC+1) is 13:00 in Kyiv (UTC+2) on 10 Nov 2020.
    assert json.loads(result.stdout)[0]["start"] == "2020-11-10T13:00:00+02:00"


def test_the_embedded_participants_are_called_an_assumption(loci, agenda_data):
    """The seed names only the region; the agenda file, info and zones say the countries are loci's guess."""
    assert "assumes" in agenda_data["note"] and len(agenda_data["participants"]) == 16
    info = json.loads(loci("info", "--json").stdout)
    assert info["note"] == agenda_data["note"] and len(info["participants"]) == 16
    text = loci("info").stdout
    assert "16 countries in the agenda's participant list (see the note below)" in text and "Note on the data" in text
    zones = loci("zones", "--json")
    assert json.loads(zones.stdout)["note"] == agenda_data["note"]
    assert "Note: The participant countries are the region's countries as loci assumes them" in loci("zones").stdout
    # Places asked for are not the participants: no note.
    assert json.loads(loci("zones", "--json", "--tz", KYIV).stdout)["note"] is None


def test_an_agenda_without_a_note_shows_none(loci):
    from helpers import FIXTURES

    path = str(FIXTURES / "minimal.json")
    assert json.loads(loci("info", "--json", "--agenda", path).stdout)["note"] is None
    assert "Note" not in loci("info", "--agenda", path).stdout


def test_frab_links_other_than_web_and_mail_are_left_out(loci, write_agenda):
    schedule = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "demo",
                "title": "Demo",
                "start": "2021-03-28",
                "end": "2021-03-28",
                "time_zone_name": "Europe/Berlin",
                "url": "javascript:alert(1)",
                "rooms": [{"name": "A"}],
                "days": [
                    {
                        "index": 1,
                        "date": "2021-03-28",
                        "rooms": {
                            "A": [
                                {
                                    "guid": "00000000-0000-0000-0000-000000000001",
                                    "id": 1,
                                    "date": "2021-03-28T10:00:00+02:00",
                                    "start": "10:00",
                                    "duration": "00:30",
                                    "room": "A",
                                    "slug": "talk",
                                    "title": "Talk",
                                    "type": "Talk",
                                    "url": "urn:uuid:00000000-0000-0000-0000-000000000001",
                                    "links": [
                                        {"url": "javascript:alert(1)", "title": "x"},
                                        {"url": "https://example.org/s", "title": "Slides"},
                                    ],
                                    "persons": [],
                                }
                            ]
                        },
                    }
                ],
            },
        }
    }
    path = write_agenda(schedule, name="schedule.json")
    shown = loci("show", "talk", "--json", "--agenda", str(path))
    assert shown.exit_code == 0, shown.stderr
    row = json.loads(shown.stdout)
    assert row["url"] is None and row["links"] == [{"url": "https://example.org/s", "title": "Slides"}]


def test_every_year_first_date_reads_as_year_month_day():
    """Any real date, with any separator and with or without zero padding, is that date (never year-day-month)."""
    from datetime import date

    from hypothesis import given
    from hypothesis import strategies as st

    from loci_cli.actions.dates import parse_date

    @given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)), st.sampled_from("-/."), st.booleans())
    def check(day: date, sep: str, padded: bool) -> None:
        month, dom = (f"{day.month:02d}", f"{day.day:02d}") if padded else (str(day.month), str(day.day))
        assert parse_date(f"{day.year:04d}{sep}{month}{sep}{dom}", date(2026, 3, 1)) == day

    check()


def test_a_fixed_offset_posix_tz_is_used_without_a_note(loci):
    """Issue 18: TZ='<+06>-6' got 'names no zone loci knows; using Etc/UTC'."""
    result = loci("now", "--at", "2020-11-10T12:00Z", env={"TZ": "<+06>-6"})
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("At Tue 10 Nov 2020 18:00 in UTC+06:00")


def test_a_posix_rule_tz_is_followed_and_named(loci):
    result = loci("days", "--json", env={"TZ": "EST5EDT,M3.2.0,M11.1.0"})
    assert result.exit_code == 0 and result.stderr == ""
    day = json.loads(result.stdout)[0]
    assert day["timezone"] == "EST5EDT,M3.2.0,M11.1.0"
    assert day["start"].endswith("-05:00")


def test_a_file_named_dash_given_as_dot_slash_dash_is_that_file_not_stdin(loci, tmp_path, monkeypatch):
    import shutil

    from helpers import FIXTURES

    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "minimal.json", tmp_path / "-")
    result = loci("validate", "./-")
    assert result.exit_code == 0, result.stderr
    assert str(tmp_path / "-") in result.stdout + result.stderr
