"""Exports of the real agenda, made with a fixed clock, compared byte for byte with tests/golden/.

Each golden file was read by a person once (times checked against the agenda:
12:00-15:00 Europe/Amsterdam = 11:00-14:00 UTC in November). When an export
changes on purpose, regenerate them and read the diff before committing:

    LOCI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/formats/test_golden.py
    git diff tests/golden/

loci's version is stored as @VERSION@, so a release does not rewrite every file;
everything else, line endings included, must match exactly.
"""

from __future__ import annotations

import os

import pytest

from helpers import ALMATY, AUCKLAND, GOLDEN, LATER
from loci_cli import __version__

VERSION = "@VERSION@"
UPDATE = os.environ.get("LOCI_UPDATE_GOLDEN") == "1"

CASES = {
    # Every session but the breaks, in UTC.
    "meeting-utc.ics": ["export"],
    # Local times with TZID and a VTIMEZONE of the agenda's zone.
    "meeting-tzid.ics": ["export", "--tzid"],
    # Day 1 in Almaty's zone: its VTIMEZONE must give the 2020 rule (UTC+6), not today's (+5).
    "day1-tzid-almaty.ics": ["export", "--tzid", "--tz", ALMATY, "--day", "1"],
    # One event per day, its programme written in Auckland's wall clock (the next date there).
    "meeting-per-day-auckland.ics": ["export", "--per-day", "--tz", AUCKLAND],
    # An invitation to day 2's plenary (one event: one UID per iTIP message), two attendees;
    # the agenda names no organiser.
    "d2-plenary-invite.ics": [
        "export",
        "--invite",
        "--session",
        "d2-plenary",
        "--organizer",
        "meeting@example.org",
        "--attendee",
        "Ada Lovelace <ada@example.org>",
        "--attendee",
        "grace@example.org",
    ],
    # The whole programme as frab JSON, breaks included.
    "meeting-frab.json": ["export", "--format", "frab"],
}


@pytest.mark.parametrize("name", CASES)
def test_export_matches_its_golden_file(loci, name):
    result = loci(*CASES[name], "-o", "-", now=LATER)
    assert result.exit_code == 0, result.stderr
    made = result.stdout_bytes.replace(__version__.encode(), VERSION.encode())
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(made)
    assert path.exists(), f"no golden file {path.name}; make it with LOCI_UPDATE_GOLDEN=1 and read it"
    assert made == path.read_bytes(), f"{name} differs from its golden file; if on purpose, regenerate (see this module's doc)"


def test_every_golden_file_has_a_case():
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(CASES)
