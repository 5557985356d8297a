"""The command line's own words in the reader's language: help, headings, usage errors and their hints.

These live in their own gettext domain, ``loci-help`` (``locale/LANG/
LC_MESSAGES/loci-help.mo``), beside ``loci``'s: their msgids are the English
help exactly as Click holds it, taken from the command tree by
``scripts/help_strings.py`` (with the strings marked ``H_``/``Hn_`` here and
in ``messages.py``), not by ``pybabel extract``. The language is ``i18n``'s
current one; English reads no catalog and returns the text as it is, so
English help stays byte for byte what Click writes.

``translated(command, ctx)`` is the one hook: for the length of a help's
formatting it puts the translation in place of each help string of the
command, its options and (for a group) its commands' first sentences, and
Typer's own words ('Options', 'default: …', 'required'), then puts the
English back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .. import i18n

if TYPE_CHECKING:
    from gettext import NullTranslations

    from typer._click.core import Command, Context

DOMAIN = "loci-help"
_catalogs: dict[str, NullTranslations] = {}


def _catalog(code: str) -> NullTranslations:
    if code not in _catalogs:
        import gettext

        with (i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as f:
            _catalogs[code] = gettext.GNUTranslations(f)
    return _catalogs[code]


def H_(message: str) -> str:
    """``message`` (help, a heading, a usage error's words) in the current language, through ``loci-help``."""
    language = i18n.current()
    if language.english or not message:
        return message
    return _catalog(language.code).gettext(message)


def NH_(message: str) -> str:
    """Marks ``message`` for ``loci-help`` without translating it (a constant, translated with ``H_`` where used)."""
    return message


def Hn_(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the current language, through ``loci-help``."""
    language = i18n.current()
    if language.english:
        return singular if n == 1 else plural
    return _catalog(language.code).ngettext(singular, plural, n)


def either(choices: Sequence[str]) -> str:
    """'a' or 'a or b': the alternatives a hint offers."""
    if len(choices) < 2:
        return "".join(choices)
    return H_("{first} or {second}").format(first=", ".join(choices[:-1]), second=choices[-1])


def peek_lang(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` on a command line, before Click has parsed it (help and usage errors come first)."""
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return None


@contextmanager
def translated(command: Command, ctx: Context) -> Iterator[None]:
    """Within the block, ``command``'s help strings (and its subcommands', for a group) are the current language's."""
    if i18n.current().english:
        yield
        return
    import typer.core

    saved: list[tuple[Any, str, Any]] = []

    def swap(owner: Any, attribute: str) -> None:
        value = getattr(owner, attribute, None)
        if isinstance(value, str) and value:
            saved.append((owner, attribute, value))
            setattr(owner, attribute, H_(value))

    swap(command, "help")
    swap(command, "epilog")
    for param in command.get_params(ctx):
        swap(param, "help")
        swap(param, "show_default")
    for sub in getattr(command, "commands", {}).values():
        swap(sub, "help")
        swap(sub, "short_help")
    # Typer formats 'Options', 'default: …' and 'required' through its module's ``_`` (the stdlib's gettext).
    saved.append((typer.core, "_", typer.core._))
    typer.core._ = H_
    try:
        yield
    finally:
        for owner, attribute, value in reversed(saved):
            setattr(owner, attribute, value)
