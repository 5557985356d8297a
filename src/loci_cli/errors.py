"""Domain errors and the exit codes they map to.

The core raises these; only the CLI turns them into output and a status,
in one place (``cli.LociGroup``).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: bad agenda data, an unwritable output, or another runtime failure
    FAILURE = 1
    #: the command line itself is wrong (Click uses 2 for this too)
    USAGE = 2
    #: interrupted with Ctrl-C (128 + SIGINT, as shells report it)
    INTERRUPTED = 130
    #: the reader of stdout went away (128 + SIGPIPE, as `cat` would end)
    BROKEN_PIPE = 141


class LociError(Exception):
    """An error a user can act on: one line of what, where and a hint."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class AgendaError(LociError):
    """The agenda file is missing, unreadable or invalid."""


class OutputError(LociError):
    """An output file cannot be written."""


class InputError(LociError):
    """A file named on the command line (other than the agenda) is missing or invalid."""


class UsageProblem(LociError):
    """A value given on the command line is wrong."""

    exit_code = ExitCode.USAGE


class UnknownZone(UsageProblem):
    """A --tz value names no zone."""


class NotFound(UsageProblem):
    """A day or session named on the command line does not exist."""
