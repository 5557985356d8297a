"""'loci plan': the fairest start time for the meeting, a rotation over its days, and the agenda moved to it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..formats.detect import AgendaFormat
from ..views.output import Output
from .options import (
    AgendaFormatOption,
    AgendaOption,
    AgendaTzOption,
    JsonOption,
    ViewFormatOption,
    agenda_hints,
    emit,
    env_of,
    output_choice,
    user_zone,
)


@agenda_hints
def plan(
    ctx: typer.Context,
    duration: Annotated[
        Optional[str],
        typer.Option(
            "--duration",
            metavar="LENGTH",
            show_default=False,
            help="How long the meeting lasts: 3h, 90m, 1h30m or 1:30. [default: the agenda's longest day]",
        ),
    ] = None,
    between: Annotated[
        Optional[str],
        typer.Option(
            "--between",
            metavar="HH:MM-HH:MM",
            help="Only blocks that fit inside this part of the day, read in the event zone, e.g. 08:00-20:00.",
        ),
    ] = None,
    dates: Annotated[
        Optional[list[str]],
        typer.Option(
            "--date",
            metavar="DATE",
            show_default=False,
            help="A date to plan for; repeat it for several. [default: the agenda's days]",
        ),
    ] = None,
    # Repeatable and not read from $LOCI_TZ, as on 'zones': one zone there would hide the participants.
    tz: Annotated[
        Optional[list[str]],
        typer.Option(
            "--tz",
            metavar="ZONE",
            show_default=False,
            help="A place taking part, as --tz elsewhere; repeat it for several. [default: the agenda's participant zones]",
        ),
    ] = None,
    attendees: Annotated[
        Optional[str],
        typer.Option(
            "--attendees",
            metavar="FILE",
            help="Who takes part: a CSV of name,email,zone (as for invitations), one person a row, counted per zone.",
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", metavar="N", min=1, help="How many start times to list.")] = 5,
    rotate: Annotated[
        bool, typer.Option("--rotate", help="Suggest one start per date, so that no place carries the late or early hours every day.")
    ] = False,
    apply: Annotated[
        Optional[str],
        typer.Option(
            "--apply",
            metavar="FILE",
            help="Write the agenda with every day moved to the best start (or the rotation's) to FILE, a new loci agenda file.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --apply replace FILE if it exists.")] = False,
    time_limit: Annotated[
        Optional[float],
        typer.Option(
            "--time-limit",
            metavar="SECONDS",
            show_default=False,
            help="How long --rotate may search before it settles for the best found (and says so). [default: 3]",
        ),
    ] = None,
    json_: JsonOption = False,
    fmt: ViewFormatOption = None,
    agenda: AgendaOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
    agenda_tz: AgendaTzOption = None,  # read through the environment (see options._agenda_zone)
) -> None:
    """Rank start times for the meeting by how fair they are to every place taking part.

    For each place, the score counts the minutes the meeting spends in its local
    night (22:00-06:00), early hours (06:00-08:00) and evening (18:00-22:00), over
    every date and multiplied by its headcount. The worst-off place's night
    minutes rank first, then its early and evening minutes, then everyone's.
    """
    from ..actions.plan import PlanAsk
    from ..actions.plan import plan as plan_action
    from ..i18n import _
    from ..views.plan import plan_text
    from ..views.progress import progress

    env = env_of(ctx)
    out = Output(env)
    json_, agenda_format = output_choice(out, fmt, json_, agenda_format)

    ask = PlanAsk(duration, between, dates or (), tz or (), attendees, top, rotate, apply, force, agenda, agenda_format, time_limit)
    # A country's zones are listed with their offsets on the agenda's dates (user_zone).
    with progress(env, 0, _("Searching rotations"), result_to_stdout=json_) as advance:
        row = plan_action(env, ask, lambda text, load: user_zone(env, text, load), progress=advance.to)
    emit(out, json_, row, lambda row: out.text(plan_text(row, out.width)))


COMMANDS = (plan,)
