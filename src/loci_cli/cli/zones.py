"""'loci zones': the programme side by side in many places, and zone search."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import UsageProblem
from ..views.output import Output
from ..views.zones import print_matrix, print_zone_search
from . import complete
from .options import ViewOptions, emit, env_of, user_zone, view_options

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

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
    from ..actions import zones as act
    from ..formats.load import load_agenda

    env = env_of(ctx)
    out = Output(env)

    @functools.cache
    def load() -> Agenda:
        # Read once: '-' (stdin) can be read only once.
        return load_agenda(view.agenda, env.environ, view.agenda_format, cached=True, stdin=env.input, note=out.message)

    if search is not None:
        _search_alone(search, tz, day)
        found = act.search(load(), env, search)
        for note in found.notes:
            out.message(note)
        if view.json or found.rows:
            emit(out, view.json, found.rows, lambda rows: print_zone_search(out, rows))
        return
    # The zones first: a mistyped --tz is a usage error whatever the agenda holds.
    asked = [user_zone(env, text, load) for text in tz or []]

    def here() -> ZoneInfo:
        # Only when the agenda names no participants: $LOCI_TZ, which --tz here does not read, else the system's.
        return user_zone(env, env.environ.get("LOCI_TZ"), load, from_env="LOCI_TZ" in env.environ)

    data = act.side_by_side(load(), asked, day, here)
    emit(out, view.json, data, lambda data: print_matrix(out, data))


def _search_alone(search: str, tz: list[str] | None, day: int | None) -> None:
    if not search.strip():
        raise UsageProblem("--search is empty", hint="give part of a city, country, code or zone name, or an offset")
    if tz or day is not None:
        raise UsageProblem("--search takes neither --tz nor --day", hint="run 'loci zones --search TEXT' alone")


COMMANDS = (zones,)
