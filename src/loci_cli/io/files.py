"""Write what a command produced to files or stdout, all or nothing.

Each file is written to a temporary file in its own directory and moved into
place with ``os.replace``, so a reader never sees half a file and a failure
leaves the old file (or none) behind. A set of files is checked in full before
the first byte is written, and moved into place only once every one of them is
on disk, so an error about the fifth file leaves the first four unwritten too.

What is already at a path decides how it is written:
- a FIFO or a device (``/dev/null``, ``/dev/stdout``) is written to directly,
  never replaced (replacing ``/dev/null`` as root would break the system);
- a symlink is followed: its target is replaced atomically and the link stays;
- a regular file replaced with ``force`` keeps its mode, and its owner where
  the user may set it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import IsADirectory, NotADirectory, OutputError, OutputExists

STDOUT = "-"


@dataclass(frozen=True)
class Target:
    """One file to write: where, and its bytes."""

    path: Path
    data: bytes


def write_files(targets: Sequence[Target], *, force: bool = False) -> None:
    """Write every target atomically, or none of them; raise OutputError naming the file at fault."""
    seen: set[Path] = set()
    regular: list[tuple[Path, Target]] = []
    special: list[Target] = []
    for target in targets:
        if _is_special(target.path):
            special.append(target)
        else:
            # A symlink is followed: the file it points to is the one replaced.
            real = Path(os.path.realpath(target.path))
            _check(target.path, real, force)
            regular.append((real, target))
        if target.path.resolve() in seen:
            raise OutputError("would be written twice", where=str(target.path), hint="give each output its own name")
        seen.add(target.path.resolve())
    staged: list[tuple[str, Path, Target]] = []
    try:
        for real, target in regular:
            staged.append((_stage(target, real), real, target))
        for target in special:
            _write_special(target)
        for temp, real, target in staged:
            # Checked again just before the move: the file may have appeared meanwhile.
            if not force and real.exists():
                raise _exists(target.path)
            try:
                os.replace(temp, real)
            except OSError as err:
                raise _cannot(target.path, err) from None
    finally:
        for temp, _, _ in staged:
            if os.path.exists(temp):
                os.unlink(temp)


def ensure_directory(path: Path) -> None:
    """Create an output directory (and its parents) if missing; refuse a file in the way."""
    if path.is_dir():
        return
    if path.exists():
        raise NotADirectory("is a file, not a directory", where=str(path))
    try:
        path.mkdir(parents=True)
    except OSError as err:
        raise _cannot(path, err) from None


def _is_special(path: Path) -> bool:
    """A FIFO, character or block device: something to write into, never to replace."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _write_special(target: Target) -> None:
    # No O_CREAT and no O_TRUNC: the node is used as it is, as a shell's '>' would.
    try:
        fd = os.open(target.path, os.O_WRONLY)
        with os.fdopen(fd, "wb") as out:
            out.write(target.data)
    except OSError as err:
        raise _cannot(target.path, err) from None


def _check(path: Path, real: Path, force: bool) -> None:
    if path.is_dir():
        raise IsADirectory("is a directory", where=str(path))
    if path.exists() and not force:
        raise _exists(path)
    parent = real.parent
    if not parent.is_dir():
        raise OutputError(f"no such directory: {parent}", where=str(path), hint="create the directory first")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in {parent}: permission denied", where=str(path), hint="choose a writable place")


def _stage(target: Target, real: Path) -> str:
    """Write the bytes to a temporary file beside the real target; return its name."""
    try:
        fd, temp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    except OSError as err:
        raise _cannot(target.path, err) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(target.data)
            out.flush()
            os.fsync(out.fileno())
        _take_mode(temp, real)
    except OSError as err:
        os.unlink(temp)
        raise _cannot(target.path, err) from None
    return temp


def _take_mode(temp: str, real: Path) -> None:
    """The replaced file's mode and owner, or for a new file the mode a plain open() would give."""
    try:
        old = os.stat(real)
    except OSError:
        # mkstemp makes the file private; give it the mode a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        return
    # Only root (or the owner, for a group it belongs to) may; the mode is kept regardless.
    with suppress(OSError):
        os.chown(temp, old.st_uid, old.st_gid)
    os.chmod(temp, stat.S_IMODE(old.st_mode))


def _exists(path: Path) -> OutputError:
    return OutputExists(str(path))


def _cannot(path: Path, err: OSError) -> OutputError:
    return OutputError(f"cannot write: {err.strerror or err}", where=str(path), hint="choose a writable place with enough space")
