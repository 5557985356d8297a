"""core/diff.py, and the small core helpers that arrived with invites: abbreviations, the next day, revisions."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from helpers import BERLIN, make_day, make_model, make_session, utc, wall, zone
from loci_cli.core.diff import compare
from loci_cli.core.errors import RevisionNotHigher
from loci_cli.core.model import Link
from loci_cli.core.queries import next_day
from loci_cli.core.zonenames import abbreviation

NOV10, NOV12 = date(2020, 11, 10), date(2020, 11, 12)
TALK = make_session("talk", utc(2020, 11, 10, 11), utc(2020, 11, 10, 12), title="Talk", links=(Link("https://a.example", "Slides"),))
OTHER = make_session("other", utc(2020, 11, 12, 11), utc(2020, 11, 12, 12), title="Other")


def agenda(*days):
    return make_model(list(days), BERLIN)


def test_nothing_changed():
    old = agenda(make_day(1, NOV10, [TALK]))
    diff = compare(old, old)
    assert diff.empty and diff.touched == frozenset()


def test_added_removed_moved_and_changed():
    old = agenda(make_day(1, NOV10, [TALK]), make_day(2, NOV12, [OTHER]))
    later = TALK._replace(start_at=utc(2020, 11, 12, 13), end_at=utc(2020, 11, 12, 14), title="Talk, renamed")
    new_one = make_session("new", utc(2020, 11, 12, 15), utc(2020, 11, 12, 16), title="New")
    new = agenda(make_day(1, NOV10, []), make_day(2, NOV12, [later, new_one]))
    diff = compare(old, new)
    assert [(a.id, a.title, a.day, a.start_at) for a in diff.added] == [("new", "New", 2, utc(2020, 11, 12, 15))]
    assert [(r.id, r.title, r.day) for r in diff.removed] == [("other", "Other", 2)]
    (moved,) = diff.moved
    assert (moved.id, moved.title, moved.old_day, moved.new_day) == ("talk", "Talk, renamed", 1, 2)
    assert (moved.old_start_at, moved.new_end_at) == (utc(2020, 11, 10, 11), utc(2020, 11, 12, 14))
    (changed,) = diff.changed
    assert (changed.id, changed.title, changed.day, changed.fields) == ("talk", "Talk, renamed", 2, ("title",))
    assert diff.touched == frozenset({"new", "talk"}) and not diff.empty


def test_the_same_instants_in_another_zone_are_not_a_move():
    old = agenda(make_day(1, NOV10, [TALK]))
    same = TALK._replace(start_at=TALK.start_at.astimezone(zone(BERLIN)), end_at=TALK.end_at.astimezone(zone(BERLIN)))
    assert compare(old, agenda(make_day(1, NOV10, [same]))).empty


def test_links_are_compared_by_what_they_say_whatever_holds_them():
    old = agenda(make_day(1, NOV10, [TALK]))
    plain = TALK._replace(links=(SimpleNamespace(url="https://a.example", title="Slides"),))  # type: ignore[arg-type]
    assert compare(old, agenda(make_day(1, NOV10, [plain]))).empty
    retitled = TALK._replace(links=(SimpleNamespace(url="https://a.example", title="Video"),))  # type: ignore[arg-type]
    assert compare(old, agenda(make_day(1, NOV10, [retitled]))).changed[0].fields == ("links",)
    moved = TALK._replace(links=(Link("https://b.example", "Slides"),))
    assert compare(old, agenda(make_day(1, NOV10, [moved]))).changed[0].fields == ("links",)


@pytest.mark.parametrize(
    ("typed", "at", "hours"),
    [
        ("EST", utc(2021, 1, 15), -5),
        ("est", utc(2021, 1, 15), -5),
        ("CEST", utc(2021, 7, 1), 2),
        ("NZDT", utc(2021, 1, 15), 13),
        ("MSK", utc(2021, 7, 1), 3),
    ],
)
def test_abbreviations_loci_lists_name_a_zone_at_that_offset(typed, at, hours):
    found = abbreviation(typed)
    assert found is not None and at.astimezone(zone(found)).utcoffset() == timedelta(hours=hours)


@pytest.mark.parametrize("typed", ["E", "ESTXYZ", "E5T", "Berlin", "", "ZZZ"])
def test_what_is_not_a_listed_abbreviation(typed):
    assert abbreviation(typed) is None


def test_next_day_starts_after_the_local_date():
    one = make_day(1, NOV10, [TALK])
    two = make_day(2, NOV12, [OTHER])
    meeting = agenda(one, two)
    assert next_day(meeting, NOV10, zone(BERLIN)) is two
    assert next_day(meeting, date(2020, 11, 9), zone(BERLIN)) is one
    assert next_day(meeting, NOV12, zone(BERLIN)) is None
    # A day starting exactly at the next local midnight is the next day.
    midnight = make_session("m", wall(BERLIN, 2020, 11, 11, 0), wall(BERLIN, 2020, 11, 11, 1))
    at_midnight = make_day(2, date(2020, 11, 11), [midnight])
    assert next_day(agenda(one, at_midnight), NOV10, zone(BERLIN)) is at_midnight
    assert at_midnight.start_at - one.start_at == timedelta(hours=12)


def test_revision_not_higher_says_both_and_where():
    err = RevisionNotHigher(3, 3, where="new.json")
    assert (err.old, err.new) == (3, 3)
    assert str(err) == "new.json: the new agenda's revision (3) is not higher than the old one's (3)"
