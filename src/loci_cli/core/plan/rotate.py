"""A rotation: one start per planned date, so that no place carries the burden every day.

A rotation ranks by the same order as a fixed time (the package's rules), over
its dates together: the largest night minutes of any place, then the largest
early-plus-evening minutes of any place, then the total outside working hours,
then the minutes from the current start. A fixed time is a rotation too, and
the search starts from the best of them, so a rotation never puts more night
on any place than the best fixed time puts on the worst-off one. A rotation
must rank before the best fixed time on those minutes, not only on the distance
from the current start: an even trade of burden is no reason to move the
meeting about, so then the rotation is the fixed time on every date.
"""

from __future__ import annotations

import time as clock_time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from operator import add

from .score import Block, Candidate, Minutes, PlaceScore, Ranking, distance

#: How long the search may run, in seconds, before it settles for the best found.
TIME_LIMIT = 3.0
# The clock is read once every this many steps of the search: often enough to stop on
# time (a step costs microseconds), seldom enough to cost nothing.
_CHECK_EVERY = 64

#: The rotation's order: worst night, worst early-and-evening, total, distance from the current start.
RotationKey = tuple[int, int, int, int]
# A start on one date: (candidate index, night per profile, early-and-evening per profile, total, distance).
Option = tuple[int, tuple[int, ...], tuple[int, ...], int, int]


@dataclass(frozen=True)
class RotationDay:
    """One date of a rotation: its start, its block and each place's weighted minutes that day."""

    start: time
    block: Block
    minutes: tuple[Minutes, ...]


@dataclass(frozen=True)
class Rotation:
    """One start per date, and how every place fares over all of them, beside the best fixed time."""

    days: tuple[RotationDay, ...]
    places: tuple[PlaceScore, ...]
    fixed: Candidate
    #: False when the search stopped at its time limit before proving nothing ranks before it:
    #: the result is the best found, still never behind ``fixed`` in the order
    exhaustive: bool = True

    @property
    def heaviest(self) -> int:
        """The largest total burden any place carries over all the dates."""
        return max(p.minutes.burden for p in self.places)

    @property
    def key(self) -> tuple[int, int, int]:
        """The order of fixed times, over the rotation's dates: worst night, worst early and evening, total."""
        return (
            max(p.minutes.night for p in self.places),
            max(p.minutes.off_hours for p in self.places),
            sum(p.minutes.burden for p in self.places),
        )


def rotate(
    planned: Ranking,
    *,
    time_limit: float = TIME_LIMIT,
    clock: Callable[[], float] = clock_time.monotonic,
    progress: Callable[[int, int], None] | None = None,
) -> Rotation:
    """The first rotation in the order (see the module's docstring), searched for at most ``time_limit`` seconds.

    The search is branch and bound (``_Search``): exact unless ``clock`` passes
    the limit, when it returns the best found and says so
    (``Rotation.exhaustive``). ``progress`` hears (done, total) as the search
    works through the first date's starts.
    """
    search = _Search(planned, clock() + time_limit, clock)
    indices, exhaustive = search.run(progress)
    candidates = planned.candidates
    table = planned.table
    assert table is not None
    days = []
    for d, index in enumerate(indices):
        candidate = candidates[index]
        counts = (table.per_date[profile][candidate.column][d] for profile in table.profile_of)
        minutes = tuple(Minutes(*c).times(place.weight) for c, place in zip(counts, planned.places, strict=True))
        days.append(RotationDay(candidate.start, candidate.blocks[d], minutes))
    totals = []
    for p, place in enumerate(planned.places):
        per_date = tuple(day.minutes[p] for day in days)
        totals.append(PlaceScore(place, per_date, sum(per_date, Minutes())))
    return Rotation(tuple(days), tuple(totals), planned.best, exhaustive)


class _Stop(Exception):
    """The time limit passed."""


