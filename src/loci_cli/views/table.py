"""The one way loci draws tables and wraps text for people: Rich tables fitted to the terminal's width.

The only module besides the views that imports rich, and only inside functions,
so that --json and plain-text paths never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .output import Output, takes, write_chunked

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def fill(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    import textwrap

    return textwrap.wrap(
        text,
        width=max(width, len(first) + 10),
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [first.rstrip()]


def say(console: Console, text: str, style: str | None = None) -> None:
    """Lines of text wrapped at words to the console's width (Rich would wrap inside them)."""
    for line in text.splitlines():
        for part in fill(line, console.width):
            console.print(part, soft_wrap=True, style=style)


@contextmanager
def console(out: Output) -> Iterator[Console]:
    """A Rich console as wide as the environment says, whose output is written, when done, in pieces to stdout."""
    from rich.console import Console

    env = out.env
    # Rich drops only colours for NO_COLOR; a user asking for none wants no escapes at all.
    # markup=False: an agenda's '[live]' is text, not a style (and '[/x]' is not an error).
    made = Console(
        file=env.out,
        width=env.width,
        highlight=False,
        markup=False,
        color_system="auto" if env.colour else None,
        _environ=dict(env.environ),
    )
    with made.capture() as captured:
        yield made
    write_chunked(env.out, captured.get())


def table(console: Console, **options: Any) -> Table:
    from rich import box
    from rich.table import Table

    # Rich swaps a box it thinks the stream can't show for a full ASCII grid; keep
    # the same plain layout, ruled with '-'.
    rule = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True) if not takes(console.file, "─") else box.SIMPLE_HEAD
    return Table(box=rule, pad_edge=False, **options)


def overhead(columns: int) -> int:
    """What a table of ``table()`` adds to its columns' text: a space either side of each, a divider
    between them, and an edge each side, less the padding at the edges."""
    return 3 * columns - 1


def pair(local: str, at_event: str, width: int, indent: str = "") -> list[str]:
    """'17:00–17:30 (12:00–12:30 CET)', the event's time on a line of its own when both don't fit."""
    both = f"{indent}{local} ({at_event})"
    if len(both) <= width:
        return [both]
    return fill(local, width, indent) + fill(f"({at_event})", width, indent)


_ITEM = re.compile(r"(\s*)([-*•‣◦]|\d{1,3}[.)]|[a-z][.)])\s+")


def wrap(text: str, width: int, indent: str = "  ") -> str:
    """Wrap ``text`` keeping its paragraphs, line breaks and list items (an item's lines hang under its text)."""
    width = min(78, width)
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        item = _ITEM.match(line)
        if item:
            first = indent + item.group(1) + item.group(2) + " "
            out += fill(line[item.end() :], width, first, " " * len(first))
        else:
            margin = indent + line[: len(line) - len(line.lstrip())]
            out += fill(line.strip(), width, margin)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def field(name: str, value: str, width: int) -> list[str]:
    """'Venue:      Online × The Hague', wrapped under its value."""
    return fill(value, min(78, width), f"{name + ':':<12}", " " * 12)
