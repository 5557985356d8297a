"""formats.mail: MIME invitations read back with the email package, icalendar and vobject."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email import message_from_bytes, message_from_string, policy
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from invites import ORGANIZER, invitations
from itip import problems
from loci_cli.formats.load import load_agenda
from loci_cli.formats.mail import Recipient, build, message

ALMATY = ZoneInfo("Asia/Almaty")  # UTC+6 in 2020
AUCKLAND = ZoneInfo("Pacific/Auckland")  # UTC+13 in November: the next date
DATE = datetime(2020, 11, 2, 9, 30, tzinfo=timezone.utc)

AIGERIM = Recipient("aigerim@example.kz", "Айгерим Сейткали", ALMATY)
TAMA = Recipient("tama@example.nz", "Tama", AUCKLAND)
JAN = Recipient("jan@example.nl", "Jan de Vries")
ANNA = Recipient("anna@example.ge", "Doe, Anna")


@pytest.fixture(scope="module")
def agenda():
    return load_agenda(None, {})


def parse(data: bytes):
    return message_from_bytes(data, policy=policy.default)


def calendar_parts(mail):
    inline = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    attached = [p for p in mail.walk() if p.get_filename() == "invite.ics"]
    return inline, attached


def text_of(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def test_the_message_holds_text_the_inline_calendar_and_the_same_attachment(agenda):
    (invitation,) = invitations(agenda, [AIGERIM], ids={"d1-welcome"})
    (mail,) = build([invitation], ORGANIZER, [AIGERIM], date=DATE)
    parsed = parse(mail.data)

    assert parsed.get_content_type() == "multipart/mixed"
    alternative = parsed.get_payload()[0]
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/calendar"]
    inline, attached = calendar_parts(parsed)
    assert len(inline) == len(attached) == 1
    assert inline[0].get_param("method") == "REQUEST"
    assert attached[0].get_content_disposition() == "attachment"
    # Byte for byte the object that was built, CRLFs included, in both places.
    assert inline[0].get_payload(decode=True) == attached[0].get_payload(decode=True) == invitation.ics
    assert b"\r\n" in invitation.ics
    assert problems(invitation.ics) == []


def test_headers_read_back(agenda):
    (invitation,) = invitations(agenda, [AIGERIM, ANNA], ids={"d1-welcome"})
    personal, shared = build([invitation], ORGANIZER, [AIGERIM, ANNA], date=DATE)
    first = parse(personal.data)
    assert first["From"].addresses[0].addr_spec == "katria@example.org"
    assert first["To"].addresses[0].display_name == "Айгерим Сейткали"
    assert first["Date"].datetime == DATE
    assert first["Message-ID"] == personal.message_id
    # A personal message's Subject gives the recipient's own time (issue 18); the shared one the event's.
    assert first["Subject"] == "Invitation: Welcome, setting the tone, and OC basics, Tue 10 Nov 2020 17:00 (Asia/Almaty)"
    assert parse(shared.data)["Subject"] == "Invitation: Welcome, setting the tone, and OC basics, Tue 10 Nov 2020 12:00 (Europe/Amsterdam)"
    # A comma in a display name does not split the address list.
    assert [a.addr_spec for a in parse(shared.data)["To"].addresses] == ["anna@example.ge"]
    assert shared.recipients == ("anna@example.ge",)
    # Folded and CRLF-ended as SMTP wants it.
    assert all(len(line) <= 998 for line in personal.data.split(b"\r\n"))
    assert b"\n" not in personal.data.replace(b"\r\n", b"")


def test_almaty_sees_17_00_and_the_event_zone_beside_it(agenda):
    # Day 1 opens at 12:00 in Amsterdam (UTC+1 in November), 11:00 UTC; Almaty was UTC+6: 17:00.
    (invitation,) = invitations(agenda, [AIGERIM], ids={"d1-welcome"})
    (mail,) = build([invitation], ORGANIZER, [AIGERIM], date=DATE)
    text = text_of(parse(mail.data))
    assert "Your time:  Tue 10 Nov 2020, 17:00–17:30 Asia/Almaty (UTC+06:00)" in text
    assert "Event time: Tue 10 Nov 2020, 12:00–12:30 Europe/Amsterdam (UTC+01:00)" in text


def test_auckland_is_on_the_next_date(agenda):
    # Day 1's wrap-up, 14:30–15:00 in Amsterdam, is 13:30–14:00 UTC: 02:30–03:00 on the 11th at UTC+13.
    (invitation,) = invitations(agenda, [TAMA], ids={"d1-wrap-up"})
    (mail,) = build([invitation], ORGANIZER, [TAMA], date=DATE)
    assert "Your time:  Wed 11 Nov 2020, 02:30–03:00 Pacific/Auckland (UTC+13:00)" in text_of(parse(mail.data))


def test_attendees_with_a_zone_get_their_own_message_the_rest_share_one(agenda):
    people = [AIGERIM, JAN, TAMA, ANNA]
    chosen = invitations(agenda, people, ids={"d1-welcome", "d2-plenary"})
    mails = build(chosen, ORGANIZER, people, date=DATE)
    assert [m.recipients for m in mails] == [
        ("aigerim@example.kz",),
        ("tama@example.nz",),
        ("jan@example.nl", "anna@example.ge"),
    ] * 2
    shared = text_of(parse(mails[2].data))
    assert "When: Tue 10 Nov 2020, 12:00–12:30 Europe/Amsterdam (UTC+01:00)" in shared
    assert "Your time" not in shared
    assert len({m.message_id for m in mails}) == len({m.name for m in mails}) == 6


def test_an_attendee_in_the_event_zone_gets_one_line_of_times(agenda):
    local = Recipient("eva@example.nl", None, ZoneInfo("Europe/Amsterdam"))
    (invitation,) = invitations(agenda, [local], ids={"d1-welcome"})
    (mail,) = build([invitation], ORGANIZER, [local], date=DATE)
    text = text_of(parse(mail.data))
    assert "When: Tue 10 Nov 2020, 12:00–12:30 Europe/Amsterdam (UTC+01:00)" in text and "Your time" not in text


def test_every_calendar_part_parses_in_icalendar_and_vobject_and_passes_itip(agenda):
    people = [AIGERIM, JAN]
    for method in ("REQUEST", "CANCEL"):
        for mail in build(invitations(agenda, people, method=method), ORGANIZER, people, date=DATE):
            inline, _ = calendar_parts(parse(mail.data))
            data = inline[0].get_payload(decode=True)
            assert inline[0].get_param("method") == method
            assert problems(data) == [], mail.name
            (event,) = Calendar.from_ical(data).walk("VEVENT")
            parsed = vobject.readOne(data.decode("utf-8"))
            assert parsed.method.value == method
            assert parsed.vevent.uid.value == str(event["UID"])
            assert parsed.vevent.dtstart.value == event.decoded("DTSTART")


def test_a_cancellation_says_so(agenda):
    (invitation,) = invitations(agenda, [JAN], method="CANCEL", ids={"d3-plenary"})
    (mail,) = build([invitation], ORGANIZER, [JAN], date=DATE)
    parsed = parse(mail.data)
    assert parsed["Subject"].startswith("Cancelled: ")
    assert "has been cancelled" in text_of(parsed)
    assert calendar_parts(parsed)[0][0].get_param("method") == "CANCEL"


def test_html_is_optional_and_escaped(agenda):
    (invitation,) = invitations(agenda, [ANNA], ids={"d1-welcome"})
    plain = parse(message(invitation, ORGANIZER, [ANNA], date=DATE).data)
    rich = parse(message(invitation, ORGANIZER, [ANNA], date=DATE, html=True).data)
    assert plain.get_body(preferencelist=("html",)) is None
    html = rich.get_body(preferencelist=("html",)).get_content()
    assert "&lt;katria@example.org&gt;" in html and "<katria@" not in html
    assert [p.get_content_type() for p in rich.get_payload()[0].iter_parts()] == ["text/plain", "text/html", "text/calendar"]


def test_the_same_invitation_built_again_is_the_same_message(agenda):
    # Another clock: a new DTSTAMP and Date, but the same content, so the same Message-ID.
    later = datetime(2020, 11, 3, tzinfo=timezone.utc)
    (first,) = build(invitations(agenda, [JAN], ids={"d1-welcome"}), ORGANIZER, [JAN], date=DATE)
    (again,) = build(invitations(agenda, [JAN], ids={"d1-welcome"}), ORGANIZER, [JAN], date=DATE)
    (rebuilt,) = build(invitations(agenda, [JAN], ids={"d1-welcome"}, stamp=later), ORGANIZER, [JAN], date=later)
    assert first.data == again.data
    assert rebuilt.message_id == first.message_id and rebuilt.name == first.name
    assert rebuilt.data != first.data
    # To someone else, or cancelled: another message.
    (other,) = build(invitations(agenda, [ANNA], ids={"d1-welcome"}), ORGANIZER, [ANNA], date=DATE)
    (cancel,) = build(invitations(agenda, [JAN], method="CANCEL", ids={"d1-welcome"}), ORGANIZER, [JAN], date=DATE)
    assert len({first.message_id, other.message_id, cancel.message_id}) == 3
    assert first.message_id.endswith("@example.org>")


def test_a_naive_date_is_refused(agenda):
    (invitation,) = invitations(agenda, [JAN], ids={"d1-welcome"})
    with pytest.raises(ValueError):
        message(invitation, ORGANIZER, [JAN], date=datetime(2020, 11, 2))


# --- addresses as the world writes them, names on one line ------------------------------------------


def test_a_recipient_given_as_an_offset_reads_it_once(agenda):
    from loci_cli.core.zones import fixed_zone

    # UTC+4: 11:00 UTC is 15:00; the zone is its own offset, so it is not named twice (issue 18).
    plus_four = Recipient("nino@example.ge", "Nino", fixed_zone(4 * 60))
    (invitation,) = invitations(agenda, [plus_four], ids={"d1-welcome"})
    (mail,) = build([invitation], ORGANIZER, [plus_four], date=DATE)
    parsed = parse(mail.data)
    text = text_of(parsed)
    assert "Your time:  Tue 10 Nov 2020, 15:00–15:30 UTC+04:00" in text.splitlines()
    assert "UTC+04:00 (UTC+04:00)" not in text
    assert parsed["Subject"].endswith("Tue 10 Nov 2020 15:00 (UTC+04:00)")


def test_utc_is_named_once_too(agenda):
    utc = Recipient("ops@example.org", None, ZoneInfo("UTC"))
    (invitation,) = invitations(agenda, [utc], ids={"d1-welcome"})
    (mail,) = build([invitation], ORGANIZER, [utc], date=DATE)
    assert "Your time:  Tue 10 Nov 2020, 11:00–11:30 UTC+00:00" in text_of(parse(mail.data)).splitlines()


IDN = Recipient("u@bücher.example", "Ünal")
CYRILLIC = Recipient("иван@пример.рф", "Иван")


def test_an_idn_domain_goes_in_punycode_and_the_headers_stay_ascii(agenda):
    organizer = Recipient("katria@bücher.example", "Katria")
    (invitation,) = invitations(agenda, [IDN, JAN], ids={"d1-welcome"})
    (mail,) = build([invitation], organizer, [IDN, JAN], date=DATE)
    assert mail.recipients == ("u@bücher.example", "jan@example.nl")
    head = mail.data.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    # An encoded-word may stand for a name, never inside an address (RFC 2047 §5).
    assert not re.search(rb"<[^>]*=\?", head)
    parsed = parse(mail.data)
    assert parsed["To"].defects == () and parsed["From"].defects == ()
    assert parsed["To"].addresses[0].display_name == "Ünal"
    assert [a.addr_spec for a in parsed["To"].addresses] == ["u@xn--bcher-kva.example", "jan@example.nl"]
    assert parsed["From"].addresses[0].addr_spec == "katria@xn--bcher-kva.example"
    assert parsed["Message-ID"] == mail.message_id and mail.message_id.endswith("@xn--bcher-kva.example>")
    assert mail.message_id.isascii()


def test_a_local_part_beyond_ascii_gets_its_own_message_with_utf8_headers(agenda):
    people = [CYRILLIC, JAN, IDN]
    (invitation,) = invitations(agenda, people, ids={"d1-welcome"})
    mails = build([invitation], ORGANIZER, people, date=DATE)
    # Only a server offering SMTPUTF8 takes Ivan's copy: it goes alone, so a refusal costs no one else theirs.
    assert [m.recipients for m in mails] == [("иван@пример.рф",), ("jan@example.nl", "u@bücher.example")]
    own, shared = mails
    assert shared.data.split(b"\r\n\r\n", 1)[0].isascii()
    head = own.data.split(b"\r\n\r\n", 1)[0].decode("utf-8")
    # RFC 6532: the address itself in UTF-8, never an encoded-word; the domain still in punycode.
    assert "иван@xn--e1afmkfd.xn--p1ai" in head and "=?utf-8?" not in head.split("\r\nTo:")[1].split("\r\n")[0]
    # Read as a UTF-8 message is read (RFC 6532): the header as text.
    to = message_from_string(own.data.decode("utf-8"), policy=policy.default)["To"]
    # Python's parser notes the local part beyond ASCII (RFC 5322 has none); the only note it makes.
    assert [type(d).__name__ for d in to.defects] == ["NonASCIILocalPartDefect"]
    assert [(a.display_name, a.addr_spec) for a in to.addresses] == [("Иван", "иван@xn--e1afmkfd.xn--p1ai")]


HOSTILE_NAME = 'Ada\r\n"Bcc: x@evil.example"\x00\x1b[31m \u202eLovelace\t\u2028Jr'


def test_a_hostile_name_is_one_line_in_every_header_and_the_calendar(agenda):
    person = Recipient("ada@example.org", HOSTILE_NAME)
    organizer = Recipient("katria@example.org", "Katria\nTomko")
    (invitation,) = invitations(agenda, [person], ids={"d1-welcome"})
    (mail,) = build([invitation], organizer, [person], date=DATE)
    parsed = parse(mail.data)
    # No header was added, and each name is one line without control or bidi characters.
    assert "Bcc" not in parsed and len(parsed.get_all("To")) == 1
    assert parsed["To"].addresses[0].display_name == 'Ada "Bcc: x@evil.example"[31m Lovelace Jr'
    assert parsed["To"].addresses[0].addr_spec == "ada@example.org"
    assert parsed["From"].addresses[0].display_name == "Katria Tomko"
    assert "Organiser: Katria Tomko <katria@example.org>" in text_of(parsed)


def test_a_title_with_line_breaks_and_controls_is_one_line_in_the_subject_and_the_text(agenda):
    from dataclasses import replace

    (invitation,) = invitations(agenda, [JAN], ids={"d1-welcome"})
    hostile = replace(invitation, summary="Opening\r\nBcc: x@evil.example\x1b[2J", location="Room\n\u202e1", description="One\r\nTwo\x07")
    (mail,) = build([hostile], ORGANIZER, [JAN], date=DATE)
    parsed = parse(mail.data)
    assert "Bcc" not in parsed
    assert parsed["Subject"] == "Invitation: Opening Bcc: x@evil.example[2J, Tue 10 Nov 2020 12:00 (Europe/Amsterdam)"
    lines = text_of(parsed).splitlines()
    assert "Opening Bcc: x@evil.example[2J" in lines and "Where: Room 1" in lines
    assert lines[lines.index("One") + 1] == "Two"
