"""formats.scheduling: one object per UID, and what a change since an older revision calls for."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest

from itip import problems
from loci_cli.core.errors import RevisionNotHigher
from loci_cli.formats import ical, scheduling
from loci_cli.formats.attendees import Person
from loci_cli.formats.load import load_agenda

OPTIONS = ical.Options(
    stamp=datetime(2020, 11, 1, tzinfo=timezone.utc),
    method=ical.Method.REQUEST,
    organizer=Person("katria@example.org"),
    attendees=(Person("a@example.org"),),
)


@pytest.fixture
def revision(agenda_data, write_agenda):
    def make(change, number=2, name="new.json"):
        data = copy.deepcopy(agenda_data)
        data["revision"] = number
        change(data)
        return load_agenda(write_agenda(data, name=name), {})

    return make


def test_every_object_holds_one_uid_and_passes_itip(agenda_path):
    agenda = load_agenda(agenda_path, {})
    made = scheduling.build(agenda, scheduling.Selection(per_day=True), OPTIONS)
    assert [m.entry.uid for m in made] == [f"day-{n}.day@loci-eeca-2020" for n in (1, 2, 3, 4)]
    assert all(problems(m.data) == [] and m.sequence == 1 and not m.update for m in made)


def test_per_day_updates_follow_the_days_whose_programme_changed(agenda_path, revision):
    old = load_agenda(agenda_path, {})

    def change(data):
        data["days"][2]["sessions"][0]["title"] = "Opening plenary"  # day 3's programme text changes
        del data["days"][3]  # day 4 is gone

    made = scheduling.build(revision(change), scheduling.Selection(per_day=True), OPTIONS, since=old)
    assert [(m.entry.uid.split("@")[0], m.method.value, m.sequence, m.update) for m in made] == [
        ("day-3.day", "REQUEST", 2, True),
        ("day-4.day", "CANCEL", 3, False),
    ]
    assert all(problems(m.data) == [] for m in made)


def test_a_revision_that_is_not_higher_is_refused(agenda_path, revision):
    old = load_agenda(agenda_path, {})
    with pytest.raises(RevisionNotHigher) as caught:
        scheduling.build(revision(lambda data: None, number=1), scheduling.Selection(), OPTIONS, since=old)
    assert (caught.value.old, caught.value.new) == (1, 1)


def test_an_unchanged_agenda_with_a_new_revision_needs_no_message(agenda_path, revision):
    assert scheduling.build(revision(lambda data: None), scheduling.Selection(), OPTIONS, since=load_agenda(agenda_path, {})) == []
