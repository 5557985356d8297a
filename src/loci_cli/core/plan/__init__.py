"""The fairest start time for a meeting across zones: scoring, ranking, rotation and shifting.

- ``score``: the minutes per band, the score of a fixed start and the ranking (``rank``);
- ``rotate``: one start per date (``rotate``), ranked in the same order over
  all the dates, searched by branch and bound within a time limit;
- ``agenda``: what the planner reads from an agenda and how it moves the agenda's days (``shift``).

The places it scores are ``core.places.Place``.

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

The minutes come from interval arithmetic: each zone's UTC-offset changes over
the blocks are found once (``hours.offset_pieces``), and a block's minutes in
each category are a difference of two sums from a fixed origin
(``hours.wall_seconds``). Places whose zones keep the same offsets over every
block are scored once. The agenda's current start is scored even when
``between`` or the step leaves it out: it is then no candidate, and its rank
is where its score would put it.

Only the standard library: the caller resolves zone names and reads files.
"""

from .agenda import clock_text, current_start, longest_day, shift
from .rotate import TIME_LIMIT, Rotation, RotationDay, rotate
from .score import STEP, Block, Candidate, Minutes, PlaceScore, Ranking, distance, rank, wall_instant

__all__ = [
    "STEP",
    "TIME_LIMIT",
    "Block",
    "Candidate",
    "Minutes",
    "PlaceScore",
    "Ranking",
    "Rotation",
    "RotationDay",
    "clock_text",
    "current_start",
    "distance",
    "longest_day",
    "rank",
    "rotate",
    "shift",
    "wall_instant",
]
