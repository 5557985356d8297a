"""A Rich table that costs what its text costs: the same lines, without Rich's work for every cell.

Rich renders each cell of a table through several layers (padding, measuring,
wrapping, cropping, styles): about a millisecond a row, 10 s for a programme of
10,000 sessions against 0.5 s for its JSON. A ``Grid`` is built like a Rich
``Table`` (``add_column``, ``add_row``, ``console.print``) and, when no colour
is drawn, prints the lines Rich would print, made from plain strings:

- the column widths are Rich's own, computed on a stand-in table holding only
  each column's widest cells (Rich sizes a column from the largest minimum and
  maximum of its cells, nothing else), and reused for tables whose widest cells
  measure the same (every day of a long programme, mostly);
- a cell whose lines fit its column is padded as Rich pads it; one that must
  wrap or be cut is handed to Rich alone;
- anything it does not know how to draw exactly (colour, tabs, emoji codes,
  a table wider than the terminal, padding above or below) is drawn by Rich,
  the whole table. tests/views/test_grid.py compares both ways at many widths.

rich is imported only inside functions: a ``--json`` run never loads it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.table import Table
    from rich.text import Text

# Column widths by what decides them (see ``Grid._widths``); bounded, as a long
# programme has a handful of distinct keys and a process draws one programme.
_WIDTHS: dict[tuple[Any, ...], list[int]] = {}
#: the table's options that don't change its columns' widths
_WORDS = frozenset({"title", "caption", "title_justify", "caption_justify", "title_style", "caption_style"})


class Grid:
    """A table as ``rich.table.Table(box=box, pad_edge=False, **options)`` would draw it."""

    def __init__(self, box: Any, options: dict[str, Any]) -> None:
        self.box = box
        self.options = options
        self.columns: list[tuple[str, dict[str, Any]]] = []
        self.rows: list[tuple[str | Text, ...]] = []

    def add_column(self, header: str = "", **options: Any) -> None:
        self.columns.append((header, options))

    def add_row(self, *cells: str | Text) -> None:
        self.rows.append(cells)

    def rich(self) -> Table:
        """The same table as Rich builds it: what a Grid draws whenever its own lines would not be exact."""
        from rich.table import Table

        made = Table(box=self.box, pad_edge=False, **self.options)
        for header, options in self.columns:
            made.add_column(header, **options)
        for row in self.rows:
            made.add_row(*row)
        return made

    def drawn_lines(self, console: Console) -> list[str] | None:
        """The lines ``console.print(self)`` prints, colours and all, when they can be made without Rich's per-cell work."""
        # The options console.print renders with.
        options = console.options.update(justify=None, overflow=None, height=None, no_wrap=None, markup=None, highlight=None)
        return self.lines(console, options)

    def plain_lines(self, console: Console) -> list[str] | None:
        """``drawn_lines`` when they carry no colour; None in colour."""
        return None if console.color_system is not None else self.drawn_lines(console)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        lines = None if console.color_system is not None else self.lines(console, options)
        if lines is None:
            yield self.rich()
            return
        newline = Segment.line()
        for line in lines:
            yield Segment(line)
            yield newline

    def lines(self, console: Console, options: ConsoleOptions) -> list[str] | None:
        """The table's lines as Rich draws them, or None when only Rich can draw them exactly."""
        from rich.padding import Padding

        if console.legacy_windows or (console.no_color and console.color_system) or not self.columns:
            return None
        if not set(self.options) <= _TABLE_OPTIONS or any(not set(column) <= _COLUMN_OPTIONS for _, column in self.columns):
            return None  # justified, aligned or styled in ways the lines below don't follow
        top, right_pad, bottom, left_pad = Padding.unpack(self.options.get("padding", (0, 1)))
        if top or bottom:
            return None
        colour = console.color_system is not None
        if colour and not hasattr(console, "_color_system"):
            return None  # Rich's own record of the colours it draws, read by _ansi
        count = len(self.columns)
        show_edge = self.options.get("show_edge", True)
        extra = count - 1 + (2 if show_edge else 0)
        maybe = [[_plain(cell) for cell in row] for row in self.rows]
        maybe_headers = [_plain(header) for header, _ in self.columns]
        if None in maybe_headers or any(None in row for row in maybe):
            return None
        texts = cast("list[list[str]]", maybe)
        headers = cast("list[str]", maybe_headers)
        widths = self._widths(console, options, extra, texts)
        if widths is None:
            return None
        table_width = sum(widths) + extra
        if table_width > console.width:
            return None  # Rich would crop it
        pads = [(0 if i == 0 else left_pad, 0 if i == count - 1 else right_pad) for i in range(count)]
        if any(width - left - right < 1 for width, (left, right) in zip(widths, pads, strict=True)):
            return None

        styles: list[list[Any]] = [[None] * count, [None] * count]  # per column: the header's style, the cells'
        if colour:
            get = console.get_style
            header_style = get(self.options.get("header_style", "table.header") or "")
            for i, (_, column) in enumerate(self.columns):
                styles[0][i] = header_style + get(column.get("header_style", "") or "")
                styles[1][i] = get(column.get("style") or "")

        def cell_lines(i: int, cell: str | Text, text: str, header: bool) -> list[str]:
            left, right = pads[i]
            room = widths[i] - left - right
            parts = text.split("\n")
            sizes = [width_of(part) for part in parts]
            if colour:
                style = styles[0 if header else 1][i]
                lines: list[Any]
                if max(sizes) > room:
                    lines = console.render_lines(cell, self._cell_options(options, i, room), style=style, pad=True, new_lines=False)
                elif isinstance(cell, str) or not cell.spans:
                    # One style over each whole line, padding included: the common cell, made without a Text.
                    own = None if isinstance(cell, str) or not cell.style else console.get_style(cell.style)
                    whole = (style + own if style else own) if own else style
                    lines = [[(part + " " * (room - size), whole)] for part, size in zip(parts, sizes, strict=True)]
                else:
                    lines = [_styled(console, line, room, style) for line in _text_of(cell).split("\n", allow_blank=True)]
                edges = (_ansi(console, [(" " * left, style)]), _ansi(console, [(" " * right, style)]))
                return [edges[0] + _ansi(console, line) + edges[1] for line in lines]
            if max(sizes) > room:
                parts = _rich_lines(console, cell, self._cell_options(options, i, room))
            else:
                parts = [part + " " * (room - size) for part, size in zip(parts, sizes, strict=True)]
            return [" " * left + part + " " * right for part in parts]

        box = self.box.substitute(options, safe=console.safe_box)
        out: list[str] = []
        out += self._annotation(console, options, "title", table_width)
        if show_edge:
            out.append(box.get_top(widths))
        every: list[list[tuple[str | Text, str]]] = [[(header, text) for (header, _), text in zip(self.columns, headers, strict=True)]]
        every += [list(zip(row, plain, strict=True)) for row, plain in zip(self.rows, texts, strict=True)]
        for index, row in enumerate(every):
            cells = [cell_lines(i, cell, text, index == 0) for i, (cell, text) in enumerate(row)]
            height = max(len(cell) for cell in cells)
            for i, cell in enumerate(cells):
                blank = [_ansi(console, [(" " * widths[i], styles[0 if index == 0 else 1][i])])] * (height - len(cell))
                # The header sits at the bottom of its row; other cells at the top.
                cells[i] = blank + cell if index == 0 else cell + blank
            if index == 0:
                left, right, divider = box.head_left, box.head_right, box.head_vertical
            elif index == len(every) - 1:
                left, right, divider = box.foot_left, box.foot_right, box.foot_vertical
            else:
                left, right, divider = box.mid_left, box.mid_right, box.mid_vertical
            if not show_edge:
                left = right = ""
            for n in range(height):
                out.append(left + divider.join(cell[n] for cell in cells) + right)
            if index == 0:
                out.append(box.get_row(widths, "head", edge=show_edge))
        if show_edge:
            out.append(box.get_bottom(widths))
        out += self._annotation(console, options, "caption", table_width)
        return out

    def _cell_options(self, options: ConsoleOptions, index: int, room: int) -> ConsoleOptions:
        column = self.columns[index][1]
        return options.update(
            width=room,
            justify=column.get("justify", "left"),
            no_wrap=column.get("no_wrap", False),
            overflow=column.get("overflow", "ellipsis"),
            height=None,
            highlight=column.get("highlight", False),
        )

    def _widths(self, console: Console, options: ConsoleOptions, extra: int, texts: list[list[str]]) -> list[int] | None:
        """Rich's column widths, from a stand-in table of each column's widest cells."""
        widest: list[tuple[int, int]] = []  # per column: the row of the largest maximum, of the largest minimum
        measures: list[tuple[int, int]] = []
        for i, (_, column) in enumerate(self.columns):
            # Rich doesn't measure a column of fixed width.
            sizes = [_measure(row[i]) for row in texts] if column.get("width") is None else []
            if not sizes:
                widest.append((0, 0))
                measures.append((-1, -1))
                continue
            by_max = max(range(len(sizes)), key=lambda n: sizes[n][1])
            by_min = max(range(len(sizes)), key=lambda n: sizes[n][0])
            widest.append((by_max, by_min))
            measures.append((sizes[by_min][0], sizes[by_max][1]))
        # Everything Rich sizes columns by: the room, the table's options (but its words), the columns, their cells' measures.
        table = tuple(sorted((k, repr(v)) for k, v in self.options.items() if k not in _WORDS))
        key = (options.max_width, table, tuple((h, repr(sorted(o.items()))) for h, o in self.columns), tuple(measures))
        found = _WIDTHS.get(key)
        if found is None:
            from rich.table import Table

            stand_in = Table(box=self.box, pad_edge=False, **self.options)
            for header, column in self.columns:
                stand_in.add_column(header, **column)
            if self.rows:
                for pick in (0, 1):
                    stand_in.add_row(*(self.rows[rows[pick]][i] for i, rows in enumerate(widest)))
            # Rich's own sizing, a private method: should a Rich release drop it, Rich draws every table.
            calculate = getattr(stand_in, "_calculate_column_widths", None)
            if calculate is None:
                return None
            found = calculate(console, options.update_width(options.max_width - extra))
            if len(_WIDTHS) > 256:
                _WIDTHS.clear()
            _WIDTHS[key] = found
        return list(found)

    def _annotation(self, console: Console, options: ConsoleOptions, which: str, width: int) -> list[str]:
        """The title or caption, as Rich wraps it to the table's width."""
        text = self.options.get(which)
        if not text:
            return []
        plain = _plain(text)
        style = self.options.get(f"{which}_style") or f"table.{which}"
        shown = console.render_str(text, style=style, highlight=False) if isinstance(text, str) else text
        if (
            plain is not None
            and "\n" not in plain
            and width_of(plain) <= width
            and self.options.get(f"{which}_justify", "center") == "left"
        ):
            if console.color_system is None:
                return [plain + " " * (width - width_of(plain))]
            return [_ansi(console, _styled(console, shown, width, None))]
        made = options.update(width=width, highlight=self.options.get("highlight", False), height=None)
        return _rich_lines(console, shown, made.update(justify=self.options.get(f"{which}_justify", "center")), pad=False)


