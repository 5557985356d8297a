"""core/rules.py: a session's clock resolved to its instant, and the rules that span fields.

Drafts are plain namespaces with the attributes the rules read, so these tests
need no parser. Instants are worked out by hand from each zone's offset that day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace

import pytest

from helpers import ALMATY, AMSTERDAM, AUCKLAND, BERLIN, NEW_YORK, utc, zone
from loci_cli.core.errors import Problem
from loci_cli.core.rules import check, resolve

NOV10 = date(2020, 11, 10)


def draft_session(id: str, start, end, room: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=id, start=start, end=end, room=room)


def draft_day(number: int, on: date, sessions: list, id: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=id or f"day-{number}", number=number, date=on, sessions=sessions)


# --- resolve ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "clock", "expected"),
    [
        (AMSTERDAM, time(12), utc(2020, 11, 10, 11)),  # CET, UTC+1
        (ALMATY, time(17), utc(2020, 11, 10, 11)),  # UTC+6 in 2020, though +5 today
        (NEW_YORK, time(6), utc(2020, 11, 10, 11)),  # EST, UTC-5
        (AUCKLAND, time(0), utc(2020, 11, 9, 11)),  # NZDT, UTC+13: midnight on the 10th is the 9th in UTC
    ],
)
def test_a_time_of_day_is_that_wall_clock_on_the_days_date(name, clock, expected):
    assert resolve(clock, NOV10, zone(name)) == expected


def test_a_naive_datetime_is_a_wall_clock_on_its_own_date():
    # Past midnight: the end of a late session is written with its date.
    assert resolve(datetime(2020, 11, 11, 0, 30), NOV10, zone(AMSTERDAM)) == utc(2020, 11, 10, 23, 30)


def test_a_datetime_with_an_offset_is_taken_as_it_is():
    at = datetime(2021, 10, 31, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    resolved = resolve(at, date(2021, 10, 31), zone(BERLIN))
    assert resolved == utc(2021, 10, 31, 1, 30) and resolved.tzinfo is timezone.utc


def test_resolved_instants_are_utc():
    assert resolve(time(12), NOV10, zone(BERLIN)).tzinfo is timezone.utc


def test_a_time_of_day_with_an_offset_is_refused():
    with pytest.raises(ValueError, match="a time of day takes no offset"):
        resolve(time(12, tzinfo=timezone.utc), NOV10, zone(BERLIN))


@pytest.mark.parametrize("year", [1899, 3000])
def test_a_datetime_outside_the_years_is_refused(year):
    with pytest.raises(ValueError, match=f"{year}-01-01 is out of range; dates must lie between the years 1900 and 2999"):
        resolve(datetime(year, 1, 1, 12), NOV10, zone(BERLIN))


@pytest.mark.parametrize("year", [1900, 2999])
def test_the_edge_years_are_accepted(year):
    assert resolve(datetime(year, 6, 1, 12), NOV10, zone(BERLIN)).year == year


def test_a_skipped_wall_clock_is_refused():
    with pytest.raises(ValueError, match="does not exist"):
        resolve(time(2, 30), date(2021, 3, 28), zone(BERLIN))


# --- check ------------------------------------------------------------------------------


def test_a_valid_programme_has_no_problems_and_every_instant():
    days = [
        draft_day(1, NOV10, [draft_session("a", time(12), time(13)), draft_session("b", time(13), time(14))]),
        draft_day(2, date(2020, 11, 12), [draft_session("c", time(23, 30), datetime(2020, 11, 13, 0, 30))]),
    ]
    problems, instants, warnings = check(days, zone(AMSTERDAM))
    assert warnings == []
    assert problems == []
    assert instants == [
        [(utc(2020, 11, 10, 11), utc(2020, 11, 10, 12)), (utc(2020, 11, 10, 12), utc(2020, 11, 10, 13))],
        [(utc(2020, 11, 12, 22, 30), utc(2020, 11, 12, 23, 30))],
    ]


def test_day_ids_numbers_and_order():
    days = [
        draft_day(1, date(2020, 11, 12), [draft_session("a", time(12), time(13))], id="x"),
        draft_day(1, NOV10, [draft_session("b", time(12), time(13))], id="x"),
    ]
    problems, _, _ = check(days, zone(AMSTERDAM))
    assert problems == [
        Problem("$.days[1].id", "day id 'x' is used twice (also $.days[0])"),
        Problem("$.days[1].number", "day number 1 is used twice"),
        Problem("$.days[1].date", "2020-11-10 comes before the previous day's 2020-11-12; list days in order"),
    ]


def test_two_days_on_the_same_date_are_in_order():
    days = [draft_day(1, NOV10, [draft_session("a", time(10), time(11))]), draft_day(2, NOV10, [draft_session("b", time(12), time(13))])]
    assert check(days, zone(AMSTERDAM))[0] == []


def test_a_session_id_used_twice_names_both_places():
    days = [
        draft_day(1, NOV10, [draft_session("a", time(12), time(13))]),
        draft_day(2, date(2020, 11, 12), [draft_session("a", time(12), time(13))]),
    ]
    assert check(days, zone(AMSTERDAM))[0] == [
        Problem("$.days[1].sessions[0].id", "session id 'a' is used twice (also $.days[0].sessions[0])")
    ]


def test_sessions_that_end_when_or_before_they_start():
    days = [draft_day(1, NOV10, [draft_session("a", time(12), time(12)), draft_session("b", time(14), time(13))])]
    problems, instants, warnings = check(days, zone(AMSTERDAM))
    # A session of no length is a marker real schedules hold (36C3's zero-length event): a warning.
    assert warnings == [Problem("$.days[0].sessions[0].end", "the session ends when it starts (12:00); give it a length")]
    assert problems == [Problem("$.days[0].sessions[1].end", "the session ends (13:00) before it starts (14:00)")]
    assert instants[0][1] == (utc(2020, 11, 10, 13), utc(2020, 11, 10, 12))


def test_times_in_messages_are_the_event_zones_wall_clock():
    days = [draft_day(1, NOV10, [draft_session("a", time(17), time(16))])]
    assert check(days, zone(ALMATY))[0] == [Problem("$.days[0].sessions[0].end", "the session ends (16:00) before it starts (17:00)")]


def test_sessions_listed_out_of_order():
    days = [draft_day(1, NOV10, [draft_session("a", time(13), time(14)), draft_session("b", time(12), time(12, 30))])]
    assert check(days, zone(AMSTERDAM))[0] == [
        Problem(
            "$.days[0].sessions[1].start",
            "starts at 12:00, before the previous session 'a' starts at 13:00; list a day's sessions in order of start",
        )
    ]


def test_two_sessions_may_start_together_in_two_rooms():
    days = [draft_day(1, NOV10, [draft_session("a", time(12), time(13), "A"), draft_session("b", time(12), time(13), "B")])]
    assert check(days, zone(AMSTERDAM))[0] == []


def test_an_overlap_in_one_room_is_a_warning_and_following_on_at_once_is_none():
    follows = [draft_session("a", time(12), time(13), "A"), draft_session("b", time(13), time(14), "A")]
    assert check([draft_day(1, NOV10, follows)], zone(AMSTERDAM))[2] == []
    overlaps = [draft_session("a", time(12), time(13), "A"), draft_session("b", time(12, 59), time(14), "A")]
    problems, instants, warnings = check([draft_day(1, NOV10, overlaps)], zone(AMSTERDAM))
    assert problems == [] and None not in instants[0]
    assert warnings == [
        Problem(
            "$.days[0].sessions[1].start",
            "starts at 12:59, before the previous session 'a' in room 'A' ends at 13:00; the two overlap in the same room",
        )
    ]


def test_an_overlap_without_rooms_names_no_room():
    overlaps = [draft_session("a", time(12), time(13)), draft_session("b", time(12, 30), time(14))]
    assert check([draft_day(1, NOV10, overlaps)], zone(AMSTERDAM))[2] == [
        Problem(
            "$.days[0].sessions[1].start",
            "starts at 12:30, before the previous session 'a' ends at 13:00; the two overlap in the same room",
        )
    ]


def test_a_room_is_busy_until_its_latest_end():
    # A long workshop in room A, a talk in room B meanwhile, then a session in room A
    # that starts after the talk but while the workshop still runs.
    sessions = [
        draft_session("w", time(12), time(15), "A"),
        draft_session("x", time(13), time(14), "B"),
        draft_session("y", time(14, 30), time(16), "A"),
    ]
    assert [p.message.split(";")[0] for p in check([draft_day(1, NOV10, sessions)], zone(AMSTERDAM))[2]] == [
        "starts at 14:30, before the previous session 'w' in room 'A' ends at 15:00"
    ]


def test_an_unresolvable_clock_is_reported_at_its_field_and_has_no_instants():
    days = [draft_day(1, date(2021, 3, 28), [draft_session("a", time(2, 30), time(3, 30)), draft_session("b", time(4), time(5))])]
    problems, instants, _ = check(days, zone(BERLIN))
    assert [p.path for p in problems] == ["$.days[0].sessions[0].start"]
    assert "does not exist in Europe/Berlin" in problems[0].message
    assert instants == [[None, (utc(2021, 3, 28, 2), utc(2021, 3, 28, 3))]]


def test_every_problem_is_reported_at_once():
    days = [draft_day(1, NOV10, [draft_session("a", time(12), time(12)), draft_session("a", time(11), time(11, 30))])]
    problems, _, warnings = check(days, zone(AMSTERDAM))
    assert [p.path for p in problems] == ["$.days[0].sessions[1].id", "$.days[0].sessions[1].start"]
    assert [p.path for p in warnings] == ["$.days[0].sessions[0].end"]


@pytest.mark.parametrize(
    ("name", "on"),
    [
        (BERLIN, date(2021, 3, 28)),
        (BERLIN, date(2021, 10, 31)),
        ("Australia/Lord_Howe", date(2021, 4, 4)),  # clocks go back half an hour
        ("Australia/Lord_Howe", date(2021, 10, 3)),
        ("America/St_Johns", date(2021, 11, 7)),
        ("Pacific/Apia", date(2011, 12, 30)),  # a day that never happened: no wall clock exists
    ],
)
def test_the_fast_path_agrees_with_localize_at_every_minute_of_a_change_day(name, on):
    from loci_cli.core.time import localize

    tz = zone(name)
    for minute in range(0, 24 * 60, 5):
        clock = time(minute // 60, minute % 60)
        try:
            expected = localize(datetime.combine(on, clock), tz).astimezone(timezone.utc)
        except ValueError as err:
            with pytest.raises(ValueError, match=str(err).split(" (")[0]):
                resolve(clock, on, tz)
        else:
            assert resolve(clock, on, tz) == expected
