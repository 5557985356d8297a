"""Shell completion of values: zone names, session ids, day numbers, rooms and tracks.

The shell calls these on every Tab, so each is quick (the agenda comes from its
snapshot) and none ever raises: a broken agenda completes to nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from ..core.model import Agenda


def _agenda(ctx: typer.Context) -> Agenda | None:
    """The agenda the command line names so far (--agenda, $LOCI_AGENDA, else the embedded one)."""
    from ..formats.detect import AgendaFormat
    from ..formats.load import load_agenda
    from .options import env_of

    env = env_of(ctx)
    params = ctx.params
    fmt = params.get("agenda_format")
    chosen = fmt if isinstance(fmt, AgendaFormat) else AgendaFormat.auto
    return load_agenda(params.get("agenda"), env.environ, chosen, cached=True, stdin=env.input)


def _never_raises(complete: Callable[..., Iterable[tuple[str, str]]]) -> Callable[..., list[tuple[str, str]]]:
    def guarded(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        try:
            return list(complete(ctx, incomplete))
        except Exception:  # a completion must never show the shell a traceback
            return []

    guarded.__name__ = complete.__name__
    guarded.__doc__ = complete.__doc__
    return guarded


def _starting(incomplete: str, pairs: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str]]:
    wanted = incomplete.casefold()
    return [(value, help) for value, help in pairs if value.casefold().startswith(wanted)]


@_never_raises
def zone_names(ctx: typer.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """IANA names starting with what was typed; and cities, spelt in its case ('alm' -> almaty, as --tz takes)."""
    from ..core.zonenames import available, zone_countries

    countries = zone_countries()
    names = sorted(n for n in available() if "/" in n and not n.startswith(("Etc/", "SystemV/", "posix/", "right/")))
    found = [(n, countries.get(n, "")) for n in names if n.startswith(incomplete)]
    if incomplete and "/" not in incomplete:
        # Typer keeps only values that start with the text as typed, so a city comes in the typed case.
        lower = incomplete[0].islower()
        for name in names:
            city = name.rsplit("/", 1)[-1]
            spelt = city.lower() if lower else city
            if spelt.startswith(incomplete):
                found.append((spelt, name))
    return found


@_never_raises
def session_ids(ctx: typer.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    agenda = _agenda(ctx)
    return _starting(incomplete, [(s.id, s.title) for _, s in agenda.sessions()]) if agenda else []


@_never_raises
def day_numbers(ctx: typer.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    agenda = _agenda(ctx)
    return _starting(incomplete, [(str(d.number), f"{d.date:%a %d %b %Y} · {d.title}") for d in agenda.days]) if agenda else []


def _named(what: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> Iterable[tuple[str, str]]:
        agenda = _agenda(ctx)
        if agenda is None:
            return []
        names = sorted({value for _, s in agenda.sessions() if (value := getattr(s, what))})
        return _starting(incomplete, [(name, "") for name in names])

    complete.__name__ = f"{what}s"
    return _never_raises(complete)


rooms = _named("room")
tracks = _named("track")
languages = _named("language")


@_never_raises
def command_names(ctx: typer.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    root = ctx.find_root()
    group: Any = root.command
    return _starting(incomplete, [(name, group.get_command(root, name).get_short_help_str(80)) for name in group.list_commands(root)])
