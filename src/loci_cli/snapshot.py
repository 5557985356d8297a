"""Snapshots of validated agendas, so that repeat runs skip Pydantic.

Importing Pydantic and building the models costs most of a start-up, yet an
agenda file rarely changes between two runs. After an agenda has passed the
full validation, its data and every session's resolved UTC instants are saved
as plain JSON, under a key hashed from the file's bytes, the format asked for,
loci's version, the tzdata version and this module's snapshot format. A later
run that reads the same bytes builds light, read-only objects from the
snapshot instead, with the attributes the views use and without importing
Pydantic or the models.

A cache may only ever save time: any failure to read or write a snapshot
falls back to the full path, silently.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from . import __version__

if TYPE_CHECKING:
    from . import models

#: Raise it whenever what a snapshot holds, or how it is read, changes.
SNAPSHOT_FORMAT = 1
#: Snapshots kept at most; the oldest go first.
KEEP = 50

ENV_CACHE_DIR = "LOCI_CACHE_DIR"
ENV_NO_CACHE = "LOCI_NO_CACHE"


# --- the light agenda -------------------------------------------------------------------
# The same attribute names as the models, so the views need not know which they got.
# Named tuples rather than dataclasses: creating a dataclass costs ten times as
# much, and these classes are made on every run.


class Organisation(NamedTuple):
    name: str
    short_name: str | None = None
    tagline: str | None = None
    url: str | None = None
    email: str | None = None


class Contact(NamedTuple):
    name: str
    organisation: str | None = None
    email: str | None = None


class Link(NamedTuple):
    url: str
    title: str | None = None


class Participants(NamedTuple):
    country: str
    zones: tuple[str, ...]


class Session(NamedTuple):
    id: str
    start: time | datetime
    end: time | datetime
    title: str
    kind: str
    description: str
    lead: str | None
    location: str | None
    url: str | None
    room: str | None
    track: str | None
    speakers: tuple[str, ...]
    language: str | None
    links: tuple[Link, ...]
    start_at: datetime
    end_at: datetime

    @property
    def is_break(self) -> bool:
        return self.kind == "break"


class Day(NamedTuple):
    id: str
    number: int
    date: date
    title: str
    theme: str | None
    sessions: tuple[Session, ...]

    @property
    def start_at(self) -> datetime:
        return self.sessions[0].start_at

    @property
    def end_at(self) -> datetime:
        return max(s.end_at for s in self.sessions)


class Agenda(NamedTuple):
    id: str
    revision: int
    title: str
    subtitle: str | None
    region: str | None
    organisers: tuple[Organisation, ...]
    venue: str | None
    url: str | None
    email: str | None
    timezone: str
    about: str
    contacts: tuple[Contact, ...]
    days: tuple[Day, ...]
    participants: tuple[Participants, ...]

    @property
    def zone(self) -> ZoneInfo:
        from .timezones import get_zone

        return get_zone(self.timezone)

    def sessions(self) -> list[tuple[Day, Session]]:
        return [(day, s) for day in self.days for s in day.sessions]


# --- where snapshots live -------------------------------------------------------------


def cache_dir(environ: Mapping[str, str]) -> Path | None:
    """$LOCI_CACHE_DIR, else $XDG_CACHE_HOME/loci, else ~/.cache/loci; None when $LOCI_NO_CACHE is set."""
    if environ.get(ENV_NO_CACHE, "") not in ("", "0"):
        return None
    if environ.get(ENV_CACHE_DIR):
        return Path(environ[ENV_CACHE_DIR])
    xdg = environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore a relative path.
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "loci"
    try:
        return Path.home() / ".cache" / "loci"
    except RuntimeError:  # no home directory to be found
        return None


def snapshot_key(data: bytes, format: str) -> str:
    """A name for these bytes read as ``format`` by this loci with this zone database."""
    try:
        # BLAKE2 is built in; hashlib would first load OpenSSL, which costs more than the rest of this run.
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter without it
        from hashlib import blake2b

    digest = blake2b(digest_size=20)
    for part in (str(SNAPSHOT_FORMAT), __version__, _tzdata_version(), _code_stamp(), format):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def _code_stamp() -> str:
    """The size and mtime of the modules that decide what a checked agenda holds.

    A developer who changes a rule without bumping the version still gets the
    agenda checked again; four stat calls cost next to nothing.
    """
    import os

    here = os.path.dirname(__file__)
    stamps = []
    for name in ("models.py", "frab.py", "timezones.py", "snapshot.py"):
        try:
            status = os.stat(os.path.join(here, name))
            stamps.append(f"{status.st_size}:{status.st_mtime_ns}")
        except OSError:
            stamps.append("-")
    return ",".join(stamps)


def _tzdata_version() -> str:
    # The package's own constant: importlib.metadata would cost more than it saves.
    try:
        import tzdata

        return str(tzdata.IANA_VERSION)
    except (ImportError, AttributeError):
        return "system"


# --- loading and saving -----------------------------------------------------------------


def load(directory: Path, key: str) -> Agenda | None:
    """The agenda saved under ``key``, or None when there is none or it cannot be used."""
    try:
        saved = json.loads((directory / f"{key}.json").read_bytes())
        if saved["key"] != key:
            return None
        return _agenda(saved["agenda"], saved["instants"])
    except Exception:  # noqa: BLE001 - missing, unreadable or not a snapshot of ours: the full path will answer
        return None


def save(directory: Path, key: str, agenda: models.Agenda) -> None:
    """Save a fully validated agenda under ``key``; silently skip it when the cache can't be written."""
    snapshot = {
        "key": key,
        "agenda": agenda.model_dump(mode="json", by_alias=True),
        "instants": [[s.start_at.isoformat(), s.end_at.isoformat()] for _, s in agenda.sessions()],
    }
    data = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    temporary = directory / f".{key}.{os.getpid()}.tmp"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, directory / f"{key}.json")
        _prune(directory)
    except (OSError, ValueError):  # ValueError: a path no file system takes
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def _prune(directory: Path) -> None:
    """Keep the newest KEEP snapshots (and any temporary files of runs that died mid-write)."""
    entries = []
    with os.scandir(directory) as scan:
        for entry in scan:
            if entry.is_file() and entry.name.endswith((".json", ".tmp")):
                entries.append((entry.stat().st_mtime, entry.path))
    if len(entries) <= KEEP:
        return
    entries.sort(reverse=True)
    for _, path in entries[KEEP:]:
        try:
            os.unlink(path)
        except OSError:
            pass


