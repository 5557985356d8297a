"""The fairest start time for a meeting across zones: scoring, ranking, rotation and shifting.

The score of a block, for each place: the minutes it spends in each local
category of ``hours`` (working, early, evening, night), summed over the planned
dates and multiplied by the place's weight (its headcount). Candidates rank by
the worst-off place first, each figure smaller being better:

1. the largest night minutes of any place;
2. the largest early-plus-evening minutes of any place;
3. the total over everyone of the minutes outside working hours (the burden);
4. ties go to the start nearest the current one, then to the earlier start.

A candidate is one wall-clock start in the event zone, every ``STEP`` over the
day, used on every planned date. The block lasts ``duration`` of real time, and
each date is converted with the zone rules in force on it, so a clock change on
a planned date counts. A start that a clock change skips or repeats in the
event zone on any planned date is no candidate: an agenda could not say it as a
plain 'HH:MM'.

Only the standard library: the caller resolves zone names and reads files.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .hours import CATEGORIES, minutes_by_category

if TYPE_CHECKING:
    from .model import Agenda

STEP = timedelta(minutes=15)
# A rotation's option for one date: (candidate index, burden per place, night per place, distance).
Option = tuple[int, tuple[int, ...], tuple[int, ...], int]
#: How many partial schedules `rotate` may look at before it settles for the best found.
ROTATION_BUDGET = 250_000
_DAY_MINUTES = 24 * 60


# --- inputs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where some of the participants attend from: a name for people, the zone and a headcount."""

    label: str
    zone: ZoneInfo
    weight: int = 1

    def __post_init__(self) -> None:
        if isinstance(self.zone, str):
            object.__setattr__(self, "zone", ZoneInfo(self.zone))
        if isinstance(self.weight, bool) or not isinstance(self.weight, int) or self.weight < 1:
            raise ValueError(f"a place's weight is a headcount of at least 1, not {self.weight!r}")


# --- results ------------------------------------------------------------------------


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
class Slot:
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

    def span(self, slot: Slot) -> tuple[datetime, datetime]:
        """The block in this place's local time."""
        return slot.start.astimezone(self.place.zone), slot.end.astimezone(self.place.zone)


def _worst_key(score: PlaceScore) -> tuple[int, int, int]:
    return (score.minutes.night, score.minutes.off_hours, score.minutes.burden)


@dataclass(frozen=True)
class Candidate:
    """One start time in the event zone, used on every planned date, with its score."""

    start: time
    zone: ZoneInfo
    slots: tuple[Slot, ...]
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
    def key(self) -> tuple[int, int, int]:
        """What ranks candidates, smaller first (the module's rules 1-3)."""
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
        return self.slots[0].end.astimezone(self.zone).time()

    @property
    def end_day_offset(self) -> int:
        """1 when the block ends after midnight in the event zone (on the first planned date)."""
        first = self.slots[0]
        return (first.end.astimezone(self.zone).date() - first.date).days


@dataclass(frozen=True)
class Plan:
    """Every candidate, best first, and the agenda's current slot among them."""

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


# --- planning -----------------------------------------------------------------------


def plan(
    places: Iterable[Place],
    dates: Iterable[date],
    duration: timedelta,
    event_zone: ZoneInfo | str,
    *,
    between: tuple[time, time] | None = None,
    current: time | None = None,
    step: timedelta = STEP,
) -> Plan:
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
    return Plan(zone, duration, dates, places, ranked, now, tuple(skipped), current)


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
    return Candidate(candidate.start, candidate.zone, candidate.slots, candidate.places, rank)


