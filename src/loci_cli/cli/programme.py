"""The read-only views of the programme: info, days, sessions, today, now, show.

Each command opens the agenda in the zone asked for, calls its action in
``actions/programme.py``, and renders what comes back: JSON, or a view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.queries import Filter
from ..views.days import print_days
from ..views.info import info_text
from ..views.moment import moment_text
from ..views.programme import print_programme
from ..views.session import session_text
from . import complete
from .options import ByRoomOption, DayOption, ViewOptions, emit, filter_options, open_agenda, view_options

if TYPE_CHECKING:
    from ..actions.programme import Listing
    from ..core.model import Agenda
    from ..views.output import Output

DateOption = Annotated[
    Optional[str],
    typer.Option("--date", metavar="DATE", help="Another date, e.g. 2020-11-10 or '10 Nov 2020'. [default: today]"),
]
AtOption = Annotated[
    Optional[str],
    typer.Option(
        "--at",
        metavar="DATETIME",
        help="Another moment, e.g. '2020-11-10 12:45'; read in --tz unless it has an offset. [default: now]",
    ),
]
SessionIdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="A session id, as 'loci sessions' lists them.", autocompletion=complete.session_ids)
]


@view_options()
def info(ctx: typer.Context, *, view: ViewOptions) -> None:
    """Show the meeting: title, dates, venue, organisers, contacts and about text."""
    from ..actions import programme

    out, ag, zone = open_agenda(ctx, view)
    found = programme.info(ag, zone)
    emit(out, view.json, found.info, lambda row: out.text(info_text(row, found.days, out.width)))


@view_options()
def days(ctx: typer.Context, *, view: ViewOptions) -> None:
    """List the meeting days with their start and end in your zone."""
    from ..actions import programme

    out, ag, zone = open_agenda(ctx, view)
    emit(out, view.json, programme.days(ag, zone), lambda rows: print_days(out, ag.title, rows))


@view_options()
@filter_options
def sessions(
    ctx: typer.Context, day: DayOption = None, asked: Filter = Filter(), by_room: ByRoomOption = False, *, view: ViewOptions
) -> None:
    """List the programme, grouped by day, in your zone and the event's."""
    from ..actions import programme

    out, ag, zone = open_agenda(ctx, view)
    asked = _starred(out, ag, asked)
    _listing(out, view, programme.sessions(ag, zone, asked, day), by_room)


@view_options()
@filter_options
def today(
    ctx: typer.Context, date: DateOption = None, asked: Filter = Filter(), by_room: ByRoomOption = False, *, view: ViewOptions
) -> None:
    """Show the meeting days with any session on a date in your zone, each whole."""
    from ..actions import programme

    out, ag, zone = open_agenda(ctx, view)
    asked = _starred(out, ag, asked)
    _listing(out, view, programme.today(ag, zone, out.env, asked, date, suggest=view.carried.suggest), by_room)


@view_options()
@filter_options
def now(ctx: typer.Context, at: AtOption = None, asked: Filter = Filter(), *, view: ViewOptions) -> None:
    """Show what runs now, in every room, and what starts next, with the time until it starts."""
    from ..actions import programme

    out, ag, zone = open_agenda(ctx, view)
    asked = _starred(out, ag, asked)
    found = programme.now(ag, zone, out.env, asked, at)
    emit(out, view.json, found.moment, lambda row: out.text(moment_text(row, found.year)))


@view_options()
def show(ctx: typer.Context, session_id: SessionIdArgument, *, view: ViewOptions) -> None:
    """Show one session in full."""
    from ..actions import programme

    out, ag, zone = open_agenda(ctx, view)
    found = programme.show(ag, zone, session_id)
    emit(out, view.json, found.session, lambda row: out.text(session_text(row, found.day, out.width)))


def _starred(out: Output, agenda: Agenda, asked: Filter) -> Filter:
    """With --starred, the filter holding the ids starred for this agenda; starred ids it no longer has are noted."""
    if asked.starred is None:
        return asked
    from ..actions.stars import with_stars

    chosen, notes = with_stars(agenda, out.env, asked)
    for note in notes:
        out.message(note)
    return chosen


def _listing(out: Output, view: ViewOptions, listed: Listing, by_room: bool) -> None:
    """Notes on stderr; then the days, unless there are none and people (not a script) are reading."""
    for note in listed.notes:
        out.message(note)
    if view.json or listed.days:
        emit(out, view.json, listed.days, lambda rows: print_programme(out, listed.title, rows, listed.on, by_room=by_room))


COMMANDS = (info, days, sessions, today, now, show)
