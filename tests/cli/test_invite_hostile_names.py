"""Hostile names through `loci invite`: every header and calendar part holds each name on one line.

A name is flattened as it is read (formats/attendees.flat_name): line breaks
and tabs become a space, control and bidirectional characters go. In the
iCalendar CN= parameter a double quote becomes ' (RFC 5545 3.1 allows none,
and RFC 6868's ^' is shown as it is by vobject and ics.py). icalendar,
vobject and ics.py all read back the same name.
"""

from __future__ import annotations

import csv
import io
from email import message_from_bytes, policy
from typing import cast

import icalendar
import ics
import pytest
import vobject

from itip import problems

NAMES = {
    "cr@example.org": "Carriage\rReturn",
    "lf@example.org": 'Line\nFeed\r\nBcc: "evil@example.org"',
    "nul@example.org": "Nul\x00Byte",
    "esc@example.org": "Esc\x1b[31mRed\x1b[0m",
    "bidi@example.org": "Bidi \u202eesrever\u202c and \u2066isolate\u2069",
    "quotes@example.org": 'Jane "JJ" O\'Neil; Doe, Jr: x',
    "seps@example.org": "Line\u2028Separator\x85Next\tTab",
}
FLAT = {
    "cr@example.org": "Carriage Return",
    "lf@example.org": 'Line Feed Bcc: "evil@example.org"',
    "nul@example.org": "NulByte",
    "esc@example.org": "Esc[31mRed[0m",
    "bidi@example.org": "Bidi esrever and isolate",
    "quotes@example.org": 'Jane "JJ" O\'Neil; Doe, Jr: x',
    "seps@example.org": "Line Separator Next Tab",
}
ORGANIZER_NAME = "Katria\r\nTomko\x07"


@pytest.fixture
def people(tmp_path):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["name", "email"])
    for email, name in NAMES.items():
        writer.writerow([name, email])
    path = tmp_path / "people.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    return str(path)


def calendar_parts(mail) -> list[bytes]:
    parts = [p for p in mail.walk() if p.get_content_type() == "text/calendar" or p.get_filename() == "invite.ics"]
    assert len(parts) == 2
    return [p.get_payload(decode=True) for p in parts]


def test_hostile_names_are_one_line_in_headers_and_in_every_calendar_part(loci, tmp_path, people):
    box = tmp_path / "box"
    result = loci(
        "invite",
        "--organizer",
        f"{ORGANIZER_NAME} <katria@example.org>",
        "--attendees",
        people,
        "--attendee",
        'Tab\tand "quote" <tab@example.org>',
        "--session",
        "d1-welcome",
        "--outbox",
        str(box),
    )
    assert result.exit_code == 0, result.stderr
    expected = {**FLAT, "tab@example.org": 'Tab and "quote"'}
    (path,) = box.glob("*.eml")
    mail = message_from_bytes(path.read_bytes(), policy=policy.default)
    # No header came from a name: one To, no Bcc; every name as flattened.
    assert "Bcc" not in mail and len(mail.get_all("To")) == 1
    assert {a.addr_spec: a.display_name for a in mail["To"].addresses} == expected
    assert mail["From"].addresses[0].display_name == "Katria Tomko"
    in_calendar = {email: name.replace('"', "'") for email, name in expected.items()}
    for data in calendar_parts(mail):
        assert problems(data) == []
        # Only CRLF ends a line, and no control character is left in any line.
        text = data.decode("utf-8")
        assert all(not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in line) for line in text.split("\r\n"))
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        attendees = cast("list[icalendar.vCalAddress]", event["ATTENDEE"])
        assert {str(a).removeprefix("mailto:"): a.params["CN"] for a in attendees} == in_calendar
        assert cast("icalendar.vCalAddress", event["ORGANIZER"]).params["CN"] == "Katria Tomko"
        parsed = vobject.readOne(text)
        assert {a.value.removeprefix("mailto:"): a.params["CN"][0] for a in parsed.vevent.attendee_list} == in_calendar
        assert parsed.vevent.organizer.params["CN"] == ["Katria Tomko"]
        (ics_event,) = ics.Calendar(text).events
        assert {a.email: a.common_name for a in ics_event.attendees} == in_calendar
