"""Exit codes, named, and the one function that maps a domain error to its code."""

from __future__ import annotations

from enum import IntEnum

from ..core.errors import LociError, UsageProblem


class ExitCode(IntEnum):
    OK = 0
    #: bad agenda data, an unwritable output, or another runtime failure
    FAILURE = 1
    #: the command line itself is wrong (Click uses 2 for this too)
    USAGE = 2
    #: 'loci diff' found differences (git diff --exit-code says 1, which loci gives to failures)
    DIFFERENT = 3
    #: interrupted with Ctrl-C (128 + SIGINT, as shells report it)
    INTERRUPTED = 130
    #: the reader of stdout went away (128 + SIGPIPE, as `cat` would end)
    BROKEN_PIPE = 141


def exit_code(err: LociError) -> ExitCode:
    """Usage problems (a wrong value on the command line) exit 2; every other domain error 1."""
    return ExitCode.USAGE if isinstance(err, UsageProblem) else ExitCode.FAILURE
