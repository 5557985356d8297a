"""core/queries.py: which day, which session, what is on at a moment, filters.

The agenda below is built from instants, in Berlin (UTC+1 in November):
  day 1, Tue 10 Nov 2020: opening 12:00-13:00 (Main), talk 13:00-14:00 (Main) beside a
      workshop 13:00-15:00 (Side), late 22:00-24:00 (Main: ends exactly at local midnight)
  day 2, Thu 12 Nov 2020: closing 12:00-13:00 (Main)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from helpers import AUCKLAND, BERLIN, NEW_YORK, make_day, make_model, make_session, utc, wall, zone
from loci_cli.core.errors import NotFound, NothingToExport
from loci_cli.core.queries import (
    Filter,
    Slot,
    days_on,
    find_day,
    find_session,
    languages,
    local_day_bounds,
    make_filter,
    moment,
    narrowed,
    nearest_day,
    rooms,
    select,
    starred_in,
)

NOV10, NOV11, NOV12 = date(2020, 11, 10), date(2020, 11, 11), date(2020, 11, 12)

OPENING = make_session(
    "d1-opening",
    wall(BERLIN, 2020, 11, 10, 12),
    wall(BERLIN, 2020, 11, 10, 13),
    room="Main",
    kind="plenary",
    title="Opening",
    track="Plenary",
    description="Welcome words",
)
TALK = make_session(
    "d1-talk",
    wall(BERLIN, 2020, 11, 10, 13),
    wall(BERLIN, 2020, 11, 10, 14),
    room="Main",
    title="Maps of water",
    track="Science",
    speakers=("Ada Lovelace",),
)
WORKSHOP = make_session(
    "d1-workshop",
    wall(BERLIN, 2020, 11, 10, 13),
    wall(BERLIN, 2020, 11, 10, 15),
    room="Side",
    title="Mapping workshop",
    track="Science",
    kind="workshop",
)
LATE = make_session("d1-late", wall(BERLIN, 2020, 11, 10, 22), wall(BERLIN, 2020, 11, 11, 0), room="Main", title="Late social")
CLOSING = make_session("d2-closing", wall(BERLIN, 2020, 11, 12, 12), wall(BERLIN, 2020, 11, 12, 13), room="Main", title="Closing")
DAY1 = make_day(1, NOV10, [OPENING, TALK, WORKSHOP, LATE])
DAY2 = make_day(2, NOV12, [CLOSING])
AGENDA = make_model([DAY1, DAY2], BERLIN)


# --- finding ----------------------------------------------------------------------------


def test_find_day_by_number():
    assert find_day(AGENDA, 2) is DAY2


def test_an_unknown_day_lists_the_days():
    with pytest.raises(NotFound, match="there is no day 3") as caught:
        find_day(AGENDA, 3)
    assert caught.value.what == "day" and caught.value.choices == ("1", "2")


def test_find_session_exactly_or_in_any_case():
    assert find_session(AGENDA, "d1-talk") == Slot(DAY1, TALK)
    assert find_session(AGENDA, "D2-Closing") == Slot(DAY2, CLOSING)


def test_an_unknown_session_suggests_close_ids():
    with pytest.raises(NotFound, match="there is no session 'd1-tlak'") as caught:
        find_session(AGENDA, "d1-tlak")
    assert caught.value.what == "session"
    assert caught.value.hint is not None and caught.value.hint.startswith("did you mean d1-talk")
    with pytest.raises(NotFound) as far:
        find_session(AGENDA, "zzzzzzzz")
    assert far.value.hint is None


# --- days and dates ---------------------------------------------------------------------


def test_local_day_bounds_are_local_midnights():
    begin, end = local_day_bounds(NOV10, zone(BERLIN))
    assert (begin, end) == (utc(2020, 11, 9, 23), utc(2020, 11, 10, 23))
    # The spring-forward day in Berlin is 23 hours long (subtracted in UTC: within
    # one tzinfo Python subtracts wall clocks).
    begin, end = local_day_bounds(date(2021, 3, 28), zone(BERLIN))
    assert (begin, end) == (utc(2021, 3, 27, 23), utc(2021, 3, 28, 22))


def test_a_session_ending_exactly_at_local_midnight_is_not_on_the_next_date():
    """Issue 9: a session ending at 24:00 was also listed on the next date, unnoticed."""
    assert days_on(AGENDA, NOV10, zone(BERLIN)) == [DAY1]
    assert days_on(AGENDA, NOV11, zone(BERLIN)) == []
    # One minute later in New York (UTC-5) the late social is 16:00-18:00 on the 10th.
    assert days_on(AGENDA, NOV11, zone(NEW_YORK)) == []


def test_a_session_starting_exactly_at_local_midnight_is_on_that_date_only():
    midnight = make_session("m", wall(BERLIN, 2020, 11, 11, 0), wall(BERLIN, 2020, 11, 11, 1))
    agenda = make_model([make_day(1, NOV11, [midnight])], BERLIN)
    assert days_on(agenda, NOV10, zone(BERLIN)) == []
    assert [d.number for d in days_on(agenda, NOV11, zone(BERLIN))] == [1]


def test_in_auckland_day_ones_evening_is_the_next_date():
    # 22:00 Berlin (21:00 UTC) is 10:00 on the 11th in Auckland (UTC+13); 12:00 Berlin is 00:00 on the 11th.
    assert days_on(AGENDA, NOV10, zone(AUCKLAND)) == []
    assert days_on(AGENDA, NOV11, zone(AUCKLAND)) == [DAY1]
    assert days_on(AGENDA, NOV12, zone(AUCKLAND)) == []
    assert days_on(AGENDA, date(2020, 11, 13), zone(AUCKLAND)) == [DAY2]


@pytest.mark.parametrize(("on", "expected"), [(date(2020, 11, 1), 1), (NOV11, 1), (date(2020, 11, 30), 2)])
def test_nearest_day(on, expected):
    # On the 11th (Berlin): day 1 ended at its midnight (0 h before), day 2 starts 36 h after the 11th ends.
    assert nearest_day(AGENDA, on, zone(BERLIN)).number == expected


def test_nearest_day_measures_from_both_ends():
    # From Wed 11 Nov in New York (05:00 UTC 11th to 05:00 UTC 12th): day 1 ended 6 h before
    # (23:00 UTC on the 10th), day 2 starts 6 h after (11:00 UTC on the 12th): a tie, the first wins.
    assert nearest_day(AGENDA, NOV11, zone(NEW_YORK)).number == 1
    # From the 12th in Auckland (11:00 UTC 11th to 11:00 UTC 12th): day 2 starts at its end, 0 h; day 1 12 h before.
    assert nearest_day(AGENDA, NOV12, zone(AUCKLAND)).number == 2


# --- now and next -----------------------------------------------------------------------


def test_at_a_sessions_start_it_is_current():
    now = moment(AGENDA, OPENING.start_at)
    assert now.current == Slot(DAY1, OPENING)
    assert now.next == Slot(DAY1, TALK)
    assert now.until_next == timedelta(hours=1)


def test_at_a_sessions_end_instant_it_is_no_longer_current():
    """Issue 9: `now` at a session's end instant still called it current, unnoticed."""
    now = moment(AGENDA, LATE.end_at)
    assert now.current is None and now.current_all == ()
    assert now.next == Slot(DAY2, CLOSING)
    # 00:00 on the 11th to 12:00 on the 12th, Berlin.
    assert now.until_next == timedelta(hours=36)


