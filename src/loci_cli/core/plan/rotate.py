"""A rotation: one start per planned date, so that no place carries the burden every day."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from .score import Block, Candidate, Minutes, PlaceScore, Ranking, distance

# A rotation's option for one date: (candidate index, burden per place, night per place, distance).
Option = tuple[int, tuple[int, ...], tuple[int, ...], int]
#: How many partial schedules `rotate` may look at before it settles for the best found.
ROTATION_BUDGET = 250_000


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
    #: False when the search stopped at its budget before proving no rotation is lighter:
    #: the result is the best found, still no heavier than ``fixed``
    exhaustive: bool = True

    @property
    def heaviest(self) -> int:
        """The largest total burden any place carries over all the dates."""
        return max(p.minutes.burden for p in self.places)


def rotate(planned: Ranking, *, budget: int = ROTATION_BUDGET) -> Rotation:
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
        days.append(RotationDay(candidate.start, candidate.blocks[d], tuple(p.per_date[d] for p in candidate.places)))
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

    def __init__(self, planned: Ranking):
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
