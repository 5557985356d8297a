"""Real schedules, as their generators wrote them: every event lands on its published instant.

../shared/corpus holds 13 exports from frab, pentabarf, wafer and c3voc's tools,
and for each the UTC instants worked out independently (expected/, by its
expected.py). Five files give neither an offset nor a zone: the manifest names
the venue's, and the test passes it as a user would, with --agenda-tz.
"""

from __future__ import annotations

import json
from datetime import timezone
from pathlib import Path

import pytest

from loci_cli.core.errors import NO_ZONE
from loci_cli.formats.load import check_agenda

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "MANIFEST.md").is_file(), reason=f"the schedule corpus is not at {CORPUS}")

# MANIFEST.md: the zone each venue used, for the files that name none.
VENUE_ZONES = {
    "fosdem-2007.xml": "Europe/Brussels",
    "28c3-fahrplan.xml": "Europe/Berlin",
    "froscon-2013.xml": "Europe/Berlin",
    "34c3-dlf.xml": "Europe/Berlin",
    "34c3-jugend-hackt.json": "Europe/Berlin",
}
FILES = sorted(p.name for p in (CORPUS.iterdir() if CORPUS.is_dir() else ()) if p.suffix in (".xml", ".json") and p.name != "manifest.json")


def utc(moment) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_corpus_is_all_there():
    assert len(FILES) == 13, FILES


@pytest.mark.parametrize("name", FILES)
def test_every_event_lands_on_its_published_instant(name):
    environ = {"LOCI_AGENDA_TZ": VENUE_ZONES[name]} if name in VENUE_ZONES else {}
    checked = check_agenda(CORPUS / name, environ)
    assert checked.problems == [], checked.problems[:5]
    assert checked.agenda is not None
    expected = json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    sessions = [s for _, s in checked.agenda.sessions()]
    assert len(sessions) == len(expected)
    # Each room's events, by their instants: loci lists a day's sessions by start, not in document order.
    got = sorted((s.room or "", utc(s.start_at), utc(s.end_at), letters(s.title)) for s in sessions)
    want = sorted((row["room"], row["start_utc"], row["end_utc"], letters(row["title"]) or "untitled") for row in expected)
    assert got == want


def letters(title: str) -> str:
    """A title's letters and digits: loci flattens line breaks and control characters in one-line fields."""
    return "".join(ch for ch in title if ch.isalnum())


@pytest.mark.parametrize("name", sorted(VENUE_ZONES))
def test_without_a_zone_loci_does_not_guess(name):
    checked = check_agenda(CORPUS / name, {})
    assert checked.agenda is None
    assert [p.message for p in checked.problems] == [NO_ZONE]


def test_overlaps_in_one_room_are_warnings_not_refusals():
    checked = check_agenda(CORPUS / "36c3-stages.xml", {})
    assert checked.agenda is not None and checked.problems == []
    assert any("overlap in the same room" in w.message for w in checked.warnings)
    # The zero-length event (id 399) is there, with a warning at its place.
    assert any(s.start_at == s.end_at for _, s in checked.agenda.sessions())
    assert any("ends when it starts" in w.message and "/schedule/day[" in w.path for w in checked.warnings)


def test_after_midnight_events_listed_under_the_previous_day_move_to_the_next_date():
    checked = check_agenda(CORPUS / "28c3-fahrplan.xml", {"LOCI_AGENDA_TZ": "Europe/Berlin"})
    assert checked.agenda is not None
    shows = [s for _, s in checked.agenda.sessions() if s.title.startswith("Pentanews Game Show")]
    assert [utc(s.start_at) for s in shows] == ["2011-12-27T23:15:00Z"]  # 00:15 CET on the 28th


def test_a_day_labelled_with_its_utc_date_is_on_its_local_date():
    checked = check_agenda(CORPUS / "debconf23.xml", {})
    assert checked.agenda is not None
    # wafer writes every time in UTC; the conference's zone is still Kolkata, and its first day the 10th there.
    assert checked.agenda.timezone == "Asia/Kolkata"
    assert str(checked.agenda.days[0].date) == "2023-09-10"


def test_one_guest_event_in_its_own_zone_keeps_the_venues_zone():
    checked = check_agenda(CORPUS / "jev22-channels.json", {})
    assert checked.agenda is not None and checked.agenda.timezone == "Europe/Amsterdam"
    (guest,) = [s for _, s in checked.agenda.sessions() if s.title == "Intro to Solar Protocol"]
    assert utc(guest.start_at) == "2022-12-27T15:30:00Z"  # 10:30-05:00, as written