def test_one_minute_before_the_end_it_is_still_current():
    now = moment(AGENDA, LATE.end_at - timedelta(minutes=1))
    assert now.current == Slot(DAY1, LATE)


def test_parallel_rooms_are_all_current_and_all_next():
    before = moment(AGENDA, OPENING.start_at + timedelta(minutes=30))
    assert before.next == Slot(DAY1, TALK)
    assert before.next_all == (Slot(DAY1, TALK), Slot(DAY1, WORKSHOP))
    during = moment(AGENDA, TALK.start_at + timedelta(minutes=30))
    assert during.current == Slot(DAY1, TALK)
    assert during.current_all == (Slot(DAY1, TALK), Slot(DAY1, WORKSHOP))
    # After the talk ends, the workshop alone runs on; the late social is next.
    after = moment(AGENDA, TALK.end_at)
    assert after.current_all == (Slot(DAY1, WORKSHOP),) and after.next == Slot(DAY1, LATE)


def test_before_and_after_the_meeting():
    early = moment(AGENDA, utc(2020, 1, 1))
    assert early.current is None and early.next == Slot(DAY1, OPENING)
    assert early.next_all == (Slot(DAY1, OPENING),)
    late = moment(AGENDA, utc(2021, 1, 1))
    assert late.current is None and late.next is None and late.until_next is None
    assert late.next_all == ()


def test_moment_within_a_filter():
    only_side = Filter(room="Side")
    now = moment(AGENDA, OPENING.start_at, only_side)
    assert now.current is None and now.next == Slot(DAY1, WORKSHOP)


# --- filters ----------------------------------------------------------------------------


def test_an_empty_filter_is_false_and_matches_everything():
    assert not Filter()
    assert not Filter(search="")
    assert all(Filter().matches(s) for _, s in AGENDA.sessions())


