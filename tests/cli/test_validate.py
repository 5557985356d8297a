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


# --- warnings, --strict, the venue's zone and files that are not agendas -------------------

OVERLAP = copy.deepcopy(MINIMAL)
OVERLAP["days"][0]["sessions"][1]["start"] = "10:30"  # inside the opening, in the same (unnamed) room
UNZONED = (
    b"<schedule><conference><title>Old Con</title></conference><day date='2024-05-02' index='1'>"
    b"<event id='1'><start>10:00</start><duration>01:00</duration><room>Hall</room><title>Keynote</title></event>"
    b"<event id='2'><start>00:30</start><duration>00:30</duration><room>Hall</room><title>Late</title></event>"
    b"</day></schedule>"
)


def test_warnings_are_listed_and_the_agenda_is_valid(loci, write_agenda):
    path = write_agenda(OVERLAP)
    result = loci("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{path}: $.days[0].sessions[1].start: warning: starts at 10:30, before the previous session 'opening' ends at "
        "11:00; the two overlap in the same room"
    )
    assert "a valid loci agenda with the warnings above:" in result.stdout


def test_warnings_are_a_list_in_json_beside_the_problems(loci, write_agenda):
    result = loci("validate", str(write_agenda(OVERLAP)), "--json")
    row = json.loads(result.stdout)
    assert row["valid"] is True and row["problems"] == []
    assert row["warnings"] == [
        {
            "path": "$.days[0].sessions[1].start",
            "message": "starts at 10:30, before the previous session 'opening' ends at 11:00; the two overlap in the same room",
        }
    ]
    assert json.loads(loci("validate", str(write_agenda(MINIMAL, "clean.json")), "--json").stdout)["warnings"] == []


def test_strict_makes_warnings_errors(loci, write_agenda):
    path = write_agenda(OVERLAP)
    result = loci("validate", "--strict", str(path), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["warnings"]  # stdout still holds the whole answer
    assert result.stderr == (
        f"loci: error: {path}: warnings found, and --strict makes them errors "
        "(hint: fix them, or leave out --strict: the agenda loads with them)\n"
    )
    assert loci("validate", "--strict", str(write_agenda(MINIMAL, "clean.json"))).exit_code == 0


def test_the_views_show_both_overlapping_sessions(loci, write_agenda):
    path = write_agenda(OVERLAP)
    result = loci("sessions", "--json", "--agenda", str(path), "--tz", "Europe/Berlin")
    assert result.exit_code == 0, result.stderr
    ids = [s["id"] for day in json.loads(result.stdout) for s in day["sessions"]]
    assert ids[:2] == [s["id"] for s in MINIMAL["days"][0]["sessions"][:2]]


def test_a_schedule_without_a_zone_is_refused_naming_agenda_tz(loci, write_agenda):
    path = write_agenda(UNZONED, "old.xml")
    result = loci("validate", str(path))
    assert result.exit_code == 1
    assert "no UTC offset and it names no time zone" in result.stdout
    assert "--agenda-tz ZONE" in result.stderr
    result = loci("days", "--agenda", str(path))
    assert result.exit_code == 1 and "--agenda-tz ZONE" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{path}"],
        ["sessions", "--json", "--agenda", "{path}"],
        ["export", "--agenda", "{path}", "-o", "-"],
        ["zones", "--json", "--agenda", "{path}"],
        ["plan", "--json", "--agenda", "{path}", "--tz", "Europe/Berlin"],
        ["diff", "{path}", "{path}", "--json"],
        ["publish", "{site}", "--agenda", "{path}"],
    ],
    ids=lambda c: c[0],
)
def test_agenda_tz_is_honoured_by_every_command_that_reads_an_agenda(loci, write_agenda, tmp_path, command):
    path = write_agenda(UNZONED, "old.xml")
    args = [a.format(path=path, site=tmp_path / "site") for a in command]
    assert loci(*args).exit_code == 1
    result = loci(*args, "--agenda-tz", "Europe/Berlin")
    assert result.exit_code == 0, result.stderr
    result = loci(*args, env={"LOCI_AGENDA_TZ": "Europe/Berlin"}) if command[0] != "publish" else result
    assert result.exit_code == 0, result.stderr


def test_agenda_tz_reads_the_local_times_and_the_small_hours(loci, write_agenda):
    path = write_agenda(UNZONED, "old.xml")
    result = loci("sessions", "--json", "--agenda", str(path), "--agenda-tz", "Europe/Berlin", "--tz", "UTC")
    sessions = [s for day in json.loads(result.stdout) for s in day["sessions"]]
    # 10:00 CEST is 08:00 UTC; a 00:30 listed after it in the room is the next night's.
    assert [(s["title"], s["start_utc"]) for s in sessions] == [
        ("Keynote", "2024-05-02T08:00:00Z"),
        ("Late", "2024-05-02T22:30:00Z"),
    ]


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"<!DOCTYPE html>\n<html lang='en'><body>agenda</body></html>", "an HTML page, not an agenda"),
        (b"\xef\xbb\xbf  <html><body></body></html>", "an HTML page, not an agenda"),
        (b"BEGIN:VCALENDAR\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n", "an iCalendar file, not an agenda"),
    ],
)
def test_wrong_files_are_named_for_what_they_are(loci, write_agenda, content, what):
    path = write_agenda(content, "index.html")
    for args in (["validate", str(path)], ["days", "--agenda", str(path)]):
        result = loci(*args)
        assert result.exit_code == 1
        assert result.stderr == (f"loci: error: {path}: {what} (hint: an agenda is loci's JSON or a frab/pretalx schedule (JSON or XML))\n")