# --- building the light agenda ----------------------------------------------------------


def _clock(text: str) -> time | datetime:
    text = text[:-1] + "+00:00" if text.endswith("Z") else text  # Python 3.10 reads no 'Z'
    return datetime.fromisoformat(text) if "T" in text else time.fromisoformat(text)


def _session(data: dict[str, Any], instants: Any) -> Session:
    start_at, end_at = next(instants)
    return Session(
        id=data["id"],
        start=_clock(data["start"]),
        end=_clock(data["end"]),
        title=data["title"],
        kind=data["kind"],
        description=data["description"],
        lead=data["lead"],
        location=data["location"],
        url=data["url"],
        room=data["room"],
        track=data["track"],
        speakers=tuple(data["speakers"]),
        language=data["language"],
        links=tuple(Link(**link) for link in data["links"]),
        start_at=datetime.fromisoformat(start_at),
        end_at=datetime.fromisoformat(end_at),
    )


def _agenda(data: dict[str, Any], instants: list[list[str]]) -> Agenda | None:
    if len(instants) != sum(len(day["sessions"]) for day in data["days"]):
        return None
    pending = iter(instants)
    days = tuple(
        Day(
            id=day["id"],
            number=day["number"],
            date=date.fromisoformat(day["date"]),
            title=day["title"],
            theme=day["theme"],
            sessions=tuple(_session(s, pending) for s in day["sessions"]),
        )
        for day in data["days"]
    )
    return Agenda(
        id=data["id"],
        revision=data["revision"],
        title=data["title"],
        subtitle=data["subtitle"],
        region=data["region"],
        organisers=tuple(Organisation(**o) for o in data["organisers"]),
        venue=data["venue"],
        url=data["url"],
        email=data["email"],
        timezone=data["timezone"],
        about=data["about"],
        contacts=tuple(Contact(**c) for c in data["contacts"]),
        days=days,
        participants=tuple(Participants(p["country"], tuple(p["zones"])) for p in data["participants"]),
    )
