"""A Grid prints exactly the bytes Rich's Table prints, colour included, without Rich's per-cell work when it can.

Rich's own rendering of the same table is the reference: the Grid's lines are
compared with ``console.print(grid.rich())`` for tables like the programme's and
the zones', at many widths and for hypothesis's cells (wide characters,
emoji codes, tabs, long words, trailing spaces, blank cells).
"""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from loci_cli.views.grid import Grid, width_of
from loci_cli.views.table import _box, grid, show


def _console(width: int, colour: bool = False, encoding: str = "utf-8") -> Console:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    return Console(
        file=stream,
        width=width,
        highlight=False,
        markup=False,
        color_system="standard" if colour else None,
        force_terminal=colour,
        _environ={},
    )


def _by_rich(console: Console, drawn: Grid) -> str:
    with console.capture() as captured:
        console.print(drawn.rich())
    return captured.get()


def _by_grid(console: Console, drawn: Grid) -> str:
    console.begin_capture()
    show(console, drawn)
    text = console.end_capture()
    written = console.file
    written.flush()
    return written.buffer.getvalue().decode(written.encoding) + text  # type: ignore[attr-defined]


def programme_grid(console: Console, rows: list[tuple[str, str, str, str, str]], title: str | None, caption: str | None) -> Grid:
    """A day of 'loci sessions' as views/programme.py builds it."""
    drawn = grid(console, title=title, caption=caption, title_justify="left", caption_justify="left")
    drawn.add_column("Asia/Almaty", no_wrap=True, style="bold")
    drawn.add_column("CET", no_wrap=True, style="dim")
    drawn.add_column("Room", max_width=16)
    drawn.add_column("Session", ratio=1, min_width=20)
    drawn.add_column("Kind", style="cyan", no_wrap=True)
    for local, event, room, session, kind in rows:
        cell = Text(session, overflow="fold")
        cell.append("\nd1-s1 · Ada Lovelace", style="dim")
        drawn.add_row(local, event, room, cell, kind)
    return drawn


def matrix_grid(console: Console, places: list[str], place_width: int) -> Grid:
    """A page of 'loci zones' as views/zones.py builds it: fixed widths, no edges."""
    drawn = grid(console, show_edge=False, padding=(0, 1, 0, 0))
    drawn.add_column("Place", width=place_width)
    drawn.add_column("UTC", width=5, no_wrap=True)
    drawn.add_column("Day 1\nTue 10 Nov", width=10, no_wrap=True)
    for place in places:
        drawn.add_row(Text(place, overflow="fold"), "+5:45", Text("13:45 ◑", style="yellow"))
    return drawn


SIMPLE_ROWS = [
    ("13:00–13:30", "08:00–08:30", "Main hall", "Opening of the meeting", "talk"),
    ("Tue 02 Mar 04:30–05:30", "23:30–00:30 (+1)", "", "Late session", "social"),
    ("14:00–14:30", "09:00–09:30", "A room whose name is long", "会議の始まり: wide characters", "workshop"),
]


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 200])
def test_a_programme_day_is_drawn_as_rich_draws_it(width):
    console = _console(width)
    drawn = programme_grid(console, SIMPLE_ROWS, "Day 1 · Tue 10 Nov 2020 · Showcasing, community building", "A theme")
    assert _by_grid(_console(width), drawn) == _by_rich(console, drawn)


@pytest.mark.parametrize("width", [100, 120, 200])
def test_the_fast_lines_are_used_where_the_cells_fit(width):
    console = _console(width)
    drawn = programme_grid(console, SIMPLE_ROWS, "Day 1", None)
    lines = drawn.plain_lines(console)
    assert lines is not None, "a table of plain cells that fit should not need Rich"
    assert "\n".join(lines) + "\n" == _by_rich(console, drawn)


@pytest.mark.parametrize("width", [40, 80])
def test_a_matrix_page_with_wrapped_places_is_drawn_as_rich_draws_it(width):
    console = _console(width)
    drawn = matrix_grid(console, ["Bosnia and Herzegovina", "Nepal", "A-very-long-place-name-without-spaces"], 12)
    assert drawn.plain_lines(console) is not None
    assert _by_grid(_console(width), drawn) == _by_rich(console, drawn)


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_colour_is_drawn_as_rich_draws_it(width):
    console = _console(width, colour=True)
    drawn = programme_grid(console, SIMPLE_ROWS, "Day 1 · Tue 10 Nov 2020 · Showcasing, community building", "A theme")
    assert drawn.plain_lines(console) is None, "plain lines are for a console without colour"
    made = _by_grid(_console(width, colour=True), drawn)
    assert "\x1b[" in made
    assert made == _by_rich(console, drawn)


def test_colour_lines_are_made_where_the_cells_fit():
    console = _console(120, colour=True)
    drawn = programme_grid(console, SIMPLE_ROWS, "Day 1", "A theme")
    lines = drawn.drawn_lines(console)
    assert lines is not None
    assert "\n".join(lines) + "\n" == _by_rich(console, drawn)


def test_a_stream_that_cannot_take_the_rule_gets_rich_s_substitute():
    console = _console(80, encoding="ascii")
    drawn = grid(console, title="Day 1")
    drawn.add_column("When", no_wrap=True)
    drawn.add_column("What")
    drawn.add_row("13:00", "Opening")
    assert _box(console).ascii
    assert _by_grid(_console(80, encoding="ascii"), drawn) == _by_rich(console, drawn)


def test_widths_count_cells_as_rich_does():
    assert width_of("13:00–13:30") == 11
    assert width_of("会議") == 4
    assert width_of("plain") == 5


cell_text = st.lists(st.sampled_from([*"abc xyz-:·–会😀\t\n", "smile", ":smile:", "  ", "Supercalifragilistic"]), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    width=st.integers(min_value=20, max_value=200),
    rows=st.lists(st.tuples(cell_text, cell_text, cell_text, cell_text, cell_text), min_size=0, max_size=4),
    title=st.one_of(st.none(), cell_text),
    caption=st.one_of(st.none(), cell_text),
    colour=st.booleans(),
)
@example(width=100, rows=[("a", "b", "c", "d", "e")], title="x", caption="y", colour=True)
def test_any_programme_table_is_drawn_as_rich_draws_it(width, rows, title, caption, colour):
    console = _console(width, colour)
    drawn = programme_grid(console, rows, title, caption)
    assert _by_grid(_console(width, colour), drawn) == _by_rich(console, drawn)


@settings(max_examples=150, deadline=None)
@given(
    width=st.integers(min_value=20, max_value=120),
    places=st.lists(cell_text, min_size=1, max_size=4),
    place_width=st.integers(min_value=8, max_value=30),
    colour=st.booleans(),
)
def test_any_matrix_page_is_drawn_as_rich_draws_it(width, places, place_width, colour):
    console = _console(width, colour)
    drawn = matrix_grid(console, places, place_width)
    assert _by_grid(_console(width, colour), drawn) == _by_rich(console, drawn)
