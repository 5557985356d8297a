"""The score of a fixed start time and the ranking of every start: see the package's docstring for the rules."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from functools import cached_property
from zoneinfo import ZoneInfo

from ..hours import CATEGORIES, offset_pieces, wall_seconds
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
    """One start time in the event zone, used on every planned date, with its score.

    Its places' minutes are worked out when first asked for (``places``): a
    ranking of hundreds of places needs them only for the few it shows.
    """

    start: time
    zone: ZoneInfo
    blocks: tuple[Block, ...]
    #: what ranks candidates, smaller first (the package's rules 1-3)
    key: tuple[int, int, int]
    table: _Table = field(compare=False, repr=False)
    column: int = field(compare=False, repr=False)
    rank: int = 0

    @property
    def worst_night(self) -> int:
        return self.key[0]

    @property
    def worst_off_hours(self) -> int:
        return self.key[1]

    @property
    def total(self) -> int:
        return self.key[2]

    @property
    def heaviest(self) -> int:
        """The largest total burden any place carries at this time, over all the dates (as ``Rotation.heaviest``)."""
        return self.table.heaviest(self.column)

    @cached_property
    def places(self) -> tuple[PlaceScore, ...]:
        return self.table.place_scores(self.column)

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
    """Every candidate, best first, and the agenda's current start among them (or where it would be)."""

    zone: ZoneInfo
    duration: timedelta
    dates: tuple[date, ...]
    places: tuple[Place, ...]
    candidates: tuple[Candidate, ...]
    #: the current start scored, with the rank it has (or would have) among the candidates
    current: Candidate | None
    #: starts left out because a clock change skips or repeats them in the event zone on a planned date
    skipped: tuple[time, ...] = ()
    current_start: time | None = field(default=None, repr=False)
    #: the window asked for, and the step between candidate starts
    between: tuple[time, time] | None = None
    step: timedelta = STEP
    table: _Table | None = field(default=None, compare=False, repr=False)

    @property
    def best(self) -> Candidate:
        return self.candidates[0]

    @property
    def current_on_grid(self) -> bool:
        """Whether the current start is one of the starts every ``step`` from midnight."""
        return self.current_start is None or _on_grid(self.current_start, self.step)

    @property
    def current_in_window(self) -> bool:
        """Whether the current block fits inside ``between`` (always, without one)."""
        if self.current_start is None or self.between is None:
            return True
        return _fits(self.current_start, _whole_minutes(self.duration), self.between)

    @property
    def current_is_candidate(self) -> bool:
        """Whether the current start is one of the ranked candidates (else it is scored beside them)."""
        return self.current is not None and any(c.start == self.current.start for c in self.candidates)


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
    ranked even when the window or the step leaves it out (then it is where it
    would rank, not a candidate), and ties go to the start nearest it.
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
    starts = [t for t in _day_starts(step) if between is None or _fits(t, length, between)]
    if not starts:
        raise ValueError("no start time lets the meeting fit the window")
    scored: list[tuple[time, tuple[Block, ...]]] = []
    skipped: list[time] = []
    for start in starts:
        blocks = _blocks(start, dates, duration, zone)
        if blocks is None:
            skipped.append(start)
        else:
            scored.append((start, blocks))
    if not scored:
        raise ValueError("every start time in the window is skipped or repeated by a clock change")
    extra = None
    if current is not None and current not in starts:
        found = _blocks(current, dates, duration, zone)
        extra = (current, found) if found is not None else None
    table = _Table(places, dates, duration, zone, [*scored, *([extra] if extra else [])])
    candidates = [table.candidate(column) for column in range(len(scored))]
    order = sorted(candidates, key=lambda c: _order(c, current))
    ranked = tuple(replace(c, rank=i) for i, c in enumerate(order, start=1))
    now = None
    if current is not None:
        now = next((c for c in ranked if c.start == current), None)
        if now is None and extra is not None:
            found_candidate = table.candidate(len(scored))
            place = 1 + sum(1 for c in ranked if _order(c, current) < _order(found_candidate, current))
            now = replace(found_candidate, rank=place)
    return Ranking(zone, duration, dates, places, ranked, now, tuple(skipped), current, between, step, table)


