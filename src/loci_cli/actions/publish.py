"""'loci publish DIR': the agenda as a static site, written into a folder, every file or none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.detect import AgendaFormat

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..environment import Environment
    from ..views.rows import SiteRow


@dataclass(frozen=True)
class Published:
    """The folder a site went into and every file written there, in the order they were written."""

    directory: Path
    written: list[Path]

    @property
    def summary(self) -> str:
        """The line people read on stderr: how many files, and which one to open."""
        from ..i18n import _
        from ..views.words import plural

        return _("Wrote {files} to {directory}; open {index}").format(
            files=plural(len(self.written), "file"), directory=self.directory, index=self.directory / "index.html"
        )

    @property
    def row(self) -> SiteRow:
        return {"directory": str(self.directory), "files": [str(path) for path in self.written]}


def publish_site(
    env: Environment,
    directory: Path,
    *,
    agenda: str | None = None,
    agenda_format: AgendaFormat = AgendaFormat.auto,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Published:
    """Read the agenda, build its site (stamped with the environment's clock) and write it into ``directory``.

    A ``directory`` that is a file is refused before the agenda is read; files a
    previous publish wrote are replaced only with ``force`` (else OutputExists, and
    nothing is written). The site is replaced as a whole: a session gone since the
    last publish loses its file, and agenda.ics carries its cancellation.
    """
    import stat

    from .. import __version__
    from ..core.errors import NotADirectory, RevisionTooHigh
    from ..formats.frab.write_xml import write_xml
    from ..formats.load import agenda_source, load_agenda
    from ..formats.site import build_site, write_site
    from ..i18n import _
    from ..io.files import inside, status
    from ..views.output import Output

    info = status(directory)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise NotADirectory(_("is a file, not a directory"), where=str(directory), hint=_("give a folder for the site"))
    loaded = load_agenda(agenda, env.environ, agenda_format, stdin=env.input)
    stamp = env.clock()
    try:
        files = build_site(loaded, stamp=stamp, generator=f"loci {__version__}", frab_xml=write_xml)
    except RevisionTooHigh as err:
        err.where = f"{agenda_source(agenda, env.environ)}: {err.where}"
        raise
    if progress is not None:
        progress(1, 2)  # built; now written, synced and swapped in
    here = inside(directory)
    published = Published(directory, write_site(directory, files, force=force, agenda=loaded, stamp=stamp))
    if here:
        # The folder was swapped for a new one: a shell that was in it is left in the old, now removed.
        Output(env).message(
            _("loci: note: {directory} was replaced as a whole; a shell inside it sees the new site after '{command}'").format(
                directory=directory, command='cd "$PWD"'
            )
        )
    if progress is not None:
        progress(2, 2)
    return published
