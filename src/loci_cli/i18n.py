"""The language loci speaks to people: words through gettext, dates through CLDR (Babel).

Importable by every room, like ``environment.py``: it imports only the standard
library at module level. English is the source language and the default, and
its code paths are the plain f-strings loci always wrote: with English no
catalog is read and Babel is never imported, so start-up and output stay as
they were. Another language reads its compiled catalog (``locale/LANG/
LC_MESSAGES/loci.mo``, package data) with the standard library's ``gettext``,
and asks Babel for CLDR's day and month names and date patterns.

The language is chosen once, at the start of a command (``set_language``, from
``--lang``, then ``$LOCI_LANG``, then the locale's variables); the views then
call the module-level ``_``, ``ngettext`` and ``format_*``. Code that must stay
in one language whatever the user's (a published calendar, a message in an
attendee's language) takes a ``Language`` (``get(code)``) or runs ``with
language(code):``.

Marking a string:

    from ..i18n import _, ngettext
    _("Venue")
    _("Day {number}").format(number=n)
    ngettext("{count} session", "{count} sessions", n).format(count=n)

A string built at import time (a module-level constant) is marked with ``N_``
and translated where it is used, with ``_(CONSTANT)``: the language is not yet
chosen at import.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from gettext import NullTranslations

DOMAIN = "loci"
LOCALE_DIR = Path(__file__).parent / "locale"
ENGLISH = "en"
#: The languages loci has a catalog for (English is the source); tests check it matches locale/.
LANGUAGES = ("en", "hy", "ka", "kk", "ru", "uk")
#: Each language's own name, for notes and docs.
NAMES = {
    "en": "English",
    "hy": "Հայերեն",
    "ka": "ქართული",
    "kk": "Қазақ тілі",
    "ru": "Русский",
    "uk": "Українська",
}
#: The locale's variables, in gettext's order: the first one set decides.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
#: What the locale's variables say to mean "no translation".
_PLAIN = {"c", "posix"}


def normalise(code: str) -> str:
    """'ru_RU.UTF-8', 'ru-RU', 'RU', 'ru@latin' → 'ru'; 'C.UTF-8' → 'c'."""
    return code.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].strip().lower()


class Language:
    """One language: its catalog's words, and its dates as CLDR writes them (English: as loci always did)."""

    def __init__(self, code: str, translations: NullTranslations | None = None) -> None:
        self.code = code
        self._translations = translations

    @property
    def english(self) -> bool:
        return self.code == ENGLISH

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    # --- words -----------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        return message if self._translations is None else self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self._translations is None:
            return singular if n == 1 else plural
        return self._translations.ngettext(singular, plural, n)

    # --- dates and times -----------------------------------------------------------------
    # English keeps loci's own patterns (strftime in the C locale, which Python keeps unless told).

    def _skeleton(self, skeleton: str, on: date) -> str:
        from babel.dates import format_skeleton

        return format_skeleton(skeleton, _plain_date(on), locale=self.code)

    def format_day(self, on: date) -> str:
        """'Tue 10 Nov 2020'; 'вт, 10 нояб. 2020 г.'."""
        return f"{on:%a %d %b %Y}" if self.english else self._skeleton("yMMMEd", on)

    def format_day_short(self, on: date) -> str:
        """'Tue 10 Nov'; 'вт, 10 нояб.': a date within a year already said."""
        return f"{on:%a %d %b}" if self.english else self._skeleton("MMMEd", on)

    def format_date(self, on: date) -> str:
        """'10 Nov 2020'; '10 нояб. 2020 г.'."""
        return f"{on:%d %b %Y}" if self.english else self._skeleton("yMMMd", on)

    def format_date_short(self, on: date) -> str:
        """'10 Nov'; '10 нояб.'."""
        return f"{on:%d %b}" if self.english else self._skeleton("MMMd", on)

    def format_month(self, on: date) -> str:
        """'Nov'; 'нояб.' (the stand-alone form)."""
        return f"{on:%b}" if self.english else self._skeleton("MMM", on)

    def format_year(self, on: date) -> str:
        """'2020'; '2020 г.' where the language says the year so."""
        return f"{on:%Y}" if self.english else self._skeleton("y", on)

    def format_time(self, at: time | datetime) -> str:
        """'17:00': 24-hour in English (loci's own), else the language's CLDR short time ('HH:mm' for all of loci's)."""
        if self.english:
            return f"{at:%H:%M}"
        from babel.dates import format_time

        plain = at.replace(tzinfo=None)
        return format_time(plain.time() if isinstance(plain, datetime) else plain, "short", locale=self.code)

    def format_day_time(self, at: datetime) -> str:
        """'Tue 10 Nov 2020 17:00'; the language's own way of joining a date and a time ('вт, 10 нояб. 2020 г., 17:00')."""
        if self.english:
            return f"{at:%a %d %b %Y %H:%M}"
        from babel.dates import get_datetime_format

        joined = str(get_datetime_format("medium", locale=self.code))
        return joined.replace("{1}", self.format_day(at.date())).replace("{0}", self.format_time(at))

    def format_days(self, first: date, last: date) -> str:
        """The dates first..last (inclusive): 'Tue 10 Nov 2020', 'Tue 10–Wed 11 Nov 2020', as CLDR's intervals elsewhere."""
        if first == last:
            return self.format_day(first)
        if self.english:
            if (first.year, first.month) == (last.year, last.month):
                return f"{first:%a %d}–{last:%a %d %b %Y}"
            if first.year == last.year:
                return f"{first:%a %d %b}–{last:%a %d %b %Y}"
            return f"{first:%a %d %b %Y}–{last:%a %d %b %Y}"
        from babel.dates import format_interval

        return format_interval(_plain_date(first), _plain_date(last), "yMMMEd", locale=self.code)


