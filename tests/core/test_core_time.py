"""core/time.py, core/text.py and core/model.py: parsing, spelling offsets, wall clocks, words, the model's properties.

Every expected value is worked out from the zone's rules: Berlin is UTC+1 in
winter and +2 from 01:00 UTC on the last Sunday of March (28 March 2021) to
01:00 UTC on the last Sunday of October (31 October 2021); Almaty was UTC+6
until 1 March 2024 and is UTC+5 since; Auckland is UTC+13 in November.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from helpers import ALMATY, AUCKLAND, BERLIN, KATHMANDU, NEW_YORK, ST_JOHNS, make_day, make_model, make_session, utc, wall, zone
from loci_cli.core import time as ltime
from loci_cli.core.errors import AgendaInvalidError, LociError, NotFound, Problem
from loci_cli.views.words import plural

# --- offsets ----------------------------------------------------------------------------

HALF = timedelta(hours=5, minutes=30)


@pytest.mark.parametrize(
    ("offset", "utc_style", "iso", "compact", "short"),
    [
        (timedelta(hours=6), "UTC+06:00", "+06:00", "+0600", "+6"),
        (HALF, "UTC+05:30", "+05:30", "+0530", "+5:30"),
        (timedelta(hours=5, minutes=45), "UTC+05:45", "+05:45", "+0545", "+5:45"),
        (timedelta(hours=-3, minutes=-30), "UTC-03:30", "-03:30", "-0330", "-3:30"),
        (timedelta(hours=-1), "UTC-01:00", "-01:00", "-0100", "-1"),
        (timedelta(hours=14), "UTC+14:00", "+14:00", "+1400", "+14"),
        (timedelta(hours=-12), "UTC-12:00", "-12:00", "-1200", "-12"),
        (timedelta(0), "UTC+00:00", "+00:00", "+0000", "+0"),
        (None, "UTC+00:00", "+00:00", "+0000", "+0"),
    ],
)
def test_format_offset_in_every_style(offset, utc_style, iso, compact, short):
    assert ltime.format_offset(offset) == utc_style
    assert ltime.format_offset(offset, "utc") == utc_style
    assert ltime.format_offset(offset, "iso") == iso
    assert ltime.format_offset(offset, "compact") == compact
    assert ltime.format_offset(offset, "short") == short


def test_half_hour_offsets_keep_their_30_minutes():
    """Issue 9: ':30' dropped from half-hour offsets went unnoticed."""
    assert ltime.format_offset(HALF, "short") == "+5:30"
    assert ltime.format_offset(-HALF, "short") == "-5:30"
    assert ltime.offset_at(utc(2020, 11, 10, 11), zone(ST_JOHNS), "short") == "-3:30"  # NST, UTC-3:30
    assert ltime.offset_at(utc(2020, 11, 10, 11), zone(KATHMANDU), "iso") == "+05:45"


def test_offset_at_uses_the_rules_on_that_date():
    assert ltime.offset_at(utc(2020, 11, 10, 11), zone(ALMATY)) == "UTC+06:00"
    assert ltime.offset_at(utc(2024, 6, 1, 11), zone(ALMATY)) == "UTC+05:00"
    assert ltime.offset_at(utc(2020, 11, 10, 11), zone(AUCKLAND), "iso") == "+13:00"
    assert ltime.offset_at(utc(2020, 11, 10, 11), zone(NEW_YORK), "compact") == "-0500"
    # Berlin's spring change, to the minute: 00:59 UTC is still CET, 01:00 UTC is CEST.
    assert ltime.offset_at(utc(2021, 3, 28, 0, 59), zone(BERLIN)) == "UTC+01:00"
    assert ltime.offset_at(utc(2021, 3, 28, 1, 0), zone(BERLIN)) == "UTC+02:00"


# --- instants ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2020-11-10T11:00:00Z", "2020-11-10T11:00z", "2020-11-10T12:00:00+01:00", "2020-11-10T17:00+06:00", "2020-11-09T21:00:00-14:00"],
)
def test_parse_iso_reads_z_and_offsets_as_the_same_instant(text):
    parsed = ltime.parse_iso(text)
    assert parsed.utcoffset() is not None
    assert parsed == utc(2020, 11, 10, 11)


def test_parse_iso_leaves_a_wall_clock_naive():
    assert ltime.parse_iso("2020-11-10T12:00") == datetime(2020, 11, 10, 12, 0)
    assert ltime.parse_iso("2020-11-10T12:00").tzinfo is None


def test_iso_local_and_iso_utc():
    eleven = utc(2020, 11, 10, 11)
    assert ltime.iso_local(eleven, zone(ALMATY)) == "2020-11-10T17:00:00+06:00"
    assert ltime.iso_local(eleven, zone(AUCKLAND)) == "2020-11-11T00:00:00+13:00"
    assert ltime.iso_local(eleven, zone(NEW_YORK)) == "2020-11-10T06:00:00-05:00"
    assert ltime.iso_utc(wall(BERLIN, 2020, 11, 10, 12)) == "2020-11-10T11:00:00Z"
    assert ltime.iso_utc(wall(AUCKLAND, 2020, 11, 11, 0)) == "2020-11-10T11:00:00Z"


def test_utc_means_utc_whatever_the_machines_zone(system_zone):
    system_zone(ALMATY)
    assert ltime.iso_utc(wall(BERLIN, 2020, 11, 10, 12)) == "2020-11-10T11:00:00Z"
    assert ltime.iso_local(utc(2020, 11, 10, 11), zone(NEW_YORK)) == "2020-11-10T06:00:00-05:00"


def test_localize_attaches_the_zone_in_force_that_day():
    noon = ltime.localize(datetime(2020, 11, 10, 12), zone(BERLIN))
    assert noon.astimezone(timezone.utc) == utc(2020, 11, 10, 11)
    summer = ltime.localize(datetime(2021, 7, 1, 12), zone(BERLIN))
    assert summer.astimezone(timezone.utc) == utc(2021, 7, 1, 10)
    # Almaty's 17:00 was 11:00 UTC in 2020, whatever its offset is now.
    assert ltime.localize(datetime(2020, 11, 10, 17), zone(ALMATY)).astimezone(timezone.utc) == utc(2020, 11, 10, 11)


@pytest.mark.parametrize(
    ("name", "naive"),
    [(BERLIN, datetime(2021, 3, 28, 2, 30)), (NEW_YORK, datetime(2021, 3, 14, 2, 0)), (AUCKLAND, datetime(2020, 9, 27, 2, 59))],
)
def test_localize_refuses_a_wall_clock_that_the_spring_change_skips(name, naive):
    with pytest.raises(ValueError, match=f"{naive:%Y-%m-%d %H:%M} does not exist in {name}"):
        ltime.localize(naive, zone(name))


def test_localize_refuses_a_wall_clock_that_happens_twice_and_names_the_first():
    with pytest.raises(ValueError, match="2021-10-31 02:30 happens twice in Europe/Berlin") as caught:
        ltime.localize(datetime(2021, 10, 31, 2, 30), zone(BERLIN))
    assert "2021-10-31T02:30+02:00" in str(caught.value)


def test_localize_accepts_the_minutes_just_outside_the_changes():
    assert ltime.localize(datetime(2021, 3, 28, 1, 59), zone(BERLIN)).utcoffset() == timedelta(hours=1)
    assert ltime.localize(datetime(2021, 3, 28, 3, 0), zone(BERLIN)).utcoffset() == timedelta(hours=2)
    assert ltime.localize(datetime(2021, 10, 31, 1, 59), zone(BERLIN)).utcoffset() == timedelta(hours=2)
    assert ltime.localize(datetime(2021, 10, 31, 3, 0), zone(BERLIN)).utcoffset() == timedelta(hours=1)


def test_year_range_is_inclusive_at_both_ends():
    assert (ltime.MIN_YEAR, ltime.MAX_YEAR) == (1900, 2999)
    assert ltime.year_in_range(date(1900, 1, 1)) and ltime.year_in_range(date(2999, 12, 31))
    assert not ltime.year_in_range(date(1899, 12, 31)) and not ltime.year_in_range(date(3000, 1, 1))
    assert ltime.YEAR_RANGE == "between the years 1900 and 2999"


def test_minutes_between_is_whole_minutes_as_an_int():
    start = utc(2020, 11, 10, 11)
    ninety = ltime.minutes_between(start, start + timedelta(minutes=90))
    assert ninety == 90 and type(ninety) is int
    assert ltime.minutes_between(start, start + timedelta(minutes=90, seconds=59)) == 90
    # 01:30 to 03:30 Berlin wall clock on the spring-forward night is one hour.
    spring = ltime.minutes_between(
        wall(BERLIN, 2021, 3, 28, 1, 30).astimezone(timezone.utc), wall(BERLIN, 2021, 3, 28, 3, 30).astimezone(timezone.utc)
    )
    assert spring == 60


# --- words ------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "expected"), [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions"), (-1, "-1 sessions")])
def test_plural(count, expected):
    assert plural(count, "session") == expected


def test_plural_of_an_irregular_noun():
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"


# --- the model --------------------------------------------------------------------------


def test_duration_minutes_is_an_int_across_a_dst_change():
    """Issue 9: duration_minutes turned into a float went unnoticed."""
    session = make_session("s", wall(BERLIN, 2021, 3, 28, 1, 30), wall(BERLIN, 2021, 3, 28, 3, 30))
    assert session.duration_minutes == 60 and type(session.duration_minutes) is int
    odd = make_session("t", utc(2020, 11, 10, 11), utc(2020, 11, 10, 11, 45) + timedelta(seconds=30))
    assert odd.duration_minutes == 45 and type(odd.duration_minutes) is int


def test_is_break_is_the_break_kind_only():
    at = utc(2020, 11, 10, 11)
    assert make_session("b", at, at + timedelta(minutes=15), kind="break").is_break
    assert not make_session("t", at, at + timedelta(minutes=15), kind="talk").is_break
    assert not make_session("s", at, at + timedelta(minutes=15)).is_break  # the default kind is 'session'


def test_a_day_runs_from_its_first_start_to_its_latest_end():
    # A long workshop in one room outlasts the talk listed after it in another.
    workshop = make_session("w", utc(2020, 11, 10, 11), utc(2020, 11, 10, 15), room="A")
    talk = make_session("t", utc(2020, 11, 10, 12), utc(2020, 11, 10, 13), room="B")
    day = make_day(1, date(2020, 11, 10), [workshop, talk])
    assert day.start_at == utc(2020, 11, 10, 11)
    assert day.end_at == utc(2020, 11, 10, 15)


def test_agenda_zone_and_sessions_in_order():
    one = make_session("a", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12))
    two = make_session("b", utc(2020, 11, 12, 11), utc(2020, 11, 12, 12))
    first, second = make_day(1, date(2020, 11, 10), [one]), make_day(2, date(2020, 11, 12), [two])
    agenda = make_model([first, second], ALMATY)
    assert agenda.zone.key == ALMATY
    assert agenda.sessions() == [(first, one), (second, two)]


# --- errors -----------------------------------------------------------------------------


def test_an_error_line_says_where_what_and_the_hint():
    assert str(LociError("no such file")) == "no such file"
    assert repr(LociError("no such file")) == "LociError('no such file')"  # what a traceback or log shows
    assert str(LociError("no such file", where="x.json")) == "x.json: no such file"
    assert str(LociError("no such file", where="x.json", hint="check the path")) == "x.json: no such file (hint: check the path)"
    err = NotFound("there is no day 9", what="day", choices=["1", "2"])
    assert (err.what, err.choices, err.hint) == ("day", ("1", "2"), None)


def test_an_invalid_agenda_hints_at_fixing_only_its_last_problem():
    last = AgendaInvalidError([Problem("$.title", "missing")], source="a.json", format="loci")
    assert last.hint == "fix it and try again" and str(last) == "a.json: $.title: missing (hint: fix it and try again)"
    many = AgendaInvalidError([Problem("$.title", "missing")] * 3, source="a.json", format="loci")
    assert many.hint is None and (many.more, many.source, many.format) == (2, "a.json", "loci")


def test_problems_keep_their_path_and_every_one_is_kept():
    first, second = Problem("$.days[0].id", "missing"), Problem("$.title", "empty")
    assert str(first) == "$.days[0].id: missing"
    err = AgendaInvalidError([first, second])
    assert err.problems == [first, second] and str(err) == "$.days[0].id: missing"
