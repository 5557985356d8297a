"""actions.diff called directly: two files and a zone in, a Compared (its row, whether they are the same) out; no CliRunner."""

from __future__ import annotations

import copy
import io

import pytest

from helpers import AUCKLAND, FIXTURES, LATER, zone
from loci_cli.actions.diff import compare_files
from loci_cli.core.errors import AgendaMissing
from loci_cli.environment import Environment
from loci_cli.formats.detect import AgendaFormat
from loci_cli.formats.load import load_agenda

ENV = Environment(environ={}, clock=lambda: LATER)


def sessions(data: dict) -> list[dict]:
    return [s for day in data["days"] for s in day["sessions"]]


def test_an_agenda_compared_with_itself_is_the_same(agenda_path):
    compared = compare_files(ENV, str(agenda_path), str(agenda_path), zone(AUCKLAND))
    assert compared.same
    row = compared.row
    assert (row["old"], row["new"], row["timezone"]) == (str(agenda_path), str(agenda_path), AUCKLAND)
    assert not (row["added"] or row["removed"] or row["moved"] or row["changed"])


def test_a_changed_title_and_a_removed_session_are_found(agenda_data, write_agenda, agenda_path):
    data = copy.deepcopy(agenda_data)
    first, second = sessions(data)[:2]
    first["title"] = "Renamed"
    for day in data["days"]:
        day["sessions"] = [s for s in day["sessions"] if s["id"] != second["id"]]
    new = write_agenda(data, name="new.json")
    compared = compare_files(ENV, str(agenda_path), str(new), zone(AUCKLAND))
    assert not compared.same
    assert [c["id"] for c in compared.row["changed"]] == [first["id"]]
    assert [r["id"] for r in compared.row["removed"]] == [second["id"]]
    removed = compared.row["removed"][0]
    assert removed["start"] == removed["start_utc"] and removed["start"].tzinfo == zone(AUCKLAND)


def test_the_agenda_format_is_applied_to_both_files():
    nightcon = str(FIXTURES / "frab-nightcon.json")
    assert compare_files(ENV, nightcon, nightcon, zone(AUCKLAND), AgendaFormat.frab).same


def test_the_old_file_is_read_first(tmp_path, agenda_path):
    with pytest.raises(AgendaMissing) as caught:
        compare_files(ENV, str(tmp_path / "old.json"), str(tmp_path / "new.json"), zone(AUCKLAND))
    assert caught.value.where == str(tmp_path / "old.json")


def test_a_dash_reads_the_environments_standard_input(agenda_path):
    piped = Environment(environ={}, clock=lambda: LATER, stdin=io.BytesIO(agenda_path.read_bytes()))
    compared = compare_files(piped, "-", str(agenda_path), zone(AUCKLAND))
    assert compared.same and compared.row["old"] == "-"


def test_reading_a_dash_without_a_stream_is_the_callers_mistake(agenda_path):
    with pytest.raises(ValueError, match="pass the stream as stdin"):
        load_agenda("-", {})