@pytest.mark.parametrize("only", [Filter(room="Main"), Filter(track="Science"), Filter(search="x")])
def test_any_part_makes_a_filter_true(only):
    assert only


def test_room_and_track_match_exactly():
    assert [s.id for _, s in AGENDA.sessions() if Filter(room="Side").matches(s)] == ["d1-workshop"]
    assert [s.id for _, s in AGENDA.sessions() if Filter(track="Science").matches(s)] == ["d1-talk", "d1-workshop"]
    assert [s.id for _, s in AGENDA.sessions() if Filter(room="Main", track="Science").matches(s)] == ["d1-talk"]


@pytest.mark.parametrize(
    ("search", "ids"),
    [
        ("map", ["d1-talk", "d1-workshop"]),  # titles, any case
        ("MAPPING workshop", ["d1-workshop"]),  # every word must be found
        ("lovelace", ["d1-talk"]),  # speakers
        ("welcome", ["d1-opening"]),  # description
        ("plenary", ["d1-opening"]),  # kind and track
        ("side", ["d1-workshop"]),  # room
        ("d2-", ["d2-closing"]),  # id
        ("maps nowhere", []),
    ],
)
def test_search_looks_in_every_field_for_every_word(search, ids):
    assert [s.id for _, s in AGENDA.sessions() if Filter(search=search).matches(s)] == ids


def test_a_search_never_spans_two_fields():
    # The talk's title ends 'water' and its speaker is 'Ada Lovelace': text joined across
    # fields is found in no session, nor is what a separator between fields could add.
    assert not any(Filter(search=word).matches(s) for _, s in AGENDA.sessions() for word in ("xx", "waterada", "water ada lovelace x"))
    assert Filter(search="water ada").matches(TALK)


def test_describe_names_each_part():
    assert Filter(room="Main", track="Science", search="maps").describe() == "room 'Main', track 'Science', search 'maps'"
    assert Filter(search="maps").describe() == "search 'maps'"
    assert Filter().describe() == ""


def test_make_filter_uses_the_agendas_spelling():
    only = make_filter(AGENDA, room=" main ", track="SCIENCE", search="  maps  ")
    assert only == Filter(room="Main", track="Science", search="maps")
    assert make_filter(AGENDA, search="   ") == Filter()


def test_make_filter_refuses_an_unknown_room_with_a_hint():
    with pytest.raises(NotFound, match="there is no room 'Mian'") as close:
        make_filter(AGENDA, room="Mian")
    assert close.value.hint == "did you mean 'Main'?" and close.value.choices == ("Main", "Side")
    with pytest.raises(NotFound) as far:
        make_filter(AGENDA, track="Cooking")
    assert far.value.hint == "the tracks are 'Plenary', 'Science'"


def test_an_agenda_without_rooms_says_so():
    bare = make_model([make_day(1, NOV10, [make_session("a", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12))])])
    with pytest.raises(NotFound) as caught:
        make_filter(bare, room="Main")
    assert caught.value.hint == "this agenda names no rooms"


def test_select_keeps_days_with_sessions_that_pass():
    assert select(AGENDA.days) == [(DAY1, [OPENING, TALK, WORKSHOP, LATE]), (DAY2, [CLOSING])]
    assert select(AGENDA.days, Filter(room="Side")) == [(DAY1, [WORKSHOP])]
    assert select(AGENDA.days, Filter(search="closing")) == [(DAY2, [CLOSING])]


def test_rooms_in_order_of_first_appearance():
    assert rooms(AGENDA) == ["Main", "Side"]


def test_unknown_names_are_told_with_what_they_are():
    bare = make_model([make_day(1, NOV10, [make_session("a", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12))])])
    with pytest.raises(NotFound) as none:
        make_filter(bare, room="Main")
    assert (none.value.message, none.value.what) == ("there is no room 'Main'", "room")
    with pytest.raises(NotFound) as far:
        make_filter(AGENDA, track="Cooking")
    assert (far.value.message, far.value.what) == ("there is no track 'Cooking'", "track")


def test_several_close_rooms_are_all_offered():
    sessions = [
        make_session(f"s{i}", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12), room=room)
        for i, room in enumerate(["Hall A", "Hall B", "Hall C", "Hall D"])
    ]
    with pytest.raises(NotFound) as caught:
        make_filter(make_model([make_day(1, NOV10, sessions)]), room="Hall")
    hint = caught.value.hint
    assert hint is not None and hint.startswith("did you mean 'Hall ") and hint.count("', '") == 2  # three offered