def _plain(cell: str | Text) -> str | None:
    """A cell's text as Rich shows it, or None when the fast path can't promise Rich's lines."""
    if isinstance(cell, str):
        text = cell
        # Rich reads ':smile:' in a plain string as an emoji (not in a Text).
        if ":" in text and not _no_emoji(text):
            return None
    else:
        text = cell.plain
    if "\t" in text or (text and text.splitlines() != text.split("\n")):
        return None  # tabs expand; other line breaks split where '\n' doesn't
    return text


def plain_as_printed(text: str) -> bool:
    """Whether Rich prints the string ``text`` as it is, when it doesn't wrap it and draws no colour."""
    return "\t" not in text and (":" not in text or _no_emoji(text))


@lru_cache(maxsize=4096)
def _no_emoji(text: str) -> bool:
    """Whether Rich leaves ``text`` as it is (times such as '13:00–13:30' look like codes, and repeat)."""
    try:
        from rich._emoji_replace import _emoji_replace
    except ImportError:  # a private module: without it, let Rich print the text
        return False
    return _emoji_replace(text) == text


def width_of(text: str) -> int:
    """``text``'s width in cells, as Rich counts it (cheaply for printable ASCII, one cell a character)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _measure(text: str) -> tuple[int, int]:
    """Rich's measure of a text: its longest word and its longest line, in cells."""
    # Printable ASCII (line breaks aside) is one cell a character.
    size = len if text.isascii() and text.replace("\n", "").isprintable() else width_of
    lines = text.splitlines()
    longest = max(map(size, lines)) if lines else 0
    words = text.split()
    return (max(map(size, words)) if words else longest), longest


