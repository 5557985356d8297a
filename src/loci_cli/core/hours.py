"""What a local hour means for someone attending from there: the one place the bounds live.

Night is 22:00-06:00, early 06:00-08:00, working 08:00-18:00 and evening
18:00-22:00, all local wall-clock time. `loci zones` colours cells by them and
`loci plan` scores candidate times with them.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta, timezone, tzinfo

#: The categories, from the most to the least convenient.
CATEGORIES = ("working", "early", "evening", "night")

#: Each category's local span [start, end); night wraps past midnight.
BOUNDS: dict[str, tuple[time, time]] = {
    "night": (time(22), time(6)),
    "early": (time(6), time(8)),
    "working": (time(8), time(18)),
    "evening": (time(18), time(22)),
}

# The wall-clock times at which the category changes, in the order of the day.
_BOUNDARIES = tuple(sorted(start for start, _ in BOUNDS.values()))
# Transitions closer together than this that cancel out (an offset changed and
# changed back) would go unseen. Since 1900 the closest such pair in the zone
# database is 95 hours apart (Africa/Freetown, 1939), and the tests check it.
PROBE = timedelta(days=1)


def category_at(moment: time) -> str:
    """The category of one local wall-clock time."""
    for name, (start, end) in BOUNDS.items():
        inside = start <= moment < end if start < end else (moment >= start or moment < end)
        if inside:
            return name
    raise AssertionError(f"the bounds leave {moment} uncovered")  # pragma: no cover


def category(start: datetime, end: datetime) -> str:
    """The least convenient kind of hour the local span [start, end) touches."""
    begin, finish = start.replace(tzinfo=None), end.replace(tzinfo=None)
    touched = {category_at(begin.time())}
    on = begin.date()
    while on <= finish.date():
        for boundary in _BOUNDARIES:
            wall = datetime.combine(on, boundary)
            if begin < wall < finish:
                touched.add(category_at(boundary))
        on += timedelta(days=1)
    return max(touched, key=CATEGORIES.index)


def minutes_by_category(start_local: datetime, end_local: datetime) -> dict[str, int]:
    """The minutes of the span [start, end) spent in each category, in its own zone.

    Aware datetimes count real elapsed minutes, with the wall clock read in their
    zone (``start_local.tzinfo``) on either side of any clock change inside the
    span: three hours across a spring-forward night are 180 minutes of night, not
    the four hours the wall clock shows. Naive datetimes are read as a wall clock
    that never changes. The span may cross midnight; an empty or reversed span
    has no minutes.
    """
    zone: tzinfo = start_local.tzinfo or timezone.utc
    begin = _seconds(start_local.replace(tzinfo=zone))
    finish = _seconds(end_local if end_local.tzinfo else end_local.replace(tzinfo=zone))
    counted = [0.0] * len(CATEGORIES)
    for piece_start, piece_end, offset in offset_pieces(zone, begin, finish):
        for n, value in enumerate(wall_seconds(piece_start + offset, piece_end + offset)):
            counted[n] += value
    return {name: round(value / 60) for name, value in zip(CATEGORIES, counted, strict=True)}


# --- interval arithmetic ------------------------------------------------------------
# Times below are seconds since 1970-01-01 00:00 (UTC, or a wall clock read as if it
# were UTC): a category's seconds in a wall-clock span are a difference of two sums
# from a fixed origin, so a span costs the same whatever its length.

_DAY = 86_400
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _seconds_of(at: time) -> int:
    return at.hour * 3600 + at.minute * 60 + at.second


def _day_spans(name: str) -> tuple[tuple[int, int], ...]:
    start, end = (_seconds_of(t) for t in BOUNDS[name])
    return ((start, end),) if start < end else ((0, end), (start, _DAY))


# Each category's spans of one day, in CATEGORIES' order, and its seconds in a whole day.
_SPANS = tuple(_day_spans(name) for name in CATEGORIES)
_PER_DAY = tuple(sum(end - start for start, end in spans) for spans in _SPANS)


def _seconds(moment: datetime) -> float:
    return (moment - _EPOCH).total_seconds()


def _upto(wall: float) -> tuple[float, ...]:
    """Each category's seconds from the origin to ``wall``."""
    days, into = divmod(wall, _DAY)
    return tuple(
        days * whole + sum(min(into, end) - start for start, end in spans if into > start)
        for spans, whole in zip(_SPANS, _PER_DAY, strict=True)
    )


def wall_seconds(start: float, end: float) -> tuple[float, ...]:
    """Each category's seconds (CATEGORIES' order) in the wall-clock span [start, end); none when empty."""
    if end <= start:
        return (0.0,) * len(CATEGORIES)
    return tuple(b - a for a, b in zip(_upto(start), _upto(end), strict=True))


def _offset_at(moment: float, zone: tzinfo) -> float:
    offset = datetime.fromtimestamp(moment, zone).utcoffset()
    assert offset is not None
    return offset.total_seconds()


def offset_pieces(zone: tzinfo, begin: float, finish: float) -> list[tuple[float, float, float]]:
    """The UTC span [begin, finish) split where ``zone`` changes its offset: (start, end, offset seconds).

    The offset is probed every ``PROBE`` and a change is found to the second
    by bisection: a zone's rules are read through ``utcoffset``, the only way
    zoneinfo tells them.
    """
    probe_step = PROBE.total_seconds()
    pieces: list[tuple[float, float, float]] = []
    start = begin
    while start < finish:
        offset = _offset_at(start, zone)
        probe = start
        change = finish
        while probe < finish:
            ahead = min(probe + probe_step, finish)
            last = ahead - 1
            if _offset_at(last, zone) != offset:
                change = _first_change(probe, last, offset, zone)
                break
            probe = ahead
        pieces.append((start, change, offset))
        start = change
    return pieces


def _first_change(low: float, high: float, offset: float, zone: tzinfo) -> float:
    """The first second in (low, high] whose offset differs from ``offset`` (low has it, high doesn't)."""
    while high - low > 1:
        middle = float(math.floor(low + (high - low) / 2))
        if middle <= low:
            middle = low + 1
        if _offset_at(middle, zone) == offset:
            low = middle
        else:
            high = middle
    return high


def describe(name: str) -> str:
    """'night (22:00–06:00)', for legends and help."""
    start, end = BOUNDS[name]
    return f"{name} ({start:%H:%M}–{end:%H:%M})"


__all__ = ["BOUNDS", "CATEGORIES", "category", "category_at", "describe", "minutes_by_category", "offset_pieces", "wall_seconds"]
