"""The score of a fixed start time and the ranking of every start: see the package's docstring for the rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from ..hours import CATEGORIES, minutes_by_category
from ..places import Place
from ..time import localize

STEP = timedelta(minutes=15)
_DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Minutes:
    """Minutes in each local category (already multiplied by a weight, where one applies)."""

    working: int = 0
    early: int = 0
    evening: int = 0
    night: int = 0

    @property
    def off_hours(self) -> int:
        """Early plus evening: outside working hours, but not at night."""
        return self.early + self.evening

    @property
    def burden(self) -> int:
        """Every minute outside working hours."""
        return self.early + self.evening + self.night

    def __add__(self, other: Minutes) -> Minutes:
        return Minutes(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def times(self, weight: int) -> Minutes:
        return Minutes(*(weight * value for value in self.as_tuple()))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.working, self.early, self.evening, self.night)

    def as_dict(self) -> dict[str, int]:
        return dict(zip(CATEGORIES, self.as_tuple(), strict=True))


@dataclass(frozen=True)
class Block:
    """The block on one date: aware instants in UTC (arithmetic on them is real time)."""

    date: date
    start: datetime
    end: datetime


@dataclass(frozen=True)
class PlaceScore:
    """How one place fares: weighted minutes per planned date, and their sum."""

    place: Place
    per_date: tuple[Minutes, ...]
    minutes: Minutes

    def span(self, block: Block) -> tuple[datetime, datetime]:
        """The block in this place's local time."""
        return block.start.astimezone(self.place.zone), block.end.astimezone(self.place.zone)


def _worst_key(score: PlaceScore) -> tuple[int, int, int]:
    return (score.minutes.night, score.minutes.off_hours, score.minutes.burden)


@dataclass(frozen=True)
class Candidate:
    """One start time in the event zone, used on every planned date, with its score."""

    start: time
    zone: ZoneInfo
    blocks: tuple[Block, ...]
    places: tuple[PlaceScore, ...]
    rank: int = 0

    @property
    def worst_night(self) -> int:
        return max(p.minutes.night for p in self.places)

    @property
    def worst_off_hours(self) -> int:
        return max(p.minutes.off_hours for p in self.places)

    @property
    def total(self) -> int:
        return sum(p.minutes.burden for p in self.places)

    @property
    def heaviest(self) -> int:
        """The largest total burden any place carries at this time, over all the dates (as ``Rotation.heaviest``)."""
        return max(p.minutes.burden for p in self.places)

    @property
    def key(self) -> tuple[int, int, int]:
        """What ranks candidates, smaller first (the package's rules 1-3)."""
        return (self.worst_night, self.worst_off_hours, self.total)

    @property
    def worst(self) -> PlaceScore:
        """The worst-off place: most night, then most early and evening, then most burden; the first listed on ties."""
        return max(self.places, key=_worst_key)

    @property
    def minutes(self) -> Minutes:
        """Every place's weighted minutes together."""
        return sum((p.minutes for p in self.places), Minutes())

    @property
    def end(self) -> time:
        """The end on the first planned date, in the event zone (it can differ on a date with a clock change)."""
        return self.blocks[0].end.astimezone(self.zone).time()

    @property
    def end_day_offset(self) -> int:
        """1 when the block ends after midnight in the event zone (on the first planned date)."""
        first = self.blocks[0]
        return (first.end.astimezone(self.zone).date() - first.date).days


@dataclass(frozen=True)
class Ranking:
    """Every candidate, best first, and the agenda's current start among them."""

    zone: ZoneInfo
    duration: timedelta
    dates: tuple[date, ...]
    places: tuple[Place, ...]
    candidates: tuple[Candidate, ...]
    current: Candidate | None
    #: starts left out because a clock change skips or repeats them in the event zone on a planned date
    skipped: tuple[time, ...] = ()
    current_start: time | None = field(default=None, repr=False)

    @property
    def best(self) -> Candidate:
        return self.candidates[0]


