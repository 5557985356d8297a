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

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import IsADirectory, NotADirectory, OutputError, OutputExists, SymlinkInSite

STDOUT = "-"


@dataclass(frozen=True)
class Target:
    """One file to write: where, and its bytes (or its pieces, in order, made as they are written)."""

    path: Path
    data: bytes | Iterable[bytes]


def pieces(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    return (data,) if isinstance(data, bytes) else data


def batched(data: Iterable[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """Small pieces joined into writes of about ``size`` bytes: few system calls, little memory."""
    held: list[bytes] = []
    count = 0
    for piece in data:
        held.append(piece)
        count += len(piece)
        if count >= size:
            yield b"".join(held)
            held, count = [], 0
    if held:
        yield b"".join(held)


def write_files(targets: Sequence[Target], *, force: bool = False, follow_links: bool = True) -> None:
    """Write every target atomically, or none of them; raise OutputError naming the file at fault.

    A link the user named (``-o link.ics``) is followed; with ``follow_links`` false (the files
    loci names inside a folder, as --split does) a link there is refused, so nothing is written outside it.
    """
    seen: set[Path] = set()
    regular: list[tuple[Path, Target]] = []
    special: list[Target] = []
    for target in targets:
        try:
            if _is_special(target.path):
                special.append(target)
                real = target.path
            else:
                if not follow_links and os.path.islink(target.path):
                    raise OutputError(
                        "is a symbolic link inside the folder loci writes, and is not followed",
                        where=str(target.path),
                        hint="remove the link, or write into another folder",
                    )
                # A symlink is followed: the file it points to is the one replaced.
                real = Path(os.path.realpath(target.path, strict=False))
                _check(target.path, real, force)
                regular.append((real, target))
        except OSError as err:
            raise _cannot(target.path, err) from None
        if real in seen:
            raise OutputError("would be written twice", where=str(target.path), hint="give each output its own name")
        seen.add(real)
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
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as err:  # a loop of links, a name too long...
        raise _cannot(path, err if isinstance(err, OSError) else OSError(errno.EINVAL, str(err))) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            return
        raise NotADirectory("is a file, not a directory", where=str(path))
    try:
        path.mkdir(parents=True)
    except OSError as err:
        raise _cannot(path, err) from None


def _is_special(path: Path) -> bool:
    """A FIFO, character or block device: something to write into, never to replace."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except ValueError:  # a NUL in the name: refused by _check
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _write_special(target: Target) -> None:
    # No O_CREAT and no O_TRUNC: the node is used as it is, as a shell's '>' would.
    try:
        fd = os.open(target.path, os.O_WRONLY)
        with os.fdopen(fd, "wb") as out:
            for piece in pieces(target.data):
                out.write(piece)
    except OSError as err:
        raise _cannot(target.path, err) from None


def _check(path: Path, real: Path, force: bool) -> None:
    if "\0" in str(path):
        raise OutputError("holds a NUL character", where=repr(str(path)), hint="choose another name")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None  # a new file, or a link to one (created where it points, as the shell's '>' does)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectory("is a directory", where=str(path))
    if info is not None and not force:
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
            for piece in pieces(target.data):
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        _take_mode(temp, real)
    except BaseException as err:
        # Ctrl-C while a large calendar is written, too: no temporary file stays behind.
        os.unlink(temp)
        if isinstance(err, OSError):
            raise _cannot(target.path, err) from None
        raise
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


#: What an OSError means for a path the user gave, and what to do about it.
_WHY = {
    errno.ELOOP: ("is a loop of symbolic links", "point it at a file, or remove the loop"),
    errno.ENAMETOOLONG: ("is a name longer than the file system allows", "choose a shorter name"),
    errno.EISDIR: ("is a directory", "give a file name inside it"),
    errno.ENOTDIR: ("has a file where a folder should be", "check the path"),
    errno.EROFS: ("is on a read-only file system", "choose a writable place"),
}


def _cannot(path: Path, err: OSError) -> OutputError:
    if err.errno in _WHY:
        what, hint = _WHY[err.errno]
        return OutputError(what, where=str(path), hint=hint)
    return OutputError(f"cannot write: {err.strerror or err}", where=str(path), hint="choose a writable place with enough space")


# --- a folder of files replaced as a whole (loci publish) ---------------------------------
#
# The new tree is written into a staging folder beside the old one (so on the same file
# system), synced once, and swapped in with one rename: after a crash the folder holds the
# old tree or the new one, never a mix. What else the folder holds (files the tree does
# not own) is carried into the new tree as hard links. Nothing is ever opened through a
# symbolic link inside the folder: a link where the tree writes is refused, any other is
# carried as the link itself.

_STAGING = ".loci-new-"
_OLD = ".loci-old-"


@dataclass(frozen=True)
class Owned:
    """What a tree owns in its folder: these names at the top, and ``suffix`` files in these subfolders."""

    names: frozenset[str]
    folders: frozenset[str]
    suffix: str
    #: when known, exactly the files in the subfolders that are the tree's (what it wrote before, and writes now):
    #: a user's own file there, even one with the suffix, is then theirs and stays
    exact: frozenset[str] | None = None

    def __call__(self, rel: str) -> bool:
        head, _, name = rel.partition("/")
        if not name:
            return head in self.names
        if self.exact is not None:
            return rel in self.exact
        return head in self.folders and "/" not in name and name.endswith(self.suffix)

    def only(self, files: Iterable[str]) -> Owned:
        """The same tree, owning in its subfolders only ``files``."""
        return Owned(self.names, self.folders, self.suffix, frozenset(files))

    def leftover(self, rel: str) -> bool:
        """A temporary file of an earlier writer that was killed ('.index.html.k2j3x8_a.tmp')."""
        folder, _, name = rel.rpartition("/")
        if not (name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 3):
            return False
        real = name[1:].rsplit(".", 2)[0]
        return self(f"{folder}/{real}" if folder else real)


def status(path: Path) -> os.stat_result | None:
    """What is at ``path`` (a link followed), None when nothing is; any other failure as OutputError naming it."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise _cannot(path, err) from None


def check_tree(directory: Path, paths: Sequence[str], owned: Owned, *, force: bool) -> None:
    """Refuse a folder where writing ``paths`` would go through a link, or (without ``force``) replace a file."""
    info = status(directory)
    if info is None or not stat.S_ISDIR(info.st_mode):
        return
    present: set[str] = set()
    try:
        for entry in os.scandir(directory):
            rel = entry.name
            if not (owned(rel) or rel in owned.folders):
                continue
            if entry.is_symlink():
                raise SymlinkInSite(str(directory / rel))
            if rel in owned.folders and entry.is_dir(follow_symlinks=False):
                for inner in os.scandir(entry.path):
                    sub = f"{rel}/{inner.name}"
                    if owned(sub):
                        if inner.is_symlink():
                            raise SymlinkInSite(str(directory / rel / inner.name))
                        present.add(sub)
            else:
                present.add(rel)
    except OSError as err:
        raise _cannot(directory, err) from None
    if present and not force:
        first = next((p for p in paths if p in present), min(present))
        raise _exists(directory.joinpath(*first.split("/")))


def read_in_tree(directory: Path, rel: str) -> bytes | None:
    """A regular file inside ``directory``, read without following a link; None when there is none."""
    try:
        fd = os.open(directory / rel, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        return stream.read()


def inside(directory: Path) -> bool:
    """Whether this process's working folder is ``directory`` or under it (a whole-tree swap leaves it behind)."""
    try:
        here, real = os.path.realpath(os.getcwd()), os.path.realpath(directory)
    except OSError:
        return False
    return here == real or here.startswith(real.rstrip(os.sep) + os.sep)


def replace_tree(directory: Path, files: Sequence[tuple[str, bytes]], owned: Owned) -> list[Path]:
    """Make ``directory`` hold ``files`` (paths relative to it, POSIX) and what it held that ``owned`` does not cover.

    All or nothing: on any failure the folder is as it was, and no folder made for it is left.
    """
    given = directory
    status(directory)
    # The folder itself may be a link (the user's choice); the tree goes where it leads.
    real = Path(os.path.realpath(directory))
    parent, name = real.parent, real.name
    if os.path.ismount(real):
        # A mount point cannot be renamed: the swap that makes the site whole would fail at its last step.
        raise OutputError("is a mount point, and the site is swapped in whole", where=str(given), hint="publish into a folder inside it")
    made = _make_parents(parent, given)
    staging: Path | None = None
    done = False
    try:
        with folder_lock(parent):
            _clean_leftovers(parent, name)
            try:
                staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{name}{_STAGING}"))
            except OSError as err:
                # The site is staged beside its folder, so the folder that holds it must be writable too.
                raise OutputError(
                    f"cannot stage the site beside it, in {parent}: {err.strerror or err}",
                    where=str(given),
                    hint="the folder that holds it must be writable too; publish into a folder inside a writable one",
                ) from None
            existed = real.is_dir()
            _take_folder_mode(staging, real if existed else None)
            if existed:
                _carry(real, staging, owned, "")
            _write_all(staging, files)
            _sync(staging)
            _swap(staging, real, existed)
            done = True
    except OSError as err:
        raise _cannot(given, err) from None
    finally:
        if not done:
            if staging is not None:
                _remove(staging)
            for folder in reversed(made):
                with suppress(OSError):
                    folder.rmdir()
    return [given.joinpath(*rel.split("/")) for rel, _ in files]


def _make_parents(parent: Path, given: Path) -> list[Path]:
    missing = []
    folder = parent
    while (info := status(folder)) is None or not stat.S_ISDIR(info.st_mode):
        if info is not None or os.path.lexists(folder):
            raise NotADirectory("is a file, not a directory", where=str(folder))
        missing.append(folder)
        folder = folder.parent
    made = []
    try:
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)
    except OSError as err:
        for folder in reversed(made):
            with suppress(OSError):
                folder.rmdir()
        raise _cannot(given, err) from None
    return made


class folder_lock:
    """An exclusive lock on a folder (an flock on it, released when its holder ends, even by kill -9).

    publish takes it on the folder that holds the site, so two runs never clean up each
    other's staging; ``loci star`` on its config folder, from reading the stars file to replacing it.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd = -1

    def __enter__(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: one run at a time is the user's affair
            return
        try:
            self.fd = os.open(self.folder, os.O_RDONLY)
        except OSError:  # a folder one may enter but not list: no lock, as before there was none
            return
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *_: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing releases the lock


def _clean_leftovers(parent: Path, name: str) -> None:
    """What a killed run left beside the folder: its staging folders, and an old tree when the swap was cut."""
    for entry in os.scandir(parent):
        if entry.name.startswith(f".{name}{_OLD}") and entry.is_dir(follow_symlinks=False):
            if not os.path.lexists(parent / name):
                os.rename(entry.path, parent / name)  # killed between the two renames: the old tree comes back
            else:
                _remove(Path(entry.path))
        elif entry.name.startswith(f".{name}{_STAGING}") and entry.is_dir(follow_symlinks=False):
            _remove(Path(entry.path))


def _take_folder_mode(staging: Path, old: Path | None) -> None:
    if old is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)
        return
    info = os.stat(old)
    with suppress(OSError):
        os.chown(staging, info.st_uid, info.st_gid)
    os.chmod(staging, stat.S_IMODE(info.st_mode))


def _carry(source: Path, target: Path, owned: Owned, rel: str) -> None:
    """Hard-link into ``target`` what ``source`` holds that the new tree does not replace; links stay links."""
    for entry in os.scandir(source):
        inner = f"{rel}{entry.name}"
        if owned(inner) or owned.leftover(inner):
            continue
        into = target / entry.name
        if entry.is_dir(follow_symlinks=False) and os.path.ismount(entry.path):
            raise OutputError(
                "is another file system mounted inside the site's folder, which cannot be carried into the new site",
                where=entry.path,
                hint="publish into a folder without mount points",
            )
        if entry.is_dir(follow_symlinks=False):
            if not into.is_dir():
                into.mkdir()
                os.chmod(into, stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode))
            _carry(Path(entry.path), into, owned, f"{inner}/")
        elif not rel and inner in owned.folders:
            continue  # a file where the tree has a folder: replaced by it
        else:
            try:
                os.link(entry.path, into, follow_symlinks=False)
            except OSError:
                import shutil

                shutil.copy2(entry.path, into, follow_symlinks=False)


def _write_all(staging: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Every file, new, into the staging folder: by name inside an open folder, so each write costs two calls."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    folders: dict[str, int] = {}
    try:
        for rel, data in files:
            folder, _, name = rel.rpartition("/")
            if folder not in folders:
                where = staging.joinpath(*folder.split("/")) if folder else staging
                where.mkdir(parents=True, exist_ok=True)
                folders[folder] = os.open(where, os.O_RDONLY)
            # The mode a plain open() gives (the umask's); the file is new, so nothing is followed.
            fd = os.open(name, flags, 0o666, dir_fd=folders[folder])
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
    finally:
        for fd in folders.values():
            os.close(fd)


def _sync(folder: Path) -> None:
    """Everything written under ``folder`` on disk, in one call rather than one fsync a file."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        if not _syncfs(fd):
            os.sync()
    finally:
        os.close(fd)


def _syncfs(fd: int) -> bool:
    """Linux's syncfs(2): the folder's file system alone; False where there is none."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    return bool(call(fd) == 0)


def _swap(staging: Path, real: Path, existed: bool) -> None:
    if not existed:
        os.rename(staging, real)
    elif _exchange(staging, real):
        _remove(staging)  # now the old tree
    else:
        # Without an atomic exchange: a run killed between the renames is undone by the next (_clean_leftovers).
        old = Path(tempfile.mkdtemp(dir=real.parent, prefix=f".{real.name}{_OLD}"))
        os.rename(real, old)
        os.rename(staging, real)
        _remove(old)
    fd = os.open(real.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, exchange = -100, 2
    if call(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def read_regular(path: Path) -> bytes:
    """A state file's bytes, opened without blocking: a FIFO or device at its path is an OSError, never a hang.

    FileNotFoundError and IsADirectoryError come as open() gives them, so callers word those as before.
    """
    import errno

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "is not a regular file (a FIFO, socket or device)", str(path))
        return stream.read()
