"""The export action called directly: a request and an Environment in, what was written out; no CliRunner."""

from __future__ import annotations

import io
import json

import pytest

from helpers import ALMATY, GOLDEN, LATER, zone
from loci_cli import __version__
from loci_cli.actions.export import ExportFormat, ExportRequest, build_ics, export
from loci_cli.actions.sending import Sending
from loci_cli.core.errors import UsageProblem
from loci_cli.core.zones import resolve_zone
from loci_cli.environment import Environment
from loci_cli.formats.detect import AgendaFormat
from loci_cli.formats.load import load_agenda
from loci_cli.io.files import pieces

ORGANIZER = "Katria Tomko <katria@example.org>"


def environment() -> tuple[Environment, io.StringIO]:
    err = io.StringIO()
    return Environment(environ={}, clock=lambda: LATER, stderr=err), err


def test_the_calendar_for_stdout_is_returned_not_written(tmp_path):
    env, err = environment()
    done = export(ExportRequest(), env, None, None, AgendaFormat.auto)
    assert done.where == "stdout" and done.files == []
    assert done.stdout is not None and b"".join(done.stdout).startswith(b"BEGIN:VCALENDAR")
    assert done.what == "14 events" and err.getvalue() == ""


def test_split_writes_one_file_an_event_and_says_where(tmp_path):
    env, _ = environment()
    request = ExportRequest(split=str(tmp_path / "cal"), json=True, what=Sending(day=1))
    done = export(request, env, None, None, AgendaFormat.auto)
    written = {str(path) for path in (tmp_path / "cal").iterdir()}
    assert done.stdout is None and done.where == f"{len(written)} files in {tmp_path / 'cal'}"
    assert done.row["events"] == len(written) and set(done.row["files"]) == written


def test_the_zone_given_is_the_one_used(agenda_path):
    """--tz is resolved once, by the caller; the builder takes the zone, not the name."""
    env, _ = environment()
    agenda = load_agenda(str(agenda_path), {})
    request = ExportRequest(tzid=True, tz=ALMATY, what=Sending(day=1))
    made = build_ics(agenda, request, env, zone(ALMATY), str(agenda_path))
    # The golden file spells loci's version as @VERSION@ (see test_golden.py).
    data = b"".join(pieces(made.files[0][1]))
    assert data.replace(__version__.encode(), b"@VERSION@") == (GOLDEN / "day1-tzid-almaty.ics").read_bytes()


def test_a_fixed_offset_is_noted_and_written_in_utc(agenda_path):
    env, err = environment()
    agenda = load_agenda(str(agenda_path), {})
    fixed = resolve_zone("UTC+6", env.local_zone)
    made = build_ics(agenda, ExportRequest(tzid=True, tz="UTC+6"), env, fixed, None)
    assert "is a fixed offset, not a place: times are written in UTC" in err.getvalue()
    assert b"TZID" not in b"".join(pieces(made.files[0][1]))


def test_frab_holds_every_session_breaks_too():
    env, _ = environment()
    done = export(ExportRequest(format=ExportFormat.frab), env, None, None, AgendaFormat.auto)
    assert done.stdout is not None and json.loads(b"".join(done.stdout))["schedule"]["conference"]["acronym"]
    assert done.what == "16 sessions"


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (ExportRequest(output=" "), "-o is empty"),
        (ExportRequest(split=""), "--split is empty"),
        (ExportRequest(json=True), "--json needs -o FILE or --split DIR"),
        (ExportRequest(invite=True, what=Sending(cancel=True)), "--invite and --cancel cannot be combined"),
        (ExportRequest(what=Sending(since="old.json")), "--since needs --invite"),
        (ExportRequest(what=Sending(attendee=("a@example.org",))), "--attendee and --attendees need --invite or --cancel"),
        (ExportRequest(tz=ALMATY), "--tz applies only with --tzid or --per-day"),
        (ExportRequest(what=Sending(session="d1-welcome", day=1)), "--session cannot be combined with --day or --per-day"),
        (ExportRequest(format=ExportFormat.frab, tzid=True, what=Sending(day=1)), "--day, --tzid do not apply to --format frab"),
    ],
)
def test_requests_that_make_no_sense_are_refused(request_, message):
    with pytest.raises(UsageProblem) as caught:
        request_.check()
    assert caught.value.message == message


def test_an_invitation_needs_attendees():
    env, _ = environment()
    request = ExportRequest(invite=True, what=Sending(organizer=ORGANIZER, session="d1-welcome"))
    with pytest.raises(UsageProblem, match="--invite needs at least one attendee"):
        export(request, env, None, None, AgendaFormat.auto)


def test_one_request_may_hold_only_one_event():
    env, _ = environment()
    request = ExportRequest(invite=True, what=Sending(organizer=ORGANIZER, attendee=("a@example.org",), day=1))
    with pytest.raises(UsageProblem, match="one REQUEST may hold only one event"):
        export(request, env, None, None, AgendaFormat.auto)
