"""The fast reader (plain.py) and Pydantic (read.py) agree: what the fast one accepts, Pydantic accepts alike.

A first run reads loci's JSON without Pydantic when the file is plainly valid,
and asks Pydantic whenever it is not sure, so that every message and JSON path
stays Pydantic's. These tests hold the two readers to the same answers.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from factories import make_agenda
from helpers import FIXTURES
from loci_cli.core.errors import AgendaInvalidError
from loci_cli.formats.load import default_agenda_path
from loci_cli.formats.loci.plain import read_plain
from loci_cli.formats.loci.read import validate_agenda

MINIMAL = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))


def both(text: str):
    """(fast, pydantic): each an (agenda, warnings) pair, or the problems it raised; the fast one may be None."""

    def run(reader):
        try:
            return reader(text)
        except AgendaInvalidError as err:
            return err.problems

    return run(read_plain), run(validate_agenda)


VALID = {
    "the embedded agenda": default_agenda_path().read_text(encoding="utf-8"),
    "minimal": json.dumps(MINIMAL),
    "awkward": (FIXTURES / "awkward.json").read_text(encoding="utf-8"),
    "generated, 300 sessions": json.dumps(make_agenda(300)),
    "non-ASCII written as UTF-8": json.dumps(make_agenda(5) | {"title": "Кирилиця · ქართული"}, ensure_ascii=False),
}


@pytest.mark.parametrize("text", VALID.values(), ids=VALID.keys())
def test_valid_agendas_are_read_alike_and_fast(text):
    fast, slow = both(text)
    assert fast is not None, "a plainly valid agenda takes the fast path"
    assert fast == slow


def edit(change) -> str:
    data = copy.deepcopy(MINIMAL)
    change(data)
    return json.dumps(data)


def first(data):
    return data["days"][0]["sessions"][0]


# Each is either refused by both (the fast reader declining, so Pydantic words it), or read alike.
EDITS = {
    "unknown key": lambda d: d.update(colour="red"),
    "unknown session key": lambda d: first(d).update(speaker="x"),
    "alias by its Python name": lambda d: d.update(schema_="x"),
    "$schema": lambda d: d.update({"$schema": "https://example.org/s.json"}),
    "format given": lambda d: d.update(format="loci-agenda/1"),
    "wrong format": lambda d: d.update(format="ical"),
    "number as string": lambda d: d["days"][0].update(number="1"),
    "number as float": lambda d: d["days"][0].update(number=1.0),
    "number as bool": lambda d: d["days"][0].update(number=True),
    "number 0": lambda d: d["days"][0].update(number=0),
    "number 10000": lambda d: d["days"][0].update(number=10000),
    "revision bool": lambda d: d.update(revision=True),
    "revision at the bound": lambda d: d.update(revision=2**31 - 2),
    "revision past the bound": lambda d: d.update(revision=2**31 - 1),
    "about null": lambda d: d.update(about=None),
    "description null": lambda d: first(d).update(description=None),
    "room null": lambda d: first(d).update(room=None),
    "room number": lambda d: first(d).update(room=7),
    "empty title": lambda d: first(d).update(title=""),
    "empty speaker": lambda d: first(d).update(speakers=[""]),
    "speakers": lambda d: first(d).update(speakers=["Ada", "Grace"]),
    "links": lambda d: first(d).update(links=[{"url": "https://example.org", "title": "Slides"}, {"url": "mailto:a@b.c"}]),
    "link without url": lambda d: first(d).update(links=[{"title": "x"}]),
    "javascript link": lambda d: first(d).update(url="javascript:alert(1)"),
    "kind upper case": lambda d: first(d).update(kind="Talk"),
    "id with a newline": lambda d: first(d).update(id="opening\n"),
    "id of 201 characters": lambda d: first(d).update(id="a" * 201),
    "date with a time": lambda d: d["days"][0].update(date="2021-03-28T00:00"),
    "date 30 February": lambda d: d["days"][0].update(date="2021-02-30"),
    "year 1899": lambda d: d["days"][0].update(date="1899-12-31"),
    "clock as number": lambda d: first(d).update(start=36000),
    "clock with seconds": lambda d: first(d).update(start="10:00:30"),
    "clock with Z": lambda d: first(d).update(start="2021-03-28T08:00Z"),
    "clock hour 25": lambda d: first(d).update(start="25:00"),
    "zone lower case": lambda d: d.update(timezone="europe/berlin"),
    "participants": lambda d: d.update(participants=[{"country": "Kazakhstan", "zones": ["Asia/Almaty"], "weight": 3}]),
    "participants weight 0": lambda d: d.update(participants=[{"country": "K", "zones": ["Asia/Almaty"], "weight": 0}]),
    "participants no zones": lambda d: d.update(participants=[{"country": "K", "zones": []}]),
    "organisers and contacts": lambda d: d.update(
        organisers=[{"name": "Org", "url": "https://example.org", "tagline": "T"}], contacts=[{"name": "Ann", "email": "a@b.c"}]
    ),
    "no days": lambda d: d.update(days=[]),
    "no sessions": lambda d: d["days"][0].update(sessions=[]),
    "overlap": lambda d: d["days"][0]["sessions"][1].update(start="10:30"),
    "end before start": lambda d: first(d).update(end="09:00"),
    "session id twice": lambda d: d["days"][1]["sessions"][0].update(id="opening"),
    "DST gap": lambda d: first(d).update(start="02:30"),
    "line breaks in one-line fields": lambda d: first(d).update(title="A\r\nB", room="R\t1", speakers=["X\x1bY"], lead="L\u2028M"),
    "only line breaks": lambda d: first(d).update(title="\n"),
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_the_fast_reader_declines_or_agrees(change):
    fast, slow = both(edit(change))
    if fast is not None:
        assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        '{"id": "\\ud800"}',
        json.dumps(MINIMAL | {"title": "\ud83d\ude00 party"}),  # escaped as a surrogate pair by json.dumps
        json.dumps(MINIMAL) + " }",
        "NaN",
        json.dumps(MINIMAL).replace('"number": 1', '"number": NaN'),
    ],
    ids=["lone surrogate", "escaped pair", "trailing garbage", "NaN", "NaN number"],
)
def test_what_json_loads_takes_and_pydantic_does_not_is_declined(text):
    assert read_plain(text) is None


def test_no_pydantic_on_a_first_run_of_a_valid_agenda(tmp_path: Path):
    import subprocess
    import sys

    path = tmp_path / "agenda.json"
    path.write_text(json.dumps(make_agenda(50)), encoding="utf-8")
    code = (
        "import sys; from loci_cli.formats.load import check_agenda; "
        f"assert check_agenda({str(path)!r}, {{}}).agenda is not None; "
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_fast_reader_knows_every_key_of_the_format():
    """A field added to read.py's models must be added to plain.py too (else every file with it is read slowly)."""
    from loci_cli.formats.loci import plain, read

    def keys(model) -> set[str]:
        return {field.alias or name for name, field in model.model_fields.items()}

    assert keys(read.Agenda) == plain._AGENDA_KEYS
    assert keys(read.Day) == plain._DAY_KEYS
    assert keys(read.Session) == plain._SESSION_KEYS
    assert keys(read.Organisation) == plain._ORGANISATION_KEYS
    assert keys(read.Contact) == plain._CONTACT_KEYS
    assert keys(read.Link) == plain._LINK_KEYS
    assert keys(read.Participants) == plain._PARTICIPANTS_KEYS
    assert set(plain._SESSION_FIELDS) | {"id", "start", "end", "title"} == plain._SESSION_KEYS
