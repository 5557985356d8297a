"""The validate actions called directly: a file checked in full, and the schema; nothing printed."""

from __future__ import annotations

import io
import json

from loci_cli.actions import validate
from loci_cli.environment import Environment
from loci_cli.formats.detect import AgendaFormat


def quiet() -> Environment:
    return Environment(environ={}, stdout=io.StringIO(), stderr=io.StringIO())


def test_a_valid_agenda_has_no_problems(agenda_path):
    checked = validate.validate(quiet(), str(agenda_path), AgendaFormat.auto)
    assert checked.problems == 0
    assert checked.row["valid"] and checked.row["days"] == 4
    assert checked.source == str(agenda_path)


def test_every_problem_is_counted_and_listed(write_agenda, agenda_data):
    agenda_data["days"][1]["number"] = 0
    path = write_agenda(agenda_data)
    env = quiet()
    checked = validate.validate(env, str(path), AgendaFormat.auto)
    assert checked.problems == len(checked.row["problems"]) >= 1
    assert not checked.row["valid"]
    assert env.out.getvalue() == env.err.getvalue() == ""  # type: ignore[attr-defined]


def test_the_schema_is_json():
    schema = validate.schema()
    assert "properties" in schema and json.loads(json.dumps(schema)) == schema
