"""``--lang``: the language of a command's text for people, chosen before the command runs.

One decorator, put on a command under its ``@app.command()`` line (or under
``@view_options()``, which it keeps):

    @lang_option
    @view_options()
    def today(ctx: typer.Context, *, view: ViewOptions, ...) -> None:

It adds ``--lang LANG`` to the command's options and, before the command's
body runs, speaks what was asked: ``--lang``, else $LOCI_LANG, else the
locale's variables (``i18n.set_language``). The language then holds for the
rest of the run, so an error's line, worded after the command has left, is in
it too. The command's own parameters are untouched: it never sees ``lang``.
JSON, files and exit codes never depend on it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer._click.globals import get_current_context

from ..environment import Environment
from ..i18n import LANGUAGES, NAMES, set_language

Command = TypeVar("Command", bound=Callable[..., None])


def _languages(ctx: typer.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    return [(code, NAMES[code]) for code in LANGUAGES if code.startswith(incomplete)]


LangOption = Annotated[
    Optional[str],
    typer.Option(
        "--lang",
        metavar="LANG",
        help=(
            f"The language of text for people: {', '.join(LANGUAGES)}. JSON and files never change. "
            "[default: $LOCI_LANG, else the locale's]"
        ),
        show_default=False,
        autocompletion=_languages,
    ),
]


def speak(lang: str | None) -> None:
    """Speak ``lang`` (None: $LOCI_LANG, else the locale) in the current command's environment; a note on its stderr when loci can't."""
    obj = get_current_context().find_root().obj
    env = obj if isinstance(obj, Environment) else Environment()
    set_language(lang, env.environ, env.err)


def lang_option(command: Command) -> Command:
    """Add --lang to ``command``, and speak the language chosen before its body runs."""
    own = list(inspect.signature(command, eval_str=True).parameters.values())
    if any(p.name == "lang" for p in own):
        raise TypeError(f"{command.__name__} already has a parameter named 'lang'")
    added = inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, annotation=LangOption, default=None)
    # A keyword-only parameter goes before **kwargs, if the command takes them.
    at = next((i for i, p in enumerate(own) if p.kind is inspect.Parameter.VAR_KEYWORD), len(own))

    @functools.wraps(command)
    def run(*args: Any, lang: str | None = None, **given: Any) -> None:
        if lang is not None and not lang.strip():
            raise typer.BadParameter("is empty: give a language, like ru", param_hint="'--lang'")
        speak(lang)
        command(*args, **given)

    del run.__wrapped__  # Typer must read the signature below, not the command's
    signature = inspect.Signature([*own[:at], added, *own[at:]], return_annotation=None)
    run.__signature__ = signature  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
    return run  # type: ignore[return-value]