def _whole_minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _day_starts(step: timedelta) -> list[time]:
    minutes = _whole_minutes(step) or 1
    return [time(m // 60, m % 60) for m in range(0, _DAY_MINUTES, minutes)]


def _on_grid(start: time, step: timedelta) -> bool:
    return start in _day_starts(step)


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


def wall_instant(on: date, at: time | datetime, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of a local wall-clock time, or None when a clock change skips or repeats it."""
    naive = datetime.combine(on, at) if isinstance(at, time) else at
    try:
        aware = localize(naive, zone)
    except ValueError:
        return None
    return aware.astimezone(timezone.utc)


def _blocks(start: time, dates: tuple[date, ...], duration: timedelta, zone: ZoneInfo) -> tuple[Block, ...] | None:
    found = []
    for on in dates:
        instant = wall_instant(on, start, zone)
        if instant is None:
            return None
        found.append(Block(on, instant, instant + duration))
    return tuple(found)


# Minutes per category of one block in one zone, in CATEGORIES' order (working, early, evening, night).
Counts = tuple[int, int, int, int]


class _Table:
    """Every place's minutes for every (start, date), by interval arithmetic.

    Places whose zones keep the same UTC offsets over every block (same zone,
    or zones alike on these dates) form one profile and are counted once: a
    ranking of 400 places often needs a few dozen profiles. Within a block at
    one offset, a category's minutes depend only on the local start's time of
    day, so those are worked out once per time of day.
    """

    def __init__(
        self,
        places: tuple[Place, ...],
        dates: tuple[date, ...],
        duration: timedelta,
        zone: ZoneInfo,
        columns: list[tuple[time, tuple[Block, ...]]],
    ):
        self.places, self.dates, self.duration, self.zone = places, dates, duration, zone
        self.columns = columns
        length = duration.total_seconds()
        spans = _merged(sorted((_seconds(b.start), _seconds(b.start) + length) for _, blocks in columns for b in blocks))
        by_zone: dict[ZoneInfo, int] = {}
        profiles: dict[tuple[tuple[float, float, float], ...], int] = {}
        self.profile_of: list[int] = []
        pieces_of: list[tuple[tuple[float, float, float], ...]] = []
        for place in places:
            if place.zone not in by_zone:
                pieces = tuple(piece for begin, finish in spans for piece in offset_pieces(place.zone, begin, finish))
                if pieces not in profiles:
                    profiles[pieces] = len(pieces_of)
                    pieces_of.append(pieces)
                by_zone[place.zone] = profiles[pieces]
            self.profile_of.append(by_zone[place.zone])
        count = len(pieces_of)
        #: per profile: the largest weight of its places (for the worst-off rules) and their sum (for the total)
        self.most = [0] * count
        self.weight = [0] * count
        for place, profile in zip(places, self.profile_of, strict=True):
            self.most[profile] = max(self.most[profile], place.weight)
            self.weight[profile] += place.weight
        self._made: dict[tuple[Counts, int], Minutes] = {}
        memo: dict[float, Counts] = {}
        starts = [[_seconds(b.start) for b in blocks] for _, blocks in columns]
        #: per profile, per column: each date's counts, and their sum over the dates
        self.per_date: list[list[tuple[Counts, ...]]] = []
        self.totals: list[list[Counts]] = []
        for pieces in pieces_of:
            rows = [tuple(_counts(pieces, u, length, memo) for u in column) for column in starts]
            self.per_date.append(rows)
            self.totals.append([_sum(row) for row in rows])

    def key(self, column: int) -> tuple[int, int, int]:
        night = off = total = 0
        for profile, totals in enumerate(self.totals):
            _working, early, evening, late = totals[column]
            most = self.most[profile]
            night = max(night, most * late)
            off = max(off, most * (early + evening))
            total += self.weight[profile] * (early + evening + late)
        return (night, off, total)

    def heaviest(self, column: int) -> int:
        return max(most * sum(totals[column][1:]) for most, totals in zip(self.most, self.totals, strict=True))

    def candidate(self, column: int) -> Candidate:
        start, blocks = self.columns[column]
        return Candidate(start, self.zone, blocks, self.key(column), self, column)

    def place_scores(self, column: int) -> tuple[PlaceScore, ...]:
        scores = []
        for place, profile in zip(self.places, self.profile_of, strict=True):
            per_date = tuple(self._minutes(counts, place.weight) for counts in self.per_date[profile][column])
            scores.append(PlaceScore(place, per_date, self._minutes(self.totals[profile][column], place.weight)))
        return tuple(scores)

    def _minutes(self, counts: Counts, weight: int) -> Minutes:
        # Many places and dates share their counts: one Minutes for each.
        found = self._made.get((counts, weight))
        if found is None:
            found = self._made[counts, weight] = Minutes(*(weight * value for value in counts))
        return found


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _seconds(moment: datetime) -> float:
    return (moment - _EPOCH).total_seconds()


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for begin, finish in spans:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def _sum(rows: tuple[Counts, ...]) -> Counts:
    working = early = evening = night = 0
    for a, b, c, d in rows:
        working, early, evening, night = working + a, early + b, evening + c, night + d
    return (working, early, evening, night)


def _counts(pieces: tuple[tuple[float, float, float], ...], start: float, length: float, memo: dict[float, Counts]) -> Counts:
    """The minutes of [start, start + length) in each category, read at the offsets of ``pieces`` (which cover it)."""
    index = bisect_right(pieces, start, key=lambda piece: piece[0]) - 1
    _, piece_end, offset = pieces[index]
    end = start + length
    if end <= piece_end:
        # One offset over the whole block: the time of day of its local start decides.
        wall = (start + offset) % 86_400
        found = memo.get(wall)
        if found is None:
            found = memo[wall] = _rounded(wall_seconds(wall, wall + length))
        return found
    counted = [0.0] * 4
    while start < end:
        _, piece_end, offset = pieces[index]
        upto = min(piece_end, end)
        for n, value in enumerate(wall_seconds(start + offset, upto + offset)):
            counted[n] += value
        start, index = upto, index + 1
    return _rounded(counted)


def _rounded(seconds: Sequence[float]) -> Counts:
    working, early, evening, night = (round(value / 60) for value in seconds)
    return (working, early, evening, night)
