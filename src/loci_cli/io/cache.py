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

The cache touches only what it made. $LOCI_CACHE_DIR may name a folder that
holds a user's own files, so a snapshot is named ``<40 hex digits>.pickle``
(and its temporary file ``.<40 hex digits>.<pid>.tmp``), and pruning deletes
only names of exactly that shape. A folder that someone else can write to is
not used at all (anyone who can plant a snapshot there could choose the agenda
loci shows), and a snapshot is opened only when it is a regular file of the
user's own, without blocking: a FIFO planted at its path can't hang a run.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from .. import __version__
from ..core import model

#: Raise it whenever what a snapshot holds, or how it is read, changes.
SNAPSHOT_FORMAT = 2
#: Snapshots kept at most; the oldest go first.
KEEP = 50

#: Only names of these shapes are ever deleted by pruning: a snapshot, and a temporary file of one.
SNAPSHOT_NAME = re.compile(r"[0-9a-f]{40}\.pickle")
TEMPORARY_NAME = re.compile(r"\.[0-9a-f]{40}\.[0-9]+\.tmp")
#: A temporary file older than this belongs to a run that died mid-write.
STALE_SECONDS = 600

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


def unusable(directory: Path) -> str | None:
    """Why ``directory`` must not be trusted with snapshots (None: it may be, or it is no folder at all).

    A folder that others can write to (group or world) is refused, as is one
    owned by someone else: whoever can write there can plant the agenda loci shows.
    """
    try:
        status = os.stat(directory)
    except OSError:
        return None  # no folder there yet (or none can be): reading and writing fail quietly on their own
    if not stat.S_ISDIR(status.st_mode):
        return None
    if status.st_uid != _user():
        return "owned by another user"
    if status.st_mode & 0o022:
        return "other users can write to it"
    return None


def _user() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0


def _own_regular_file(status: os.stat_result) -> bool:
    return stat.S_ISREG(status.st_mode) and status.st_uid == _user() and not status.st_mode & 0o022


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
    "core/model.py",
    "core/rules.py",
    "core/zones.py",
    "formats/loci/read.py",
    "formats/loci/plain.py",
    "formats/frab/shared.py",
    "formats/frab/read_json.py",
    "formats/frab/read_xml.py",
    "core/urls.py",
    "io/cache.py",
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

    ALLOWED = {("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone")} | {
        (model.__name__, name) for name in ("Agenda", "Day", "Session", "Link", "Organisation", "Contact", "Participants")
    }

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a snapshot")
        return super().find_class(module, name)  # type: ignore[no-any-return]


def load(directory: Path, key: str) -> model.Agenda | None:
    """The agenda saved under ``key``, or None when there is none or it cannot be used."""
    if unusable(directory) is not None:
        return None
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: a planted link is not followed.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(directory / f"{key}.pickle", flags)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not _own_regular_file(os.fstat(handle.fileno())):
                return None
            saved = _ModelUnpickler(handle).load()
        if not (isinstance(saved, tuple) and len(saved) == 2 and saved[0] == key and isinstance(saved[1], model.Agenda)):
            return None
        agenda: model.Agenda = saved[1]
        if not _well_formed(agenda):
            return None
        return agenda
    except Exception:
        return None


def _well_formed(agenda: model.Agenda) -> bool:
    """Every field of every object holds the type the model declares, and every zone is known.

    A file with the right key can still have been edited (or written by a loci
    whose model differs): anything the model would not hold is as good as no
    snapshot, never a traceback later on.
    """
    from ..core.zones import get_zone

    if not _check_of(model.Agenda)(agenda):
        return False
    if not agenda.days or not all(day.sessions for day in agenda.days):
        return False
    for name in {agenda.timezone, *(zone for place in agenda.participants for zone in place.zones)}:
        try:
            get_zone(name)
        except Exception:
            return False
    return True


_CHECKS: dict[object, Callable[[object], bool]] = {}


def _check_of(annotation: object) -> Callable[[object], bool]:
    """A predicate for values of ``annotation`` (a model class, str, int, date, ``X | None``, ``tuple[X, ...]``).

    Built once per annotation and kept flat (a set of exact types where one
    will do), so checking 10,000 sessions costs a few tens of milliseconds.
    """
    known = _CHECKS.get(annotation)
    if known is not None:
        return known
    import typing

    exact = _exact_types(annotation)
    check: Callable[[object], bool]
    if exact is not None:
        check = lambda value: type(value) in exact
    elif isinstance(annotation, type) and issubclass(annotation, tuple) and hasattr(annotation, "_fields"):
        # A model class: a NamedTuple, so its values are its items, in field order.
        cls = annotation
        hints = typing.get_type_hints(cls)
        names: tuple[str, ...] = cls._fields
        plan: list[frozenset[type] | Callable[[object], bool]] = []
        for name in names:
            types_ = _exact_types(hints[name])
            plan.append(types_ if types_ is not None else _check_of(hints[name]))
        aware = [i for i, name in enumerate(names) if hints[name] is _datetime()]
        width = len(names)

        def check(value: object) -> bool:
            if type(value) is not cls or len(value) != width:
                return False
            for item, rule in zip(value, plan, strict=True):
                if not (type(item) in rule if isinstance(rule, frozenset) else rule(item)):
                    return False
            return all(value[i].utcoffset() is not None for i in aware)
    elif typing.get_origin(annotation) is tuple:
        item_types = _exact_types(typing.get_args(annotation)[0])
        if item_types is not None:
            check = lambda value: type(value) is tuple and all(type(v) in item_types for v in value)
        else:
            item = _check_of(typing.get_args(annotation)[0])
            check = lambda value: type(value) is tuple and all(item(v) for v in value)
    else:
        check = lambda value: False
    _CHECKS[annotation] = check
    return check


def _datetime() -> type:
    import datetime

    return datetime.datetime


def _exact_types(annotation: object) -> frozenset[type] | None:
    """The exact types a plain annotation allows (str, int, date, datetime, None, unions of them), else None."""
    import datetime
    import types
    import typing

    plain = (str, int, bool, datetime.date, datetime.datetime, type(None))
    if annotation in plain:
        return frozenset([typing.cast(type, annotation)])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        if all(arg in plain for arg in args):
            return frozenset(args)
    return None


def save(directory: Path, key: str, agenda: model.Agenda) -> None:
    """Save a fully validated agenda under ``key``; silently skip it when the cache can't be written."""
    temporary = directory / f".{key}.{os.getpid()}.tmp"
    try:
        data = pickle.dumps((key, agenda), protocol=pickle.HIGHEST_PROTOCOL)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if unusable(directory) is not None:
            return
        # O_EXCL|O_NOFOLLOW: never write through a file or link someone left at the temporary name.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, directory / f"{key}.pickle")
        _prune(directory)
    except (OSError, ValueError, pickle.PicklingError):  # ValueError: a path no file system takes
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _prune(directory: Path, now: float | None = None) -> None:
    """Keep the newest KEEP snapshots, and drop temporary files of runs that died mid-write.

    Only files named as loci names them are touched: the folder may hold a user's own files.
    """
    import time

    now = time.time() if now is None else now
    snapshots = []
    with os.scandir(directory) as scan:
        for entry in scan:
            if not entry.is_file(follow_symlinks=False):
                continue
            if SNAPSHOT_NAME.fullmatch(entry.name):
                snapshots.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
            elif TEMPORARY_NAME.fullmatch(entry.name) and now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    if len(snapshots) <= KEEP:
        return
    snapshots.sort(reverse=True)
    for _, path in snapshots[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
