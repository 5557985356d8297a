"""`loci export`: every file is read back by icalendar and by vobject and ics.py."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from typing import cast
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest
import vobject

from helpers import ALMATY, FIXTURES, LATER, parse_utc
from loci_cli.formats.load import load_agenda

AWKWARD = FIXTURES / "awkward.json"
UTC = timezone.utc


# The LOCI meeting's sessions, breaks left out, as the published programme has them (CET = UTC+1).
LOCI_SESSIONS = [
    ("d1-welcome", "Welcome, setting the tone, and OC basics", "2020-11-10T11:00Z", "2020-11-10T11:30Z"),
    ("d1-celebrating-gains", "Celebrating the gains", "2020-11-10T11:30Z", "2020-11-10T12:30Z"),
    ("d1-ogp-open-contracting", "Using OGP to advance open contracting", "2020-11-10T12:45Z", "2020-11-10T13:30Z"),
    ("d1-wrap-up", "Wrap up", "2020-11-10T13:30Z", "2020-11-10T14:00Z"),
    ("d2-plenary", None, "2020-11-12T11:00Z", "2020-11-12T11:30Z"),
    ("d2-country-breakouts", None, "2020-11-12T11:30Z", "2020-11-12T13:00Z"),
    ("d2-challenge-sharing", "Challenge-sharing and wrap up", "2020-11-12T13:15Z", "2020-11-12T14:00Z"),
    ("d3-plenary", None, "2020-11-17T11:00Z", "2020-11-17T11:30Z"),
    ("d3-solution-breakouts", None, "2020-11-17T11:30Z", "2020-11-17T13:00Z"),
    ("d3-solution-sharing", None, "2020-11-17T13:00Z", "2020-11-17T14:00Z"),
    ("d4-ocp-support", "Support from OCP", "2020-11-19T11:00Z", "2020-11-19T11:30Z"),
    ("d4-monitoring-incentive", "Monitoring as incentive", "2020-11-19T11:30Z", "2020-11-19T12:30Z"),
    ("d4-ogp-support", None, "2020-11-19T12:30Z", "2020-11-19T13:00Z"),
    ("d4-final-thoughts", None, "2020-11-19T13:00Z", "2020-11-19T14:00Z"),
]


# --- reading a file back, three ways -------------------------------------------------


def read_icalendar(data: bytes) -> dict[str, dict]:
    calendar = icalendar.Calendar.from_ical(data)
    return {
        str(e["UID"]): {
            "summary": str(e["SUMMARY"]),
            "start": e.decoded("DTSTART").astimezone(UTC),
            "end": e.decoded("DTEND").astimezone(UTC),
            "description": str(e.get("DESCRIPTION", "")),
            "location": str(e.get("LOCATION", "")) or None,
            "event": e,
        }
        for e in calendar.walk("VEVENT")
    }


def read_vobject(data: bytes) -> dict[str, dict]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {
        e.uid.value: {
            "summary": e.summary.value,
            "start": e.dtstart.value.astimezone(UTC),
            "end": e.dtend.value.astimezone(UTC),
            "description": e.description.value if hasattr(e, "description") else "",
            "location": e.location.value if hasattr(e, "location") else None,
        }
        for e in calendar.vevent_list
    }


def read_ics(data: bytes) -> dict[str, dict]:
    calendar = ics.Calendar(data.decode("utf-8"))
    return {
        e.uid: {
            "summary": e.name,
            "start": e.begin.datetime.astimezone(UTC),
            "end": e.end.datetime.astimezone(UTC),
            "description": e.description or "",
            "location": e.location,
        }
        for e in calendar.events
    }


def read_all(data: bytes) -> dict[str, dict]:
    """Parse with all three; assert they agree on UID, summary and UTC times; return icalendar's view."""
    parsed = read_icalendar(data)
    for other in (read_vobject(data), read_ics(data)):
        assert set(other) == set(parsed)
        for uid, event in other.items():
            assert (event["summary"], event["start"], event["end"]) == (
                parsed[uid]["summary"],
                parsed[uid]["start"],
                parsed[uid]["end"],
            ), uid
    return parsed


