"""The read-only views of the programme: info, days, sessions, today, now, show.

Each takes the agenda and the zone the cli opened, plain values as the user gave
them, and the Environment (for its clock); each returns rows, and the notes
people should see on stderr, for the cli to render. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..core.queries import Filter, days_on, find_day, find_session, make_filter, moment, nearest_day, next_day, select
from ..i18n import _, format_day, format_time
from ..views.rows import DayRow, InfoRow, MomentRow, SessionRow, day_row, info_row, moment_row, session_row
from .dates import parse_date, parse_moment

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..environment import Environment


@dataclass(frozen=True)
class Listing:
    """Days with their sessions, as 'sessions' and 'today' show them, and what people should be told about them."""

    title: str
    days: list[DayRow]
    #: the local date asked for ('today'): rows on another date show theirs
    on: date | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Info:
    info: InfoRow
    #: each day's hours in the viewer's zone, for the text; the JSON is ``info`` alone
    days: list[DayRow]


@dataclass(frozen=True)
class Now:
    moment: MomentRow
    #: the clock's year in the viewer's zone: dates in another year show theirs
    year: int


@dataclass(frozen=True)
class Shown:
    session: SessionRow
    day: DayRow


def info(agenda: Agenda, zone: ZoneInfo) -> Info:
    return Info(info_row(agenda, zone), days(agenda, zone))


def days(agenda: Agenda, zone: ZoneInfo) -> list[DayRow]:
    return [day_row(agenda, day, zone, with_sessions=False) for day in agenda.days]


def sessions(agenda: Agenda, zone: ZoneInfo, asked: Filter, day: int | None = None) -> Listing:
    """The programme, day by day, through the filter; one day with ``day``."""
    only = make_filter(agenda, *asked)
    chosen = [find_day(agenda, day)] if day is not None else agenda.days
    rows = [day_row(agenda, d, zone, picked) for d, picked in select(chosen, only)]
    notes = () if rows else (_("No session matches {filter}.").format(filter=only.describe()),)
    return Listing(agenda.title, rows, notes=notes)


def today(
    agenda: Agenda, zone: ZoneInfo, env: Environment, asked: Filter, on: str | None = None, *, suggest: Callable[[str], str] = str
) -> Listing:
    """The meeting days with any session on a local date (``on`` as typed, else the clock's today), each whole.

    ``suggest`` spells a command to try with the user's own options.
    """
    only = make_filter(agenda, *asked)
    local_today = env.clock().astimezone(zone).date()
    when = parse_date(on, local_today, zone) if on is not None else local_today
    days_then = days_on(agenda, when, zone)
    rows = [day_row(agenda, d, zone, picked) for d, picked in select(days_then, only)]
    notes: tuple[str, ...] = ()
    if days_then and not rows:
        notes = (_("Nothing matches {filter} on {date} in {zone}.").format(filter=only.describe(), date=format_day(when), zone=zone.key),)
    elif not rows:
        # The next day is the useful one; after the meeting, its last day.
        upcoming = next_day(agenda, when, zone)
        near = upcoming or nearest_day(agenda, when, zone)
        starts = near.start_at.astimezone(zone)
        if upcoming:
            note = _("Nothing on {date} in {zone}. The next meeting day is Day {number}, {day} from {time} (try: {command}).")
        else:
            note = _("Nothing on {date} in {zone}. The last meeting day is Day {number}, {day} from {time} (try: {command}).")
        command = suggest(f"loci today --date {starts:%Y-%m-%d}")
        notes = (
            note.format(
                date=format_day(when), zone=zone.key, number=near.number, day=format_day(starts), time=format_time(starts), command=command
            ),
        )
    return Listing(agenda.title, rows, when, notes)


def now(agenda: Agenda, zone: ZoneInfo, env: Environment, asked: Filter, at: str | None = None) -> Now:
    """What runs at a moment (``at`` as typed, read in ``zone``; else the clock's now) and what starts next."""
    only = make_filter(agenda, *asked)
    clock = env.clock()
    instant = parse_moment(at, zone, clock) if at is not None else clock.astimezone(zone)
    return Now(moment_row(agenda, moment(agenda, instant, only or None), zone), clock.astimezone(zone).year)


def show(agenda: Agenda, zone: ZoneInfo, session_id: str) -> Shown:
    slot = find_session(agenda, session_id)
    return Shown(session_row(agenda, slot.day, slot.session, zone), day_row(agenda, slot.day, zone))
