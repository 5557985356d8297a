"""Words for counts, said one way everywhere, in the reader's language (gettext's plural forms)."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import ngettext

# Each noun loci counts, as a whole phrase per form: languages put the number and
# decline the noun their own way (1 сессия, 2 сессии, 5 сессий), so the catalogs
# need the phrase, not the noun. A noun missing here is said in English.
_COUNTED: dict[str, Callable[[int], str]] = {
    "copy": lambda n: ngettext("{count} copy", "{count} copies", n),
    "country": lambda n: ngettext("{count} country", "{count} countries", n),
    "day": lambda n: ngettext("{count} day", "{count} days", n),
    "difference": lambda n: ngettext("{count} difference", "{count} differences", n),
    "event": lambda n: ngettext("{count} event", "{count} events", n),
    "file": lambda n: ngettext("{count} file", "{count} files", n),
    "message": lambda n: ngettext("{count} message", "{count} messages", n),
    "more problem": lambda n: ngettext("{count} more problem", "{count} more problems", n),
    "other place": lambda n: ngettext("{count} other place", "{count} other places", n),
    "person": lambda n: ngettext("{count} person", "{count} people", n),
    "place": lambda n: ngettext("{count} place", "{count} places", n),
    "problem": lambda n: ngettext("{count} problem", "{count} problems", n),
    "room": lambda n: ngettext("{count} room", "{count} rooms", n),
    "session": lambda n: ngettext("{count} session", "{count} sessions", n),
    "track": lambda n: ngettext("{count} track", "{count} tracks", n),
}


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 session', '2 sessions', '0 sessions'; ``plural_form`` for irregular nouns (English only: the catalogs know the rest)."""
    counted = _COUNTED.get(noun)
    if counted is not None:
        return counted(count).format(count=count)
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"
