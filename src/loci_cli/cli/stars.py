"""A personal schedule: star, unstar and starred (the list is kept per agenda; see docs/stars.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..views.programme import print_programme
from . import complete
from .options import ViewOptions, emit, open_agenda, view_options

if TYPE_CHECKING:
    from ..actions.stars import Changed
    from ..views.output import Output

SessionIdsArgument = Annotated[
    list[str],
    typer.Argument(metavar="ID...", help="Session ids, as 'loci sessions' lists them.", autocompletion=complete.session_ids),
]


@view_options(tz=False)
def star(ctx: typer.Context, session_ids: SessionIdsArgument, *, view: ViewOptions) -> None:
    """Add sessions to your own list for this agenda (kept in $XDG_CONFIG_HOME/loci/stars.json)."""
    from ..actions import stars

    out, ag, _ = open_agenda(ctx, view)
    done = stars.star(ag, out.env, session_ids)
    _report(out, view, done, "starred", "already starred", ag.title)


@view_options(tz=False)
def unstar(ctx: typer.Context, session_ids: SessionIdsArgument, *, view: ViewOptions) -> None:
    """Take sessions off your list for this agenda, ids an updated agenda no longer has too."""
    from ..actions import stars

    out, ag, _ = open_agenda(ctx, view)
    done = stars.unstar(ag, out.env, session_ids)
    _report(out, view, done, "unstarred", "not starred", ag.title)


@view_options()
def starred(ctx: typer.Context, *, view: ViewOptions) -> None:
    """List the sessions you starred, in your zone; starred ids the agenda no longer has are reported."""
    from ..actions import stars

    out, ag, zone = open_agenda(ctx, view)
    found = stars.starred(ag, zone, out.env)
    for note in found.notes:
        out.message(note)
    if view.json:
        out.json(found.row)
    elif found.days:
        print_programme(out, f"{ag.title}: starred", found.days)


def _report(out: Output, view: ViewOptions, done: Changed, did: str, was: str, title: str) -> None:
    row: dict[str, Any] = {did: list(done.changed), was.replace(" ", "_"): list(done.unchanged), "total": done.total, "file": done.path}

    def text(_: object) -> None:
        if done.changed:
            out.text(f"{did.capitalize()} {', '.join(done.changed)}.")
        if done.unchanged:
            out.message(f"loci: note: {', '.join(done.unchanged)} {'was' if len(done.unchanged) == 1 else 'were'} {was}")
        out.text(f"{done.total} starred for {title} (see them with '{view.carried.suggest('loci starred')}').")

    emit(out, view.json, row, text)


COMMANDS = (star, unstar, starred)
