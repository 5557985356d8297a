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
    if isinstance(err, errors.AgendaZoneMissing | errors.AgendaZoneUnknown):
        return AGENDA_TZ_HINT
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
    return None


def _there_are(count: int, noun: str) -> str:
    return f"there {'is' if count == 1 else 'are'} {plural(count, noun)}"


#: What to type when a schedule's local times name no zone (or the zone given is not one).
AGENDA_TZ_HINT = "give the venue's zone with --agenda-tz ZONE (or $LOCI_AGENDA_TZ), an IANA name such as Europe/Berlin"