class _Search:
    """Branch and bound over one start per date, in the rotation's order.

    - Places alike on these dates (a profile of ``score._Table``) count once:
      the largest weight among them for the worst-off figures, their sum for the total.
    - Each date keeps only the starts that no other start matches or beats on
      every figure at once (each profile's night and early-and-evening, the
      total, the distance): such a start can never make a rotation worse.
    - The search starts from the best fixed time, improved by changing one date
      at a time while that helps; the exact search then only has to beat it.
    - Dates whose starts all score alike take their starts in a fixed order, so
      one set of starts is not tried in every order.
    - A partial rotation is dropped when a lower bound on its final order cannot
      beat the best found: what each profile has plus the least each remaining
      date can add.
    """

    def __init__(self, planned: Ranking, deadline: float, clock: Callable[[], float]):
        self.deadline, self.clock = deadline, clock
        self.steps = 0
        table = planned.table
        assert table is not None
        self.count = len(planned.dates)
        current = planned.current_start
        profiles = range(len(table.most))

        def option(i: int, d: int) -> Option:
            candidate = planned.candidates[i]
            night, off = [], []
            total = 0
            for q in profiles:
                _, early, evening, late = table.per_date[q][candidate.column][d]
                night.append(table.most[q] * late)
                off.append(table.most[q] * (early + evening))
                total += table.weight[q] * (early + evening + late)
            return (i, tuple(night), tuple(off), total, distance(candidate.start, current))

        self.full = [[option(i, d) for i in range(len(planned.candidates))] for d in range(self.count)]
        self.size = len(table.most)
        self.tables = [self._undominated(options) for options in self.full]
        # Dates alike in a row, so that a run of them can take its starts in a fixed order.
        signature = [tuple(o[1:] for o in options) for options in self.tables]
        self.order = sorted(range(self.count), key=lambda d: (signature.index(signature[d]), d))
        self.same_as_previous = [k > 0 and signature[self.order[k]] == signature[self.order[k - 1]] for k in range(self.count)]
        self._bounds()

    def tick(self) -> None:
        self.steps += 1
        if self.steps % _CHECK_EVERY == 0 and self.clock() >= self.deadline:
            raise _Stop

    def _undominated(self, options: list[Option]) -> list[Option]:
        """The options no other option matches or beats on every figure, fairest first."""
        ordered = sorted(options, key=lambda o: (max(o[1]), max(o[2]), o[3], o[4], o[0]))
        kept: list[Option] = []
        figures_kept: list[tuple[int, ...]] = []
        try:
            for option in ordered:
                self.tick()
                figures = (*option[1], *option[2], option[3], option[4])
                if not any(all(a <= b for a, b in zip(k, figures, strict=True)) for k in figures_kept):
                    kept.append(option)
                    figures_kept.append(figures)
        except _Stop:
            # Out of time already: keep every option, the search will stop at its first check.
            return ordered
        return kept

    def _bounds(self) -> None:
        """The least the dates from search position k on can add: per profile, in all, in distance.

        ``ahead[k][j]`` is option j of position k with what the positions after it
        add at least, so that a child's bound is one sum per profile.
        """
        size, count = self.size, self.count
        rest_night = [[0] * size for _ in range(count + 1)]
        rest_off = [[0] * size for _ in range(count + 1)]
        self.rest_total = [0] * (count + 1)
        self.rest_distance = [0] * (count + 1)
        for k in range(count - 1, -1, -1):
            options = self.tables[self.order[k]]
            for q in range(size):
                rest_night[k][q] = rest_night[k + 1][q] + min(o[1][q] for o in options)
                rest_off[k][q] = rest_off[k + 1][q] + min(o[2][q] for o in options)
            self.rest_total[k] = self.rest_total[k + 1] + min(o[3] for o in options)
            self.rest_distance[k] = self.rest_distance[k + 1] + min(o[4] for o in options)
        self.ahead = [
            [
                (
                    tuple(map(add, o[1], rest_night[k + 1])),
                    tuple(map(add, o[2], rest_off[k + 1])),
                    o[3] + self.rest_total[k + 1],
                    o[4] + self.rest_distance[k + 1],
                )
                for o in self.tables[self.order[k]]
            ]
            for k in range(count)
        ]

    def score(self, choice: list[Option]) -> RotationKey:
        night = [sum(o[1][q] for o in choice) for q in range(self.size)]
        off = [sum(o[2][q] for o in choice) for q in range(self.size)]
        return (max(night), max(off), sum(o[3] for o in choice), sum(o[4] for o in choice))

    def _spread(self, choice: list[Option]) -> tuple[list[int], list[int], int, int]:
        """What a local search improves: every profile's night, heaviest first, then the same for early and evening.

        Judged by the whole sorted list, not the largest alone: when two places share the
        most night, easing one of them is progress that the largest alone would not show.
        """
        night = sorted((sum(o[1][q] for o in choice) for q in range(self.size)), reverse=True)
        off = sorted((sum(o[2][q] for o in choice) for q in range(self.size)), reverse=True)
        return night, off, sum(o[3] for o in choice), sum(o[4] for o in choice)

    def _improve(self, choice: list[Option]) -> list[Option]:
        """Change one date at a time while that helps (see ``_spread``)."""
        measure = self._spread(choice)
        improved = True
        while improved:
            improved = False
            for d in range(self.count):
                for option in self.tables[d]:
                    self.tick()
                    trial = [*choice[:d], option, *choice[d + 1 :]]
                    trial_measure = self._spread(trial)
                    if trial_measure < measure:
                        choice, measure, improved = trial, trial_measure, True
        return choice

    def _greedy(self) -> list[Option]:
        """Each date in turn takes the start that ranks the dates so far first."""
        choice: list[Option] = []
        for d in range(self.count):
            choice.append(min(self.tables[d], key=lambda o: self._spread([*choice, o])))
        return choice

    def run(self, progress: Callable[[int, int], None] | None) -> tuple[list[int], bool]:
        """The candidate index chosen for each date, and whether nothing can rank before it."""
        # The best fixed time is candidate 0 on every date: what the search must beat, on the
        # minutes (the -1 lets no distance from the current start alone beat it).
        fixed = [self.full[d][0] for d in range(self.count)]
        self.best, self.key = [o[0] for o in fixed], (*self.score(fixed)[:3], -1)
        try:
            # Good first guesses let the bounds prune from the start: the fixed time and a
            # greedy sharing-out, each improved one date at a time.
            for guess in (fixed, self._greedy()):
                choice = self._improve(guess)
                key = self.score(choice)
                if key < self.key:
                    self.best, self.key = [o[0] for o in choice], key
            self.chosen = [0] * self.count
            self._search(0, [0] * self.size, [0] * self.size, 0, 0, progress)
        except _Stop:
            return self.best, False
        return self.best, True

    def _search(
        self, k: int, night: list[int], off: list[int], total: int, far: int, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Try each start at search position k after the partial rotation (night, off, total, far)."""
        options = self.tables[self.order[k]]
        ahead = self.ahead[k]
        last = k + 1 == self.count
        first = self.chosen[k - 1] if self.same_as_previous[k] else 0
        for j in range(first, len(options)):
            if progress is not None:
                progress(j, len(options))
            self.tick()
            night_ahead, off_ahead, total_ahead, far_ahead = ahead[j]
            worst_night = max(map(add, night, night_ahead))
            key = self.key
            if worst_night > key[0]:
                continue
            bound = (worst_night, max(map(add, off, off_ahead)), total + total_ahead, far + far_ahead)
            if bound >= key:
                continue
            self.chosen[k] = j
            if last:
                self.key = bound
                self.best = [0] * self.count
                for position in range(self.count):
                    self.best[self.order[position]] = self.tables[self.order[position]][self.chosen[position]][0]
                continue
            _, add_night, add_off, add_total, add_far = options[j]
            self._search(k + 1, list(map(add, night, add_night)), list(map(add, off, add_off)), total + add_total, far + add_far)
        if progress is not None:
            progress(len(options), len(options))
