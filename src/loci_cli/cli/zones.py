"""'loci zones': the programme side by side in many places, and zone search."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import UsageProblem
from ..formats.detect import AgendaFormat
from ..views import text as render
from . import complete
from .messages import carry
from .options import (
    AgendaFormatOption,
    AgendaOption,
    JsonOption,
    ViewFormatOption,
    emit,
    env_of,
    output_choice,
    user_zone,
)

if TYPE_CHECKING:
    from ..core.model import Agenda


def zones(
    ctx: typer.Context,
    day: Annotated[
        Optional[int],
        typer.Option("--day", "-d", metavar="N", help="One column per session of day N, not per day.", autocompletion=complete.day_numbers),
    ] = None,
    # Repeatable, unlike the other commands' --tz, and not read from $LOCI_TZ: one
    # zone there would hide the participants' rows.
    tz: Annotated[
        Optional[list[str]],
        typer.Option(
            "--tz",
            metavar="ZONE",
            show_default=False,
            help="A place to show, as --tz elsewhere; repeat it for several. [default: the agenda's participant zones]",
            autocompletion=complete.zone_names,
        ),
    ] = None,
    search: Annotated[
        Optional[str],
        typer.Option("--search", "-s", metavar="TEXT", help="List the zones matching TEXT (a city, country, code, offset, name part)."),
    ] = None,
    json_: JsonOption = False,
    fmt: ViewFormatOption = None,
    agenda: AgendaOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
) -> None:
    """Show the programme side by side in many places, or find zones with --search."""
    from ..core.places import agenda_places
    from ..core.queries import find_day
    from ..formats.load import load_agenda
    from ..views.matrix import matrix, place_for, search_rows

    json_, agenda_format = output_choice(fmt, json_, agenda_format)
    env = env_of(ctx)
    carry(None, agenda, agenda_format.value)
    if search is not None:
        if not search.strip():
            raise UsageProblem("--search is empty", hint="give part of a city, country, code or zone name, or an offset")
        if tz or day is not None:
            raise UsageProblem("--search takes neither --tz nor --day", hint="run 'loci zones --search TEXT' alone")
        ag = load_agenda(agenda, env.environ, agenda_format, cached=True)
        rows = search_rows(ag, search, env.clock())
        if not rows and len(search.strip()) == 1:
            raise UsageProblem(
                f"'{search.strip()}' is too short to search for",
                hint="give two letters or more of a city, country or zone name, a country code (KZ) or an offset (UTC+6)",
            )
        if not rows:
            from ..core.zones import suggest

            render.message(f"No zone matches '{search}' ({suggest(search)})")
        if json_ or rows:
            emit(json_, rows, render.print_zone_search)
        return

    def load() -> Agenda:
        return load_agenda(agenda, env.environ, agenda_format, cached=True)

    places = [place_for(user_zone(env, text, load)) for text in tz or []]
    ag = load()
    asked = bool(places)
    if not places:
        places = agenda_places(ag) or [place_for(user_zone(env, env.environ.get("LOCI_TZ"), load, from_env="LOCI_TZ" in env.environ))]
    data = matrix(ag, places, find_day(ag, day) if day is not None else None, participants=not asked and bool(ag.participants))
    emit(json_, data, render.print_matrix)


COMMANDS = (zones,)
