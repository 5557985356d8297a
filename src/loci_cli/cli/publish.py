"""'loci publish DIR': the agenda as a static site, a page that shows every visitor their own time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..formats.detect import AgendaFormat
from ..views.output import Output
from .options import AgendaFormatOption, AgendaOption, AgendaTzOption, env_of, folder_path


def publish(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", parser=folder_path, help="The folder to write the site into (created if missing).")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace a site a previous publish wrote (files of dropped sessions go).")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the files written as JSON on stdout.")] = False,
    agenda: AgendaOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
    agenda_tz: AgendaTzOption = None,  # read through the environment (see options._agenda_zone)
) -> None:
    """Write the agenda as a static site: index.html, calendars, frab and loci JSON.

    index.html is one self-contained file (no network, works from file://). In
    a browser it shows each session in the visitor's own zone, with the event's
    time beside it; without JavaScript, in the event's zone and UTC. Beside it:
    agenda.ics (every session), days/*.ics, sessions/*.ics, schedule.json (frab)
    and agenda.json (loci's format). Nothing is written if any file exists,
    unless --force is given. The site is built beside DIR and swapped in whole,
    so DIR never holds half a site; other files in DIR stay, and a symbolic
    link where the site writes is refused.
    """
    from ..actions.publish import publish_site
    from ..i18n import _
    from ..views.progress import progress

    out = Output(env_of(ctx))
    # A bar on stderr while a big site is built and written, when it is a terminal (views/progress.py).
    with progress(out.env, 2, _("Publishing"), result_to_stdout=json_) as advance:
        published = publish_site(out.env, directory, agenda=agenda, agenda_format=agenda_format, force=force, progress=advance.to)
    out.message(published.summary)
    if json_:
        out.json(published.row)


COMMANDS = (publish,)
