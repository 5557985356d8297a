"""`loci validate` lists every problem in either format; `loci schema` describes the format."""

from __future__ import annotations

import copy
import json

import pytest

from helpers import FIXTURES

NIGHTCON = FIXTURES / "frab-nightcon.json"
MINIMAL = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))


def test_valid_agendas_exit_0_in_both_formats(loci, agenda_path):
    result = loci("validate", str(agenda_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{agenda_path}: a valid loci agenda: LOCI Regional Meeting, 4 days, 16 sessions; event zone Europe/Amsterdam\n"
    )
    result = loci("validate", str(NIGHTCON))
    assert result.exit_code == 0, result.stderr
    assert "a valid frab schedule: NightCon, 2 days, 7 sessions in 3 rooms; event zone UTC+02:00" in result.stdout
    assert "note: time_zone_name 'Europe/Lisbon' disagrees" in result.stdout


def test_every_problem_is_listed_and_the_exit_is_1(loci, write_agenda):
    data = copy.deepcopy(MINIMAL)
    data["colour"] = "red"
    data["days"][0]["sessions"][0]["end"] = "09:00"
    data["days"][1]["number"] = 1
    path = write_agenda(data)
    result = loci("validate", str(path))
    assert result.exit_code == 1
    # Field errors stop the checks that span fields, as parsing does: fix those first.
    assert result.stdout.splitlines() == [f"{path}: $.colour: unknown key (check its spelling; unknown keys are rejected)"]
    del data["colour"]
    path = write_agenda(data)
    result = loci("validate", str(path), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["format"] == "loci"
    assert [p["path"] for p in report["problems"]] == ["$.days[0].sessions[0].end", "$.days[1].number"]
    assert result.stderr == f"loci: error: {path}: 2 problems found (hint: fix them and run 'loci validate' again)\n"


def test_frab_problems_carry_frab_paths(loci, write_agenda):
    data = json.loads(NIGHTCON.read_text(encoding="utf-8"))
    rooms = data["schedule"]["conference"]["days"][0]["rooms"]
    rooms["Hall A"][0]["date"] = "soon"
    rooms["Hall B"][1]["duration"] = "long"
    result = loci("validate", str(write_agenda(data)))
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        '$.schedule.conference.days[0].rooms["Hall A"][0].date',
        '$.schedule.conference.days[0].rooms["Hall B"][1].duration',
    ]


def test_validate_forced_format_and_unreadable_files(loci, tmp_path):
    assert loci("validate", str(NIGHTCON), "--format", "loci").exit_code == 1
    assert loci("validate", str(FIXTURES / "truncated.json")).exit_code == 1
    result = loci("validate", str(tmp_path / "none.json"))
    assert result.exit_code == 1 and "no such file" in result.stderr and result.stdout == ""


def test_other_commands_point_at_validate_when_there_is_more(loci, write_agenda):
    data = copy.deepcopy(MINIMAL)
    data["days"][0]["sessions"][0]["end"] = "09:00"
    data["days"][1]["number"] = 1
    path = write_agenda(data)
    result = loci("days", "--agenda", str(path))
    assert result.exit_code == 1
    assert f"(hint: and 1 more problem after it: list them all with 'loci validate {path}')" in result.stderr


# --- the schema ---------------------------------------------------------------------------


@pytest.fixture
def schema(loci) -> dict:
    result = loci("schema")
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_schema_accepts_the_real_agenda_and_the_fixtures(schema, agenda_data):
    from jsonschema import Draft202012Validator

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    validator.validate(agenda_data)
    validator.validate(MINIMAL)
    with_rooms = copy.deepcopy(MINIMAL)
    with_rooms["$schema"] = "./agenda.schema.json"
    with_rooms["days"][0]["sessions"][0].update(
        room="Hall A", track="Main", speakers=["Ana"], language="en", links=[{"url": "https://example.org", "title": "Slides"}]
    )
    validator.validate(with_rooms)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(colour="red"),
        lambda d: d["days"][0]["sessions"][0].update(start="noon"),
        lambda d: d["days"][0].pop("title"),
        lambda d: d["days"][0]["sessions"][0].update(kind="Big Talk"),
    ],
)
def test_schema_refuses_what_loci_refuses(schema, change):
    from jsonschema import Draft202012Validator

    data = copy.deepcopy(MINIMAL)
    change(data)
    assert not Draft202012Validator(schema).is_valid(data)
