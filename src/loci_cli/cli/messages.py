"""Domain errors as one line for people: the only place that names flags and commands.

The core says what went wrong, where, and what would be valid; this module
adds the hint that tells a user what to type, so a message can be reworded
in one place and the core stays usable as a library.
"""

from __future__ import annotations

import shlex
from contextvars import ContextVar

from ..core import errors
from ..views.words import plural

# The options a suggested command must repeat so that it shows the same agenda
# in the same zone: ' --tz X --agenda F' (empty for the defaults).
_CARRIED: ContextVar[str] = ContextVar("loci_carried_options", default="")


def carry(tz: str | None = None, agenda: str | None = None, agenda_format: str | None = None) -> None:
    """Remember the user's --tz, --agenda and --agenda-format for the commands hints suggest."""
    parts = []
    if tz:
        parts += ["--tz", tz]
    if agenda:
        parts += ["--agenda", agenda]
    if agenda_format and agenda_format != "auto":
        parts += ["--agenda-format", agenda_format]
    _CARRIED.set("".join(f" {shlex.quote(p)}" for p in parts))


def suggest(command: str) -> str:
    """``command`` with the options that keep it on the user's agenda and zone."""
    return command + _CARRIED.get()


def line(err: errors.LociError) -> str:
    """'loci: error: WHERE: WHAT (hint: HINT)'."""
    hint = err.hint or _hint(err)
    text = f"{err.where}: {err.message}" if err.where else err.message
    return f"loci: error: {text}" + (f" (hint: {hint})" if hint else "")


def _hint(err: errors.LociError) -> str | None:
    if isinstance(err, errors.AgendaInvalidError) and err.more:
        forced = "" if err.format == "auto" else f" --agenda-format {err.format}"
        more = plural(err.more, "more problem", "more problems")
        if err.source == "-":
            return f"and {more} after it: list them all by piping the agenda into 'loci validate -{forced}'"
        return f"and {more} after it: list them all with 'loci validate {shlex.quote(err.source)}{forced}'"
    if isinstance(err, errors.AgendaMissing):
        # Only a path that came from --agenda (or $LOCI_AGENDA) has an embedded agenda to fall back on;
        # 'validate FILE' and 'diff OLD NEW' name their files themselves.
        if " --agenda " in _CARRIED.get():
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
            return f"the days are {', '.join(err.choices)}; see '{suggest('loci days')}'"
        if err.what == "session":
            return f"see the ids with '{suggest('loci sessions')}'"
        if err.what == "room":
            return f"{_there_are(len(err.choices), 'room')}; see them with '{suggest('loci sessions --by-room')}'"
        return _there_are(len(err.choices), err.what)
    return None


def _there_are(count: int, noun: str) -> str:
    return f"there {'is' if count == 1 else 'are'} {plural(count, noun)}"
