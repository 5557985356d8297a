"""A personal schedule on the command line: star, unstar, starred, --starred, and the stars file.

The real agenda (data/agenda.json), and a copy of it with a session removed, as an update would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import ROOT

AGENDA = ROOT / "data" / "agenda.json"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.fixture
def run(loci, config: Path):
    """loci with $XDG_CONFIG_HOME in a fresh folder."""

    def go(*args: str, env: dict | None = None):
        return loci(*args, env={"XDG_CONFIG_HOME": str(config), **(env or {})})

    return go


def stars_file(config: Path) -> dict:
    return json.loads((config / "loci" / "stars.json").read_text(encoding="utf-8"))


def updated_agenda(tmp_path: Path, drop: str, revision: int = 2) -> Path:
    """The real agenda after an update: a newer revision without session ``drop``."""
    data = json.loads(AGENDA.read_text(encoding="utf-8"))
    for day in data["days"]:
        day["sessions"] = [s for s in day["sessions"] if s["id"] != drop]
    data["revision"] = revision
    path = tmp_path / "updated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_star_keeps_a_list_under_the_agenda_id_in_the_config_folder(run, config: Path):
    result = run("star", "d1-welcome", "D2-PLENARY")
    assert result.exit_code == 0, result.stderr
    # Any letter case is taken; the list keeps the agenda's spelling.
    assert result.stdout.splitlines()[0] == "Starred d1-welcome, d2-plenary."
    assert stars_file(config) == {
        "format": "loci-stars",
        "version": 1,
        "agendas": {"loci-eeca-2020": {"title": "LOCI Regional Meeting", "starred": ["d1-welcome", "d2-plenary"]}},
    }
    again = run("star", "d1-welcome", "d3-plenary")
    assert again.exit_code == 0
    assert "d1-welcome was already starred" in again.stderr
    assert stars_file(config)["agendas"]["loci-eeca-2020"]["starred"] == ["d1-welcome", "d2-plenary", "d3-plenary"]


def test_the_config_folder_defaults_to_home_dot_config(loci, tmp_path: Path):
    result = loci("star", "d1-welcome", env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": None})
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / ".config" / "loci" / "stars.json").is_file()
    # A relative $XDG_CONFIG_HOME is ignored, as the XDG spec says.
    result = loci("star", "d2-plenary", env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": "relative/dir"})
    assert result.exit_code == 0, result.stderr
    assert stars_file(tmp_path / ".config")["agendas"]["loci-eeca-2020"]["starred"] == ["d1-welcome", "d2-plenary"]


def test_with_no_home_at_all_star_says_where_to_point_it(loci):
    result = loci("star", "d1-welcome", env={"HOME": None, "XDG_CONFIG_HOME": None})
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "no folder for the stars file" in result.stderr and "XDG_CONFIG_HOME" in result.stderr


def test_an_unknown_id_is_refused_in_one_line_and_nothing_is_written(run, config: Path):
    result = run("star", "d1-welcome", "d1-welcom")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "there is no session 'd1-welcom'" in result.stderr
    assert "did you mean d1-welcome" in result.stderr
    assert not (config / "loci" / "stars.json").exists()


def test_the_file_is_replaced_atomically_and_other_agendas_and_keys_are_kept(run, config: Path):
    folder = config / "loci"
    folder.mkdir(parents=True)
    other = {"title": "Another", "starred": ["x"], "note": "a key a newer loci wrote"}
    (folder / "stars.json").write_text(json.dumps({"format": "loci-stars", "version": 1, "agendas": {"other": other}}), encoding="utf-8")
    before = (folder / "stars.json").stat().st_ino
    assert run("star", "d1-welcome").exit_code == 0
    after = stars_file(config)
    assert after["agendas"]["other"] == other
    assert after["agendas"]["loci-eeca-2020"]["starred"] == ["d1-welcome"]
    # A new file took the old one's place (rename), rather than the old one being rewritten in place.
    assert (folder / "stars.json").stat().st_ino != before
    assert [p.name for p in folder.iterdir()] == ["stars.json"]  # and no temporary file, no lock file


@pytest.mark.parametrize(
    ("content", "words", "where"),
    [
        ("{not json", "not valid JSON (line 1, column 2)", "stars.json"),
        ('{"format": "loci-stars", "version": 1, "agendas": {"a": {"starred": [1]}}}', "as strings", '$.agendas["a"].starred'),
        ('{"format": "other", "version": 1, "agendas": {}}', '"format": "loci-stars"', "$.format"),
        ('{"format": "loci-stars", "version": 9, "agendas": {}}', "version 9, newer than this loci reads", "stars.json"),
    ],
)
def test_a_broken_stars_file_is_one_line_naming_the_file(run, config: Path, content: str, words: str, where: str):
    (config / "loci").mkdir(parents=True)
    (config / "loci" / "stars.json").write_text(content, encoding="utf-8")
    for args in (("starred",), ("sessions", "--starred"), ("star", "d1-welcome")):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr.count("\n") == 1
        assert words in result.stderr and where in result.stderr
    # The broken file was left for the user to fix, not replaced.
    assert (config / "loci" / "stars.json").read_text(encoding="utf-8") == content


def test_unstar_takes_ids_off_and_refuses_ids_it_does_not_know(run, config: Path):
    run("star", "d1-welcome", "d2-plenary")
    result = run("unstar", "d1-welcome", "d3-plenary")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Unstarred d1-welcome."
    assert "d3-plenary was not starred" in result.stderr
    assert stars_file(config)["agendas"]["loci-eeca-2020"]["starred"] == ["d2-plenary"]
    refused = run("unstar", "nope")
    assert refused.exit_code == 2 and "there is no session 'nope'" in refused.stderr
    # The last one off removes the agenda's entry.
    run("unstar", "d2-plenary")
    assert stars_file(config)["agendas"] == {}


def test_starred_lists_the_sessions_in_programme_order(run):
    run("star", "d3-plenary", "d1-welcome")
    result = run("starred", "--tz", "Asia/Almaty")
    assert result.exit_code == 0, result.stderr
    assert "Welcome, setting the tone" in result.stdout and "d3-plenary" in result.stdout
    assert result.stdout.index("d1-welcome") < result.stdout.index("d3-plenary")
    # 11:00 UTC on 10 Nov 2020 is 17:00 in Almaty (UTC+6 then).
    assert "17:00–17:30" in result.stdout
    assert "d2-plenary" not in result.stdout


def test_starred_json_has_the_documented_shape(run, loci):
    run("star", "d3-plenary", "d1-welcome")
    result = run("starred", "--json", "--tz", "Asia/Almaty")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["agenda", "title", "file", "sessions", "missing"]
    assert data["agenda"] == "loci-eeca-2020" and data["missing"] == []
    assert [s["id"] for s in data["sessions"]] == ["d1-welcome", "d3-plenary"]
    # Each session as 'loci sessions --json' gives it.
    listed = json.loads(loci("sessions", "--json", "--tz", "Asia/Almaty").stdout)
    by_id = {s["id"]: s for day in listed for s in day["sessions"]}
    assert data["sessions"][0] == by_id["d1-welcome"]
    assert data["sessions"][0]["start"] == "2020-11-10T17:00:00+06:00"


def test_nothing_starred_is_said_on_stderr_and_json_stays_json(run):
    result = run("starred")
    assert result.exit_code == 0 and result.stdout == ""
    assert "No session of 'LOCI Regional Meeting' is starred" in result.stderr
    data = json.loads(run("starred", "--json").stdout)
    assert data["sessions"] == [] and data["missing"] == []


def test_a_starred_id_the_updated_agenda_dropped_is_reported_not_dropped(run, config: Path, tmp_path: Path):
    run("star", "d1-welcome", "d2-plenary")
    updated = str(updated_agenda(tmp_path, drop="d2-plenary"))
    listed = run("starred", "--agenda", updated)
    assert listed.exit_code == 0
    assert "d1-welcome" in listed.stdout and "d2-plenary" not in listed.stdout
    assert "1 starred session is no longer in the agenda: d2-plenary" in listed.stderr
    assert "loci unstar d2-plenary" in listed.stderr
    data = json.loads(run("starred", "--agenda", updated, "--json").stdout)
    assert [s["id"] for s in data["sessions"]] == ["d1-welcome"] and data["missing"] == ["d2-plenary"]
    # The same id list serves the updated agenda: it shares the old one's id.
    for command in (("sessions",), ("today", "--date", "2020-11-10"), ("now", "--at", "2020-11-10 10:00")):
        result = run(*command, "--starred", "--agenda", updated)
        assert result.exit_code == 0, command
        assert "no longer in the agenda: d2-plenary" in result.stderr, command
    # Still in the file, until unstarred: an id the agenda no longer has can be taken off.
    assert stars_file(config)["agendas"]["loci-eeca-2020"]["starred"] == ["d1-welcome", "d2-plenary"]
    cleared = run("unstar", "d2-plenary", "--agenda", updated)
    assert cleared.exit_code == 0, cleared.stderr
    assert stars_file(config)["agendas"]["loci-eeca-2020"]["starred"] == ["d1-welcome"]


def test_sessions_starred_shows_only_the_starred(run):
    run("star", "d1-welcome", "d3-plenary")
    data = json.loads(run("sessions", "--starred", "--json").stdout)
    assert [(d["day"], [s["id"] for s in d["sessions"]]) for d in data] == [(1, ["d1-welcome"]), (3, ["d3-plenary"])]
    # With the other filters: both must hold.
    data = json.loads(run("sessions", "--starred", "--day", "3", "--json").stdout)
    assert [s["id"] for d in data for s in d["sessions"]] == ["d3-plenary"]


def test_today_starred_shows_only_the_starred_of_that_day(run):
    run("star", "d1-wrap-up", "d3-plenary")
    data = json.loads(run("today", "--starred", "--date", "2020-11-10", "--json").stdout)
    assert [s["id"] for d in data for s in d["sessions"]] == ["d1-wrap-up"]
    none = run("today", "--starred", "--date", "2020-11-12")
    assert none.exit_code == 0 and none.stdout == ""
    assert "Nothing matches starred on Thu 12 Nov 2020" in none.stderr


def test_now_starred_skips_to_the_next_starred_session(run):
    run("star", "d1-wrap-up")
    # At 11:10 UTC the welcome runs; the next starred session is the wrap-up at 13:30 UTC.
    everything = json.loads(run("now", "--at", "2020-11-10 11:10", "--json").stdout)
    assert everything["current"]["id"] == "d1-welcome"
    mine = json.loads(run("now", "--starred", "--at", "2020-11-10 11:10", "--json").stdout)
    assert mine["current"] is None
    assert mine["next"]["id"] == "d1-wrap-up"


def test_starred_with_nothing_starred_says_so(run):
    result = run("sessions", "--starred")
    assert result.exit_code == 0 and result.stdout == ""
    assert "no session of 'LOCI Regional Meeting' is starred" in result.stderr
    assert "No session matches starred." in result.stderr


def test_stars_are_kept_apart_per_agenda(run, config: Path):
    nightcon = str(ROOT / "tests" / "fixtures" / "frab-nightcon.json")
    run("star", "d1-welcome")
    ids = [s["id"] for d in json.loads(run("sessions", "--agenda", nightcon, "--json").stdout) for s in d["sessions"]]
    assert run("star", ids[0], "--agenda", nightcon).exit_code == 0
    agendas = stars_file(config)["agendas"]
    assert agendas["loci-eeca-2020"]["starred"] == ["d1-welcome"]
    (other,) = [key for key in agendas if key != "loci-eeca-2020"]
    assert agendas[other]["starred"] == [ids[0]]
    assert [s["id"] for s in json.loads(run("starred", "--agenda", nightcon, "--json").stdout)["sessions"]] == [ids[0]]


# --- the language a session is held in -------------------------------------------------------

NIGHTCON = str(ROOT / "tests" / "fixtures" / "frab-nightcon.json")


def test_held_in_filters_by_the_sessions_language(loci):
    everything = json.loads(loci("sessions", "--agenda", NIGHTCON, "--json").stdout)
    german = [s["id"] for d in everything for s in d["sessions"] if s["language"] == "de"]
    assert len(german) == 1
    data = json.loads(loci("sessions", "--agenda", NIGHTCON, "--held-in", "DE", "--json").stdout)
    assert [s["id"] for d in data for s in d["sessions"]] == german
    assert all(
        s["language"] == "en"
        for d in json.loads(loci("sessions", "--agenda", NIGHTCON, "--held-in", "en", "--json").stdout)
        for s in d["sessions"]
    )


def test_held_in_an_unknown_language_names_the_known_ones(loci):
    result = loci("sessions", "--agenda", NIGHTCON, "--held-in", "ru")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "there is no session language 'ru'" in result.stderr and "'de', 'en'" in result.stderr
    # The real agenda names no language at all.
    result = loci("today", "--held-in", "en")
    assert result.exit_code == 2 and "names no session languages" in result.stderr


def test_held_in_is_not_lang(loci):
    helped = loci("sessions", "--help", env={"COLUMNS": "200"})
    assert "--held-in LANGUAGE" in helped.stdout
    assert "held in this language" in helped.stdout


def test_show_names_the_sessions_language_and_now_filters_by_it(loci):
    everything = json.loads(loci("sessions", "--agenda", NIGHTCON, "--json").stdout)
    (german,) = [s for d in everything for s in d["sessions"] if s["language"] == "de"]
    shown = loci("show", german["id"], "--agenda", NIGHTCON)
    assert re.search(r"^Language: +de$", shown.stdout, re.MULTILINE)
    at = german["start_utc"].replace("Z", "+00:00")
    now = json.loads(loci("now", "--agenda", NIGHTCON, "--at", at, "--held-in", "de", "--json").stdout)
    assert [s["id"] for s in now["current_all"]] == [german["id"]]
    assert now["current"]["language"] == "de"


# --- export --------------------------------------------------------------------------------------


def test_export_starred_writes_exactly_the_starred_events_with_their_usual_uids(run, tmp_path: Path):
    import icalendar

    run("star", "d1-welcome", "d3-plenary")
    result = run("export", "--starred", "-o", str(tmp_path / "mine.ics"))
    assert result.exit_code == 0, result.stderr
    mine = icalendar.Calendar.from_ical((tmp_path / "mine.ics").read_bytes())
    everything = icalendar.Calendar.from_ical(run("export").stdout_bytes)
    whole = {str(e["UID"]): e for e in everything.walk("VEVENT")}
    events = {str(e["UID"]): e for e in mine.walk("VEVENT")}
    assert set(events) == {"d1-welcome@loci-eeca-2020", "d3-plenary@loci-eeca-2020"}
    for uid, event in events.items():
        assert event.to_ical() == whole[uid].to_ical()


def test_export_starred_reports_a_dropped_id_and_refuses_an_empty_list(run, tmp_path: Path):
    run("star", "d1-welcome", "d2-plenary")
    updated = str(updated_agenda(tmp_path, drop="d2-plenary"))
    result = run("export", "--starred", "--agenda", updated)
    assert result.exit_code == 0
    assert "no longer in the agenda: d2-plenary" in result.stderr
    assert result.stdout.count("BEGIN:VEVENT") == 1 and "UID:d1-welcome@loci-eeca-2020" in result.stdout
    run("unstar", "d1-welcome", "d2-plenary")
    empty = run("export", "--starred")
    assert empty.exit_code == 2
    assert "no session matches starred" in empty.stderr and "BEGIN:VCALENDAR" not in empty.stdout


def test_export_held_in_writes_the_sessions_held_in_that_language(loci):
    result = loci("export", "--agenda", NIGHTCON, "--held-in", "de")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("BEGIN:VEVENT") == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--format", "frab"), "--starred does not apply to --format frab"),
        (
            ("--invite", "--since", str(AGENDA), "--attendee", "a@example.org", "--organizer", "o@example.org"),
            "cannot be combined with --since",
        ),
    ],
)
def test_export_refuses_starred_where_the_whole_programme_is_meant(run, args, words):
    run("star", "d1-welcome")
    result = run("export", "--starred", *args)
    assert result.exit_code == 2
    assert words in result.stderr and result.stderr.count("\n") == 1


def test_a_fifo_in_place_of_the_stars_file_is_one_line_not_a_hang(run, config: Path):
    import os

    (config / "loci").mkdir(parents=True, exist_ok=True)
    os.mkfifo(config / "loci" / "stars.json")
    result = run("starred")
    assert result.exit_code == 1 and "not a regular file" in result.stderr and result.stderr.count("\n") == 1
