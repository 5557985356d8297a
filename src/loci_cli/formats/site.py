"""The files ``loci publish`` writes: the page and, beside it, the agenda in every format loci writes.

``build_site`` is pure: it returns every file's bytes, relative path first, so the
caller writes them all at once or none (``write_site``). The calendar and frab
files come from the same builders as ``loci export``, so their UIDs and guids
are the ones a subscriber already has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .jsonfile import json_bytes
from .loci.write import agenda_document
from .page.page import Download, PageLinks, render_page

if TYPE_CHECKING:
    from ..core.model import Agenda, Day, Session

PAGE = "index.html"
AGENDA_ICS = "agenda.ics"
FRAB_JSON = "schedule.json"
FRAB_XML = "schedule.xml"
LOCI_JSON = "agenda.json"
DAYS_DIR = "days"
SESSIONS_DIR = "sessions"


@dataclass(frozen=True)
class SiteFile:
    """One file of the site: its path inside the site's folder (POSIX) and its bytes."""

    path: str
    data: bytes


def build_site(
    agenda: Agenda,
    *,
    stamp: datetime,
    generator: str = "loci",
    frab_xml: Callable[[dict[str, Any]], bytes] | None = None,
) -> list[SiteFile]:
    """Every file of the published agenda; ``stamp`` is the calendars' DTSTAMP (the caller's clock).

    ``frab_xml`` writes frab's schedule.xml from the frab JSON document; without it
    the site has no XML schedule.
    """
    from .frab.write_json import agenda_to_frab

    day_files = _file_names((day.id for day in agenda.days), DAYS_DIR)
    # A break gets no calendar file: calendar exports leave breaks out.
    listed = [(day, session) for day, session in agenda.sessions() if not session.is_break]
    session_files = _file_names((session.id for _, session in listed), SESSIONS_DIR)

    files: list[SiteFile] = []
    if listed:
        files.append(SiteFile(AGENDA_ICS, _calendar(agenda, listed, stamp)))
    for day in agenda.days:
        chosen = [(d, s) for d, s in listed if d is day]
        if chosen:
            files.append(SiteFile(day_files[day.id], _calendar(agenda, chosen, stamp)))
    for day, session in listed:
        files.append(SiteFile(session_files[session.id], _calendar(agenda, [(day, session)], stamp)))

    frab = agenda_to_frab(agenda)
    files.append(SiteFile(FRAB_JSON, json_bytes(frab)))
    downloads = [Download(FRAB_JSON, "Schedule for conference apps", "frab JSON: Giggity, ConfClerk, EventFahrplan")]
    if frab_xml is not None:
        files.append(SiteFile(FRAB_XML, frab_xml(frab)))
        downloads.append(Download(FRAB_XML, "Schedule as frab XML", "schedule.xml"))
    files.append(SiteFile(LOCI_JSON, json_bytes(agenda_document(agenda))))
    downloads.append(Download(LOCI_JSON, "The agenda's data", "loci's JSON format"))

    written = {f.path for f in files}
    links = PageLinks(
        agenda_ics=AGENDA_ICS if AGENDA_ICS in written else None,
        day_ics={day.id: day_files[day.id] for day in agenda.days if day_files[day.id] in written},
        session_ics={session.id: session_files[session.id] for _, session in listed},
        downloads=downloads,
    )
    files.insert(0, SiteFile(PAGE, render_page(agenda, links, generator=generator)))
    return files


def write_site(directory: Path, files: Sequence[SiteFile], *, force: bool = False) -> list[Path]:
    """Write the site into ``directory`` (made if missing): every file, or none; return the paths written."""
    from ..core.errors import OutputExists
    from ..io.files import Target, ensure_directory, write_files

    targets = [Target(directory.joinpath(*PurePosixPath(f.path).parts), f.data) for f in files]
    if not force:
        # Before any folder is made, so a refusal leaves the disk as it was.
        for target in targets:
            if target.path.exists() or target.path.is_symlink():
                raise OutputExists(str(target.path))
    for folder in dict.fromkeys(t.path.parent for t in targets):
        ensure_directory(folder)
    write_files(targets, force=force)
    return [t.path for t in targets]


def _calendar(agenda: Agenda, chosen: Sequence[tuple[Day, Session]], stamp: datetime) -> bytes:
    from ..core.queries import Slot
    from . import ical

    entries = [ical.session_entry(agenda, Slot(day, session)) for day, session in chosen]
    return ical.to_ical(ical.build_calendar(agenda, entries, ical.Options(stamp=stamp)))


def _file_names(ids: Iterable[str], folder: str) -> dict[str, str]:
    """A file name per id: the id where it is a plain name, else a tidied one; unique without regard to case."""
    found: dict[str, str] = {}
    used: set[str] = set()
    for ident in ids:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", ident).strip(".-") or "item"
        candidate, n = stem, 2
        # Case-insensitive file systems (macOS, Windows) would fold two names into one file.
        while candidate.lower() in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate.lower())
        found[ident] = f"{folder}/{candidate}.ics"
    return found
