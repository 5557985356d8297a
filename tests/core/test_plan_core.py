"""loci plan: the local-hour bounds, the score, the ranking, rotation and shifting.

Every expected figure is worked out by hand in the test from the zones' UTC
offsets on the date, never copied from the output.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpers import utc
from loci_cli.core import hours
from loci_cli.core.places import Place, agenda_places, zone_places
from loci_cli.core.plan import (
    Minutes,
    clock_text,
    current_start,
    longest_day,
    rank,
    rotate,
    shift,
    wall_instant,
)
from loci_cli.formats.load import load_agenda

UTC = timezone.utc
KOLKATA = ZoneInfo("Asia/Kolkata")  # UTC+5:30
NEW_YORK = ZoneInfo("America/New_York")  # clocks forward on 14 Mar 2021 at 07:00 UTC
LONDON = ZoneInfo("Europe/London")  # clocks forward on 28 Mar 2021, back on 31 Oct 2021, at 01:00 UTC
TIRANA = ZoneInfo("Europe/Tirane")  # UTC+1 in November 2020
ULAANBAATAR = ZoneInfo("Asia/Ulaanbaatar")  # UTC+8
# Twelve hours apart and never changing: no start suits both.
WEST = ZoneInfo("Etc/GMT+6")  # UTC-6 (the sign of Etc/ names is POSIX's, reversed)
EAST = ZoneInfo("Etc/GMT-6")  # UTC+6
MEETING_DAY_1 = date(2020, 11, 10)


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


def minutes(**by_category: int) -> dict[str, int]:
    return {name: by_category.get(name, 0) for name in hours.CATEGORIES}


# --- the bounds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (time(0), "night"),
        (time(5, 59), "night"),
        (time(6), "early"),
        (time(7, 59), "early"),
        (time(8), "working"),
        (time(17, 59), "working"),
        (time(18), "evening"),
        (time(21, 59), "evening"),
        (time(22), "night"),
        (time(23, 59), "night"),
    ],
)
def test_each_bound_belongs_to_the_category_it_opens(moment: time, expected: str) -> None:
    assert hours.category_at(moment) == expected


def test_the_least_convenient_category_a_span_touches() -> None:
    def on(hour: int, minute: int = 0, day: int = 10) -> datetime:
        return datetime(2020, 11, day, hour, minute)

    assert hours.category(on(9), on(18)) == "working"  # ends as the evening begins
    assert hours.category(on(17), on(18, 1)) == "evening"
    assert hours.category(on(7), on(9)) == "early"
    assert hours.category(on(21), on(22, 30)) == "night"
    assert hours.category(on(23, 30), on(0, 30, 11)) == "night"


def test_minutes_of_a_wall_clock_span_across_midnight() -> None:
    # 21:00-22:00 evening, then 22:00-01:00 night.
    assert hours.minutes_by_category(datetime(2020, 11, 10, 21), datetime(2020, 11, 11, 1)) == minutes(evening=60, night=180)
    # 05:00-06:00 night, 06:00-08:00 early, 08:00-18:00 working, 18:00-22:00 evening, 22:00-05:00 night: a whole day.
    whole = hours.minutes_by_category(datetime(2020, 11, 10, 5), datetime(2020, 11, 11, 5))
    assert whole == minutes(night=60 + 7 * 60, early=120, working=600, evening=240)


def test_an_empty_or_reversed_span_has_no_minutes() -> None:
    assert hours.minutes_by_category(datetime(2020, 11, 10, 9), datetime(2020, 11, 10, 9)) == minutes()
    assert hours.minutes_by_category(datetime(2020, 11, 10, 9), datetime(2020, 11, 10, 8)) == minutes()


def test_half_hour_offset() -> None:
    # 12:00-13:00 UTC is 17:30-18:30 in Kolkata (UTC+5:30): half working, half evening.
    span = utc(2020, 11, 10, 12).astimezone(KOLKATA), utc(2020, 11, 10, 13).astimezone(KOLKATA)
    assert hours.minutes_by_category(*span) == minutes(working=30, evening=30)


def test_real_minutes_across_a_spring_forward() -> None:
    # London, 28 Mar 2021: 00:30-01:00 UTC is 00:30-01:00 GMT, then clocks jump to 02:00 BST,
    # so 01:00-06:30 UTC is 02:00-07:30 BST. Night: 30 + 240 (02:00-06:00); early: 90 (06:00-07:30).
    # Six hours of real time, although the wall clock shows seven.
    span = utc(2021, 3, 28, 0, 30).astimezone(LONDON), utc(2021, 3, 28, 6, 30).astimezone(LONDON)
    assert hours.minutes_by_category(*span) == minutes(night=270, early=90)


def test_real_minutes_across_a_fall_back() -> None:
    # London, 31 Oct 2021: 00:00-03:00 UTC is 01:00 BST to 03:00 GMT; 01:00-02:00 happens twice.
    # Three hours of night, although the wall clock shows two.
    span = utc(2021, 10, 31, 0).astimezone(LONDON), utc(2021, 10, 31, 3).astimezone(LONDON)
    assert hours.minutes_by_category(*span) == minutes(night=180)


def test_the_bounds_are_described_once() -> None:
    assert hours.describe("night") == "night (22:00–06:00)"
    assert hours.describe("working") == "working (08:00–18:00)"


# --- the score on the LOCI agenda ---------------------------------------------------


@pytest.fixture(scope="module")
def loci_agenda():
    return load_agenda(None, {})


def test_loci_day_1_at_its_own_time(loci_agenda) -> None:
    places = agenda_places(loci_agenda)
    assert longest_day(loci_agenda) == timedelta(hours=3)  # 12:00-15:00 every day
    assert current_start(loci_agenda) == time(12)
    result = rank(places, [MEETING_DAY_1], longest_day(loci_agenda), loci_agenda.zone, current=time(12))
    now = result.current
    assert now is not None and now.start == time(12) and now.end == time(15)
    by_zone = {p.place.zone.key: p for p in now.places}
    # 12:00 CET is 11:00 UTC: 19:00-22:00 in Ulaanbaatar (UTC+8), the whole block evening;
    # 12:00-15:00 in Tirana (UTC+1), all of it working hours.
    assert by_zone["Asia/Ulaanbaatar"].minutes.as_dict() == minutes(evening=180)
    assert by_zone["Europe/Tirane"].minutes.as_dict() == minutes(working=180)
    assert now.worst_off_hours == 180 and now.worst_night == 0
    # Its rank: one more than the number of starts that score strictly better.
    assert now.rank == 1 + sum(1 for c in result.candidates if c.key < now.key)
    assert now.rank > 1


def test_loci_best_time_has_nobody_at_night(loci_agenda) -> None:
    result = rank(agenda_places(loci_agenda), [d.date for d in loci_agenda.days], timedelta(hours=3), loci_agenda.zone, current=time(12))
    best = result.candidates[0]
    assert best.rank == 1 and best.worst_night == 0
    # Tirana works 07:00-17:00 UTC, Ulaanbaatar 00:00-10:00 UTC: the three hours both
    # share are 07:00-10:00 UTC, 08:00-11:00 in Amsterdam (UTC+1). Every other
    # participant zone lies between them, so at 08:00 nobody is outside working hours.
    assert best.start == time(8) and best.key == (0, 0, 0)
    assert all(c.key > (0, 0, 0) for c in result.candidates[1:])
    assert result.current is not None
    # Four days of 19:00-22:00 in Ulaanbaatar.
    ulaanbaatar = next(p for p in result.current.places if p.place.zone.key == "Asia/Ulaanbaatar")
    assert ulaanbaatar.minutes.evening == 4 * 180
    assert len(ulaanbaatar.per_date) == 4


def test_places_come_from_participants_each_zone_a_place(loci_agenda) -> None:
    places = agenda_places(loci_agenda)
    zones_listed = [key for group in loci_agenda.participants for key in group.zones]
    assert sorted(p.zone.key for p in places) == sorted(zones_listed)
    assert all(p.weight == 1 for p in places)
    labels = {p.label for p in places}
    assert "Mongolia (Ulaanbaatar)" in labels and "Mongolia (Hovd)" in labels and "Albania" in labels
    # Ordered by their offset on the first day: Tirana (UTC+1) first, Ulaanbaatar (UTC+8) last.
    assert places[0].zone.utcoffset(datetime(2020, 11, 10, 12)) == timedelta(hours=1)
    assert places[-1].zone.key == "Asia/Ulaanbaatar"


# --- the ranking --------------------------------------------------------------------


def test_half_hour_zone_against_new_york() -> None:
    # 10 Nov 2020: Kolkata works 02:30-12:30 UTC, New York (UTC-5) 13:00-23:00 UTC. A one-hour block
    # starting at s (UTC) between 11:30 and 13:00 leaves Kolkata s-11:30 after 18:00 and New York
    # 13:00-s before 08:00; the larger of the two is least, 45 minutes each, at s = 12:15.
    places = [Place("Kolkata", KOLKATA), Place("New York", NEW_YORK)]
    result = rank(places, [MEETING_DAY_1], timedelta(hours=1), "UTC")
    best = result.best
    assert best.start == time(12, 15)
    kolkata, new_york = best.places
    assert kolkata.minutes.as_dict() == minutes(working=15, evening=45)  # 17:45-18:45
    assert new_york.minutes.as_dict() == minutes(early=45, working=15)  # 07:15-08:15
    assert best.key == (0, 45, 90)
    # Every other start leaves someone longer outside working hours.
    assert all(c.worst_off_hours > 45 or c.worst_night > 0 for c in result.candidates[1:])


def test_a_clock_change_in_a_participant_zone_counts_on_its_date() -> None:
    # 11:00-13:00 UTC in New York: 06:00-08:00 EST on 13 Mar 2021 (early, 120 minutes),
    # 07:00-09:00 EDT on 14 Mar, after clocks went forward at 07:00 UTC (60 early, 60 working).
    result = rank([Place("New York", NEW_YORK)], [date(2021, 3, 13), date(2021, 3, 14)], timedelta(hours=2), "UTC")
    eleven = next(c for c in result.candidates if c.start == time(11))
    (new_york,) = eleven.places
    assert [m.as_dict() for m in new_york.per_date] == [minutes(early=120), minutes(early=60, working=60)]
    assert new_york.minutes == Minutes(working=60, early=180)


def test_starts_a_clock_change_skips_or_repeats_in_the_event_zone_are_no_candidates() -> None:
    # London skips 01:00-02:00 on 28 Mar 2021 and repeats it on 31 Oct 2021.
    for on in (date(2021, 3, 28), date(2021, 10, 31)):
        result = rank([Place("Here", LONDON)], [on], timedelta(hours=1), LONDON)
        assert result.skipped == (time(1), time(1, 15), time(1, 30), time(1, 45))
        assert len(result.candidates) == 96 - 4
    # On 28 Mar a block from 00:30 lasts an hour of real time and ends at 02:30 BST.
    spring = rank([Place("Here", LONDON)], [date(2021, 3, 28)], timedelta(hours=1), LONDON)
    half_past = next(c for c in spring.candidates if c.start == time(0, 30))
    assert half_past.end == time(2, 30)
    assert half_past.places[0].minutes == Minutes(night=60)


def test_weights_multiply_minutes_and_decide() -> None:
    # WEST is UTC-6 and EAST UTC+6. A one-hour block at 08:00 WEST time is 20:00 in EAST
    # (60 evening there); at 20:00 WEST it is 08:00 in EAST (60 evening in WEST). Alone they tie,
    # and the tie goes to the start nearest the current one.
    alike = [Place("West", WEST), Place("East", EAST)]
    tied = rank(alike, [MEETING_DAY_1], timedelta(hours=1), WEST, current=time(20))
    assert tied.best.start == time(20)
    assert tied.best.key == (0, 60, 60)
    assert tied.current is not None and tied.current.rank == 1
    # Three people in the west: their evening weighs 180 minutes, so the starts that put it in
    # the east win: 08:00 to 09:00 WEST time (20:00 to 21:00 in EAST), and of those 09:00 is nearest.
    weighted = rank([Place("West", WEST, 3), Place("East", EAST)], [MEETING_DAY_1], timedelta(hours=1), WEST, current=time(20))
    assert [c.start for c in weighted.candidates[:5]] == [time(9), time(8, 45), time(8, 30), time(8, 15), time(8)]
    assert weighted.candidates[5].key > (0, 60, 60)
    assert weighted.best.key == (0, 60, 60)
    assert weighted.current is not None
    west = weighted.current.places[0]
    assert west.minutes.as_dict() == minutes(evening=3 * 60)
    assert weighted.current.key == (0, 180, 180)


def test_zone_places_merge_repeats_into_a_headcount() -> None:
    places = zone_places([KOLKATA, NEW_YORK, KOLKATA])
    assert [(p.label, p.zone.key, p.weight) for p in places] == [("Kolkata", "Asia/Kolkata", 2), ("New York", "America/New_York", 1)]


def test_a_weight_is_a_headcount() -> None:
    with pytest.raises(ValueError):
        Place("Nobody", KOLKATA, 0)


def test_between_keeps_blocks_inside_the_window() -> None:
    result = rank([Place("Kolkata", KOLKATA)], [MEETING_DAY_1], timedelta(hours=3), "UTC", between=(time(8), time(20)))
    # Starts 08:00, 08:15, ..., 17:00: 37 of them.
    assert [c.start for c in sorted(result.candidates, key=lambda c: c.start)] == [
        time(8 + m // 60, m % 60) for m in range(0, 9 * 60 + 1, 15)
    ]
    late = rank([Place("Kolkata", KOLKATA)], [MEETING_DAY_1], timedelta(hours=1), "UTC", between=(time(22), time(2)))
    assert sorted(c.start for c in late.candidates) == [
        time(0),
        time(0, 15),
        time(0, 30),
        time(0, 45),
        time(1),
        time(22),
        time(22, 15),
        time(22, 30),
        time(22, 45),
        time(23),
        time(23, 15),
        time(23, 30),
        time(23, 45),
    ]


def test_the_current_start_is_ranked_even_outside_the_window() -> None:
    result = rank([Place("Kolkata", KOLKATA)], [MEETING_DAY_1], timedelta(hours=1), "UTC", between=(time(3), time(6)), current=time(20))
    assert result.current is not None and result.current.start == time(20)
    # 20:00 UTC is 01:30 in Kolkata: night. Every start in the window is working hours there.
    assert result.current.rank == len(result.candidates) + 1


def test_nothing_to_plan_is_an_error() -> None:
    with pytest.raises(ValueError):
        rank([], [MEETING_DAY_1], timedelta(hours=1), "UTC")
    with pytest.raises(ValueError):
        rank([Place("Kolkata", KOLKATA)], [MEETING_DAY_1], timedelta(hours=3), "UTC", between=(time(8), time(10)))


# --- rotation -----------------------------------------------------------------------


def test_rotation_shares_the_evening_between_places_twelve_hours_apart() -> None:
    # Any one-hour block leaves WEST or EAST outside working hours for the whole hour (their
    # working hours, 14:00-24:00 and 02:00-12:00 UTC, are two hours apart), so a fixed time
    # costs one of them 60 minutes on each of two days: 120. Taking turns costs each 60.
    planned = rank([Place("West", WEST), Place("East", EAST)], [date(2021, 1, 4), date(2021, 1, 5)], timedelta(hours=1), WEST)
    assert planned.best.heaviest == 120
    rotation = rotate(planned)
    assert rotation.exhaustive
    assert rotation.heaviest == 60
    assert [p.minutes.burden for p in rotation.places] == [60, 60]
    assert rotation.fixed == planned.best
    # One day in each place's working hours.
    for day in rotation.days:
        assert sorted(m.burden for m in day.minutes) == [0, 60]


@pytest.mark.parametrize(
    ("zones", "dates"),
    [
        (["America/Los_Angeles", "Europe/London", "Asia/Tokyo"], [date(2021, 1, 4), date(2021, 1, 5), date(2021, 1, 6)]),
        # A clock change in New York between the dates makes them score differently.
        (["America/New_York", "Asia/Kolkata", "Australia/Sydney"], [date(2021, 3, 13), date(2021, 3, 14), date(2021, 3, 15)]),
        (["America/Sao_Paulo", "Asia/Kolkata", "Pacific/Auckland", "Europe/Berlin"], [date(2020, 11, 10), date(2020, 11, 12)]),
    ],
)
def test_no_place_gets_more_night_rotating_than_the_worst_off_at_the_best_fixed_time(zones: list[str], dates: list[date]) -> None:
    planned = rank([Place(z, ZoneInfo(z)) for z in zones], dates, timedelta(hours=2), "UTC", step=timedelta(hours=1))
    rotation = rotate(planned)
    assert rotation.exhaustive
    assert max(p.minutes.night for p in rotation.places) <= planned.best.worst_night
    assert rotation.key <= planned.best.key
    # The totals are the days' minutes added up.
    for p, total in enumerate(rotation.places):
        assert total.minutes == sum((day.minutes[p] for day in rotation.days), Minutes())


def test_rotation_on_the_loci_agenda_keeps_the_fair_fixed_time(loci_agenda) -> None:
    planned = rank(
        agenda_places(loci_agenda),
        [d.date for d in loci_agenda.days],
        longest_day(loci_agenda),
        loci_agenda.zone,
        current=current_start(loci_agenda),
    )
    rotation = rotate(planned)
    assert rotation.heaviest == 0
    assert [day.start for day in rotation.days] == [time(8)] * 4


# --- shifting -----------------------------------------------------------------------


def test_shift_moves_every_session_with_its_day(loci_agenda) -> None:
    moved = shift(loci_agenda, [time(8), time(9), time(12), time(7, 30)])
    # From 12:00 CET: 4 hours earlier, 3 hours earlier, unchanged, 4.5 hours earlier.
    deltas = [timedelta(hours=-4), timedelta(hours=-3), timedelta(0), timedelta(hours=-4, minutes=-30)]
    assert set(moved) == {s.id for _, s in loci_agenda.sessions()}
    for day, delta in zip(loci_agenda.days, deltas, strict=True):
        for session in day.sessions:
            assert moved[session.id] == (session.start_at + delta, session.end_at + delta)
    first = loci_agenda.days[0].sessions[0]
    assert clock_text(moved[first.id][0], loci_agenda.days[0].date, loci_agenda.zone) == "08:00"


def test_shift_refuses_a_start_the_clocks_skip() -> None:
    from loci_cli.formats.loci.read import parse_agenda

    london = parse_agenda(
        json.dumps(
            {
                "id": "spring",
                "title": "Spring",
                "timezone": "Europe/London",
                "days": [
                    {
                        "id": "d1",
                        "number": 1,
                        "date": "2021-03-28",
                        "title": "Day",
                        "sessions": [{"id": "s1", "start": "10:00", "end": "11:00", "title": "Talk"}],
                    }
                ],
            }
        )
    )
    with pytest.raises(ValueError, match="clock change"):
        shift(london, [time(1, 30)])  # London skips 01:00-02:00 that day
    # 03:00 that day is BST, clocks having gone forward at 01:00 UTC: 02:00 UTC.
    assert shift(london, [time(3)])["s1"] == (utc(2021, 3, 28, 2), utc(2021, 3, 28, 3))


def test_clock_text_says_a_time_as_an_agenda_does() -> None:
    on = date(2021, 10, 30)
    assert clock_text(utc(2021, 10, 30, 9), on, LONDON) == "10:00"  # BST
    # Past midnight: the full local date-time.
    assert clock_text(utc(2021, 10, 30, 23, 30), on, LONDON) == "2021-10-31T00:30"
    # 01:30 happens twice in London on 31 Oct 2021: the offset says which.
    assert clock_text(utc(2021, 10, 31, 0, 30), on, LONDON) == "2021-10-31T01:30+01:00"
    assert clock_text(utc(2021, 10, 31, 1, 30), on, LONDON) == "2021-10-31T01:30+00:00"


def test_wall_instant() -> None:
    assert wall_instant(date(2020, 11, 10), time(12), ZoneInfo("Europe/Amsterdam")) == utc(2020, 11, 10, 11)
    assert wall_instant(date(2021, 3, 28), time(1, 30), LONDON) is None
    assert wall_instant(date(2021, 10, 31), time(1, 30), LONDON) is None


# --- the command --------------------------------------------------------------------


def run_json(loci, *args: str) -> dict:
    result = loci("plan", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_plan_json_keys_and_the_loci_figures(loci) -> None:
    data = run_json(loci)
    assert {"event_timezone", "duration_minutes", "dates", "current", "candidates"} <= set(data)
    assert data["event_timezone"] == "Europe/Amsterdam"
    assert data["duration_minutes"] == 180 and isinstance(data["duration_minutes"], int)
    assert data["dates"] == ["2020-11-10", "2020-11-12", "2020-11-17", "2020-11-19"]
    assert len(data["candidates"]) == 5  # --top's default
    assert [c["rank"] for c in data["candidates"]] == [1, 2, 3, 4, 5]
    for candidate in [*data["candidates"], data["current"]]:
        assert {"rank", "start", "end", "places"} <= set(candidate)
        for place in candidate["places"]:
            assert {"place", "timezone", "weight", "minutes"} <= set(place)
            assert set(place["minutes"]) == {"working", "early", "evening", "night"}
            # Three hours on each of four dates, all of it in some category.
            assert sum(place["minutes"].values()) == 4 * 180 * place["weight"]
    current = data["current"]
    assert (current["start"], current["end"]) == ("12:00", "15:00")
    ulaanbaatar = next(p for p in current["places"] if p["timezone"] == "Asia/Ulaanbaatar")
    assert ulaanbaatar["minutes"] == minutes(evening=4 * 180)  # 19:00-22:00 on each date
    assert data["candidates"][0]["start"] == "08:00"
    assert all(p["minutes"]["working"] == 720 for p in data["candidates"][0]["places"])
    assert data["rotation"] is None and data["applied"] is None


def test_plan_text_names_the_current_rank(loci) -> None:
    rank = run_json(loci)["current"]["rank"]
    result = loci("plan", "--top", "2")
    assert result.exit_code == 0, result.stderr
    assert f"Now 12:00–15:00 ranks {rank}th of 96 start times; the best is 08:00–11:00." in result.stdout
    now_rows = [line for line in result.stdout.splitlines() if line.endswith("← now")]
    assert len(now_rows) == 1 and now_rows[0].split()[0] == str(rank)


def test_weights_from_the_agenda(loci, write_agenda, agenda_data) -> None:
    agenda_data["participants"] = [
        {"country": "Mongolia", "zones": ["Asia/Ulaanbaatar"], "weight": 3},
        {"country": "Albania", "zones": ["Europe/Tirane"]},
    ]
    data = run_json(loci, "--agenda", str(write_agenda(agenda_data)))
    albania, mongolia = data["current"]["places"]  # by offset: Tirana (UTC+1) first
    assert (albania["place"], albania["weight"], albania["minutes"]) == ("Albania", 1, minutes(working=720))
    assert (mongolia["place"], mongolia["weight"], mongolia["minutes"]) == ("Mongolia", 3, minutes(evening=3 * 720))


def test_a_weight_below_one_is_refused(loci, write_agenda, agenda_data) -> None:
    agenda_data["participants"] = [{"country": "Mongolia", "zones": ["Asia/Ulaanbaatar"], "weight": 0}]
    result = loci("plan", "--agenda", str(write_agenda(agenda_data)))
    assert result.exit_code == 1
    assert "$.participants[0].weight" in result.stderr and result.stdout == ""


def test_tz_places_with_a_half_hour_offset(loci) -> None:
    # As in test_half_hour_zone_against_new_york: 12:15 UTC is best, 13:15 in Amsterdam (UTC+1).
    data = run_json(loci, "--tz", "Asia/Kolkata", "--tz", "America/New_York", "--duration", "1h", "--date", "2020-11-10")
    best = data["candidates"][0]
    assert (best["start"], best["end"]) == ("13:15", "14:15")
    assert [p["minutes"] for p in best["places"]] == [minutes(working=15, evening=45), minutes(early=45, working=15)]
    assert data["dates"] == ["2020-11-10"] and data["duration_minutes"] == 60


def test_rotation_from_the_command_line(loci) -> None:
    # Twelve hours apart: a fixed hour costs one place 60 minutes on each of the 4 days;
    # taking turns, each carries 120.
    data = run_json(loci, "--tz", "UTC-06:00", "--tz", "UTC+06:00", "--duration", "1h", "--rotate")
    rotation = data["rotation"]
    assert (rotation["heaviest"], rotation["fixed_heaviest"], rotation["exhaustive"]) == (120, 240, True)
    assert [d["date"] for d in rotation["days"]] == data["dates"]
    assert rotation["fixed_start"] == data["candidates"][0]["start"]


def test_apply_writes_a_fairer_agenda(loci, tmp_path, agenda_data) -> None:
    moved = tmp_path / "moved.json"
    result = loci("plan", "--rotate", "--apply", str(moved))
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {moved} (revision {agenda_data['revision'] + 1})" in result.stdout
    written = json.loads(moved.read_text(encoding="utf-8"))
    assert written["revision"] == agenda_data["revision"] + 1
    assert [s["id"] for d in written["days"] for s in d["sessions"]] == [s["id"] for d in agenda_data["days"] for s in d["sessions"]]
    # Loaded back through loci's own checks: every day now starts at 08:00 in Amsterdam, 07:00 UTC.
    again = load_agenda(moved, environ={})
    assert [d.start_at for d in again.days] == [utc(d.year, d.month, d.day, 7) for d in (x.date for x in again.days)]
    # And 'loci zones' shows nobody outside working hours any more.
    zones = loci("zones", "--agenda", str(moved), "--json")
    assert zones.exit_code == 0, zones.stderr
    assert {c["category"] for row in json.loads(zones.stdout)["rows"] for c in row["cells"]} == {"working"}
    # Never over a file without --force.
    again_result = loci("plan", "--apply", str(moved))
    assert again_result.exit_code == 1 and "already exists" in again_result.stderr
    assert loci("plan", "--apply", str(moved), "--force").exit_code == 0


def test_apply_never_replaces_the_agenda_it_reads(loci, write_agenda, agenda_data) -> None:
    source = write_agenda(agenda_data)
    before = source.read_bytes()
    result = loci("plan", "--agenda", str(source), "--apply", str(source), "--force")
    assert result.exit_code == 2 and "would replace the agenda it reads" in result.stderr
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("--duration", "three hours"),
        ("--duration", "0m"),
        ("--duration", "25h"),
        ("--between", "08:00-09:00"),  # no 3-hour block fits
        ("--between", "8-20"),
        ("--between", "08:00-24:30"),
        ("--tz", "Asia/Almaty", "--attendees", "people.csv"),
        ("--apply", "x.json", "--date", "2020-11-10"),
        ("--apply", "-"),
        ("--top", "0"),
        ("--tz", "Nowhere/Atlantis"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(loci, args: tuple[str, ...]) -> None:
    result = loci("plan", *args)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_between_limits_the_candidates(loci) -> None:
    data = run_json(loci, "--between", "10:00-16:00", "--top", "100")
    # Three hours inside 10:00-16:00: starts 10:00 to 13:00, 13 of them.
    assert sorted(c["start"] for c in data["candidates"]) == [f"{10 + m // 60:02d}:{m % 60:02d}" for m in range(0, 181, 15)]


def test_attendees_are_counted_per_zone(loci, tmp_path) -> None:
    from loci_cli.formats.attendees import Person

    if "zone" not in Person.__dataclass_fields__:
        pytest.skip("the list of attendees has no zone column yet (issue 11's invitations add it)")
    people = tmp_path / "people.csv"
    people.write_text(
        "name,email,zone\nAda,ada@example.org,Asia/Almaty\nBo,bo@example.org,Asia/Almaty\n"
        "Cy,cy@example.org,Europe/Kyiv\nDee,dee@example.org,\n",
        encoding="utf-8",
    )
    result = loci("plan", "--attendees", str(people), "--json")
    assert result.exit_code == 0, result.stderr
    places = json.loads(result.stdout)["current"]["places"]
    assert [(p["timezone"], p["weight"]) for p in places] == [("Asia/Almaty", 2), ("Europe/Kyiv", 1)]
    # 12:00-15:00 CET is 17:00-20:00 in Almaty (UTC+6): 60 working and 120 evening a day, for two people.
    assert places[0]["minutes"] == minutes(working=2 * 4 * 60, evening=2 * 4 * 120)
    assert "1 of 4 attendees" in result.stderr and "no zone" in result.stderr


def test_attendees_without_any_zone(loci, tmp_path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("Ada,ada@example.org\n", encoding="utf-8")
    result = loci("plan", "--attendees", str(people))
    assert result.exit_code == 1 and "no attendee has a zone" in result.stderr and result.stdout == ""


def test_days_starting_at_different_times_have_no_current_slot(loci, write_agenda, agenda_data) -> None:
    for session in agenda_data["days"][1]["sessions"]:
        for end in ("start", "end"):
            hour, minute = session[end].split(":")
            session[end] = f"{int(hour) + 1:02d}:{minute}"
    path = str(write_agenda(agenda_data))
    assert run_json(loci, "--agenda", path)["current"] is None
    text = loci("plan", "--agenda", path)
    assert text.exit_code == 0 and "no one current slot" in text.stdout and "← now" not in text.stdout


@pytest.mark.parametrize("source", [None, "tests/fixtures/frab-nightcon.json"])
def test_the_agenda_file_written_reads_back_as_the_same_agenda(source) -> None:
    from loci_cli.formats.loci.read import parse_agenda
    from loci_cli.formats.loci.write import agenda_document

    path = None if source is None else Path(__file__).resolve().parents[2] / source
    agenda = load_agenda(path, environ={})
    assert parse_agenda(json.dumps(agenda_document(agenda))) == agenda
