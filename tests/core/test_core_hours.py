"""core/hours.py: minutes of each kind of hour in a span, in the span's own zone.

Night is 22:00-06:00, early 06:00-08:00, working 08:00-18:00, evening 18:00-22:00.
"""

from __future__ import annotations

from datetime import datetime

from helpers import AUCKLAND, BERLIN, utc, wall, zone
from loci_cli.core.hours import describe, minutes_by_category


def minutes(working: int = 0, early: int = 0, evening: int = 0, night: int = 0) -> dict[str, int]:
    return {"working": working, "early": early, "evening": evening, "night": night}


def test_a_night_that_runs_into_the_next_working_day():
    # 23:00 to 10:00: seven hours of night, two early, two working.
    assert minutes_by_category(datetime(2020, 11, 10, 23), datetime(2020, 11, 11, 10)) == minutes(working=120, early=120, night=420)


def test_more_than_a_day():
    # 20:00 to 20:00 two days later: any 24 hours hold each category once, so twice over.
    assert minutes_by_category(datetime(2020, 11, 10, 20), datetime(2020, 11, 12, 20)) == minutes(
        working=1200, early=240, evening=480, night=960
    )


def test_a_naive_end_is_a_wall_clock_in_the_starts_zone(system_zone):
    system_zone("UTC")
    start = wall(BERLIN, 2020, 11, 10, 21)
    # 21:00-23:00 Berlin: an hour of evening, an hour of night; 23:00 is Berlin's, not the machine's.
    assert minutes_by_category(start, datetime(2020, 11, 10, 23)) == minutes(evening=60, night=60)


def test_an_aware_end_in_another_zone_is_the_same_instant(system_zone):
    system_zone(AUCKLAND)
    start = wall(BERLIN, 2020, 11, 10, 21)
    # 22:00 UTC is 23:00 in Berlin: the same two hours, counted on Berlin's clock.
    assert minutes_by_category(start, utc(2020, 11, 10, 22)) == minutes(evening=60, night=60)
    assert minutes_by_category(start, utc(2020, 11, 10, 22).astimezone(zone(AUCKLAND))) == minutes(evening=60, night=60)


def test_describe_names_the_bounds():
    assert describe("night") == "night (22:00–06:00)"
    assert describe("working") == "working (08:00–18:00)"
