"""'loci zones': the programme side by side in many places, and zone search."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import UsageProblem
from ..views.output import Output
from ..views.zones import print_matrix, print_zone_search
from . import complete
from .options import ViewOptions, emit, env_of, user_zone, view_options

if TYPE_CHECKING:
    from ..core.model import Agenda


@view_options(tz=False)
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
    *,
    view: ViewOptions,
) -> None:
    """Show the programme side by side in many places, or find zones with --search."""
    from ..core.places import agenda_places
    from ..core.queries import find_day
    from ..formats.load import load_agenda
    from ..views.matrix import matrix, place_for, search_rows

    env = env_of(ctx)
    out = Output(env)
    if search is not None:
        if not search.strip():
            raise UsageProblem("--search is empty", hint="give part of a city, country, code or zone name, or an offset")
        if tz or day is not None:
            raise UsageProblem("--search takes neither --tz nor --day", hint="run 'loci zones --search TEXT' alone")
        ag = load_agenda(view.agenda, env.environ, view.agenda_format, cached=True, stdin=env.input)
        rows = search_rows(ag, search, env.clock())
        if not rows and len(search.strip()) == 1:
            raise UsageProblem(
                f"'{search.strip()}' is too short to search for",
                hint="give two letters or more of a city, country or zone name, a country code (KZ) or an offset (UTC+6)",
            )
        if not rows:
            from ..core.zones import suggest

            out.message(f"No zone matches '{search}' ({suggest(search)})")
        if view.json or rows:
            emit(out, view.json, rows, lambda rows: print_zone_search(out, rows))
        return

    def load() -> Agenda:
        return load_agenda(view.agenda, env.environ, view.agenda_format, cached=True, stdin=env.input)

    places = [place_for(user_zone(env, text, load)) for text in tz or []]
    ag = load()
    asked = bool(places)
    if not places:
        places = agenda_places(ag) or [place_for(user_zone(env, env.environ.get("LOCI_TZ"), load, from_env="LOCI_TZ" in env.environ))]
    data = matrix(ag, places, find_day(ag, day) if day is not None else None, participants=not asked and bool(ag.participants))
    emit(out, view.json, data, lambda data: print_matrix(out, data))


COMMANDS = (zones,)
