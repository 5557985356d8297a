"""Domain errors as one line for people: the only place that names flags and commands.

The core says what went wrong, where, and what would be valid; this module
adds the hint that tells a user what to type, so a message can be reworded
in one place and the core stays usable as a library.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..core import errors
from ..views.words import plural


@dataclass(frozen=True)
class Carried:
    """The options a suggested command must repeat so that it shows the same agenda in the same zone."""

    tz: str | None = None
    agenda: str | None = None
    agenda_format: str | None = None

    def suggest(self, command: str) -> str:
        """``command`` with the user's --tz, --agenda and --agenda-format: 'loci days --agenda my.json'."""
        parts = []
        if self.tz:
            parts += ["--tz", self.tz]
        if self.agenda:
            parts += ["--agenda", self.agenda]
        if self.agenda_format and self.agenda_format != "auto":
            parts += ["--agenda-format", self.agenda_format]
        return command + "".join(f" {shlex.quote(p)}" for p in parts)


NOTHING_CARRIED = Carried()


class Hinted(Exception):
    """A domain error on its way out of a command, with the options its hint must repeat."""

    def __init__(self, error: errors.LociError, carried: Carried) -> None:
        super().__init__(error)
        self.error, self.carried = error, carried


@contextmanager
def carrying(carried: Carried) -> Iterator[None]:
    """Domain errors raised inside leave as ``Hinted``, carrying the user's options."""
    try:
        yield
    except errors.LociError as err:
        raise Hinted(err, carried) from None


def line(err: errors.LociError, carried: Carried = NOTHING_CARRIED) -> str:
    """'loci: error: WHERE: WHAT (hint: HINT)'."""
    hint = err.hint or _hint(err, carried)
    text = f"{err.where}: {err.message}" if err.where else err.message
    return f"loci: error: {text}" + (f" (hint: {hint})" if hint else "")


def _hint(err: errors.LociError, carried: Carried) -> str | None:
    if isinstance(err, errors.AgendaInvalidError) and err.more:
        forced = "" if err.format == "auto" else f" --agenda-format {err.format}"
        more = plural(err.more, "more problem", "more problems")
        if err.source == "-":
            return f"and {more} after it: list them all by piping the agenda into 'loci validate -{forced}'"
        return f"and {more} after it: list them all with 'loci validate {shlex.quote(err.source)}{forced}'"
    if isinstance(err, errors.AgendaMissing):
        # Only a path that came from --agenda (or $LOCI_AGENDA) has an embedded agenda to fall back on;
        # 'validate FILE' and 'diff OLD NEW' name their files themselves.
        if carried.agenda:
            return "check the file's path (without --agenda or $LOCI_AGENDA, loci reads its embedded agenda)"
        return "check the file's path"
    if isinstance(err, errors.SendingStopped):
        return f"run the same command again to send the rest; the outbox {err.where} records what went"
    if isinstance(err, errors.RecipientsRefused):
        return "fix the addresses or the server, then run the same command again: only the refused copies go"
    if isinstance(err, errors.OutputExists):
        return "use --force to overwrite it"
    if isinstance(err, errors.NotADirectory):
        return "give a directory for --split"
    if isinstance(err, errors.IsADirectory):
        return "give a file name, or use --split DIR for one file per event"
    if isinstance(err, errors.RevisionNotHigher):
        return f'set "revision": {err.old + 1} (or more) in the new agenda, so calendars take its updates'
    if isinstance(err, errors.NothingToExport):
        return "add --include-breaks"
    if isinstance(err, errors.AmbiguousZone):
        return f"pick one, e.g. --tz {err.choices[0]}"
    if isinstance(err, errors.NotFound):
        if err.what == "day":
            return f"the days are {', '.join(err.choices)}; see '{carried.suggest('loci days')}'"
        if err.what == "session":
            return f"see the ids with '{carried.suggest('loci sessions')}'"
        if err.what == "room":
            return f"{_there_are(len(err.choices), 'room')}; see them with '{carried.suggest('loci sessions --by-room')}'"
        return _there_are(len(err.choices), err.what)
    return _mail_hint(err)


def _there_are(count: int, noun: str) -> str:
    return f"there {'is' if count == 1 else 'are'} {plural(count, noun)}"


# What to change when an SMTP setting does not fit the server (errors.ServerMismatch.cause):
# the setting, never "run it again", which would meet the same answer.
_SERVER_HINTS = {
    "no-starttls": "use --ssl if it takes TLS from the first byte (often port 465), or a port that offers STARTTLS",
    "tls-handshake": "drop --ssl: that port speaks plain SMTP (with --starttls, often on port 587)",
    "no-greeting": "if that port takes TLS from the first byte (often 465), add --ssl",
    "starttls-failed": "STARTTLS failed on that server: try --ssl on its implicit-TLS port (often 465)",
    "certificate": "check the host name in --smtp, or trust the server's CA with $SSL_CERT_FILE",
    "no-auth": "drop --smtp-user if the server needs no login; a server that logs in only over TLS wants --starttls or --ssl",
    "auth-method": "ask the server's admin for AUTH PLAIN or LOGIN, or drop --smtp-user",
    "login-refused": "check --smtp-user and the password in $LOCI_SMTP_PASSWORD",
    "login-needed": "give --smtp-user USER, with the password in $LOCI_SMTP_PASSWORD",
}


def _mail_hint(err: errors.LociError) -> str | None:
    if isinstance(err, errors.ServerMismatch):
        return _SERVER_HINTS.get(err.cause)
    return None
