"""Domain errors: what went wrong, where, and what would be valid.

The core and the formats raise these and never exit; the CLI turns them into
one line on stderr and an exit code, in one place (``cli/app.py``). A hint
here speaks of the data, never of command-line flags: those are named by the
CLI (``cli/messages.py``), which knows which flag a value came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class LociError(Exception):
    """An error a user can act on: one line of what, where and a hint."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None, choices: Sequence[str] = ()):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint
        #: the valid values, when the error is about picking one
        self.choices = tuple(choices)

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


class AgendaMissing(AgendaError):
    """The agenda file is not there (or is a directory)."""


class Problem(NamedTuple):
    """One thing wrong with an agenda, at a JSON path such as ``$.days[0].id``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AgendaInvalidError(AgendaError):
    """An agenda that failed its checks, with every problem found.

    The parsers raise it with the problems alone; the loader raises it again
    naming the file and the format it was read as, so that the CLI's hint can
    say how to list them all. The message is the first problem, ``more``
    counts the rest.
    """

    def __init__(self, problems: Sequence[Problem], *, source: str = "", format: str = "auto"):
        first = problems[0]
        more = len(problems) - 1
        where = f"{source}: {first.path}" if source else first.path
        super().__init__(first.message, where=where, hint=None if more else "fix it and try again")
        self.problems = list(problems)
        self.source = source
        self.format = format
        self.more = more


class OutputExists(OutputError):
    """An output file exists, and replacing it was not asked for."""

    def __init__(self, path: str):
        super().__init__("already exists", where=path)


class NotADirectory(OutputError):
    """A path meant for a directory of files is a file."""


class IsADirectory(OutputError):
    """A path meant for one file is a directory."""


class SendingStopped(OutputError):
    """Sending stopped before every message went (the server hung up, refused, or Ctrl-C)."""


class RecipientsRefused(OutputError):
    """The server refused some recipients; the others went."""


class UnknownZone(UsageProblem):
    """A zone name names no zone."""


class AmbiguousZone(UnknownZone):
    """A name (a country, an abbreviation) covers several zones; ``choices`` lists them."""


class NotFound(UsageProblem):
    """A day, session, room or track asked for does not exist; ``what`` says which."""

    def __init__(self, message: str, *, what: str, hint: str | None = None, choices: Sequence[str] = ()):
        super().__init__(message, hint=hint, choices=choices)
        self.what = what


class NothingToExport(UsageProblem):
    """What was chosen for export holds only breaks."""


class RevisionNotHigher(AgendaError):
    """Updates need a newer agenda: its revision must exceed the old one's, or they would not outrank what was sent."""

    def __init__(self, old: int, new: int, *, where: str | None = None):
        super().__init__(f"the new agenda's revision ({new}) is not higher than the old one's ({old})", where=where)
        self.old, self.new = old, new


class JournalDamaged(InputError):
    """The outbox's journal of what was sent (sent.jsonl) cannot be read or holds a line that is not a record."""


class OutboxBusy(OutputError):
    """Another run kept the outbox locked for longer than this run would wait."""


class ServerMismatch(OutputError):
    """A setting does not fit what the SMTP server offers; ``cause`` says which, for the hint.

    Causes: 'no-starttls', 'tls-handshake' (implicit TLS on a plain port), 'starttls-failed',
    'certificate', 'no-greeting' (plain SMTP on an implicit-TLS port), 'no-auth', 'auth-method',
    'login-refused', 'login-needed'.
    """

    def __init__(self, message: str, *, cause: str, where: str | None = None):
        super().__init__(message, where=where)
        self.cause = cause


#: A schedule whose local times have neither a UTC offset nor a zone: loci does not guess the venue's zone.
NO_ZONE = "the schedule's times have no UTC offset and it names no time zone; loci does not guess the venue's zone"


class AgendaZoneMissing(AgendaInvalidError):
    """An agenda whose local times name no zone: the user must say which (the CLI words how)."""

    def __init__(self, problems: Sequence[Problem], *, source: str = "", format: str = "auto"):
        super().__init__(problems, source=source, format=format)
        self.hint = None


class AgendaZoneUnknown(UnknownZone):
    """The zone given for an agenda's local times is not one loci knows."""


class RevisionTooHigh(AgendaError):
    """The agenda's revision is beyond what an iCalendar SEQUENCE can carry (2**31 - 1)."""

    def __init__(self, revision: int, *, cancelled: bool = False):
        limit = 2**31 - 1 - (1 if cancelled else 0)
        what = "a cancellation's SEQUENCE (revision + 1)" if cancelled else "an iCalendar SEQUENCE"
        super().__init__(
            f"revision {revision} is more than {what} can carry (RFC 5545: at most 2147483647)",
            where="$.revision",
            hint=f"set a revision from 0 to {limit}",
        )
        self.revision = revision


class SymlinkInSite(OutputError):
    """A link where a site's file or folder goes: following it could write outside the site's folder."""

    def __init__(self, path: str):
        super().__init__(
            "is a symbolic link; the site is written only inside its folder, never through a link",
            where=path,
            hint="remove the link, or publish into another folder",
        )
