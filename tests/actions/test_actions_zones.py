"""The zones actions called directly: the matrix of places and zone search, with a fixed clock."""

from __future__ import annotations

import pytest

from helpers import ALMATY, KYIV, LATER, zone
from loci_cli.actions import zones
from loci_cli.core.errors import UsageProblem
from loci_cli.environment import Environment
from loci_cli.formats.load import load_agenda


@pytest.fixture(scope="module")
def agenda():
    return load_agenda(None, {})


def nowhere():
    raise AssertionError("the user's own zone is asked for only when the agenda names no participants")


def test_the_zones_asked_for_are_the_rows(agenda):
    data = zones.side_by_side(agenda, [zone(ALMATY), zone(KYIV)], None, nowhere)
    assert [row["timezone"] for row in data["rows"]] == [ALMATY, KYIV]
    assert len(data["columns"]) == 4 and data["day"] is None


def test_none_asked_gives_the_participants(agenda):
    data = zones.side_by_side(agenda, [], 2, nowhere)
    assert len(data["rows"]) >= len(agenda.participants)
    assert data["day"] == 2


def test_an_agenda_without_participants_falls_back_to_the_users_zone(agenda):
    bare = agenda._replace(participants=())
    data = zones.side_by_side(bare, [], None, lambda: zone(ALMATY))
    assert [row["timezone"] for row in data["rows"]] == [ALMATY]


def test_search_finds_a_city_with_todays_offset_from_the_clock(agenda):
    found = zones.search(agenda, Environment(environ={}, clock=lambda: LATER), "Almaty")
    assert found.notes == ()
    row = next(row for row in found.rows if row["timezone"] == ALMATY)
    assert row["offsets"][0]["offset"] == "+06:00"
    assert row["today"]["offset"] == "+05:00"  # Almaty's rules changed in 2024


def test_search_that_finds_nothing_says_so(agenda):
    found = zones.search(agenda, Environment(environ={}, clock=lambda: LATER), "Qwxzy")
    assert found.rows == []
    assert found.notes[0].startswith("No zone matches 'Qwxzy'")


def test_one_letter_finding_nothing_is_too_short(agenda):
    with pytest.raises(UsageProblem, match="too short"):
        zones.search(agenda, Environment(environ={}, clock=lambda: LATER), "q")
