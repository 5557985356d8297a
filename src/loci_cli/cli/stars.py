"""A personal schedule: star, unstar and starred (the list is kept per agenda; see docs/stars.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..i18n import _, ngettext
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

    out, ag, _zone = open_agenda(ctx, view)
    done = stars.star(ag, out.env, session_ids)
    _report(out, view, done, "starred", "already starred", ag.title)


@view_options(tz=False)
def unstar(ctx: typer.Context, session_ids: SessionIdsArgument, *, view: ViewOptions) -> None:
    """Take sessions off your list for this agenda, ids an updated agenda no longer has too."""
    from ..actions import stars

    out, ag, _zone = open_agenda(ctx, view)
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
        print_programme(out, _("{title}: starred").format(title=ag.title), found.days)


def _report(out: Output, view: ViewOptions, done: Changed, did: str, was: str, title: str) -> None:
    row: dict[str, Any] = {did: list(done.changed), was.replace(" ", "_"): list(done.unchanged), "total": done.total, "file": done.path}
    starring = did == "starred"

    def text(_row: object) -> None:
        if done.changed:
            ids = ", ".join(done.changed)
            out.text((_("Starred {ids}.") if starring else _("Unstarred {ids}.")).format(ids=ids))
        if done.unchanged:
            n = len(done.unchanged)
            if starring:
                note = ngettext("loci: note: {ids} was already starred", "loci: note: {ids} were already starred", n)
            else:
                note = ngettext("loci: note: {ids} was not starred", "loci: note: {ids} were not starred", n)
            out.message(note.format(ids=", ".join(done.unchanged)))
        command = view.carried.suggest("loci starred")
        out.text(_("{total} starred for {title} (see them with '{command}').").format(total=done.total, title=title, command=command))

    emit(out, view.json, row, text)


COMMANDS = (star, unstar, starred)
