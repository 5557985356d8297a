"""What a local hour means for someone attending from there: the one place the bounds live.

Night is 22:00-06:00, early 06:00-08:00, working 08:00-18:00 and evening
18:00-22:00, all local wall-clock time. `loci zones` colours cells by them and
`loci plan` scores candidate times with them.
"""

from __future__ import annotations

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
# changed back) would go unseen; no zone has had such a pair within hours.
_PROBE = timedelta(hours=1)


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
    begin = start_local.replace(tzinfo=zone).astimezone(timezone.utc)
    finish = (end_local if end_local.tzinfo else end_local.replace(tzinfo=zone)).astimezone(timezone.utc)
    seconds = dict.fromkeys(CATEGORIES, 0.0)
    for piece_start, piece_end, offset in _steady_pieces(begin, finish, zone):
        wall, wall_end = (piece_start + offset).replace(tzinfo=None), (piece_end + offset).replace(tzinfo=None)
        while wall < wall_end:
            upto = min(_next_boundary(wall), wall_end)
            seconds[category_at(wall.time())] += (upto - wall).total_seconds()
            wall = upto
    return {name: round(value / 60) for name, value in seconds.items()}


def _next_boundary(wall: datetime) -> datetime:
    for boundary in _BOUNDARIES:
        if boundary > wall.time():
            return datetime.combine(wall.date(), boundary)
    return datetime.combine(wall.date() + timedelta(days=1), _BOUNDARIES[0])


def _offset(moment: datetime, zone: tzinfo) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


def _steady_pieces(begin: datetime, finish: datetime, zone: tzinfo) -> list[tuple[datetime, datetime, timedelta]]:
    """Split the UTC span [begin, finish) where ``zone`` changes its offset."""
    pieces: list[tuple[datetime, datetime, timedelta]] = []
    start = begin
    while start < finish:
        offset = _offset(start, zone)
        probe = start
        change = finish
        while probe < finish:
            ahead = min(probe + _PROBE, finish)
            last = ahead - timedelta(seconds=1)
            if _offset(last, zone) != offset:
                change = _first_change(probe, last, offset, zone)
                break
            probe = ahead
        pieces.append((start, change, offset))
        start = change
    return pieces


def _first_change(low: datetime, high: datetime, offset: timedelta, zone: tzinfo) -> datetime:
    """The first second in (low, high] whose offset differs from ``offset`` (low has it, high doesn't)."""
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) // 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            middle = low + timedelta(seconds=1)
        if _offset(middle, zone) == offset:
            low = middle
        else:
            high = middle
    return high


def describe(name: str) -> str:
    """'night (22:00–06:00)', for legends and help."""
    start, end = BOUNDS[name]
    return f"{name} ({start:%H:%M}–{end:%H:%M})"


__all__ = ["BOUNDS", "CATEGORIES", "category", "category_at", "describe", "minutes_by_category"]
