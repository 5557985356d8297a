"""What loci reads from the world: streams, the terminal, environment variables, the clock and the system zone.

Every command takes one ``Environment``; nothing below ``cli/`` reads
``os.environ``, ``sys.std*`` or the terminal itself. Tests pass their own
(``CliRunner.invoke(app, args, obj=Environment(...))``), so nothing depends on
today's date, the machine's zone or the width of the terminal the tests run in.

The streams default to the process's own *at the time of use*, not at
construction: Click's test runner swaps ``sys.stdout`` for the length of one
invocation.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _system_zone_name() -> str | None:
    """The name the system gives its zone: the target of /etc/localtime, else /etc/timezone."""
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    try:
        return Path("/etc/timezone").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


class _ClosedOutput(io.TextIOBase):
    """Standard output or error when the shell closed it ('>&-'): Python leaves None there.

    Writing fails as writing to a closed descriptor does, so the command ends with
    one line and its exit code instead of an AttributeError's traceback.
    """

    encoding = "utf-8"

    def __init__(self, name: str) -> None:
        self.name = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, f"{self.name} is closed")

    def isatty(self) -> bool:
        return False


class _ClosedInput(io.RawIOBase):
    """Standard input when the shell closed it ('<&-'): reading it fails as a closed descriptor does."""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        raise OSError(errno.EBADF, "standard input is closed")

    def readinto(self, buffer: Any) -> int:
        raise OSError(errno.EBADF, "standard input is closed")


_C_LOCALES = ("C", "POSIX")
#: what Python puts in LC_CTYPE when it coerces the C locale (PEP 538)
_COERCED = ("C.UTF-8", "C.utf8", "UTF-8")

_STDOUT_CLOSED = _ClosedOutput("standard output")
# Nothing can tell a user that stderr is closed: messages go nowhere, and the exit code still tells.
_STDERR_CLOSED = io.StringIO()
_STDIN_CLOSED = _ClosedInput()


@dataclass(frozen=True)
class Environment:
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    clock: Callable[[], datetime] = _utc_now
    stdin: IO[bytes] | None = None
    stdout: TextIO | None = None
    stderr: TextIO | None = None
    #: the terminal's width in columns; None asks $COLUMNS, then the terminal
    columns: int | None = None
    #: the name of the system's zone when $TZ names none (/etc/localtime); tests fix it
    system_zone_name: Callable[[], str | None] = _system_zone_name

    @property
    def out(self) -> TextIO:
        return self.stdout or sys.stdout or cast(TextIO, _STDOUT_CLOSED)

    @property
    def err(self) -> TextIO:
        return self.stderr or sys.stderr or _STDERR_CLOSED

    @property
    def input(self) -> IO[bytes]:
        if self.stdin is not None:
            return self.stdin
        return sys.stdin.buffer if sys.stdin is not None else cast(IO[bytes], _STDIN_CLOSED)

    @property
    def width(self) -> int:
        """The width output is fitted to: $COLUMNS first, as Rich and shutil reckon it, then the terminal, else 80."""
        if self.columns is not None:
            return max(20, self.columns)
        try:
            columns = int(self.environ.get("COLUMNS", ""))
        except ValueError:
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(self.out.fileno()).columns
            except (OSError, ValueError, AttributeError):
                columns = 80
        return max(20, columns or 80)

    @property
    def colour(self) -> bool:
        """Whether colours and styles may be used at all (https://no-color.org): Rich still checks for a terminal."""
        return not self.environ.get("NO_COLOR")

    @property
    def ascii_only(self) -> bool:
        """Whether text for people must be plain ASCII: the locale says C or POSIX, or stdout can't hold UTF-8.

        Python turns on its UTF-8 mode in the C locale (PEP 540), so the stream's
        encoding alone says UTF-8 there; the locale's variables, read in POSIX's
        order (LC_ALL, LC_CTYPE, LANG), say what the terminal shows. 'C.UTF-8' is
        UTF-8; a $PYTHONIOENCODING the user set is theirs to decide, and the stream then tells.
        """
        if not self.environ.get("PYTHONIOENCODING"):
            values = [self.environ.get(name, "") for name in ("LC_ALL", "LC_CTYPE", "LANG")]
            chosen = next((value for value in values if value), "")
            if chosen.partition("@")[0] in _C_LOCALES:
                return True
            # With LANG=C Python itself sets LC_CTYPE=C.UTF-8 (PEP 538's coercion): the user's locale is still C.
            if not values[0] and values[1] in _COERCED and values[2].partition("@")[0] in _C_LOCALES:
                return True
        encoding = getattr(self.out, "encoding", None) or "utf-8"
        try:
            "–─".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            return True
        return False

    def local_zone(self) -> ZoneInfo:
        """The system's zone: $TZ (a name or a POSIX TZ string), then /etc/localtime, then /etc/timezone, else UTC."""
        from .core.zones import UTC_KEY, get_zone, system_zone

        for name in (self.environ.get("TZ", "").lstrip(":"), self.system_zone_name()):
            if name:
                try:
                    # $TZ as libc reads it: a POSIX string ('<+06>-6') is a zone too.
                    return system_zone(name)
                except ValueError:
                    pass
        return get_zone(UTC_KEY)