@pytest.fixture
def export(loci, tmp_path):
    """Run `loci export ARGS -o FILE` and return the file's bytes (asserting success)."""
    counter = iter(range(1000))

    def run(*args: str, now: datetime = LATER) -> bytes:
        target = tmp_path / f"out-{next(counter)}.ics"
        result = loci("export", *args, "-o", str(target), now=now)
        assert result.exit_code == 0, result.stderr
        return target.read_bytes()

    return run


# --- the whole meeting --------------------------------------------------------------


@pytest.mark.parametrize("form", [[], ["--tzid"]], ids=["utc", "tzid"])
def test_whole_meeting_every_session_at_its_utc_time(export, form):
    events = read_all(export(*form))
    assert list(events) == [f"{sid}@loci-eeca-2020" for sid, *_ in LOCI_SESSIONS]
    for sid, title, start, end in LOCI_SESSIONS:
        event = events[f"{sid}@loci-eeca-2020"]
        assert (event["start"], event["end"]) == (parse_utc(start), parse_utc(end)), sid
        if title:
            assert event["summary"] == title


def test_utc_form_has_z_times_and_no_vtimezone(export):
    text = export().decode()
    assert "DTSTART:20201110T110000Z\r\n" in text
    assert "TZID" not in text and "VTIMEZONE" not in text


def test_tzid_form_has_local_times_and_a_vtimezone_without_rdate_lists(export):
    data = export("--tzid")
    text = data.decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20201110T120000\r\n" in text
    calendar = icalendar.Calendar.from_ical(data)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Europe/Amsterdam"
    assert "RDATE" not in text


def test_calendar_properties(export):
    calendar = icalendar.Calendar.from_ical(export())
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["PRODID"]).startswith("-//loci//")
    assert calendar["CALSCALE"] == "GREGORIAN"
    # No organiser known, so not an iTIP message: RFC 5546 §3.2.1 wants an ORGANIZER in a PUBLISH.
    assert "METHOD" not in calendar
    assert calendar["X-WR-CALNAME"] == "LOCI Regional Meeting"


def test_a_known_organiser_makes_a_conformant_publish(export):
    from itip import problems

    data = export("--organizer", "Hivos <events@example.org>")
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert all(e["ORGANIZER"] == "mailto:events@example.org" and "ATTENDEE" not in e for e in calendar.walk("VEVENT"))
    assert problems(data) == []


def test_each_event_carries_the_required_fields(export):
    stamp = datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC)
    events = read_icalendar(export("--session", "d4-monitoring-incentive", now=stamp))
    event = events["d4-monitoring-incentive@loci-eeca-2020"]["event"]
    assert event.decoded("DTSTAMP") == stamp.replace(microsecond=0)
    assert event["SEQUENCE"] == 1  # the agenda's revision
    assert event["STATUS"] == "CONFIRMED"
    assert event.categories == ["panel"]
    assert event["LOCATION"] == "Online × The Hague"
    description = str(event["DESCRIPTION"])
    assert "Transparent Public Procurement Rating" in description
    assert "Day 4 · Thu 19 Nov 2020 · Spaces for ongoing collaboration" in description
    assert "Led by: IDFI" in description
    assert "URL" not in event  # the LOCI agenda has no links


def test_uids_are_the_same_across_exports_and_the_bytes_with_the_same_clock(export):
    first = export()
    later = export(now=LATER + timedelta(days=400))
    assert list(read_icalendar(first)) == list(read_icalendar(later))
    assert first != later  # only DTSTAMP differs…
    assert first == export()  # …so the same clock gives the same file


