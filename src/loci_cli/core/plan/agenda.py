"""What the planner reads from an agenda (its current start, its longest day) and how it moves the agenda's days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .score import wall_instant

if TYPE_CHECKING:
    from ..model import Agenda


def current_start(agenda: Agenda) -> time | None:
    """The start every day shares in the event zone, or None when the days start at different times."""
    starts = {day.start_at.astimezone(agenda.zone).time() for day in agenda.days}
    return starts.pop() if len(starts) == 1 else None


def longest_day(agenda: Agenda) -> timedelta:
    """The length of the agenda's longest day: the default length of the block."""
    longest: timedelta = max(day.end_at - day.start_at for day in agenda.days)
    return longest


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
