"""The tables of 'sessions', 'today' and 'zones', pinned byte for byte at four widths.

The files in tests/golden_tables/ were written by the whole-table Rich renderer
before the tables were streamed (issue 19): the streamed renderer must give the
same bytes, trailing spaces included, at every width, for the real agenda and for
an agenda of awkward titles (wide characters, emoji codes, tabs, long words, a
'[live]' that is not markup, a DST change). When a table changes on purpose:

    LOCI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/views/test_tables_pinned.py
    git diff tests/golden_tables/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factories import agenda, day, session
from helpers import ALMATY, AUCKLAND, KATHMANDU, NEW_YORK

UPDATE = os.environ.get("LOCI_UPDATE_GOLDEN") == "1"
WIDTHS = (40, 80, 120, 200)
TABLES = Path(__file__).parents[1] / "golden_tables"

AWKWARD = agenda(
    [
        day(
            1,
            "2021-03-27",
            [
                session(
                    "a",
                    "09:00",
                    "10:00",
                    "Opening [live] with a title long enough to wrap at most widths",
                    room="Main hall",
                    track="Plenary",
                ),
                session(
                    "b", "10:00", "10:30", "会議の始まり: wide characters 会議", room="Side", kind="workshop", speakers=["Ada", "Grace"]
                ),
                session("c", "10:30", "11:00", "Emoji codes :smile: and :thumbs_up: stay as written?", lead="Zoë"),
                session("d", "11:00", "11:30", "A\ttabbed title", room="A room whose name is long"),
                session("e", "11:30", "12:00", "Supercalifragilisticexpialidociousandthensomemorelettersbesides"),
                session("f", "23:30", "2021-03-28T03:30", "Across the change   ", kind="social"),
            ],
            theme="A theme for the day, which is long enough to wrap on a narrow terminal too",
        ),
        day(2, "2021-03-28", [session("g", "09:00", "10:00", "After the change", room="Main hall")]),
    ],
    timezone="Europe/Berlin",
    title="Awkward titles",
    participants=[{"country": "Japan", "zones": ["Asia/Tokyo"]}, {"country": "Nepal", "zones": ["Asia/Kathmandu"]}],
)

CASES: dict[str, list[str]] = {
    "sessions-almaty": ["sessions", "--tz", ALMATY],
    "sessions-by-room": ["sessions", "--by-room", "--tz", AUCKLAND],
    "today-auckland": ["today", "--date", "2020-11-11", "--tz", AUCKLAND],
    "zones": ["zones"],
    "zones-day": ["zones", "--day", "1", "--tz", KATHMANDU, "--tz", NEW_YORK, "--tz", ALMATY],
    "zones-search": ["zones", "--search", "kz"],
    "awkward-sessions": ["sessions", "--agenda", "{awkward}", "--tz", KATHMANDU],
    "awkward-by-room": ["sessions", "--agenda", "{awkward}", "--by-room"],
    "awkward-zones": ["zones", "--agenda", "{awkward}", "--tz", KATHMANDU, "--tz", AUCKLAND],
    "awkward-zones-day": ["zones", "--agenda", "{awkward}", "--day", "1"],
}
# A few in colour too (FORCE_COLOR makes Rich colour a stream that is not a terminal).
COLOURED = ("sessions-almaty", "zones", "awkward-sessions")


def _cases() -> list[tuple[str, int, bool]]:
    plain = [(name, width, False) for name in CASES for width in WIDTHS]
    return plain + [(name, width, True) for name in COLOURED for width in WIDTHS]


@pytest.fixture
def awkward(write_agenda) -> Path:
    return write_agenda(AWKWARD, "awkward.json")


@pytest.mark.parametrize(("name", "width", "colour"), _cases())
def test_table_matches_its_pinned_bytes(loci, awkward, name, width, colour):
    args = [part.format(awkward=awkward) for part in CASES[name]]
    env = {"COLUMNS": str(width)}
    if colour:
        env.update(NO_COLOR=None, FORCE_COLOR="1", TERM="xterm-256color")
    result = loci(*args, env=env)
    assert result.exit_code == 0, result.stderr
    path = TABLES / f"{name}-{width}{'-colour' if colour else ''}.txt"
    if UPDATE:
        path.write_bytes(result.stdout_bytes)
    assert path.exists(), f"no pinned table {path.name}; make it with LOCI_UPDATE_GOLDEN=1 and read it"
    assert result.stdout_bytes == path.read_bytes(), f"{path.name} differs from its pinned bytes"


def test_every_pinned_table_has_a_case():
    made = {f"{name}-{width}{'-colour' if colour else ''}.txt" for name, width, colour in _cases()}
    assert {path.name for path in TABLES.iterdir()} == made
