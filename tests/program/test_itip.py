"""The iTIP checker itself: it passes a conformant object and names each rule a bad one breaks."""

from __future__ import annotations

from itip import problems

GOOD = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:a@x
DTSTAMP:20201101T080000Z
DTSTART:20201110T110000Z
DTEND:20201110T113000Z
SUMMARY:A
SEQUENCE:1
STATUS:CONFIRMED
ORGANIZER:mailto:o@example.org
ATTENDEE:mailto:a@example.org
END:VEVENT
END:VCALENDAR
"""


def variant(old: str, new: str, text: str = GOOD) -> str:
    assert old in text
    return text.replace(old, new)


def test_a_conformant_request_passes():
    assert problems(GOOD) == []


def test_two_uids_in_one_request_or_cancel_break_the_one_uid_rule():
    second = GOOD[GOOD.index("BEGIN:VEVENT") : GOOD.index("END:VCALENDAR")].replace("UID:a@x", "UID:b@x")
    two = GOOD.replace("END:VCALENDAR", second + "END:VCALENDAR")
    assert any("2 UIDs in one REQUEST" in p for p in problems(two))
    cancel = variant("STATUS:CONFIRMED", "STATUS:CANCELLED", variant("METHOD:REQUEST", "METHOD:CANCEL", two))
    assert any("2 UIDs in one CANCEL" in p for p in problems(cancel))
    publish = variant("METHOD:REQUEST", "METHOD:PUBLISH", two).replace("ATTENDEE:mailto:a@example.org\n", "")
    assert problems(publish) == []


def test_each_required_property_is_required():
    for line in (
        "ORGANIZER:mailto:o@example.org",
        "ATTENDEE:mailto:a@example.org",
        "DTSTAMP:20201101T080000Z",
        "DTSTART:20201110T110000Z",
        "SUMMARY:A",
    ):
        name = line.split(":")[0]
        assert any(f"{name} 0 times" in p for p in problems(variant(line + "\n", ""))), name


def test_publish_forbids_attendees_and_needs_an_organizer():
    publish = variant("METHOD:REQUEST", "METHOD:PUBLISH")
    assert any("ATTENDEE 1 times (RFC 5546 §3.2.1: ATTENDEE 0)" in p for p in problems(publish))
    bare = variant("ORGANIZER:mailto:o@example.org\n", "", variant("ATTENDEE:mailto:a@example.org\n", "", publish))
    assert any("ORGANIZER 0 times" in p for p in problems(bare))


def test_cancel_needs_a_sequence_above_zero_and_status_cancelled():
    cancel = variant("METHOD:REQUEST", "METHOD:CANCEL")
    assert any("STATUS:CONFIRMED" in p for p in problems(cancel))
    ok = variant("STATUS:CONFIRMED", "STATUS:CANCELLED", cancel)
    assert problems(ok) == []
    assert any("SEQUENCE:0 in a CANCEL" in p for p in problems(variant("SEQUENCE:1", "SEQUENCE:0", ok)))
    assert any("SEQUENCE 0 times" in p for p in problems(variant("SEQUENCE:1\n", "", ok)))
    assert any("no STATUS" in p for p in problems(variant("STATUS:CANCELLED\n", "", ok)))


def test_no_method_and_two_methods_are_not_itip():
    assert problems(variant("METHOD:REQUEST\n", ""))[0].startswith("0 METHOD")
    assert problems(variant("METHOD:REQUEST", "METHOD:REQUEST\nMETHOD:PUBLISH"))[0].startswith("2 METHOD")


def test_a_tzid_needs_its_vtimezone_and_addresses_are_uris():
    local = variant("DTSTART:20201110T110000Z", "DTSTART;TZID=Europe/Amsterdam:20201110T120000")
    assert any("without a VTIMEZONE" in p for p in problems(local))
    assert any("not a calendar address" in p for p in problems(variant("ATTENDEE:mailto:a@example.org", "ATTENDEE:a@example.org")))