def wall_instant(on: date, at: time | datetime, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of a local wall-clock time, or None when a clock change skips or repeats it."""
    naive = datetime.combine(on, at) if isinstance(at, time) else at
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != naive:
        return None
    if aware.utcoffset() != aware.replace(fold=1).utcoffset():
        return None
    return aware.astimezone(timezone.utc)


class _Table:
    """Each zone's minutes for each (date, start), worked out once: places often share a zone."""

    def __init__(self, places: tuple[Place, ...], dates: tuple[date, ...], duration: timedelta, zone: ZoneInfo):
        self.places, self.dates, self.duration, self.zone = places, dates, duration, zone
        self._minutes: dict[tuple[str, datetime], Minutes] = {}

    def slots(self, start: time) -> tuple[Slot, ...] | None:
        found = []
        for on in self.dates:
            instant = wall_instant(on, start, self.zone)
            if instant is None:
                return None
            found.append(Slot(on, instant, instant + self.duration))
        return tuple(found)

    def minutes(self, zone: ZoneInfo, slot: Slot) -> Minutes:
        key = (zone.key or str(zone), slot.start)
        if key not in self._minutes:
            counted = minutes_by_category(slot.start.astimezone(zone), slot.end.astimezone(zone))
            self._minutes[key] = Minutes(**counted)
        return self._minutes[key]

    def candidate(self, start: time) -> Candidate | None:
        slots = self.slots(start)
        if slots is None:
            return None
        scores = []
        for place in self.places:
            per_date = tuple(self.minutes(place.zone, slot).times(place.weight) for slot in slots)
            scores.append(PlaceScore(place, per_date, sum(per_date, Minutes())))
        return Candidate(start, self.zone, slots, tuple(scores))


# --- rotation -----------------------------------------------------------------------


@dataclass(frozen=True)
class RotationDay:
    """One date of a rotation: its start, its block and each place's weighted minutes that day."""

    start: time
    slot: Slot
    minutes: tuple[Minutes, ...]


@dataclass(frozen=True)
class Rotation:
    """One start per date, and how every place fares over all of them, beside the best fixed time."""

    days: tuple[RotationDay, ...]
    places: tuple[PlaceScore, ...]
    fixed: Candidate
    #: False when the search stopped at its budget before proving no rotation is lighter:
    #: the result is the best found, still no heavier than ``fixed``
    exhaustive: bool = True

    @property
    def heaviest(self) -> int:
        """The largest total burden any place carries over all the dates."""
        return max(p.minutes.burden for p in self.places)


def heaviest(candidate: Candidate) -> int:
    """The largest total burden any place carries at a fixed time, over all the dates."""
    return max(p.minutes.burden for p in candidate.places)


def rotate(planned: Plan, *, budget: int = ROTATION_BUDGET) -> Rotation:
    """One start per planned date that minimises the heaviest total burden any place carries.

    Among equally heavy rotations: the smallest largest night total of any place,
    then the smallest total burden over everyone, then starts nearest the current
    one. A fixed time is a rotation too, and the search starts from the best of
    them, so a rotation is never heavier than any fixed time.

    The search is branch and bound (see ``_RotationSearch``): exact on the
    heaviest burden unless it runs out of ``budget`` steps, when it returns the
    best found and says so (``Rotation.exhaustive``). Four dates among ten zones
    around the world take about a second.
    """
    search = _RotationSearch(planned)
    indices, exhaustive = search.run(budget)
    candidates = planned.candidates
    days = []
    for d, index in enumerate(indices):
        candidate = candidates[index]
        days.append(RotationDay(candidate.start, candidate.slots[d], tuple(p.per_date[d] for p in candidate.places)))
    totals = []
    for p, place in enumerate(planned.places):
        per_date = tuple(day.minutes[p] for day in days)
        totals.append(PlaceScore(place, per_date, sum(per_date, Minutes())))
    return Rotation(tuple(days), tuple(totals), planned.best, exhaustive)


RotationKey = tuple[int, int, int, int]


class _RotationSearch:
    """Branch and bound over one start per date.

    - Each date keeps only the starts that no other start matches or beats for
      every place at once (burden and night) and in distance from the current
      start: replacing a start by one that beats it can never make any part of
      the objective worse.
    - The search starts from the better of the best fixed time and a greedy
      sharing-out, each improved by changing one date at a time while that
      helps; the exact search then only has to beat it.
    - Dates whose starts all score alike (no clock change between them) take
      their starts in a fixed order, so one set of starts is not tried in every order.
    - A partial schedule is dropped when a lower bound on its final score cannot
      beat the best found. The heaviest burden is bounded per place (what it
      has plus the least each remaining date can add) and per pair of places
      (the heavier of two carries at least half their sum, and no start spares
      both of two places far apart), which is what makes the search quick.
    """

    def __init__(self, planned: Plan):
        candidates = planned.candidates
        self.count = len(planned.dates)
        self.size = len(planned.places)
        current = planned.current_start

        def option(i: int, d: int) -> Option:
            candidate = candidates[i]
            burden = tuple(p.per_date[d].burden for p in candidate.places)
            night = tuple(p.per_date[d].night for p in candidate.places)
            return (i, burden, night, distance(candidate.start, current))

        self.full = [[option(i, d) for i in range(len(candidates))] for d in range(self.count)]
        self.tables = [_undominated(options) for options in self.full]
        # Dates alike in a row, so that a run of them can take its starts in a fixed order.
        signature = [tuple(o[:3] for o in table) for table in self.tables]
        self.order = sorted(range(self.count), key=lambda d: (signature.index(signature[d]), d))
        self.same_as_previous = [k > 0 and signature[self.order[k]] == signature[self.order[k - 1]] for k in range(self.count)]
        self._bounds()

    def _bounds(self) -> None:
        """The least the dates from search position k on can add: per place, per pair of places, in all."""
        size, count = self.size, self.count
        # The heavier of two places carries at least half their sum, and no start
        # spares both of two places far apart.
        self.pairs = list(itertools.combinations(range(size), 2))
        self.rest_burden = [[0] * size for _ in range(count + 1)]
        self.rest_night = [[0] * size for _ in range(count + 1)]
        self.rest_pair = [[0] * len(self.pairs) for _ in range(count + 1)]
        self.rest_total = [0] * (count + 1)
        self.rest_distance = [0] * (count + 1)
        for k in range(count - 1, -1, -1):
            table = self.tables[self.order[k]]
            for p in range(size):
                self.rest_burden[k][p] = self.rest_burden[k + 1][p] + min(o[1][p] for o in table)
                self.rest_night[k][p] = self.rest_night[k + 1][p] + min(o[2][p] for o in table)
            for n, (i, j) in enumerate(self.pairs):
                self.rest_pair[k][n] = self.rest_pair[k + 1][n] + min(o[1][i] + o[1][j] for o in table)
            self.rest_total[k] = self.rest_total[k + 1] + min(sum(o[1]) for o in table)
            self.rest_distance[k] = self.rest_distance[k + 1] + min(o[3] for o in table)

    def score(self, choice: Sequence[Option]) -> RotationKey:
        burden = [sum(o[1][p] for o in choice) for p in range(self.size)]
        night = [sum(o[2][p] for o in choice) for p in range(self.size)]
        return (max(burden), max(night), sum(burden), sum(o[3] for o in choice))

    def incumbent(self) -> tuple[list[Option], RotationKey]:
        """A good start for the search: the best of the fixed times and a greedy
        sharing-out, each then improved by changing one date at a time while that helps."""
        fixed = [[self.full[d][i] for d in range(self.count)] for i in range(len(self.full[0]))]
        keys = [self.score(choice) for choice in fixed]
        # The better ranked fixed time on ties: candidates come best first.
        first = min(range(len(fixed)), key=keys.__getitem__)
        greedy: list[Option] = []
        for d in range(self.count):
            greedy.append(min(self.tables[d], key=lambda o: self.score([*greedy, o])))
        found = [self._improve(list(fixed[first]), keys[first]), self._improve(greedy, self.score(greedy))]
        return min(found, key=lambda pair: pair[1])

    def _improve(self, choice: list[Option], key: RotationKey) -> tuple[list[Option], RotationKey]:
        """Change one date at a time while that helps.

        Moves are judged by every place's burden, heaviest first (leximax), not by
        the heaviest alone: when two places share the heaviest load, easing one of
        them is progress that the heaviest alone would not show.
        """

        def leximax(trial: list[Option]) -> tuple[list[int], RotationKey]:
            burden = [sum(o[1][p] for o in trial) for p in range(self.size)]
            return sorted(burden, reverse=True), self.score(trial)

        start, measure = choice, leximax(choice)
        improved = True
        while improved:
            improved = False
            for d in range(self.count):
                for option in self.tables[d]:
                    trial = [*choice[:d], option, *choice[d + 1 :]]
                    trial_measure = leximax(trial)
                    if trial_measure < measure:
                        choice, measure, improved = trial, trial_measure, True
        found = self.score(choice)
        return (choice, found) if found < key else (start, key)

    def run(self, budget: int) -> tuple[list[int], bool]:
        """The candidate index chosen for each date, and whether the heaviest burden is proven least.

        Two passes of ``budget`` steps each: the first only looks for a lighter
        heaviest burden, which prunes hard; the second breaks ties between equally
        heavy rotations (night, total, distance) as well as it can in its steps.
        """
        choice, key = self.incumbent()
        best = [o[0] for o in choice]
        count, order, tables, size, pairs = self.count, self.order, self.tables, self.size, self.pairs
        chosen = [0] * count  # by search position: the place in that date's table
        steps = 0
        stopped = False
        lighter = True  # the pass: a lighter heaviest burden, or a better key at the same

        def search(k: int, burden: list[int], night: list[int], total: int, far: int) -> None:
            nonlocal steps, stopped, key, best
            steps += 1
            if steps > budget:
                stopped = True
                return
            limit = key[0] - 1 if lighter else key[0]
            rest = self.rest_burden[k]
            heaviest = max(burden[p] + rest[p] for p in range(size))
            if heaviest > limit:
                return
            rest_pair = self.rest_pair[k]
            for n, (i, j) in enumerate(pairs):
                if burden[i] + burden[j] + rest_pair[n] > 2 * limit:
                    return
            bound = (
                heaviest,
                max(v + r for v, r in zip(night, self.rest_night[k], strict=True)),
                total + self.rest_total[k],
                far + self.rest_distance[k],
            )
            if not lighter and bound >= key:
                return
            if k == count:
                key = bound
                best = [0] * count
                for position in range(count):
                    best[order[position]] = tables[order[position]][chosen[position]][0]
                return
            table = tables[order[k]]
            first = chosen[k - 1] if self.same_as_previous[k] else 0
            for j in range(first, len(table)):
                if stopped:
                    return
                _, add_burden, add_night, add_far = table[j]
                chosen[k] = j
                search(
                    k + 1,
                    [b + a for b, a in zip(burden, add_burden, strict=True)],
                    [v + a for v, a in zip(night, add_night, strict=True)],
                    total + sum(add_burden),
                    far + add_far,
                )

        search(0, [0] * size, [0] * size, 0, 0)
        proven = not stopped
        self.steps = steps
        lighter, steps, stopped = False, 0, False
        search(0, [0] * size, [0] * size, 0, 0)
        self.steps += steps
        return best, proven


def _undominated(options: list[Option]) -> list[Option]:
    """The options no other option matches or beats on every figure, fairest first."""
    ordered = sorted(options, key=lambda o: (max(o[1]), sum(o[1]), max(o[2]), o[3], o[0]))
    kept: list[Option] = []
    for option in ordered:
        figures = (*option[1], *option[2], option[3])
        if not any(all(a <= b for a, b in zip((*k[1], *k[2], k[3]), figures, strict=True)) for k in kept):
            kept.append(option)
    return kept


# --- from an agenda -----------------------------------------------------------------


def current_start(agenda: Agenda) -> time | None:
    """The start every day shares in the event zone, or None when the days start at different times."""
    starts = {day.start_at.astimezone(agenda.zone).time() for day in agenda.days}
    return starts.pop() if len(starts) == 1 else None


def longest_day(agenda: Agenda) -> timedelta:
    """The length of the agenda's longest day: the default length of the block."""
    longest: timedelta = max(day.end_at - day.start_at for day in agenda.days)
    return longest


def agenda_places(agenda: Agenda, zones: Mapping[str, ZoneInfo] | None = None) -> list[Place]:
    """The agenda's participant zones as places, ordered by their offset on the first day.

    A country listed with several zones counts its weight (headcount, 1 when not
    given) in each of them: loci cannot know how its people divide between them,
    and the worst-off rules should not assume the kinder split.
    """
    places = []
    for group in agenda.participants:
        for key in group.zones:
            label = group.country if len(group.zones) == 1 else f"{group.country} ({city(key)})"
            zone = zones[key] if zones and key in zones else ZoneInfo(key)
            places.append(Place(label, zone, group.weight))
    first = agenda.days[0].start_at
    return sorted(places, key=lambda p: (first.astimezone(p.zone).utcoffset(), p.label))


def city(key: str) -> str:
    """'Asia/Ulaanbaatar' -> 'Ulaanbaatar', 'America/Argentina/Buenos_Aires' -> 'Buenos Aires'."""
    return key.rsplit("/", 1)[-1].replace("_", " ")


def zone_places(zones: Iterable[ZoneInfo], weights: Mapping[str, int] | None = None) -> list[Place]:
    """One place per zone (repeats merged, their weights added), named after its city."""
    counted: dict[str, tuple[ZoneInfo, int]] = {}
    for zone in zones:
        key = zone.key
        add = (weights or {}).get(key, 1)
        counted[key] = (zone, counted[key][1] + add) if key in counted else (zone, add)
    return [Place(city(key), zone, weight) for key, (zone, weight) in counted.items()]


# --- shifting an agenda -------------------------------------------------------------


def shift(agenda: Agenda, starts: Sequence[time]) -> dict[str, tuple[datetime, datetime]]:
    """Every session's new (start, end), UTC, with day i moved to start at ``starts[i]`` in the event zone.

    Each day moves as a whole by real time, so sessions keep their lengths and
    gaps even across a clock change. ValueError when a new start is skipped or
    repeated by a clock change on its day's date.
    """
    if len(starts) != len(agenda.days):
        raise ValueError(f"{len(starts)} start times for {len(agenda.days)} days")
    zone = agenda.zone
    moved: dict[str, tuple[datetime, datetime]] = {}
    for day, start in zip(agenda.days, starts, strict=True):
        instant = wall_instant(day.date, start, zone)
        if instant is None:
            raise ValueError(f"{day.date} {start:%H:%M} is skipped or repeated by a clock change in {zone.key}")
        delta = instant - day.start_at.astimezone(timezone.utc)
        for session in day.sessions:
            moved[session.id] = (session.start_at + delta, session.end_at + delta)
    return moved


def clock_text(instant: datetime, on: date, zone: ZoneInfo) -> str:
    """An instant as an agenda writes it on a day dated ``on``.

    'HH:MM' on that date; 'YYYY-MM-DDTHH:MM' on another (past midnight); with
    its UTC offset when a clock change repeats that wall time. Seconds only when
    there are some.
    """
    local = instant.astimezone(zone)
    spec = "seconds" if local.second or local.microsecond else "minutes"
    naive = local.replace(tzinfo=None, fold=0)
    if wall_instant(naive.date(), naive, zone) is None:
        return local.isoformat(timespec=spec)
    if local.date() == on:
        return local.time().replace(tzinfo=None).isoformat(timespec=spec)
    return naive.isoformat(timespec=spec)
