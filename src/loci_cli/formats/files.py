"""Write what a command produced to files or stdout, all or nothing.

Each file is written to a temporary file in its own directory and moved into
place with ``os.replace``, so a reader never sees half a file and a failure
leaves the old file (or none) behind. A set of files is checked in full before
the first byte is written, and moved into place only once every one of them is
on disk, so an error about the fifth file leaves the first four unwritten too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
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
    for target in targets:
        _check(target.path, force)
        if target.path.resolve() in seen:
            raise OutputError("would be written twice", where=str(target.path), hint="give each output its own name")
        seen.add(target.path.resolve())
    staged: list[tuple[str, Target]] = []
    try:
        for target in targets:
            staged.append((_stage(target), target))
        for temp, target in staged:
            # Checked again just before the move: the file may have appeared meanwhile.
            if not force and target.path.exists():
                raise _exists(target.path)
            try:
                os.replace(temp, target.path)
            except OSError as err:
                raise _cannot(target.path, err) from None
    finally:
        for temp, _ in staged:
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


def _check(path: Path, force: bool) -> None:
    if path.is_dir():
        raise IsADirectory("is a directory", where=str(path))
    if path.exists() and not force:
        raise _exists(path)
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"no such directory: {parent}", where=str(path), hint="create the directory first")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in {parent}: permission denied", where=str(path), hint="choose a writable place")


def _stage(target: Target) -> str:
    """Write the bytes to a temporary file beside the target; return its name."""
    try:
        fd, temp = tempfile.mkstemp(dir=target.path.parent, prefix=f".{target.path.name}.", suffix=".tmp")
    except OSError as err:
        raise _cannot(target.path, err) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(target.data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
    except OSError as err:
        os.unlink(temp)
        raise _cannot(target.path, err) from None
    return temp


def _exists(path: Path) -> OutputError:
    return OutputExists(str(path))


def _cannot(path: Path, err: OSError) -> OutputError:
    return OutputError(f"cannot write: {err.strerror or err}", where=str(path), hint="choose a writable place with enough space")
