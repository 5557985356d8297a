"""formats.mail's details that mutation testing found unchecked: updates, file names, HTML, text hygiene.

Invitations come from the real agenda, built as `loci invite` builds them
(tests/invites.py); the messages are read back with the email package.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timezone
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import pytest

from invites import ORGANIZER, invitations
from loci_cli.formats.attendees import needs_smtputf8, smtp_address
from loci_cli.formats.load import load_agenda
from loci_cli.formats.mail import Recipient, body_html, build, make_message_id, message

DATE = datetime(2020, 11, 2, 9, 30, tzinfo=timezone.utc)
JAN = Recipient("jan@example.nl", "Jan de Vries")
ANNA = Recipient("anna@example.ge", "Anna")


@pytest.fixture(scope="module")
def agenda():
    return load_agenda(None, {})


@pytest.fixture
def welcome(agenda):
    (invitation,) = invitations(agenda, [JAN, ANNA], ids={"d1-welcome"})
    return invitation


def parse(data: bytes):
    return message_from_bytes(data, policy=policy.default)


def text_of(data: bytes) -> str:
    return parse(data).get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def test_an_update_says_so_in_the_subject_and_the_first_line(welcome):
    mail = message(dataclasses.replace(welcome, update=True), ORGANIZER, [JAN], date=DATE)
    assert mail.subject == f"Updated invitation: {welcome.summary}, Tue 10 Nov 2020 12:00 (Europe/Amsterdam)"
    text = text_of(mail.data)
    assert text.splitlines()[0] == "This event has changed. Accepting it updates the copy in your calendar."
    # A request, updated or not, still says what the attachment is for.
    assert text.splitlines()[-1] == "The attached invite.ics adds the event to any calendar program."


def test_a_first_invitation_and_a_cancellation_open_and_close_as_they_should(welcome):
    first = text_of(message(welcome, ORGANIZER, [JAN], date=DATE).data).splitlines()
    assert first[0] == "You are invited to this event."
    assert first[1:4] == ["", welcome.summary, ""]
    assert first[-2:] == ["Organiser: Katria Tomko <katria@example.org>", "The attached invite.ics adds the event to any calendar program."]
    cancelled = message(dataclasses.replace(welcome, method="CANCEL"), ORGANIZER, [JAN], date=DATE)
    lines = text_of(cancelled.data).splitlines()
    assert lines[0] == "This event has been cancelled and removed from the programme."
    assert lines[-1] == "Organiser: Katria Tomko <katria@example.org>"
    # Cancelled wins over updated.
    both = message(dataclasses.replace(welcome, method="CANCEL", update=True), ORGANIZER, [JAN], date=DATE)
    assert both.subject.startswith("Cancelled: ")


def test_an_organiser_without_a_name_is_their_address(welcome):
    bare = Recipient("katria@example.org")
    assert text_of(message(welcome, bare, [JAN], date=DATE).data).splitlines()[-2] == "Organiser: katria@example.org"


def test_where_and_link_lines_and_a_description_without_controls(welcome):
    described = dataclasses.replace(
        welcome,
        location="Room\n2",
        url="https://example.org/s/1",
        description="First line\r\nsecond\rthird\x07 \u202eevil\u202c\x85end\t.",
    )
    text = text_of(message(described, ORGANIZER, [JAN], date=DATE).data)
    lines = text.splitlines()
    assert "Where: Room 2" in lines
    assert "Link: https://example.org/s/1" in lines
    # Line ends made plain; the bell, the bidi override and pop, and C1's NEL dropped; the tab kept.
    assert "First line\nsecond\nthird evilend\t." in text
    empty = dataclasses.replace(welcome, location=None, url=None, description="  \x07 ")
    plain = text_of(message(empty, ORGANIZER, [JAN], date=DATE).data).splitlines()
    assert not any(line.startswith(("Where:", "Link:")) for line in plain)
    # An empty description adds no paragraph: the When line is followed by the organiser's.
    when = next(n for n, line in enumerate(plain) if line.startswith("When: "))
    assert plain[when + 1 : when + 3] == ["", "Organiser: Katria Tomko <katria@example.org>"]


def test_file_names_name_the_session_method_sequence_and_recipient(welcome):
    one = message(welcome, ORGANIZER, [JAN], date=DATE)
    digest = one.message_id[1:9]
    assert one.name == f"{welcome.name}-request-{welcome.sequence}-jan-{digest}"
    shared = message(welcome, ORGANIZER, [JAN, ANNA], date=DATE)
    assert shared.name == f"{welcome.name}-request-{welcome.sequence}-2-attendees-{shared.message_id[1:9]}"
    odd = message(dataclasses.replace(welcome, name="day 1/welcome:*" + "x" * 100), ORGANIZER, [JAN], date=DATE)
    stem, _, tail = odd.name.rpartition("-")
    assert tail == odd.message_id[1:9]
    assert stem == ("day_1_welcome_" + "x" * 100)[:80]
    assert re.fullmatch(r"[A-Za-z0-9._-]+", odd.name)


def test_message_ids_take_the_senders_ascii_domain_or_a_reserved_one(welcome):
    text = "same text"
    ordinary = make_message_id(welcome, ["jan@example.nl"], text, "katria@example.org")
    assert re.fullmatch(r"<[0-9a-f]{32}\.loci@example\.org>", ordinary)
    # An IDN domain in punycode, as the envelope has it.
    idn = make_message_id(welcome, ["jan@example.nl"], text, "katria@bücher.example")
    assert idn.endswith(f"@{smtp_address('katria@bücher.example').rpartition('@')[2]}>") and idn.isascii()
    assert "xn--" in idn
    # An empty domain: a reserved one, never an empty right-hand side.
    assert make_message_id(welcome, ["jan@example.nl"], text, "katria@").endswith(".loci@loci.invalid>")
    # A domain beyond ASCII that has no punycode spelling (it is not a valid domain): the reserved one too.
    assert smtp_address("katria@bü..example") == "katria@bü..example"
    assert make_message_id(welcome, ["jan@example.nl"], text, "katria@bü..example").endswith(".loci@loci.invalid>")
    # The digest covers each part: another text, recipient, sequence or method is another id.
    others = {
        make_message_id(welcome, ["jan@example.nl"], "other text", "katria@example.org"),
        make_message_id(welcome, ["anna@example.ge"], text, "katria@example.org"),
        make_message_id(dataclasses.replace(welcome, sequence=welcome.sequence + 1), ["jan@example.nl"], text, "katria@example.org"),
        make_message_id(dataclasses.replace(welcome, method="CANCEL"), ["jan@example.nl"], text, "katria@example.org"),
        make_message_id(dataclasses.replace(welcome, uid="another"), ["jan@example.nl"], text, "katria@example.org"),
    }
    assert ordinary not in others and len(others) == 5
    # The recipients are joined, not concatenated: 'a','bc' is not 'ab','c'.
    assert make_message_id(welcome, ["a", "bc"], text, "k@example.org") != make_message_id(welcome, ["ab", "c"], text, "k@example.org")


def test_the_boundaries_come_from_the_message_id(welcome):
    mail = message(welcome, ORGANIZER, [JAN], date=DATE, html=True)
    boundaries = [p.get_boundary() for p in parse(mail.data).walk() if p.is_multipart()]
    assert boundaries == [f"==loci-{mail.message_id[1:17]}-{n}==" for n in range(len(boundaries))]
    assert len(boundaries) == 2  # mixed, holding the alternative


def test_body_html_marks_only_another_language():
    assert body_html("One\n\nTwo\nthree").startswith('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n')
    html = body_html("One & <b>\n\nTwo\nthree\n", "ru")
    assert html == (
        '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"></head><body>\n'
        "<p>One &amp; &lt;b&gt;</p>\n<p>Two<br>three</p>\n</body></html>\n"
    )


def test_english_is_not_a_reason_for_a_message_of_ones_own(welcome):
    english = Recipient("eve@example.org", "Eve", lang="en")
    mails = build([welcome], ORGANIZER, [english, JAN], date=DATE)
    assert [m.recipients for m in mails] == [("eve@example.org", "jan@example.nl")]
    russian = Recipient("ivan@example.org", "Ivan", lang="ru")
    mails = build([welcome], ORGANIZER, [russian, JAN], date=DATE)
    assert [m.recipients for m in mails] == [("ivan@example.org",), ("jan@example.nl",)]
    assert 'lang="ru"' not in parse(mails[0].data).as_string()  # no HTML asked for
    html = parse(build([welcome], ORGANIZER, [russian], date=DATE, html=True)[0].data).get_body(preferencelist=("html",))
    assert '<html lang="ru">' in html.get_content()


def test_a_personal_message_in_the_event_zone_has_one_when_line_and_its_subject(welcome):
    eva = Recipient("eva@example.nl", None, ZoneInfo("Europe/Amsterdam"))
    (mail,) = build([welcome], ORGANIZER, [eva], date=DATE)
    assert mail.subject.endswith("Tue 10 Nov 2020 12:00 (Europe/Amsterdam)")


def test_utf8_headers_only_when_an_address_needs_them(welcome):
    plain = message(welcome, ORGANIZER, [JAN], date=DATE)
    assert plain.data.isascii()
    assert not needs_smtputf8("jan@bücher.example")  # the domain has an ASCII spelling
    idn = message(welcome, ORGANIZER, [Recipient("jan@bücher.example", "Jan")], date=DATE)
    assert b"xn--" in idn.data.split(b"\r\n\r\n")[0] and idn.data.isascii()
    assert idn.smtp_recipients == (smtp_address("jan@bücher.example"),)
    utf8 = message(welcome, ORGANIZER, [Recipient("ян@example.org", "Ян")], date=DATE)
    assert "ян@example.org".encode() in utf8.data.split(b"\r\n\r\n")[0]


def test_html_reaches_the_shared_message_too(welcome):
    eva = Recipient("eva@example.nl", None, ZoneInfo("Europe/Amsterdam"))
    personal, shared = build([welcome], ORGANIZER, [eva, JAN], date=DATE, html=True)
    assert shared.recipients == ("jan@example.nl",)
    for mail in (personal, shared):
        assert parse(mail.data).get_body(preferencelist=("html",)) is not None


def test_a_span_past_midnight_gives_the_ends_date_too():
    from loci_cli.formats.mail import span

    late = datetime(2020, 11, 10, 22, 30, tzinfo=timezone.utc)
    later = datetime(2020, 11, 10, 23, 30, tzinfo=timezone.utc)
    # 23:30-00:30 in Amsterdam (UTC+1): the end is on the 11th.
    assert span(late, later, ZoneInfo("Europe/Amsterdam")) == "Tue 10 Nov 2020, 23:30–Wed 11 Nov 2020, 00:30 Europe/Amsterdam (UTC+01:00)"
    assert span(late, later, ZoneInfo("Europe/London")) == "Tue 10 Nov 2020, 22:30–23:30 Europe/London (UTC+00:00)"


@pytest.mark.parametrize("key", ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal"])
def test_every_name_of_utc_is_said_as_its_offset_only(key):
    from loci_cli.formats.mail import span

    late = datetime(2020, 11, 10, 22, 30, tzinfo=timezone.utc)
    assert span(late, late.replace(hour=23, minute=0), ZoneInfo(key)) == "Tue 10 Nov 2020, 22:30–23:00 UTC+00:00"


def test_a_cancellations_subject_says_what_and_when(welcome):
    cancelled = message(dataclasses.replace(welcome, method="CANCEL"), ORGANIZER, [JAN], date=DATE)
    assert cancelled.subject == f"Cancelled: {welcome.summary}, Tue 10 Nov 2020 12:00 (Europe/Amsterdam)"
    described = dataclasses.replace(welcome, description="Bring a pen.")
    lines = text_of(message(described, ORGANIZER, [JAN], date=DATE).data).splitlines()
    at = lines.index("Bring a pen.")
    assert lines[at - 1] == "" and lines[at + 1] == ""


def test_a_naive_date_is_refused_saying_why(welcome):
    with pytest.raises(ValueError, match=r"^the Date header needs an aware datetime$"):
        message(welcome, ORGANIZER, [JAN], date=datetime(2020, 11, 2))


def test_the_parts_are_declared_as_mail_programs_expect(welcome):
    mail = parse(message(welcome, ORGANIZER, [Recipient("jan@example.nl")], date=DATE, html=True).data)
    plain = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    (inline,) = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert plain["Content-Transfer-Encoding"] == html["Content-Transfer-Encoding"] == "quoted-printable"
    assert inline["Content-Transfer-Encoding"] == "base64"
    assert inline.get_content_charset() == "utf-8"
    assert 'charset="UTF-8"' in inline["Content-Type"] and 'method="REQUEST"' in inline["Content-Type"]
    # English HTML carries no lang attribute (its bytes stay as they were).
    assert "<html><head>" in html.get_content()
    # A recipient without a name is their bare address.
    assert mail["To"].addresses[0].display_name == "" and str(mail["To"]) == "jan@example.nl"


def test_capital_letters_stay_in_file_names(welcome):
    named = message(dataclasses.replace(welcome, name="Day1-Welcome"), ORGANIZER, [Recipient("Jan.Vries@example.nl")], date=DATE)
    assert named.name.startswith(f"Day1-Welcome-request-{welcome.sequence}-Jan.Vries-")


def test_the_attachment_is_application_ics_and_the_envelope_names_the_organiser(welcome):
    mail = message(welcome, ORGANIZER, [JAN], date=DATE)
    (attached,) = [p for p in parse(mail.data).walk() if p.get_filename() == "invite.ics"]
    assert attached.get_content_type() == "application/ics"
    assert attached["Content-Transfer-Encoding"] == "base64"
    assert mail.sender == mail.smtp_sender == "katria@example.org"
    assert mail.recipients == mail.smtp_recipients == ("jan@example.nl",)