def _rich_lines(console: Console, renderable: Any, options: ConsoleOptions, pad: bool = True) -> list[str]:
    """The lines Rich renders ``renderable`` to, as written: with colour when the console draws it."""
    return [_ansi(console, line) for line in console.render_lines(renderable, options, pad=pad, new_lines=False)]


#: the options of a table and of its columns that ``Grid.lines`` draws as Rich does (the defaults of the rest)
_TABLE_OPTIONS = frozenset({"title", "caption", "title_justify", "caption_justify", "show_edge", "padding"})
_COLUMN_OPTIONS = frozenset({"no_wrap", "style", "width", "min_width", "max_width", "ratio", "overflow"})


def _text_of(cell: str | Text) -> Text:
    """A cell as Rich renders it: a string becomes an unstyled Text (its emoji codes were ruled out by ``_plain``)."""
    from rich.text import Text

    return Text(cell) if isinstance(cell, str) else cell


def _styled(console: Console, line: Text, room: int, style: Any) -> list[tuple[str, Any]]:
    """The segments of one line of a cell that fits, padded to ``room``, under the cell's ``style``,
    as Rich makes them: the line's own style becomes a span over it, padding included."""
    from rich.text import Span, Text

    line = line.copy()
    line.truncate(room, pad=True)
    spans = ([Span(0, len(line), line.style)] if line.style else []) + line.spans
    made = Text(line.plain, spans=spans).render(console)
    if not style:
        return [(segment.text, segment.style) for segment in made]
    return [(segment.text, style + segment.style) for segment in made]


def _ansi(console: Console, segments: Any) -> str:
    """Segments as the console writes them: each styled one wrapped in its escape codes (Rich's ``_render_buffer``)."""
    system = console._color_system
    out = []
    for segment in segments:
        text, style = segment[0], segment[1]
        if text:
            out.append(_render(text, style, system) if style and system else text)
    return "".join(out)


@lru_cache(maxsize=4096)
def _render(text: str, style: Any, system: Any) -> str:
    """One styled segment's escape codes and text (times, kinds and padding repeat on every day)."""
    rendered: str = style.render(text, color_system=system, legacy_windows=False)
    return rendered
