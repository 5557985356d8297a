"""'loci publish DIR': the agenda as a static site, a page that shows every visitor their own time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..formats.detect import AgendaFormat
from ..views.output import Output

if TYPE_CHECKING:
    from ..views.rows import SiteRow

from .options import AgendaFormatOption, AgendaOption, env_of


def publish(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to write the site into (created if missing).")],
    force: Annotated[bool, typer.Option("--force", help="Replace files a previous publish wrote.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the files written as JSON on stdout.")] = False,
    agenda: AgendaOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
) -> None:
    """Write the agenda as a static site: index.html, calendars, frab and loci JSON.

    index.html is one self-contained file (no network, works from file://). In
    a browser it shows each session in the visitor's own zone, with the event's
    time beside it; without JavaScript, in the event's zone and UTC. Beside it:
    agenda.ics (every session), days/*.ics, sessions/*.ics, schedule.json (frab)
    and agenda.json (loci's format). Nothing is written if any file exists,
    unless --force is given.
    """
    from .. import __version__
    from ..core.errors import NotADirectory
    from ..formats.frab.write_xml import write_xml
    from ..formats.load import load_agenda
    from ..formats.site import build_site, write_site
    from ..views.words import plural

    env = env_of(ctx)
    if directory.exists() and not directory.is_dir():
        raise NotADirectory("is a file, not a directory", where=str(directory), hint="give a folder for the site")
    loaded = load_agenda(agenda, env.environ, agenda_format)
    files = build_site(loaded, stamp=env.clock(), generator=f"loci {__version__}", frab_xml=write_xml)
    written = write_site(directory, files, force=force)
    Output(env).message(f"Wrote {plural(len(written), 'file')} to {directory}; open {directory / 'index.html'}")
    if json_:
        row: SiteRow = {"directory": str(directory), "files": [str(path) for path in written]}
        Output(env).json(row)


COMMANDS = (publish,)
