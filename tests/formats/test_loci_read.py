"""The models load valid agendas and reject broken ones with a JSON path."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone

import pytest

from helpers import FIXTURES
from loci_cli.core.errors import AgendaError, AgendaInvalidError
from loci_cli.formats.load import load_agenda
from loci_cli.formats.loci.read import parse_agenda, read_agenda

MINIMAL = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))


def test_minimal_fixture_is_valid_and_its_instants_are_resolved():
    agenda = parse_agenda((FIXTURES / "minimal.json").read_text(encoding="utf-8"))
    opening, late = agenda.days[0].sessions
    # 28 March 2021: Berlin is already on CEST (UTC+2) by 10:00.
    assert opening.start_at.astimezone(timezone.utc) == datetime(2021, 3, 28, 8, 0, tzinfo=timezone.utc)
    assert late.end_at.astimezone(timezone.utc) == datetime(2021, 3, 28, 22, 30, tzinfo=timezone.utc)
    (early,) = agenda.days[1].sessions
    # The explicit offsets pick each side of the fold: 02:30 CEST to 02:45 CET is 75 minutes.
    assert (early.end_at - early.start_at).total_seconds() == 75 * 60


def mutated(change) -> dict:
    data = copy.deepcopy(MINIMAL)
    change(data)
    return data


def first_session(data):
    return data["days"][0]["sessions"][0]


BROKEN = {
    "unknown key": (lambda d: d.update(colour="red"), "$.colour", "unknown key"),
    "unknown session key": (lambda d: first_session(d).update(speaker="x"), "$.days[0].sessions[0].speaker", "unknown key"),
    "missing title": (lambda d: d.pop("title"), "$.title", "Field required"),
    "number as string": (lambda d: d["days"][0].update(number="1"), "$.days[0].number", "integer"),
    "bad time": (lambda d: first_session(d).update(start="noon"), "$.days[0].sessions[0].start", "HH:MM"),
    "bad date": (lambda d: d["days"][0].update(date="2021-02-30"), "$.days[0].date", "date"),
    "bad zone": (lambda d: d.update(timezone="Europe/Atlantis"), "$.timezone", "unknown time zone"),
    "ends before it starts": (
        lambda d: first_session(d).update(end="09:00"),
        "$.days[0].sessions[0].end",
        "ends (09:00) before it starts (10:00)",
    ),
    "time in the DST gap": (
        lambda d: first_session(d).update(start="02:30", end="03:30"),
        "$.days[0].sessions[0].start",
        "does not exist in Europe/Berlin",
    ),
    "time in the DST fold": (
        lambda d: d["days"][1]["sessions"][0].update(start="2021-10-31T02:30"),
        "$.days[1].sessions[0].start",
        "happens twice in Europe/Berlin",
    ),
    "duplicate session id": (
        lambda d: d["days"][1]["sessions"][0].update(id="opening"),
        "$.days[1].sessions[0].id",
        "used twice",
    ),
    "duplicate day number": (lambda d: d["days"][1].update(number=1), "$.days[1].number", "used twice"),
    "days out of order": (lambda d: d["days"][1].update(date="2021-01-01"), "$.days[1].date", "in order"),
    "no days": (lambda d: d.update(days=[]), "$.days", "at least one day"),
    "empty day": (lambda d: d["days"][0].update(sessions=[]), "$.days[0].sessions", "at least one session"),
    "bad id": (lambda d: first_session(d).update(id="has space"), "$.days[0].sessions[0].id", "not a valid id"),
    "bad kind": (lambda d: first_session(d).update(kind="Big Talk"), "$.days[0].sessions[0].kind", "not a valid kind"),
    "year out of range": (lambda d: d["days"][0].update(date="0001-01-01"), "$.days[0].date", "1900"),
    "wrong format tag": (lambda d: d.update(format="ical"), "$.format", "loci-agenda/1"),
    "revision past SEQUENCE": (lambda d: d.update(revision=2**31 - 1), "$.revision", "must be at most 2147483646"),
    "huge revision": (lambda d: d.update(revision=2**70), "$.revision", "2147483646"),
    "negative revision": (lambda d: d.update(revision=-1), "$.revision", "greater than or equal to 0"),
    "title of line breaks only": (lambda d: first_session(d).update(title="\r\n"), "$.days[0].sessions[0].title", "only line breaks"),
}

# Real schedules do these on purpose, and every answer stays right: loaded, and listed as warnings.
WARNED = {
    "overlap": (
        lambda d: d["days"][0]["sessions"][1].update(start="10:30"),
        "$.days[0].sessions[1].start",
        "before the previous session 'opening' ends at 11:00; the two overlap in the same room",
    ),
    "no length": (lambda d: first_session(d).update(end="10:00"), "$.days[0].sessions[0].end", "the session ends when it starts"),
    "line break in a title": (
        lambda d: first_session(d).update(title="Opening\r\nplenary"),
        "$.days[0].sessions[0].title",
        "breaks are read as spaces",
    ),
}


@pytest.mark.parametrize("change, path, words", WARNED.values(), ids=WARNED.keys())
def test_warnings_load_and_are_listed_with_their_path(change, path, words):
    agenda, warnings = read_agenda(json.dumps(mutated(change)))
    found = {p.path: p.message for p in warnings}
    assert path in found, found
    assert words in found[path]
    assert len(agenda.sessions()) == len(parse_agenda(json.dumps(MINIMAL)).sessions())


def test_a_valid_agenda_has_no_warnings():
    assert read_agenda(json.dumps(MINIMAL))[1] == []


@pytest.mark.parametrize(
    ("field", "value", "flat"),
    [
        ("title", "Opening\r\n plenary", "Opening plenary"),
        ("title", "Bell\x07 and \x1b[31mred", "Bell and [31mred"),
        ("room", "Hall\tA\x00", "Hall A"),
        ("speakers", ["Ada\nLovelace", "\u0085Grace"], ("Ada Lovelace", "Grace")),
    ],
)
def test_one_line_fields_are_flattened(field, value, flat):
    agenda, warnings = read_agenda(json.dumps(mutated(lambda d: first_session(d).update({field: value}))))
    assert getattr(agenda.days[0].sessions[0], field) == flat
    assert warnings and all(w.path.startswith(f"$.days[0].sessions[0].{field}") for w in warnings)


def test_multi_line_fields_keep_their_lines():
    agenda, warnings = read_agenda(json.dumps(mutated(lambda d: first_session(d).update(description="One\n\nTwo"))))
    assert agenda.days[0].sessions[0].description == "One\n\nTwo" and warnings == []


def test_the_largest_revision_loads():
    assert parse_agenda(json.dumps(mutated(lambda d: d.update(revision=2**31 - 2)))).revision == 2**31 - 2


@pytest.mark.parametrize("change, path, words", BROKEN.values(), ids=BROKEN.keys())
def test_broken_agendas_are_rejected_with_their_path(change, path, words):
    with pytest.raises(AgendaInvalidError) as caught:
        parse_agenda(json.dumps(mutated(change)))
    problems = {str(p.path): p.message for p in caught.value.problems}
    assert path in problems, problems
    assert words in problems[path]


def test_every_problem_is_listed_not_just_the_first():
    def two_faults(d):
        d["days"][0]["sessions"][0]["end"] = "09:00"
        d["days"][1]["number"] = 1

    with pytest.raises(AgendaInvalidError) as caught:
        parse_agenda(json.dumps(mutated(two_faults)))
    assert len(caught.value.problems) == 2


def test_load_names_the_file_and_the_place(write_agenda):
    path = write_agenda(mutated(lambda d: first_session(d).update(end="09:00")))
    with pytest.raises(AgendaError) as caught:
        load_agenda(path, {})
    assert str(caught.value).startswith(f"{path}: $.days[0].sessions[0].end: the session ends")


def test_truncated_json_gives_its_line():
    with pytest.raises(AgendaError) as caught:
        load_agenda(FIXTURES / "truncated.json", {})
    assert "line 4" in str(caught.value)


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\xff\xfe{}", "not UTF-8"),
        (b"", "EOF"),
        (b"[]", "$: Input should be an object"),
    ],
)
def test_unreadable_content(write_agenda, content, words):
    with pytest.raises(AgendaError) as caught:
        load_agenda(write_agenda(content), {})
    assert words in str(caught.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(AgendaError, match="no such file"):
        load_agenda(tmp_path / "nope.json", {})
    with pytest.raises(AgendaError, match="directory"):
        load_agenda(tmp_path, {})


def test_env_var_chooses_the_agenda(write_agenda):
    path = write_agenda(MINIMAL)
    assert load_agenda(None, {"LOCI_AGENDA": str(path)}).id == "demo-2021"