def test_stdout_is_the_default_and_the_summary_goes_to_stderr(loci):
    result = loci("export", "--day", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")  # the bytes, CRLFs and all
    assert result.stderr == "Wrote 4 events to stdout\n"
    assert len(read_all(result.stdout_bytes)) == 4
    assert loci("export", "--day", "1", "-o", "-").stdout_bytes == result.stdout_bytes


def test_summary_line_names_the_file(loci, tmp_path):
    result = loci("export", "-o", str(tmp_path / "loci.ics"))
    assert result.stderr == f"Wrote 14 events to {tmp_path / 'loci.ics'}\n"
    assert result.stdout == ""


def test_json_reports_what_was_written(loci, tmp_path):
    import json

    result = loci("export", "--day", "3", "-o", str(tmp_path / "d3.ics"), "--json")
    assert json.loads(result.stdout) == {"events": 3, "files": [str(tmp_path / "d3.ics")]}
    assert loci("export", "--json").exit_code == 2  # stdout would hold the calendar


# --- scope --------------------------------------------------------------------------


def test_breaks_are_left_out_unless_asked_for(export):
    assert not [e for e in read_icalendar(export()).values() if e["event"].categories == ["break"]]
    with_breaks = read_all(export("--include-breaks"))
    assert len(with_breaks) == 16
    assert with_breaks["d1-break@loci-eeca-2020"]["event"].categories == ["break"]


def test_one_day_and_one_session(export):
    assert list(read_all(export("--day", "2"))) == [
        "d2-plenary@loci-eeca-2020",
        "d2-country-breakouts@loci-eeca-2020",
        "d2-challenge-sharing@loci-eeca-2020",
    ]
    # A session asked for by id is exported even when it is a break.
    assert list(read_all(export("--session", "d2-break"))) == ["d2-break@loci-eeca-2020"]


def test_per_day_is_one_event_per_day_with_the_programme(export):
    events = read_all(export("--per-day", "--tzid"))
    assert list(events) == [f"day-{n}.day@loci-eeca-2020" for n in (1, 2, 3, 4)]
    day1 = events["day-1.day@loci-eeca-2020"]
    assert (day1["start"], day1["end"]) == (parse_utc("2020-11-10T11:00Z"), parse_utc("2020-11-10T14:00Z"))
    assert day1["summary"] == "LOCI Regional Meeting · Day 1: Showcasing, community building, and networking"
    assert "12:00–12:30 Welcome, setting the tone, and OC basics\n12:30–13:30 Celebrating" in day1["description"]
    assert "Times in Europe/Amsterdam (CET)." in day1["description"]


def test_per_day_programme_in_another_zone(export):
    events = read_icalendar(export("--per-day", "--day", "1", "--tz", ALMATY, "--tzid"))
    event = events["day-1.day@loci-eeca-2020"]
    assert "17:00–17:30 Welcome" in event["description"]
    assert event["event"]["DTSTART"].params["TZID"] == ALMATY
    assert event["start"] == parse_utc("2020-11-10T11:00Z")


def test_per_day_heading_words_a_day_past_midnight_as_the_views_do(export):
    # Sydney sees day 1 from Tuesday evening into Wednesday: one wording for it, here and in 'loci day'.
    event = read_icalendar(export("--per-day", "--day", "1", "--tz", "Australia/Sydney"))["day-1.day@loci-eeca-2020"]
    assert event["description"].startswith("Day 1 · Tue 10–Wed 11 Nov 2020 · Showcasing")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--day", "9"], "there is no day 9"),
        (["--session", "d9-nothing"], "there is no session 'd9-nothing'"),
        (["--session", "d1-welcome", "--per-day"], "--session cannot be combined"),
        (["--invite", "--cancel"], "cannot be combined"),
        (["--attendee", "a@example.org"], "need --invite or --cancel"),
        (["--invite", "--attendee", "a@example.org"], "needs the organiser's address"),
        (["--alarm", "-5"], "invalid value"),
        (["--format", "pdf"], "invalid value"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(loci, tmp_path, args, message):
    target = tmp_path / "out.ics"
    result = loci("export", *args, "-o", str(target))
    assert result.exit_code == 2
    assert message in result.stderr
    assert not target.exists()


# --- awkward text and zone changes --------------------------------------------------


@pytest.mark.parametrize("form", [[], ["--tzid"]], ids=["utc", "tzid"])
def test_awkward_text_round_trips_in_every_parser(export, form):
    data = export("--agenda", str(AWKWARD), "--include-breaks", *form)
    agenda = load_agenda(AWKWARD, {})
    expected = {f"{s.id}@awkward-2021": (d, s) for d, s in agenda.sessions()}
    for reader in (read_icalendar, read_vobject, read_ics):
        events = reader(data)
        assert set(events) == set(expected), reader.__name__
        for uid, (day, session) in expected.items():
            event = events[uid]
            assert event["summary"] == session.title, reader.__name__
            assert (event["start"], event["end"]) == (session.start_at, session.end_at), (reader.__name__, uid)
            assert event["location"] == (session.location or agenda.venue), reader.__name__
            if session.description:
                description = event["description"]
                if reader is read_ics:
                    # ics.py 0.7.3 unescapes '\\n' (a backslash, then n) as a backslash and a
                    # newline; the file holds '\\\\n', as RFC 5545 says, and the others read it right.
                    description = description.replace("\\\n", "\\n")
                assert description.startswith(session.description), reader.__name__
            assert f"Day {day.number} · " in event["description"]
    comma = read_icalendar(data)["s-comma@awkward-2021"]
    assert "Led by: Dr. Ли, ქართველი" in comma["description"]
    assert comma["event"]["URL"] == "https://example.org/s?x=1,2;3"
    assert "Theme line 1\nTheme line 2" in comma["description"]
    # icalendar reads an X- property raw, so check the escaping itself there; vobject unescapes it.
    assert cast(bytes, icalendar.Calendar.from_ical(data)["X-WR-CALNAME"].to_ical()).decode() == "Awkward\\; Summit\\, \\\\ Кирилиця"
    assert vobject.readOne(data.decode()).x_wr_calname.value == "Awkward; Summit, \\ Кирилиця"


def test_lines_are_folded_crlf_and_at_most_75_octets(export):
    data = export("--agenda", str(AWKWARD))
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_vobject_reads_the_tzid_times_right_across_dst_changes(export):
    """vobject builds its zone from the VTIMEZONE alone; a misread would shift these by an hour."""
    data = export("--agenda", str(AWKWARD), "--tzid")
    calendar = vobject.readOne(data.decode())
    by_uid = {e.uid.value: e for e in calendar.vevent_list}
    # Starts in CET and ends in CEST, after the spring-forward change.
    across = by_uid["s-after-change@awkward-2021"]
    assert across.dtstart.value.utcoffset() == timedelta(hours=1)  # a local time, zone from the VTIMEZONE
    assert across.dtend.value.utcoffset() == timedelta(hours=2)
    assert across.dtstart.value.astimezone(UTC) == parse_utc("2021-03-28T00:45Z")
    assert across.dtend.value.astimezone(UTC) == parse_utc("2021-03-28T01:30Z")
    # 19 months later, past three more changes: an RDATE-list VTIMEZONE gets this wrong in vobject.
    georgian = by_uid["s-georgian@awkward-2021"]
    assert georgian.dtstart.value.astimezone(UTC) == parse_utc("2022-10-30T09:00Z")
    # The repeated hour cannot be named with TZID, so that one event is in UTC.
    fold = by_uid["s-fold@awkward-2021"]
    assert (fold.dtstart.value, fold.dtend.value) == (parse_utc("2022-10-30T00:30Z"), parse_utc("2022-10-30T01:15Z"))


def test_the_vtimezone_agrees_with_tzdata_a_second_either_side_of_each_change(export):
    data = export("--agenda", str(AWKWARD), "--tzid")
    (component,) = vobject.readOne(data.decode()).vtimezone_list
    from_vtimezone = component.gettzinfo()
    berlin = ZoneInfo("Europe/Berlin")
    changes = ["2021-03-28T01:00Z", "2021-10-31T01:00Z", "2022-03-27T01:00Z", "2022-10-30T01:00Z"]
    for change in changes:
        for moment in (parse_utc(change) - timedelta(seconds=1), parse_utc(change)):
            assert moment.astimezone(from_vtimezone).utcoffset() == moment.astimezone(berlin).utcoffset(), moment


# --- invites, cancellations, reminders ----------------------------------------------


def test_invite_has_method_organizer_and_attendees(export, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text('name,email\n"Doe, Jane",jane@example.org\n\n# a comment\nbob@example.org\n', encoding="utf-8")
    data = export(
        "--session",
        "d1-welcome",
        "--invite",
        "--organizer",
        "Hivos <events@example.org>",
        "--attendee",
        "Ли Ann <ann@example.org>",
        "--attendees",
        str(people),
        "--attendee",
        "JANE@example.org",
    )
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["METHOD"] == "REQUEST"
    for event in calendar.walk("VEVENT"):
        assert event["ORGANIZER"] == "mailto:events@example.org"
        assert event["ORGANIZER"].params["CN"] == "Hivos"
        attendees = cast("list[icalendar.vCalAddress]", event["ATTENDEE"])
        # The repeated --attendee comes before the file's rows; the address repeated with a
        # name keeps its first place and takes the name.
        assert [str(a) for a in attendees] == ["mailto:ann@example.org", "mailto:JANE@example.org", "mailto:bob@example.org"]
        assert [a.params.get("CN") for a in attendees] == ["Ли Ann", "Doe, Jane", None]
        assert all(a.params["RSVP"] == "TRUE" for a in attendees)
    vevent = vobject.readOne(data.decode()).vevent_list[0]
    assert [a.value for a in vevent.attendee_list][1] == "mailto:JANE@example.org"
    assert vevent.attendee_list[1].params["CN"] == ["Doe, Jane"]


def split_events(loci, directory, *args):
    """Run `loci export ARGS --split DIR`; every VEVENT of every file, by file name, each file one UID."""
    result = loci("export", *args, "--split", str(directory))
    assert result.exit_code == 0, result.stderr
    found = {}
    for path in sorted(directory.iterdir()):
        (event,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        found[path.name] = event
    return found


def test_invite_takes_the_organiser_from_the_agenda(loci, tmp_path):
    events = split_events(loci, tmp_path / "out", "--agenda", str(AWKWARD), "--invite", "--attendee", "a@example.org")
    assert events
    for event in events.values():
        assert event["ORGANIZER"] == "mailto:orga@example.org"
        assert event["SEQUENCE"] == 7


def test_cancel_has_method_status_and_a_higher_sequence(loci, tmp_path):
    people = ("--organizer", "o@example.org", "--attendee", "a@example.org")
    request = split_events(loci, tmp_path / "request", "--invite", *people)
    cancel = split_events(loci, tmp_path / "cancel", "--cancel", *people)
    assert icalendar.Calendar.from_ical((tmp_path / "cancel" / "d1-welcome.ics").read_bytes())["METHOD"] == "CANCEL"
    pairs = list(zip(request.values(), cancel.values(), strict=True))
    for sent, cancelled in pairs:
        assert cancelled["UID"] == sent["UID"]
        assert cancelled["STATUS"] == "CANCELLED"
        assert cancelled["SEQUENCE"] > sent["SEQUENCE"]
        assert cancelled["ORGANIZER"] == "mailto:o@example.org"
    assert len(pairs) == 14


@pytest.mark.parametrize("bad", ["bob@@example.org", "bob", "bob@example", "a b@example.org", "Bob <bob at example.org>"])
def test_a_malformed_attendee_is_named_and_nothing_is_written(loci, tmp_path, bad):
    target = tmp_path / "invite.ics"
    result = loci("export", "--invite", "--organizer", "o@example.org", "--attendee", bad, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"loci: error: --attendee: '{bad}' is not a valid e-mail address")
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_a_malformed_address_in_the_attendees_file_names_its_line(loci, tmp_path):
    people = tmp_path / "people.txt"
    people.write_text("ok@example.org\nbroken@\n", encoding="utf-8")
    target = tmp_path / "invite.ics"
    result = loci("export", "--invite", "--organizer", "o@example.org", "--attendees", str(people), "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"loci: error: {people}:2: 'broken@' is not a valid e-mail address")
    assert not target.exists()
    missing = loci("export", "--invite", "--organizer", "o@example.org", "--attendees", str(tmp_path / "none.csv"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_alarm_adds_a_display_reminder(export):
    for event in icalendar.Calendar.from_ical(export("--day", "4", "--alarm", "15")).walk("VEVENT"):
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)
        assert alarm["DESCRIPTION"] == event["SUMMARY"]


# --- output: refusing, forcing, atomic writes, one file per event -------------------


def test_an_existing_file_is_refused_without_force(loci, tmp_path):
    target = tmp_path / "loci.ics"
    target.write_bytes(b"keep me")
    result = loci("export", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"loci: error: {target}: already exists (hint: use --force to overwrite it)\n"
    assert target.read_bytes() == b"keep me"
    assert loci("export", "-o", str(target), "--force").exit_code == 0
    assert len(read_all(target.read_bytes())) == 14


def test_an_unwritable_place_is_an_error_and_leaves_nothing(loci, tmp_path):
    result = loci("export", "-o", str(tmp_path / "no" / "such" / "dir" / "x.ics"))
    assert result.exit_code == 1 and "no such directory" in result.stderr
    result = loci("export", "-o", str(tmp_path))
    assert result.exit_code == 1 and "is a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(loci, tmp_path, monkeypatch):
    """The write fails at the last step, the rename; the old calendar must survive whole."""
    target = tmp_path / "loci.ics"
    target.write_bytes(b"the old calendar")

    def failing_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = loci("export", "-o", str(target), "--force")
    assert result.exit_code == 1
    assert "cannot write: No space left on device" in result.stderr
    assert target.read_bytes() == b"the old calendar"
    assert [p.name for p in tmp_path.iterdir()] == ["loci.ics"]


def test_split_writes_one_calendar_per_event(loci, tmp_path):
    folder = tmp_path / "invites"
    result = loci("export", "--split", str(folder), "--day", "1", "--tzid")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote 4 events to 4 files in {folder}\n"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["d1-celebrating-gains.ics", "d1-ogp-open-contracting.ics", "d1-welcome.ics", "d1-wrap-up.ics"]
    welcome = read_all((folder / "d1-welcome.ics").read_bytes())
    assert list(welcome) == ["d1-welcome@loci-eeca-2020"]
    assert welcome["d1-welcome@loci-eeca-2020"]["start"] == parse_utc("2020-11-10T11:00Z")
    assert b"BEGIN:VTIMEZONE" in (folder / "d1-wrap-up.ics").read_bytes()


def test_split_writes_nothing_when_one_file_already_exists(loci, tmp_path):
    (tmp_path / "d1-wrap-up.ics").write_bytes(b"old")
    result = loci("export", "--split", str(tmp_path), "--day", "1")
    assert result.exit_code == 1
    assert f"{tmp_path / 'd1-wrap-up.ics'}: already exists" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d1-wrap-up.ics"]
    assert (tmp_path / "d1-wrap-up.ics").read_bytes() == b"old"


def test_split_and_output_cannot_be_combined(loci, tmp_path):
    result = loci("export", "--split", str(tmp_path), "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 2 and "cannot be combined" in result.stderr


@pytest.mark.slow
def test_other_commands_do_not_import_icalendar():
    code = (
        "import sys; from loci_cli.cli.app import app; from typer.testing import CliRunner;"
        "r = CliRunner().invoke(app, ['sessions', '--tz', 'UTC', '--json']); assert r.exit_code == 0;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('icalendar', 'email_validator')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_export_module_builds_without_the_cli():
    """calendar.py is pure: an agenda and options in, bytes out."""
    from loci_cli.formats import ical as calendar

    agenda = load_agenda(AWKWARD, {})
    chosen = calendar.entries(agenda, session="s-comma")
    data = calendar.to_ical(calendar.build_calendar(agenda, chosen, calendar.Options(stamp=LATER)))
    assert list(read_all(data)) == ["s-comma@awkward-2021"]
