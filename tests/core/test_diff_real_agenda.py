"""core.diff on the real agenda and edited copies of it: every kind of change, and what is not one."""

from __future__ import annotations

import copy

import pytest

from helpers import utc
from loci_cli.core.diff import FIELDS, AgendaDiff, compare
from loci_cli.formats.load import load_agenda


def session(data: dict, sid: str) -> dict:
    return next(s for day in data["days"] for s in day["sessions"] if s["id"] == sid)


@pytest.fixture
def old(agenda_path):
    return load_agenda(agenda_path, {})


@pytest.fixture
def edit(agenda_data, write_agenda):
    """Load a copy of the real agenda after ``change`` has edited its JSON."""

    def load(change) -> object:
        data = copy.deepcopy(agenda_data)
        change(data)
        return load_agenda(write_agenda(data, name="new.json"), {})

    return load


def test_an_agenda_compared_with_itself_is_empty(old, agenda_path):
    found = compare(old, load_agenda(agenda_path, {}))
    assert found == AgendaDiff((), (), (), ())
    assert found.empty and found.touched == frozenset()


def test_every_kind_of_change_at_once(old, edit):
    def change(data):
        day1, day2 = data["days"][0]["sessions"], data["days"][1]["sessions"]
        # removed
        data["days"][3]["sessions"] = [s for s in data["days"][3]["sessions"] if s["id"] != "d4-ogp-support"]
        data["days"][3]["sessions"][1]["end"] = "14:00"  # d4-monitoring-incentive fills the gap: moved
        # added
        day2.append({"id": "d2-social", "start": "15:00", "end": "15:30", "title": "Online social"})
        # moved an hour later on the same day
        session(data, "d1-wrap-up").update(start="15:30", end="16:00")
        # changed, not moved
        session(data, "d3-plenary")["title"] = "Opening plenary"
        session(data, "d3-plenary")["speakers"] = ["Shreya Basu"]
        # moved and changed
        day1[0].update(start="11:45", lead="Hivos")

    found = compare(old, edit(change))

    # Nov 2020: Amsterdam is UTC+1, so 15:00 local is 14:00Z.
    assert [(a.id, a.day, a.start_at, a.end_at) for a in found.added] == [
        ("d2-social", 2, utc(2020, 11, 12, 14, 0), utc(2020, 11, 12, 14, 30))
    ]
    assert [(r.id, r.day, r.start_at) for r in found.removed] == [("d4-ogp-support", 4, utc(2020, 11, 19, 12, 30))]
    assert [(m.id, m.old_start_at, m.new_start_at, m.old_end_at, m.new_end_at) for m in found.moved] == [
        ("d1-welcome", utc(2020, 11, 10, 11, 0), utc(2020, 11, 10, 10, 45), utc(2020, 11, 10, 11, 30), utc(2020, 11, 10, 11, 30)),
        ("d1-wrap-up", utc(2020, 11, 10, 13, 30), utc(2020, 11, 10, 14, 30), utc(2020, 11, 10, 14, 0), utc(2020, 11, 10, 15, 0)),
        (
            "d4-monitoring-incentive",
            utc(2020, 11, 19, 11, 30),
            utc(2020, 11, 19, 11, 30),
            utc(2020, 11, 19, 12, 30),
            utc(2020, 11, 19, 13, 0),
        ),
    ]
    assert [(c.id, c.fields) for c in found.changed] == [
        ("d1-welcome", ("lead",)),
        ("d3-plenary", ("title", "speakers")),
    ]
    # The new title is the one reported.
    assert found.changed[1].title == "Opening plenary"
    assert found.touched == {"d2-social", "d1-welcome", "d1-wrap-up", "d4-monitoring-incentive", "d3-plenary"}
    assert not found.empty


def test_a_session_moved_to_another_day_names_both_days(old, edit):
    def change(data):
        moving = session(data, "d2-plenary")
        data["days"][1]["sessions"].remove(moving)
        data["days"][2]["sessions"].insert(0, {**moving, "start": "11:00", "end": "11:30"})

    (moved,) = compare(old, edit(change)).moved
    assert (moved.id, moved.old_day, moved.new_day) == ("d2-plenary", 2, 3)
    assert (moved.old_start_at, moved.new_start_at) == (utc(2020, 11, 12, 11, 0), utc(2020, 11, 17, 10, 0))


def test_the_same_instants_written_otherwise_are_not_a_move(old, edit):
    def change(data):
        # 12:00 in Amsterdam in November is 11:00Z, and so is 13:00 at +02:00.
        session(data, "d1-welcome")["start"] = "2020-11-10T13:00+02:00"

    assert compare(old, edit(change)).empty


def test_a_new_zone_with_the_same_wall_clocks_moves_every_session(old, edit):
    def change(data):
        data["timezone"] = "Asia/Almaty"  # UTC+6 in 2020: every instant 5 hours earlier

    found = compare(old, edit(change))
    assert len(found.moved) == len(old.sessions()) and not found.changed
    first = found.moved[0]
    assert first.old_start_at - first.new_start_at == (utc(2020, 1, 1, 5) - utc(2020, 1, 1, 0))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Another title"),
        ("kind", "talk"),
        ("description", "New words."),
        ("lead", "OCP"),
        ("location", "Room 2"),
        ("url", "https://example.org/s"),
        ("room", "Room 2"),
        ("track", "Policy"),
        ("speakers", ["Viktor Nestulia"]),
        ("language", "ru"),
        ("links", [{"url": "https://example.org/slides", "title": "Slides"}]),
    ],
)
def test_each_field_is_noticed_alone(old, edit, field, value):
    found = compare(old, edit(lambda data: session(data, "d2-challenge-sharing").__setitem__(field, value)))
    assert [(c.id, c.fields) for c in found.changed] == [("d2-challenge-sharing", (field,))]
    assert not (found.added or found.removed or found.moved)


def test_every_compared_field_is_tested_above():
    # Keeps the parametrised list above in step with FIELDS.
    assert set(FIELDS) == {"title", "kind", "description", "lead", "location", "url", "room", "track", "speakers", "language", "links"}


def test_a_link_title_change_is_a_change(old, edit):
    def put(title):
        def change(data):
            session(data, "d2-plenary")["links"] = [{"url": "https://example.org/x", "title": title}]

        return change

    assert [c.fields for c in compare(edit(put("A")), edit(put("B"))).changed] == [("links",)]
    assert compare(edit(put("A")), edit(put("A"))).empty


def test_a_renamed_id_is_one_removed_and_one_added(old, edit):
    found = compare(old, edit(lambda data: session(data, "d3-plenary").__setitem__("id", "d3-opening")))
    assert [r.id for r in found.removed] == ["d3-plenary"]
    assert [a.id for a in found.added] == ["d3-opening"]
    assert found.added[0].start_at == found.removed[0].start_at
