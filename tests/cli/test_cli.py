"""Every command, as a table and as JSON, on the real agenda."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from typer.core import TyperGroup

from helpers import ALMATY, KYIV, TBILISI

SESSION_KEYS = {
    "id",
    "day",
    "title",
    "kind",
    "description",
    "lead",
    "location",
    "url",
    "start",
    "end",
    "start_utc",
    "end_utc",
    "timezone",
    "event_start",
    "event_end",
    "event_timezone",
    "duration_minutes",
    "room",
    "track",
    "speakers",
    "language",
    "links",
}
DAY_KEYS = {
    "day",
    "id",
    "date",
    "title",
    "theme",
    "start",
    "end",
    "start_utc",
    "end_utc",
    "timezone",
    "event_start",
    "event_end",
    "event_timezone",
    "sessions",
}
INFO_KEYS = {
    "id",
    "revision",
    "title",
    "subtitle",
    "region",
    "dates",
    "start",
    "end",
    "start_utc",
    "end_utc",
    "timezone",
    "event_timezone",
    "venue",
    "url",
    "organisers",
    "contacts",
    "about",
    "note",
    "participants",
}
MOMENT_KEYS = {"at", "timezone", "current", "next", "next_starts_in_seconds", "current_all", "next_all"}


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def as_json(result):
    return json.loads(ok(result).stdout)


# --- the JSON contract: keys pinned -------------------------------------------------


def test_session_and_day_keys_are_pinned(loci):
    days = as_json(loci("sessions", "--json", "--tz", ALMATY))
    assert all(set(d) == DAY_KEYS for d in days)
    assert all(set(s) == SESSION_KEYS for d in days for s in d["sessions"])


def test_days_json_is_day_objects_without_sessions(loci):
    days = as_json(loci("days", "--json", "--tz", KYIV))
    assert [set(d) for d in days] == [DAY_KEYS - {"sessions"}] * 4
    assert [d["date"] for d in days] == ["2020-11-10", "2020-11-12", "2020-11-17", "2020-11-19"]


def test_info_and_now_keys_are_pinned(loci):
    assert set(as_json(loci("info", "--json"))) == INFO_KEYS
    assert set(as_json(loci("now", "--json"))) == MOMENT_KEYS
    assert set(as_json(loci("show", "d1-welcome", "--json"))) == SESSION_KEYS


# --- each command ---------------------------------------------------------------------


def test_info(loci):
    info = as_json(loci("info", "--json", "--tz", TBILISI))
    assert info["dates"] == ["2020-11-10", "2020-11-12", "2020-11-17", "2020-11-19"]
    assert info["start"] == "2020-11-10T15:00:00+04:00"
    assert info["end"] == "2020-11-19T18:00:00+04:00"
    text = ok(loci("info", "--tz", TBILISI)).stdout
    for words in ("LOCI Regional Meeting", "Online × The Hague", "Hivos", "Shreya Basu (OGP)", "15:00–18:00 Asia/Tbilisi"):
        assert words in text


def test_days_table(loci):
    text = ok(loci("days", "--tz", ALMATY)).stdout
    assert "Times in Asia/Almaty (UTC+06:00); event zone Europe/Amsterdam" in text
    assert text.count("17:00–20:00") == 4
    assert text.count("12:00–15:00") == 4


def test_sessions_grouped_by_day(loci):
    text = ok(loci("sessions", "--tz", ALMATY)).stdout
    assert [line.split(" · ")[0] for line in text.splitlines() if line.startswith("Day ")] == [
        "Day 1",
        "Day 2",
        "Day 3",
        "Day 4",
    ]
    assert "d4-monitoring-incentive · IDFI" in text


def test_sessions_one_day(loci):
    days = as_json(loci("sessions", "--day", "2", "--json", "--tz", ALMATY))
    assert [d["day"] for d in days] == [2]
    assert [s["id"] for s in days[0]["sessions"]] == ["d2-plenary", "d2-country-breakouts", "d2-break", "d2-challenge-sharing"]


def test_today_table_shows_local_and_event_times_side_by_side(loci):
    text = ok(loci("today", "--tz", ALMATY, "--date", "2020-11-10")).stdout
    row = next(line for line in text.splitlines() if "Welcome" in line)
    assert row.split()[:2] == ["17:00–17:30", "12:00–12:30"]


@pytest.mark.parametrize("written", ["2020-11-12", "12 Nov 2020", "Nov 12, 2020", "12.11.2020"])
def test_today_reads_dates_as_people_write_them(loci, written):
    days = as_json(loci("today", "--tz", KYIV, "--date", written, "--json"))
    assert [d["day"] for d in days] == [2]


def test_today_defaults_to_today_in_the_chosen_zone(loci):
    # 23:30 UTC on 16 Nov is already 17 Nov in Almaty: Day 3.
    late = datetime(2020, 11, 16, 23, 30, tzinfo=timezone.utc)
    assert [d["day"] for d in as_json(loci("today", "--json", "--tz", ALMATY, now=late))] == [3]
    assert as_json(loci("today", "--json", "--tz", "UTC", now=late)) == []


def test_nothing_on_is_a_friendly_line_and_exit_0(loci):
    result = loci("today", "--tz", ALMATY, "--date", "2020-11-11")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Nothing on Wed 11 Nov 2020 in Asia/Almaty" in result.stderr
    assert "Day 1" in result.stderr or "Day 2" in result.stderr
    result = loci("today", "--tz", ALMATY, "--date", "2020-11-11", "--json")
    assert json.loads(result.stdout) == []
    assert "Nothing on" in result.stderr


def test_nearest_day_is_named(loci):
    assert "Day 4, Thu 19 Nov 2020 from 17:00" in loci("today", "--tz", ALMATY, "--date", "2021-01-01").stderr
    assert "Day 1, Tue 10 Nov 2020 from 17:00" in loci("today", "--tz", ALMATY, "--date", "2020-01-01").stderr


def test_now_during_a_session(loci):
    now = as_json(loci("now", "--tz", ALMATY, "--at", "2020-11-10 17:10", "--json"))
    assert now["at"] == "2020-11-10T17:10:00+06:00"
    assert now["current"]["id"] == "d1-welcome"
    assert now["next"]["id"] == "d1-celebrating-gains"
    assert now["next_starts_in_seconds"] == 20 * 60
    assert [s["id"] for s in now["current_all"]] == ["d1-welcome"]
    assert [s["id"] for s in now["next_all"]] == ["d1-celebrating-gains"]
    text = ok(loci("now", "--tz", ALMATY, "--at", "2020-11-10 17:10")).stdout
    assert "Welcome, setting the tone, and OC basics" in text and "starts in 20 min" in text


def test_now_between_days_and_after_the_end(loci):
    between = as_json(loci("now", "--tz", "UTC", "--at", "2020-11-11T09:00Z", "--json"))
    assert between["current"] is None
    assert between["next"]["id"] == "d2-plenary"
    assert between["next_starts_in_seconds"] == 26 * 3600
    after = as_json(loci("now", "--json"))
    assert after["current"] is None and after["next"] is None
    assert "the programme is over" in ok(loci("now")).stdout


def test_now_with_an_offset_is_that_instant(loci):
    now = as_json(loci("now", "--tz", KYIV, "--at", "2020-11-19T12:45:00+01:00", "--json"))
    assert now["at"] == "2020-11-19T13:45:00+02:00"
    assert now["current"]["id"] == "d4-monitoring-incentive"


def test_show(loci):
    session = as_json(loci("show", "d4-monitoring-incentive", "--tz", ALMATY, "--json"))
    assert session["lead"] == "IDFI"
    assert session["start"] == "2020-11-19T17:30:00+06:00"
    assert session["duration_minutes"] == 60
    text = ok(loci("show", "d4-monitoring-incentive", "--tz", ALMATY)).stdout
    assert "Transparent Public Procurement Rating" in text
    assert "17:30–18:30 Asia/Almaty" in text


def test_tz_from_environment_and_system(loci):
    assert as_json(loci("show", "d1-welcome", "--json", env={"LOCI_TZ": ALMATY}))["timezone"] == ALMATY
    assert as_json(loci("show", "d1-welcome", "--json", env={"TZ": TBILISI}))["timezone"] == TBILISI
    assert as_json(loci("show", "d1-welcome", "--json", "--tz", "asia/almaty"))["timezone"] == ALMATY


def test_agenda_option_and_env_var(loci):
    from helpers import FIXTURES

    fixture = str(FIXTURES / "minimal.json")
    assert [d["id"] for d in as_json(loci("days", "--json", "--agenda", fixture))] == ["one", "two"]
    assert [d["id"] for d in as_json(loci("days", "--json", env={"LOCI_AGENDA": fixture}))] == ["one", "two"]


def test_json_stdout_is_json_only(loci):
    for args in (["info"], ["days"], ["sessions"], ["today"], ["now"], ["show", "d1-break"]):
        result = ok(loci(*args, "--json", "--tz", ALMATY))
        json.loads(result.stdout)


def test_no_colour_codes_when_not_a_terminal(loci):
    result = loci("sessions", "--tz", ALMATY, env={"NO_COLOR": None})
    assert "\x1b[" not in result.stdout


def test_version(loci):
    from importlib.metadata import version

    import tzdata

    assert ok(loci("--version")).stdout.strip() == (
        f"loci {version('loci-cli')}, tzdata {tzdata.IANA_VERSION} (Python package {version('tzdata')})"
    )


def test_every_command_has_help(loci):
    from typer.main import get_command

    from loci_cli.cli.app import app

    group = get_command(app)
    assert isinstance(group, TyperGroup)
    for name, command in group.commands.items():
        assert command.help, name
        assert ok(loci(name, "--help")).stdout.startswith("Usage: loci " + name)


@pytest.mark.parametrize("spelling", ["20201110", "2020-W46-2", "2020W462", "2020-315", "2020315", "2020-11-10Z"])
def test_today_reads_every_iso_spelling_of_the_date(loci, spelling):
    """Issue 18: '--date 20201110' said 'Nothing on Sun 11 Oct 2020'."""
    days = as_json(loci("today", "--tz", ALMATY, "--date", spelling, "--json"))
    assert [day["date"] for day in days] == ["2020-11-10"]


def test_a_compact_date_is_never_read_month_last(loci):
    # '20201012' was read as 10 Dec 2020: it is 12 October, a day without sessions.
    result = loci("today", "--tz", ALMATY, "--date", "20201012")
    assert result.exit_code == 0 and "Mon 12 Oct 2020" in result.stderr


@pytest.mark.parametrize("spelling", ["20201110T1710", "20201110T171000+0600", "2020-W46-2T17:10", "2020-315T1110Z"])
def test_now_reads_compact_and_week_moments(loci, spelling):
    now = as_json(loci("now", "--tz", ALMATY, "--at", spelling, "--json"))
    assert now["at"] == "2020-11-10T17:10:00+06:00"
    assert now["current"]["id"] == "d1-welcome"
