"""The files ``loci publish`` writes: the page and, beside it, the agenda in every format loci writes.

``build_site`` is pure: it returns every file's bytes, relative path first, so the
caller writes them all at once or none (``write_site``). The calendar and frab
files come from the same builders as ``loci export``, so their UIDs and guids
are the ones a subscriber already has. Each event is made once: the agenda-wide,
per-day and per-session calendars are the same event bytes in different frames.

``write_site`` replaces the site as a whole (``io.files.replace_tree``): staged
beside the folder, synced once, swapped in. It never writes through a link
inside the folder, and a session dropped since the last publish loses its file
and is cancelled in agenda.ics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..io.files import Owned
from .jsonfile import json_bytes
from .loci.write import agenda_document
from .page.page import Download, PageLinks, render_page

if TYPE_CHECKING:
    from ..core.model import Agenda

PAGE = "index.html"
AGENDA_ICS = "agenda.ics"
FRAB_JSON = "schedule.json"
FRAB_XML = "schedule.xml"
LOCI_JSON = "agenda.json"
DAYS_DIR = "days"
SESSIONS_DIR = "sessions"
#: The files a publish wrote in days/ and sessions/, so that the next one removes
#: only those: a file of the user's there (even a .ics) is theirs, and stays.
MANIFEST = ".loci-site.json"


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
    from ..core.queries import Slot
    from . import ical
    from .frab.write_json import agenda_to_frab

    day_files = _file_names((day.id for day in agenda.days), DAYS_DIR)
    # A break gets no calendar file: calendar exports leave breaks out.
    listed = [(day, session) for day, session in agenda.sessions() if not session.is_break]
    session_files = _file_names((session.id for _day, session in listed), SESSIONS_DIR)

    files: list[SiteFile] = []
    if listed:
        # Every calendar here is in UTC, so one frame (no VTIMEZONE) serves them all.
        options = ical.Options(stamp=stamp)
        frame = ical.frame(agenda, options)
        events = [ical.event_bytes(agenda, ical.session_entry(agenda, Slot(d, s)), options) for d, s in listed]
        files.append(SiteFile(AGENDA_ICS, frame.around(events)))
        by_day: dict[int, list[bytes]] = {}
        for (day, _session), data in zip(listed, events, strict=True):
            by_day.setdefault(id(day), []).append(data)
        for day in agenda.days:
            if id(day) in by_day:
                files.append(SiteFile(day_files[day.id], frame.around(by_day[id(day)])))
        for (_day, session), data in zip(listed, events, strict=True):
            files.append(SiteFile(session_files[session.id], frame.around([data])))

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
        session_ics={session.id: session_files[session.id] for _day, session in listed},
        downloads=downloads,
    )
    files.insert(0, SiteFile(PAGE, render_page(agenda, links, generator=generator)))
    return files


#: What a site owns in its folder; anything else there is the user's, and stays.
OWNED = Owned(frozenset({PAGE, AGENDA_ICS, FRAB_JSON, FRAB_XML, LOCI_JSON, MANIFEST}), frozenset({DAYS_DIR, SESSIONS_DIR}), ".ics")


def write_site(
    directory: Path,
    files: Sequence[SiteFile],
    *,
    force: bool = False,
    agenda: Agenda | None = None,
    stamp: datetime | None = None,
) -> list[Path]:
    """Make ``directory`` (made if missing) hold the site: every file, or none; return the paths written.

    Without ``force`` an existing site file is refused before anything is written. A
    link where the site writes is refused always. With ``agenda`` and ``stamp``, the
    events of the folder's earlier agenda.ics that ``agenda`` no longer holds go into
    the new agenda.ics, cancelled.
    """
    from ..io.files import check_tree, read_in_tree, replace_tree

    paths = [f.path for f in files]
    inner = [p for p in paths if "/" in p]
    # What the site owns in its subfolders: what the last publish wrote there (its manifest) and
    # what this one writes. A site without a manifest (an older loci's) keeps the files it no longer lists.
    owned = OWNED.only([*_manifest(read_in_tree(directory, MANIFEST)), *inner])
    check_tree(directory, paths, owned, force=force)
    if agenda is not None and stamp is not None:
        previous = read_in_tree(directory, AGENDA_ICS)
        if previous:
            files = _with_cancellations(files, previous, agenda, stamp)
    manifest = json_bytes({"format": "loci-site", "version": 1, "files": sorted(inner)})
    written = replace_tree(directory, [*((f.path, f.data) for f in files), (MANIFEST, manifest)], owned)
    return [p for p in written if p.name != MANIFEST]


def _manifest(data: bytes | None) -> list[str]:
    """The subfolder files a manifest lists; none when it is missing or not loci's (then nothing unknown is removed)."""
    import json

    if not data:
        return []
    try:
        document = json.loads(data)
        files = document["files"] if document.get("format") == "loci-site" else []
    except (ValueError, TypeError, KeyError, AttributeError):
        return []
    if not isinstance(files, list):
        return []
    return [f for f in files if isinstance(f, str) and f.count("/") == 1 and f.split("/")[0] in (DAYS_DIR, SESSIONS_DIR) and ".." not in f]


def _with_cancellations(files: Sequence[SiteFile], previous: bytes, agenda: Agenda, stamp: datetime) -> list[SiteFile]:
    from . import ical

    kept = [f"{session.id}@{agenda.id}" for _day, session in agenda.sessions() if not session.is_break]
    gone = ical.cancellations(previous, agenda, kept, stamp)
    if not gone:
        return list(files)
    changed = []
    for f in files:
        if f.path == AGENDA_ICS:
            f = SiteFile(f.path, f.data[: -len(ical.END_CALENDAR)] + b"".join(gone) + ical.END_CALENDAR)
        changed.append(f)
    if AGENDA_ICS not in {f.path for f in changed}:
        # Every session gone (or a break now): the calendar still carries their cancellation.
        changed.append(SiteFile(AGENDA_ICS, ical.frame(agenda, ical.Options(stamp=stamp)).around(gone)))
    return changed


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
