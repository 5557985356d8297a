"""The read-only views of the programme: info, days, sessions, today, now, show."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..views.days import print_days
from ..views.info import info_text
from ..views.moment import moment_text
from ..views.programme import print_programme
from ..views.session import session_text
from . import complete
from .options import (
    ByRoomOption,
    DayOption,
    RoomOption,
    SearchOption,
    TrackOption,
    ViewOptions,
    emit,
    open_agenda,
    view_options,
)


@view_options()
def info(
    ctx: typer.Context,
    *,
    view: ViewOptions,
) -> None:
    """Show the meeting: title, dates, venue, organisers, contacts and about text."""
    from ..views.rows import day_row, info_row

    out, ag, zone = open_agenda(ctx, view)
    env = out.env
    days = [day_row(ag, day, zone, with_sessions=False) for day in ag.days]
    emit(out, view.json, info_row(ag, zone), lambda row: out.text(info_text(row, days, env.width)))


@view_options()
def days(
    ctx: typer.Context,
    *,
    view: ViewOptions,
) -> None:
    """List the meeting days with their start and end in your zone."""
    from ..views.rows import day_row

    out, ag, zone = open_agenda(ctx, view)
    rows = [day_row(ag, day, zone, with_sessions=False) for day in ag.days]
    emit(out, view.json, rows, lambda rows: print_days(out, ag.title, rows))


@view_options()
def sessions(
    ctx: typer.Context,
    day: DayOption = None,
    room: RoomOption = None,
    track: TrackOption = None,
    search: SearchOption = None,
    by_room: ByRoomOption = False,
    *,
    view: ViewOptions,
) -> None:
    """List the programme, grouped by day, in your zone and the event's."""
    from ..core.queries import find_day, make_filter, select
    from ..views.rows import day_row

    out, ag, zone = open_agenda(ctx, view)
    only = make_filter(ag, room, track, search)
    chosen = [find_day(ag, day)] if day is not None else ag.days
    rows = [day_row(ag, d, zone, picked) for d, picked in select(chosen, only)]
    if not rows:
        out.message(f"No session matches {only.describe()}.")
    if view.json or rows:
        emit(out, view.json, rows, lambda rows: print_programme(out, ag.title, rows, by_room=by_room))


@view_options()
def today(
    ctx: typer.Context,
    date: Annotated[
        Optional[str],
        typer.Option("--date", metavar="DATE", help="Another date, e.g. 2020-11-10 or '10 Nov 2020'. [default: today]"),
    ] = None,
    room: RoomOption = None,
    track: TrackOption = None,
    search: SearchOption = None,
    by_room: ByRoomOption = False,
    *,
    view: ViewOptions,
) -> None:
    """Show the meeting days with any session on a date in your zone, each whole."""
    from ..core.queries import days_on, make_filter, nearest_day, next_day, select
    from ..views.rows import day_row
    from .dates import parse_date

    out, ag, zone = open_agenda(ctx, view)
    env = out.env
    only = make_filter(ag, room, track, search)
    local_today = env.clock().astimezone(zone).date()
    on = parse_date(date, local_today, zone) if date is not None else local_today
    days_then = days_on(ag, on, zone)
    rows = [day_row(ag, d, zone, picked) for d, picked in select(days_then, only)]
    if days_then and not rows:
        out.message(f"Nothing matches {only.describe()} on {on:%a %d %b %Y} in {zone.key}.")
    elif not rows:
        # The next day is the useful one; after the meeting, its last day.
        upcoming = next_day(ag, on, zone)
        near = upcoming or nearest_day(ag, on, zone)
        starts = near.start_at.astimezone(zone)
        which = "next" if upcoming else "last"
        out.message(
            f"Nothing on {on:%a %d %b %Y} in {zone.key}. The {which} meeting day is Day {near.number}, "
            f"{starts:%a %d %b %Y} from {starts:%H:%M} "
            f"(try: {view.carried.suggest(f'loci today --date {starts:%Y-%m-%d}')})."
        )
    if view.json or rows:
        emit(out, view.json, rows, lambda rows: print_programme(out, ag.title, rows, on, by_room=by_room))


@view_options()
def now(
    ctx: typer.Context,
    at: Annotated[
        Optional[str],
        typer.Option(
            "--at",
            metavar="DATETIME",
            help="Another moment, e.g. '2020-11-10 12:45'; read in --tz unless it has an offset. [default: now]",
        ),
    ] = None,
    room: RoomOption = None,
    track: TrackOption = None,
    search: SearchOption = None,
    *,
    view: ViewOptions,
) -> None:
    """Show what runs now, in every room, and what starts next, with the time until it starts."""
    from ..core.queries import make_filter, moment
    from ..views.rows import moment_row

    out, ag, zone = open_agenda(ctx, view)
    env = out.env
    only = make_filter(ag, room, track, search)
    if at is not None:
        from .dates import parse_moment

        instant = parse_moment(at, zone, env.clock())
    else:
        instant = env.clock().astimezone(zone)
    row = moment_row(ag, moment(ag, instant, only or None), zone)
    year = env.clock().astimezone(zone).year
    emit(out, view.json, row, lambda row: out.text(moment_text(row, year)))


@view_options()
def show(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(metavar="ID", help="A session id, as 'loci sessions' lists them.", autocompletion=complete.session_ids)
    ],
    *,
    view: ViewOptions,
) -> None:
    """Show one session in full."""
    from ..core.queries import find_session
    from ..views.rows import day_row, session_row

    out, ag, zone = open_agenda(ctx, view)
    env = out.env
    slot = find_session(ag, session_id)
    row = session_row(ag, slot.day, slot.session, zone)
    emit(out, view.json, row, lambda row: out.text(session_text(row, day_row(ag, slot.day, zone), env.width)))


COMMANDS = (info, days, sessions, today, now, show)
