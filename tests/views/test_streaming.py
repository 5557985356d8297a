"""Long tables are written as they are made: day by day (page by page for 'zones'), not all at the end."""

from __future__ import annotations

import io

from typer.testing import CliRunner

from factories import make_agenda
from helpers import LATER
from loci_cli.cli.app import app
from loci_cli.environment import Environment


class Recording(io.StringIO):
    """A text stream that keeps each write apart, to see when output left loci."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def run(args: list[str], width: int = 100) -> Recording:
    stream = Recording()
    env = Environment(environ={"COLUMNS": str(width), "NO_COLOR": "1", "TZ": "UTC"}, clock=lambda: LATER, stdout=stream)
    result = CliRunner().invoke(app, args, obj=env)
    assert result.exit_code == 0, result.output
    return stream


def _first_write_holding(stream: Recording, text: str) -> int:
    return next(i for i, chunk in enumerate(stream.writes) if text in chunk)


def _starts_a_write(stream: Recording, text: str) -> bool:
    """Whether a write begins with ``text``: written as made, not cut from one long text at a round size."""
    return any(chunk.lstrip(" ").startswith(text) for chunk in stream.writes)


def test_the_programme_is_written_day_by_day(write_agenda):
    path = write_agenda(make_agenda(60, per_day=20))  # three days
    stream = run(["sessions", "--agenda", str(path)])
    firsts = [_first_write_holding(stream, f"Day {n} ·") for n in (1, 2, 3)]
    assert firsts == sorted(firsts) and len(set(firsts)) == 3, "each day leaves in a write of its own"
    assert _starts_a_write(stream, "Day 2 ·") and _starts_a_write(stream, "Day 3 ·")
    assert "d3-s20" in stream.getvalue()


def test_the_narrow_programme_is_written_day_by_day_too(write_agenda):
    path = write_agenda(make_agenda(40, per_day=20))
    stream = run(["sessions", "--agenda", str(path)], width=40)
    assert _first_write_holding(stream, "Day 1 ·") < _first_write_holding(stream, "Day 2 ·")
    assert _starts_a_write(stream, "\nDay 2 ·")


def test_the_zones_matrix_is_written_page_by_page(write_agenda):
    path = write_agenda(make_agenda(200, per_day=20))  # ten days: pages of a few days each at 80 columns
    stream = run(["zones", "--agenda", str(path), "--tz", "Asia/Almaty", "--tz", "America/New_York"], width=80)
    assert _first_write_holding(stream, "Mon 01 Mar") < _first_write_holding(stream, "Wed 10 Mar")
    assert _starts_a_write(stream, "Day 4")
