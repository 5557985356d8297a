"""Domain errors as one line for people: the only place that names flags and commands.

The core says what went wrong, where, and what would be valid; this module
adds the hint that tells a user what to type, so a message can be reworded
in one place and the core stays usable as a library.
"""

from __future__ import annotations

from ..core import errors
from ..core.text import plural


def line(err: errors.LociError) -> str:
    """'loci: error: WHERE: WHAT (hint: HINT)'."""
    hint = err.hint or _hint(err)
    text = f"{err.where}: {err.message}" if err.where else err.message
    return f"loci: error: {text}" + (f" (hint: {hint})" if hint else "")


def _hint(err: errors.LociError) -> str | None:
    if isinstance(err, errors.AgendaInvalidError) and err.more:
        forced = "" if err.format == "auto" else f" --agenda-format {err.format}"
        return f"and {plural(err.more, 'more problem', 'more problems')} after it: list them all with 'loci validate {err.source}{forced}'"
    if isinstance(err, errors.AgendaMissing):
        return "check the file's path (without --agenda or $LOCI_AGENDA, loci reads its embedded agenda)"
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
            return f"the days are {', '.join(err.choices)}; see 'loci days'"
        if err.what == "session":
            return "see the ids with 'loci sessions'"
        if err.what == "room":
            return f"there are {len(err.choices)} rooms; see them with 'loci sessions --by-room'"
        return f"there are {len(err.choices)} {err.what}s"
    return None