def rank(
    places: Iterable[Place],
    dates: Iterable[date],
    duration: timedelta,
    event_zone: ZoneInfo | str,
    *,
    between: tuple[time, time] | None = None,
    current: time | None = None,
    step: timedelta = STEP,
) -> Ranking:
    """Score and rank every candidate start; ValueError when nothing can be planned.

    ``between`` (event-zone wall-clock times; the end may be earlier than the
    start for a window past midnight) keeps the candidates whose whole block
    fits inside it. ``current`` is the start in use now: it is scored and
    ranked even when the window or the step leaves it out, and ties go to the
    start nearest it.
    """
    zone = ZoneInfo(event_zone) if isinstance(event_zone, str) else event_zone
    places = tuple(places)
    dates = tuple(sorted(set(dates)))
    if not places:
        raise ValueError("no places to plan for")
    if not dates:
        raise ValueError("no dates to plan")
    if not timedelta(0) < duration <= timedelta(days=1):
        raise ValueError(f"a meeting lasts more than nothing and at most a day, not {duration}")
    if step <= timedelta(0) or timedelta(days=1) % step:
        raise ValueError(f"the step must divide a day, not {step}")
    length = _whole_minutes(duration)
    table = _Table(places, dates, duration, zone)
    starts = [t for t in _day_starts(step) if between is None or _fits(t, length, between)]
    if not starts:
        raise ValueError("no start time lets the meeting fit the window")
    scored: list[Candidate] = []
    skipped: list[time] = []
    for start in starts:
        candidate = table.candidate(start)
        if candidate is None:
            skipped.append(start)
        else:
            scored.append(candidate)
    if not scored:
        raise ValueError("every start time in the window is skipped or repeated by a clock change")
    order = sorted(scored, key=lambda c: _order(c, current))
    ranked = tuple(_with_rank(c, i) for i, c in enumerate(order, start=1))
    now = None
    if current is not None:
        now = next((c for c in ranked if c.start == current), None)
        if now is None:
            found = table.candidate(current)
            if found is not None:
                place = 1 + sum(1 for c in ranked if _order(c, current) < _order(found, current))
                now = _with_rank(found, place)
    return Ranking(zone, duration, dates, places, ranked, now, tuple(skipped), current)


def _whole_minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _day_starts(step: timedelta) -> list[time]:
    minutes = _whole_minutes(step) or 1
    return [time(m // 60, m % 60) for m in range(0, _DAY_MINUTES, minutes)]


def _clock_minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def _fits(start: time, length: int, window: tuple[time, time]) -> bool:
    """Whether [start, start + length) lies inside the window, read on a 24-hour dial."""
    opens, closes = (_clock_minutes(t) for t in window)
    width = (closes - opens) % _DAY_MINUTES or _DAY_MINUTES
    return (_clock_minutes(start) - opens) % _DAY_MINUTES + length <= width


def distance(start: time, current: time | None) -> int:
    """Minutes between two starts on the same date (0 without a current start)."""
    return 0 if current is None else abs(_clock_minutes(start) - _clock_minutes(current))


def _order(candidate: Candidate, current: time | None) -> tuple[tuple[int, int, int], int, time]:
    return (candidate.key, distance(candidate.start, current), candidate.start)


def _with_rank(candidate: Candidate, rank: int) -> Candidate:
    return Candidate(candidate.start, candidate.zone, candidate.blocks, candidate.places, rank)


def wall_instant(on: date, at: time | datetime, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of a local wall-clock time, or None when a clock change skips or repeats it."""
    naive = datetime.combine(on, at) if isinstance(at, time) else at
    try:
        aware = localize(naive, zone)
    except ValueError:
        return None
    return aware.astimezone(timezone.utc)


class _Table:
    """Each zone's minutes for each (date, start), worked out once: places often share a zone."""

    def __init__(self, places: tuple[Place, ...], dates: tuple[date, ...], duration: timedelta, zone: ZoneInfo):
        self.places, self.dates, self.duration, self.zone = places, dates, duration, zone
        self._minutes: dict[tuple[str, datetime], Minutes] = {}

    def blocks(self, start: time) -> tuple[Block, ...] | None:
        found = []
        for on in self.dates:
            instant = wall_instant(on, start, self.zone)
            if instant is None:
                return None
            found.append(Block(on, instant, instant + self.duration))
        return tuple(found)

    def minutes(self, zone: ZoneInfo, block: Block) -> Minutes:
        key = (zone.key or str(zone), block.start)
        if key not in self._minutes:
            counted = minutes_by_category(block.start.astimezone(zone), block.end.astimezone(zone))
            self._minutes[key] = Minutes(**counted)
        return self._minutes[key]

    def candidate(self, start: time) -> Candidate | None:
        blocks = self.blocks(start)
        if blocks is None:
            return None
        scores = []
        for place in self.places:
            per_date = tuple(self.minutes(place.zone, block).times(place.weight) for block in blocks)
            scores.append(PlaceScore(place, per_date, sum(per_date, Minutes())))
        return Candidate(start, self.zone, blocks, tuple(scores))