def _plain_date(on: date) -> date:
    """A date as a date: Babel formats a datetime's date fields the same, but may shift an aware one to UTC."""
    return on.date() if isinstance(on, datetime) else on


_ENGLISH = Language(ENGLISH)
_loaded: dict[str, Language] = {ENGLISH: _ENGLISH}
_current = _ENGLISH


def get(code: str) -> Language:
    """The language ``code`` ('ru', 'ru_RU.UTF-8'), its catalog read once; ValueError when loci has none."""
    key = normalise(code)
    if key in _loaded:
        return _loaded[key]
    if key not in LANGUAGES:
        raise ValueError(f"no {code!r} translation")
    import gettext

    with (LOCALE_DIR / key / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as catalog:
        _loaded[key] = Language(key, gettext.GNUTranslations(catalog))
    return _loaded[key]


def from_locale(environ: Mapping[str, str]) -> str:
    """The language the locale's variables ask for, in gettext's order: 'ru' for LANG=ru_RU.UTF-8.

    The first variable set decides; LANGUAGE may list several ('uk:ru'), and the first
    that loci speaks is taken. 'C' and 'POSIX', and languages loci has no catalog for,
    mean English, quietly: a locale is the machine's setting, not a request to loci.
    """
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = normalise(part)
            if code in _PLAIN:
                return ENGLISH
            if code in LANGUAGES:
                return code
        return ENGLISH
    return ENGLISH


def choose(code: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language to speak, and what was asked for when loci can't speak it: ``--lang``, then $LOCI_LANG, then the locale."""
    asked = code or environ.get("LOCI_LANG") or ""
    if asked.strip():
        wanted = normalise(asked)
        if wanted in _PLAIN:
            return ENGLISH, None
        return (wanted, None) if wanted in LANGUAGES else (ENGLISH, asked)
    return from_locale(environ), None


def set_language(code: str | None, environ: Mapping[str, str], err: TextIO | None = None) -> Language:
    """Speak the language asked for (``--lang``; None: $LOCI_LANG, then the locale) from now on, and return it.

    A language loci has no catalog for, asked for by name, gives English and one
    note on ``err`` (stderr by default).
    """
    global _current
    chosen, unknown = choose(code, environ)
    if unknown is not None:
        (err or sys.stderr).write(f"loci: note: no translation for {unknown!r}; using English (there are: {', '.join(LANGUAGES)})\n")
    _current = get(chosen)
    return _current


def current() -> Language:
    return _current


@contextmanager
def language(code: str | Language) -> Iterator[Language]:
    """Speak ``code`` inside the block ('en' for text that must not follow the user's language), then what was spoken before."""
    global _current
    before = _current
    _current = code if isinstance(code, Language) else get(code)
    try:
        yield _current
    finally:
        _current = before


# --- what the rest of loci calls ------------------------------------------------------


def _(message: str) -> str:
    """``message`` in the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the current language (three in Russian and Ukrainian: 1 сессия, 2 сессии, 5 сессий)."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs without translating it: for text built at import, translated where used."""
    return message


def format_day(on: date) -> str:
    return _current.format_day(on)


def format_day_short(on: date) -> str:
    return _current.format_day_short(on)


def format_date(on: date) -> str:
    return _current.format_date(on)


def format_date_short(on: date) -> str:
    return _current.format_date_short(on)


def format_month(on: date) -> str:
    return _current.format_month(on)


def format_year(on: date) -> str:
    return _current.format_year(on)


def format_time(at: time | datetime) -> str:
    return _current.format_time(at)


def format_day_time(at: datetime) -> str:
    return _current.format_day_time(at)


def format_days(first: date, last: date) -> str:
    return _current.format_days(first, last)


__all__ = [
    "DOMAIN",
    "ENGLISH",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Language",
    "_",
    "choose",
    "current",
    "format_date",
    "format_date_short",
    "format_day",
    "format_day_short",
    "format_day_time",
    "format_days",
    "format_month",
    "format_time",
    "format_year",
    "from_locale",
    "get",
    "language",
    "ngettext",
    "set_language",
]