@pytest.mark.parametrize(("count", "listed"), [(20, True), (21, False)])
def test_up_to_twenty_rooms_are_listed_when_none_is_close(count, listed):
    sessions = [make_session(f"s{i}", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12), room=f"R{i:02d}") for i in range(count)]
    with pytest.raises(NotFound) as caught:
        make_filter(make_model([make_day(1, NOV10, sessions)]), room="Zebra lounge")
    if listed:
        assert caught.value.hint == "the rooms are " + ", ".join(f"'R{i:02d}'" for i in range(count))
    else:
        assert caught.value.hint is None
    assert len(caught.value.choices) == count


def test_at_most_three_close_session_ids_are_offered():
    sessions = [make_session(f"s-{c}", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12)) for c in "abcd"]
    with pytest.raises(NotFound) as caught:
        find_session(make_model([make_day(1, NOV10, sessions)]), "s-")
    hint = caught.value.hint
    assert hint is not None and re.fullmatch(r"did you mean s-[a-d], s-[a-d], s-[a-d]\?", hint), hint


# --- the language a session is held in, and a participant's starred sessions ------------------

SPOKEN = make_model(
    [
        make_day(
            1,
            NOV10,
            [
                make_session("en-1", utc(2020, 11, 10, 9), utc(2020, 11, 10, 10), language="en"),
                make_session("ru-1", utc(2020, 11, 10, 10), utc(2020, 11, 10, 11), language="ru"),
                make_session("none", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12)),
                make_session("en-2", utc(2020, 11, 10, 12), utc(2020, 11, 10, 13), language="EN"),
            ],
        )
    ]
)


def test_a_language_filter_matches_in_any_letter_case_and_never_a_session_without_one():
    assert [s.id for _, s in SPOKEN.sessions() if Filter(language="en").matches(s)] == ["en-1", "en-2"]
    assert [s.id for _, s in SPOKEN.sessions() if Filter(language="RU").matches(s)] == ["ru-1"]
    assert Filter(language="ru")
    assert Filter(language="ru").describe() == "held in 'ru'"


def test_make_filter_takes_the_agendas_spelling_of_a_language_and_refuses_others():
    assert make_filter(SPOKEN, language=" ru ").language == "ru"
    with pytest.raises(NotFound, match="there is no session language 'de'") as caught:
        make_filter(SPOKEN, language="de")
    assert caught.value.what == "session language"
    with pytest.raises(NotFound) as bare:
        make_filter(AGENDA, language="en")
    assert bare.value.hint == "this agenda names no session languages"


def test_languages_in_order_of_first_appearance():
    assert languages(SPOKEN) == ["en", "ru", "EN"]
    assert languages(AGENDA) == []


def test_a_starred_filter_keeps_exactly_the_starred_ids_and_an_empty_one_keeps_none():
    only = Filter(starred=frozenset({"d1-talk", "d2-closing", "gone"}))
    assert only and only.describe() == "starred"
    assert [s.id for _, s in AGENDA.sessions() if only.matches(s)] == ["d1-talk", "d2-closing"]
    # Asked for, with nothing starred: nothing passes (not everything).
    nothing = Filter(starred=frozenset())
    assert nothing and not any(nothing.matches(s) for _, s in AGENDA.sessions())
    assert select(AGENDA.days, nothing) == []
    assert make_filter(AGENDA, starred=frozenset({"d1-talk"})).starred == frozenset({"d1-talk"})


def test_starred_and_other_parts_must_all_hold():
    both = Filter(room="Main", starred=frozenset({"d1-talk", "d1-workshop"}))
    assert [s.id for _, s in AGENDA.sessions() if both.matches(s)] == ["d1-talk"]
    assert both.describe() == "room 'Main', starred"


def test_moment_within_a_starred_filter_skips_to_the_next_starred():
    at = wall(BERLIN, 2020, 11, 10, 12, 30)
    found = moment(AGENDA, at, Filter(starred=frozenset({"d1-late"})))
    assert found.current is None and found.next is not None and found.next.session.id == "d1-late"


def test_starred_in_keeps_programme_order_and_reports_ids_gone():
    found = starred_in(AGENDA, ["d2-closing", "gone", "d1-opening", "d1-opening", "also-gone"])
    assert [slot.session.id for slot in found.slots] == ["d1-opening", "d2-closing"]
    assert found.slots[0].day == DAY1
    assert found.missing == ("gone", "also-gone")
    assert starred_in(AGENDA, []) == ((), ())


def test_narrowed_keeps_the_ids_and_only_days_left_with_sessions():
    only = narrowed(AGENDA, Filter(starred=frozenset({"d2-closing"})))
    assert [d.number for d in only.days] == [2]
    assert only.days[0].sessions == (CLOSING,) and only.id == AGENDA.id
    with pytest.raises(NothingToExport, match="no session matches starred"):
        narrowed(AGENDA, Filter(starred=frozenset()))
