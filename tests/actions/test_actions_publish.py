"""actions.publish called directly: an Environment in, a Published (folder, files, summary, row) out; no CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, LATER
from loci_cli.actions.publish import Published, publish_site
from loci_cli.core.errors import AgendaMissing, NotADirectory, OutputExists
from loci_cli.environment import Environment

NIGHTCON = FIXTURES / "frab-nightcon.json"


def env(**environ: str) -> Environment:
    return Environment(environ=environ, clock=lambda: LATER)


def test_the_site_is_written_and_described(tmp_path):
    site = tmp_path / "site"
    published = publish_site(env(), site)
    assert published.directory == site
    assert published.written[0] == site / "index.html"
    assert {p.relative_to(site).as_posix() for p in published.written} >= {
        "index.html",
        "agenda.ics",
        "schedule.json",
        "schedule.xml",
        "agenda.json",
    }
    assert all(path.is_file() for path in published.written)
    assert published.summary == f"Wrote {len(published.written)} files to {site}; open {site / 'index.html'}"
    assert published.row == {"directory": str(site), "files": [str(p) for p in published.written]}


def test_the_calendars_are_stamped_with_the_environments_clock(tmp_path):
    published = publish_site(env(), tmp_path)
    assert "DTSTAMP:20260301T090000Z" in (tmp_path / "agenda.ics").read_text(encoding="utf-8")
    assert published.written


def test_the_agenda_comes_from_the_environment_when_no_path_is_given(tmp_path):
    publish_site(env(LOCI_AGENDA=str(NIGHTCON)), tmp_path)
    assert "NightCon" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_path_given_wins_over_the_environment(tmp_path):
    publish_site(env(LOCI_AGENDA=str(tmp_path / "missing.json")), tmp_path / "site", agenda=str(NIGHTCON))
    assert "NightCon" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_file_in_the_folders_place_is_refused_before_the_agenda_is_read(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    with pytest.raises(NotADirectory) as caught:
        publish_site(env(), taken, agenda=str(tmp_path / "missing.json"))
    assert caught.value.where == str(taken)
    assert taken.read_text(encoding="utf-8") == "mine"


def test_a_missing_agenda_writes_nothing(tmp_path):
    with pytest.raises(AgendaMissing):
        publish_site(env(), tmp_path / "site", agenda=str(tmp_path / "missing.json"))
    assert not (tmp_path / "site").exists()


def test_a_second_publish_needs_force(tmp_path):
    first = publish_site(env(), tmp_path)
    (tmp_path / "index.html").write_text("stale", encoding="utf-8")
    with pytest.raises(OutputExists):
        publish_site(env(), tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "stale"
    again = publish_site(env(), tmp_path, force=True)
    assert again.written == first.written
    assert (tmp_path / "index.html").read_text(encoding="utf-8") != "stale"


def test_one_file_is_said_in_the_singular():
    assert Published(Path("out"), [Path("out/index.html")]).summary == f"Wrote 1 file to out; open {Path('out/index.html')}"
