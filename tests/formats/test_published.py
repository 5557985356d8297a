"""What loci publishes and must never change by accident: frab guids, and the mode of exported files."""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import pytest

from helpers import make_day, make_model, make_session, utc
from loci_cli.formats.frab import shared
from loci_cli.formats.frab import write_json as frab
from loci_cli.io.files import Target, write_files

# The recipe the README promises: uuid5 of "<agenda id>/<session id>" under loci's own
# namespace, itself uuid5 of a URL in the URL namespace. Spelled out here, not imported.
LOCI_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://loci.invalid/frab/guid")


def test_frab_guids_follow_the_published_recipe():
    """Issue 9: changing the frab guid namespace (so every published guid) went unnoticed."""
    session = make_session("d1-welcome", utc(2020, 11, 10, 11), utc(2020, 11, 10, 11, 30))
    agenda = make_model([make_day(1, utc(2020, 11, 10).date(), [session])], id="loci-eeca-2020")
    expected = str(uuid.uuid5(LOCI_NAMESPACE, "loci-eeca-2020/d1-welcome"))
    assert frab.session_guid(agenda, session) == expected
    assert shared.NAMESPACE == LOCI_NAMESPACE
    rooms = frab.agenda_to_frab(agenda)["schedule"]["conference"]["days"][0]["rooms"]
    (only,) = [e for events in rooms.values() for e in events]
    assert only["guid"] == expected
    # frab's integer id comes from the guid too: its first seven hex digits, plus one.
    assert only["id"] == int(expected[:7], 16) + 1


def test_the_real_agendas_first_guid_is_the_one_published():
    from loci_cli.formats.load import load_agenda

    agenda = load_agenda(None, {})
    first = agenda.days[0].sessions[0]
    assert frab.session_guid(agenda, first) == str(uuid.uuid5(LOCI_NAMESPACE, f"{agenda.id}/{first.id}"))


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_get_the_mode_a_plain_open_would_give(tmp_path: Path, umask, mask, mode):
    """Issue 9: exported files created 0600 (mkstemp's mode) went unnoticed."""
    umask(mask)
    path = tmp_path / "agenda.ics"
    write_files([Target(path, b"BEGIN:VCALENDAR\r\n")])
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.ics"]  # no temporary file left behind


def test_an_exported_file_is_readable_by_others_under_the_usual_umask(loci, tmp_path: Path, umask):
    umask(0o022)
    out = tmp_path / "meeting.ics"
    result = loci("export", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
