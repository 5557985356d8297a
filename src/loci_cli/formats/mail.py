"""Invitations as e-mail: RFC 5322 MIME messages built with Python's ``email`` package.

Each message carries one iTIP object (one UID) twice, the way mail clients
expect it: inline as ``text/calendar; method=...`` (what makes Outlook, Gmail
and Thunderbird show Accept/Decline) and as an ``invite.ics`` attachment (what
a person can save or import by hand). A text part says the same in words.

Who gets what: an attendee with a zone gets a personal message whose text
and Subject give the times in that zone (the text the event's too); so does
an attendee whose address has a local part beyond ASCII, as only a server
offering SMTPUTF8 takes it, and a refusal must not cost the others their copy.
An attendee with a language (the list's ``lang`` column) gets a personal
message whose Subject, text and HTML parts are in it; the rest share one
message, always in English, whoever runs loci. The calendar object is the same
bytes in every message, whatever its language: RFC 5545 text, the organiser's.

Headers are always valid: domains in punycode (RFC 5890), names flat on one
line, and UTF-8 headers (RFC 6532) only in a message to or from an address
that needs SMTPUTF8, where no ASCII spelling exists.

Pure: nothing here reads the clock or the environment. The Date header is
given by the caller, and the Message-ID is a digest of what the message says
(not of when it was made), so building the same invitation again yields the
same Message-ID, which the outbox uses to never send one twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from .. import i18n
from ..core.time import format_offset
from ..i18n import _, format_day, format_day_time, format_time
from ..io.outbox import Mail
from .attendees import flat_name, needs_smtputf8, smtp_address

Method = Literal["REQUEST", "CANCEL"]


@dataclass(frozen=True)
class Recipient:
    """An attendee to write to; ``zone`` is theirs, when known, for a personal message."""

    email: str
    name: str | None = None
    zone: ZoneInfo | None = None
    #: their language ('ru'), when known, for a personal message in it; None: English
    lang: str | None = None


@dataclass(frozen=True)
class Invitation:
    """One iTIP object and what the text part says about it."""

    uid: str
    method: Method
    sequence: int
    summary: str
    start: datetime
    end: datetime
    #: the event's own zone, in which the text part always shows the times
    zone: ZoneInfo
    #: the iCalendar object, exactly as it is to be attached
    ics: bytes
    description: str = ""
    location: str | None = None
    url: str | None = None
    #: a short readable stem for file names (the session or day id)
    name: str = "invite"
    #: True when it updates an invitation sent before (a --since run)
    update: bool = False
    #: the description in another language (its day's heading, its labels); None: ``description`` in every language
    describe: Callable[[i18n.Language], str] | None = field(default=None, compare=False)


def build(
    invitations: Sequence[Invitation],
    organizer: Recipient,
    attendees: Sequence[Recipient],
    *,
    date: datetime,
    html: bool = False,
) -> list[Mail]:
    """The messages for every invitation: personal ones for attendees with a zone, one shared by the rest."""
    mails: list[Mail] = []
    shared = tuple(a for a in attendees if not _personal(a))
    for invitation in invitations:
        for person in attendees:
            if _personal(person):
                mails.append(message(invitation, organizer, (person,), date=date, html=html, zone=person.zone, lang=person.lang))
        if shared:
            mails.append(message(invitation, organizer, shared, date=date, html=html))
    return mails


def message(
    invitation: Invitation,
    organizer: Recipient,
    to: Sequence[Recipient],
    *,
    date: datetime,
    html: bool = False,
    zone: ZoneInfo | None = None,
    lang: str | None = None,
) -> Mail:
    """One message about ``invitation`` to ``to``; with ``zone``, its text shows the times there too; with ``lang``, in that language.

    Never in the language of whoever runs loci: a message is a file for its reader.
    """
    from email import policy
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import format_datetime

    if date.tzinfo is None:
        raise ValueError("the Date header needs an aware datetime")
    with i18n.language(lang or i18n.ENGLISH) as language:
        subject = subject_line(invitation, zone)
        text = body_text(invitation, organizer, zone)
    recipients = tuple(person.email for person in to)
    message_id = make_message_id(invitation, recipients, text, organizer.email)

    utf8 = any(needs_smtputf8(address) for address in (organizer.email, *recipients))
    mail = EmailMessage(policy=policy.SMTPUTF8 if utf8 else policy.SMTP)
    mail["From"] = _address(Address, organizer)
    mail["To"] = [_address(Address, person) for person in to]
    mail["Subject"] = subject
    mail["Date"] = format_datetime(date)
    mail["Message-ID"] = message_id
    mail.set_content(text, subtype="plain", cte="quoted-printable")
    if html:
        mail.add_alternative(body_html(text, None if language.english else language.code), subtype="html", cte="quoted-printable")
    # base64 keeps the object's CRLF line ends and 75-octet folding byte for byte.
    calendar_params = {"method": invitation.method, "charset": "UTF-8"}
    mail.add_alternative(invitation.ics, "text", "calendar", params=calendar_params, cte="base64")
    mail.make_mixed()
    mail.add_attachment(invitation.ics, "application", "ics", filename="invite.ics", cte="base64")
    # Boundaries from the Message-ID, not random: the same message is the same bytes.
    for number, part in enumerate(p for p in mail.walk() if p.is_multipart()):
        part.set_boundary(f"==loci-{message_id[1:17]}-{number}==")
    return Mail(
        message_id=message_id,
        sender=organizer.email,
        recipients=recipients,
        subject=subject,
        name=_file_name(invitation, to, message_id),
        data=mail.as_bytes(),
        smtp_sender=smtp_address(organizer.email),
        smtp_recipients=tuple(smtp_address(r) for r in recipients),
    )


def subject_line(invitation: Invitation, zone: ZoneInfo | None = None) -> str:
    """What, and when in ``zone`` (the recipient's, for a personal message) or else the event's."""
    shown = zone or invitation.zone
    when = f"{format_day_time(invitation.start.astimezone(shown))} ({shown.key})"
    summary = _one_line(invitation.summary)
    if invitation.method == "CANCEL":
        return _("Cancelled: {summary}, {when}").format(summary=summary, when=when)
    if invitation.update:
        return _("Updated invitation: {summary}, {when}").format(summary=summary, when=when)
    return _("Invitation: {summary}, {when}").format(summary=summary, when=when)


def body_text(invitation: Invitation, organizer: Recipient, zone: ZoneInfo | None = None) -> str:
    """The plain-text part, in the current language: what, when (your zone first, then the event's), where, and what to do."""
    language = i18n.current()
    lines: list[str] = []
    if invitation.method == "CANCEL":
        lines.append(_("This event has been cancelled and removed from the programme."))
    elif invitation.update:
        lines.append(_("This event has changed. Accepting it updates the copy in your calendar."))
    else:
        lines.append(_("You are invited to this event."))
    lines += ["", _one_line(invitation.summary), ""]
    if zone is not None and zone.key != invitation.zone.key:
        yours, event = _("Your time:"), _("Event time:")
        # The two times line up: 'Your time:  ' is as wide as 'Event time: '.
        width = max(len(yours), len(event)) + 1
        lines.append(f"{yours:<{width}}{span(invitation.start, invitation.end, zone)}")
        lines.append(f"{event:<{width}}{span(invitation.start, invitation.end, invitation.zone)}")
    else:
        lines.append(_("When: {when}").format(when=span(invitation.start, invitation.end, invitation.zone)))
    if invitation.location:
        lines.append(_("Where: {where}").format(where=_one_line(invitation.location)))
    if invitation.url:
        lines.append(_("Link: {link}").format(link=_one_line(invitation.url)))
    said = invitation.describe(language) if invitation.describe is not None and not language.english else invitation.description
    description = _text(said).strip()
    if description:
        lines += ["", description]
    name = flat_name(organizer.name)
    who = f"{name} <{organizer.email}>" if name else organizer.email
    lines += ["", _("Organiser: {who}").format(who=who)]
    if invitation.method == "REQUEST":
        lines.append(_("The attached invite.ics adds the event to any calendar program."))
    return "\n".join(lines) + "\n"


def span(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """'Tue 10 Nov 2020, 17:00–17:30 Asia/Almaty (UTC+06:00)', the end's date added when it differs; in the current language.

    A zone that is its offset ('UTC+04:00', or UTC) is named once: 'UTC+04:00', not 'UTC+04:00 (UTC+04:00)'.
    """
    begin, finish = start.astimezone(zone), end.astimezone(zone)
    until = format_time(finish) if finish.date() == begin.date() else _day_time(finish)
    offset = format_offset(begin.utcoffset())
    label = offset if _names_no_place(zone) else f"{zone.key} ({offset})"
    return f"{_day_time(begin)}–{until} {label}"


def _day_time(at: datetime) -> str:
    # Translators: a date and a time in an invitation, 'Tue 10 Nov 2020, 17:00'.
    return _("{day}, {time}").format(day=format_day(at), time=format_time(at))


def _names_no_place(zone: ZoneInfo) -> bool:
    from ..core.zones import is_fixed_offset

    return is_fixed_offset(zone) or zone.key in ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal")


def body_html(text: str, lang: str | None = None) -> str:
    """The text as HTML paragraphs; ``lang`` marks a language other than English (English's bytes stay as they were)."""
    from html import escape

    paragraphs = text.strip().split("\n\n")
    inner = "\n".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    opening = "<html>" if lang is None else f'<html lang="{escape(lang)}">'
    return f'<!DOCTYPE html>\n{opening}<head><meta charset="utf-8"></head><body>\n{inner}\n</body></html>\n'


def make_message_id(invitation: Invitation, recipients: Sequence[str], text: str, sender: str) -> str:
    """A Message-ID that depends on what the message says and to whom, never on when it was built."""
    digest = hashlib.sha256()
    for part in (invitation.method, invitation.uid, str(invitation.sequence), "\n".join(recipients), text):
        digest.update(part.encode("utf-8") + b"\0")
    # DTSTAMP is the clock at build time; the rest of the object is content.
    digest.update(re.sub(rb"\r?\nDTSTAMP:[^\r\n]*", b"", invitation.ics))
    domain = smtp_address(sender).rpartition("@")[2]
    # A Message-ID is ASCII (RFC 5322 3.6.4); punycode keeps an IDN sender's domain in it.
    if not domain.isascii() or not domain:
        domain = "loci.invalid"
    return f"<{digest.hexdigest()[:32]}.loci@{domain}>"


def _file_name(invitation: Invitation, to: Sequence[Recipient], message_id: str) -> str:
    who = to[0].email.partition("@")[0] if len(to) == 1 else f"{len(to)}-attendees"
    stem = f"{invitation.name}-{invitation.method.lower()}-{invitation.sequence}-{who}"
    # Kept to characters every file system and mail program take; the digest keeps names apart.
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem)[:80]
    return f"{stem}-{message_id[1:9]}"


def _address(cls: type, person: Recipient) -> object:
    """The header's address: the name flat on one line, the domain in punycode (a header's encoded-word may not hold an address)."""
    local, _, domain = smtp_address(person.email).rpartition("@")
    return cls(display_name=flat_name(person.name) or "", username=local, domain=domain)


def _personal(person: Recipient) -> bool:
    """Gets a message of their own: for their zone, their language, or an address only SMTPUTF8 carries."""
    return person.zone is not None or (person.lang is not None and person.lang != i18n.ENGLISH) or needs_smtputf8(person.email)


# C0 and C1 controls but line feed and tab, DEL, and the bidirectional overrides: never in a mail's text.
_NOT_TEXT = dict.fromkeys([*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_NOT_TEXT)


def _one_line(value: str) -> str:
    return flat_name(value) or ""
