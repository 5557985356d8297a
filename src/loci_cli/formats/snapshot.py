"""Snapshots of validated agendas, so that repeat runs skip Pydantic.

Importing Pydantic and validating costs most of a start-up, yet an agenda
file rarely changes between two runs. After an agenda has passed the full
validation, the core model itself (``core.model``, every session's resolved
UTC instants included) is pickled under a key hashed from the file's bytes,
the format asked for, loci's version, the tzdata version and the code that
checks agendas. A later run that reads the same bytes unpickles the same
model, without importing Pydantic.

Stored generically: a new field in the model needs nothing here. The
unpickler accepts only the model's classes and the datetime types, so a
planted file cannot run code, and the result is checked for its type and
zone before use.

A cache may only ever save time: any failure to read or write a snapshot
falls back to the full path, silently.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Mapping
from pathlib import Path

from .. import __version__
from ..core import model

#: Raise it whenever what a snapshot holds, or how it is read, changes.
SNAPSHOT_FORMAT = 2
#: Snapshots kept at most; the oldest go first.
KEEP = 50

ENV_CACHE_DIR = "LOCI_CACHE_DIR"
ENV_NO_CACHE = "LOCI_NO_CACHE"


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


#: The modules whose code decides what a checked agenda holds.
CODE = (
    "core/model.py", "core/rules.py", "core/zones.py", "formats/loci_json.py", "formats/frab.py", "formats/frab_xml.py",
    "formats/snapshot.py",
)


def _code_stamp() -> str:
    """The size and mtime of the modules that decide what a checked agenda holds.

    A developer who changes a rule without bumping the version still gets the
    agenda checked again; a few stat calls cost next to nothing.
    """
    package = os.path.dirname(os.path.dirname(__file__))
    stamps = []
    for name in CODE:
        try:
            status = os.stat(os.path.join(package, name))
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


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles the core model and datetimes, and nothing else."""

    ALLOWED = {
        ("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone")
    } | {(model.__name__, name) for name in ("Agenda", "Day", "Session", "Link", "Organisation", "Contact", "Participants")}

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a snapshot")
        return super().find_class(module, name)  # type: ignore[no-any-return]


def load(directory: Path, key: str) -> model.Agenda | None:
    """The agenda saved under ``key``, or None when there is none or it cannot be used."""
    try:
        with open(directory / f"{key}.pickle", "rb") as handle:
            saved = _ModelUnpickler(handle).load()
        if not (isinstance(saved, tuple) and len(saved) == 2 and saved[0] == key and isinstance(saved[1], model.Agenda)):
            return None
        agenda: model.Agenda = saved[1]
        agenda.zone  # noqa: B018 - a snapshot naming an unknown zone is as good as none
        return agenda
    except Exception:
        return None


def save(directory: Path, key: str, agenda: model.Agenda) -> None:
    """Save a fully validated agenda under ``key``; silently skip it when the cache can't be written."""
    temporary = directory / f".{key}.{os.getpid()}.tmp"
    try:
        data = pickle.dumps((key, agenda), protocol=pickle.HIGHEST_PROTOCOL)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, directory / f"{key}.pickle")
        _prune(directory)
    except (OSError, ValueError, pickle.PicklingError):  # ValueError: a path no file system takes
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _prune(directory: Path) -> None:
    """Keep the newest KEEP snapshots (and any temporary files of runs that died mid-write)."""
    entries = []
    with os.scandir(directory) as scan:
        for entry in scan:
            if entry.is_file() and entry.name.endswith((".pickle", ".json", ".tmp")):
                entries.append((entry.stat().st_mtime, entry.path))
    if len(entries) <= KEEP:
        return
    entries.sort(reverse=True)
    for _, path in entries[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
