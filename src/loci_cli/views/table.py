"""The one way loci draws tables and wraps text for people: Rich tables fitted to the terminal's width.

The only module besides the views that imports rich, and only inside functions,
so that --json and plain-text paths never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from .output import Output, takes, write_chunked

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..environment import Environment

from .grid import Grid, plain_as_printed


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


def rich_console(env: Environment, stream: IO[str]) -> Console:
    """A Rich console on ``stream``, as wide as the environment says, with its colour rules."""
    from rich.console import Console

    # Rich drops only colours for NO_COLOR; a user asking for none wants no escapes at all.
    # markup=False: an agenda's '[live]' is text, not a style (and '[/x]' is not an error).
    return Console(
        file=stream,
        width=env.width,
        highlight=False,
        markup=False,
        color_system="auto" if env.colour else None,
        _environ=dict(env.environ),
    )


@contextmanager
def console(out: Output) -> Iterator[Console]:
    """A Rich console as wide as the environment says, whose output is written to stdout in pieces:
    at each ``flush`` (a day of the programme, say) and when done."""
    made = rich_console(out.env, out.env.out)
    made.begin_capture()
    try:
        yield made
    finally:
        text = made.end_capture()
    write_chunked(out.env.out, text)


def flush(console: Console) -> None:
    """Write what ``console`` holds so far: a long programme appears day by day, not all at the end."""
    text = console.end_capture()
    console.begin_capture()
    write_chunked(console.file, text)


def print_lines(console: Console, lines: Sequence[str], style: Callable[[str], str | None] = lambda line: None) -> None:
    """Each line as ``console.print(line, soft_wrap=True, style=style(line))`` prints it, at one print's cost when no colour is drawn."""
    if console.color_system is None and all(plain_as_printed(line) for line in lines):
        console.print(Written("".join(line + "\n" for line in lines)), soft_wrap=True)
        return
    for line in lines:
        console.print(line, soft_wrap=True, style=style(line))


class Written:
    """Text Rich prints as it is (no wrapping, no emoji codes, no styles)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Any]:
        from rich.segment import Segment

        yield Segment(self.text)


def show(console: Console, drawn: Grid) -> None:
    """Print ``drawn``: its own lines, written straight out, when it can make them; else Rich's table."""
    lines = drawn.drawn_lines(console)
    if lines is None:
        console.print(drawn.rich())
    else:
        flush(console)
        write_chunked(console.file, "\n".join(lines) + "\n")


def _box(console: Console) -> Any:
    from rich import box

    # Rich swaps a box it thinks the stream can't show for a full ASCII grid; keep
    # the same plain layout, ruled with '-'.
    return box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True) if not takes(console.file, "─") else box.SIMPLE_HEAD


def table(console: Console, **options: Any) -> Table:
    from rich.table import Table

    return Table(box=_box(console), pad_edge=False, **options)


def grid(console: Console, **options: Any) -> Grid:
    """A table as ``table`` makes it, which prints without Rich's cost per cell when it can (see ``Grid``)."""
    return Grid(_box(console), options)


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


#: Below this many columns a last, flexible column goes under its row rather than beside it.
NARROWEST_CELL = 20


def columns(rows: Sequence[Sequence[str]], right: Collection[int] = (), width: int | None = None, flexible: int | None = None) -> list[str]:
    """A plain-text table: two spaces between cells, no edges, trailing spaces stripped, the ``right`` columns right-aligned.

    When it is wider than ``width``, only the ``flexible`` column wraps, at its words
    (its heading too); the others (times, numbers) never do, so a table that
    cannot fit keeps them whole and stays too wide. A last flexible column left
    less than ``NARROWEST_CELL`` beside the others goes under its row, indented
    past the first column.
    """
    import textwrap

    def words(text: str, room: int) -> list[str]:
        return textwrap.wrap(text, max(room, 1), break_on_hyphens=False, break_long_words=False) or [""]

    cells = [[[cell] for cell in row] for row in rows]
    natural = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    gaps = 2 * (len(natural) - 1)
    under: list[list[str]] = [[] for _ in rows]
    if width is not None and flexible is not None and sum(natural) + gaps > width:
        room = width - (sum(natural) - natural[flexible] + gaps)
        if flexible == len(natural) - 1 and room < NARROWEST_CELL:
            indent = " " * (natural[0] + 2)
            for row, below in zip(cells, under, strict=True):
                below += [indent + part for part in words(row[flexible][0], width - len(indent))]
                row[flexible] = [""]
        else:
            for row in cells:
                row[flexible] = words(row[flexible][0], room)
    widths = [max(len(part) for row in cells for part in row[i]) for i in range(len(natural))]
    out = []
    for row, below in zip(cells, under, strict=True):
        for n in range(max(len(parts) for parts in row)):
            line = [parts[n] if n < len(parts) else "" for parts in row]
            padded = [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))]
            out.append("  ".join(padded).rstrip())
        out += below
    return out
