"""The planner's minutes by interval arithmetic equal a minute-by-minute count (property tests).

The reference below reads the local wall clock at the start of every real
minute of a block and tallies its category: slow and obviously right. The
planner works from each zone's UTC-offset changes instead; both must agree for
any zone and date, DST-change days and zones at a half or three-quarter hour
included.
"""

from __future__ import annotations

import itertools
import zoneinfo
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loci_cli.core.hours import CATEGORIES, category_at, minutes_by_category
from loci_cli.core.places import Place
from loci_cli.core.plan import rank

pytestmark = pytest.mark.slow

# Since 1980 every zone's offset is a whole number of minutes (the last of the seconds,
# Monrovia's -0:44:30, ended in 1972), so a count by the minute is exact.
ZONES = sorted(k for k in zoneinfo.available_timezones() if not k.startswith(("SystemV/", "posixrules")))
ODD = ["Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe", "Australia/Adelaide", "Asia/Tehran"]
# Days on which a zone's clocks change: with the zone that changes, and one more.
CHANGES = [
    (date(2021, 3, 14), "America/New_York"),
    (date(2021, 11, 7), "America/New_York"),
    (date(2021, 3, 28), "Europe/London"),
    (date(2021, 10, 31), "Europe/Berlin"),
    (date(2021, 4, 4), "Australia/Lord_Howe"),  # back by half an hour
    (date(2021, 10, 3), "Australia/Lord_Howe"),
    (date(2022, 3, 22), "Asia/Tehran"),
    (date(2011, 12, 30), "Pacific/Apia"),  # a whole day skipped
    (date(2024, 3, 1), "Asia/Almaty"),  # UTC+6 to UTC+5 for good
]


def reference(start: datetime, end: datetime, zone: ZoneInfo) -> dict[str, int]:
    counted = dict.fromkeys(CATEGORIES, 0)
    moment = start
    while moment < end:
        counted[category_at(moment.astimezone(zone).time())] += 1
        moment += timedelta(minutes=1)
    return counted


instants = st.datetimes(min_value=datetime(1980, 1, 1), max_value=datetime(2037, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=timezone.utc)
)
near_changes = st.tuples(st.sampled_from(CHANGES), st.integers(-36 * 60, 36 * 60)).map(
    lambda pair: (datetime.combine(pair[0][0], time(), timezone.utc) + timedelta(minutes=pair[1]), pair[0][1])
)
zones = st.one_of(st.sampled_from(ZONES), st.sampled_from(ODD))


@settings(max_examples=200, deadline=None)
@given(
    start=st.one_of(instants.map(lambda i: (i, None)), near_changes),
    zone=zones,
    minutes=st.integers(0, 27 * 60),
)
def test_a_span_is_counted_as_a_minute_by_minute_count_does(start: tuple[datetime, str | None], zone: str, minutes: int) -> None:
    instant, changing = start
    where = ZoneInfo(changing or zone)
    end = instant + timedelta(minutes=minutes)
    assert minutes_by_category(instant.astimezone(where), end.astimezone(where)) == reference(instant, end, where)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    change=st.sampled_from(CHANGES),
    others=st.lists(zones, min_size=1, max_size=3),
    event=st.sampled_from(["UTC", "Europe/Amsterdam", "America/New_York", "Asia/Kolkata"]),
    hours=st.integers(1, 24),
    extra_days=st.lists(st.integers(-400, 400), max_size=2),
)
def test_every_candidate_is_scored_as_a_minute_by_minute_count_does(
    change: tuple[date, str], others: list[str], event: str, hours: int, extra_days: list[int]
) -> None:
    on, changing = change
    dates = sorted({on, *(on + timedelta(days=n) for n in extra_days)})
    places = [Place(z, ZoneInfo(z)) for z in dict.fromkeys([changing, *others])]
    planned = rank(places, dates, timedelta(hours=hours), event, step=timedelta(hours=3))
    for candidate in planned.candidates:
        for score in candidate.places:
            for block, minutes in zip(candidate.blocks, score.per_date, strict=True):
                assert minutes.as_dict() == reference(block.start, block.end, score.place.zone), (candidate.start, block)


def test_no_zone_changes_its_offset_and_back_within_the_probe() -> None:
    # offset_pieces probes a zone's offset once every PROBE: a change and its undoing
    # closer together than that would go unseen. The transitions are read from the
    # pure-Python zoneinfo, whose internals say them (the C one keeps them hidden).
    import importlib

    from loci_cli.core.hours import PROBE

    _zoneinfo = importlib.import_module("zoneinfo._zoneinfo")

    if not hasattr(_zoneinfo.ZoneInfo.no_cache("UTC"), "_trans_utc"):
        pytest.skip("this Python's pure zoneinfo keeps its transitions elsewhere")
    since = datetime(1900, 1, 1, tzinfo=timezone.utc).timestamp()
    closest = float("inf")
    for key in ZONES:
        zone = _zoneinfo.ZoneInfo.no_cache(key)
        before = zone._tti_before.utcoff if zone._tti_before else None
        changes = []
        for at, info in zip(zone._trans_utc, zone._ttinfos, strict=True):
            if info.utcoff != before:
                changes.append((at, before, info.utcoff))
            before = info.utcoff
        for (first, was, _), (second, _, back) in itertools.pairwise(changes):
            if back == was and first >= since:
                closest = min(closest, second - first)
    assert closest > PROBE.total_seconds()
