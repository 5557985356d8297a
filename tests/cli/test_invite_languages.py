"""Invitations in each attendee's language: the attendees CSV's lang column, a real aiosmtpd, a real iCalendar parser.

The Subject, the text and the HTML parts of an attendee's own message are in their
language; the calendar part and the invite.ics attachment are the same bytes as
the English message's, as RFC 5545 and RFC 6047 want them (one object per UID).
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import cast

import icalendar
import pytest

from loci_cli.core.errors import InputError
from loci_cli.formats.attendees import read_attendees
from smtpserver import PASSWORD, USER

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

ORGANIZER = ("--organizer", "Katria Tomko <katria@example.org>")
TITLE = "Welcome, setting the tone, and OC basics"


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def parts(mail: EmailMessage) -> dict[str, bytes]:
    """Each leaf part's content type (the attachment as 'attachment') and its decoded bytes."""
    found = {}
    for part in mail.walk():
        if part.is_multipart():
            continue
        key = "attachment" if part.get_filename() else part.get_content_type()
        found[key] = cast(bytes, part.get_payload(decode=True))
    return found


# --- the list ---------------------------------------------------------------------------------------


def test_the_lang_column_is_read_by_position_and_by_header(tmp_path):
    positional = read_attendees(write(tmp_path, "Aigerim,aigerim@example.kz,Almaty,ru\nJan,jan@example.nl,,\n"))
    assert [(p.email, p.lang) for p in positional] == [("aigerim@example.kz", "ru"), ("jan@example.nl", None)]
    assert positional[0].zone is not None and positional[0].zone.key == "Asia/Almaty"
    # A header names the columns in any order; 'ru_RU', 'uk-UA' and 'KA' say a language loci speaks.
    headed = read_attendees(
        write(tmp_path, "email,lang,name\naigerim@example.kz,ru_RU,Aigerim\noksana@example.ua,uk-UA,\nnino@example.ge,KA,Nino\n")
    )
    assert [(p.name, p.lang, p.zone) for p in headed] == [("Aigerim", "ru", None), (None, "uk", None), ("Nino", "ka", None)]
    # A bare address is one still, under a header.
    mixed = read_attendees(write(tmp_path, "email,name,lang\nbob@example.org\nnino@example.ge,Nino,ka\n"))
    assert [(p.email, p.lang) for p in mixed] == [("bob@example.org", None), ("nino@example.ge", "ka")]
    # The old header, name,email,zone, reads as it always did.
    old = read_attendees(write(tmp_path, "name,email,zone\nJan,jan@example.nl,Europe/Amsterdam\n"))
    assert [(p.name, p.lang) for p in old] == [("Jan", None)]


def test_an_unknown_lang_is_one_error_naming_its_line(tmp_path):
    path = write(tmp_path, "name,email,zone,lang\nJan,jan@example.nl,,nl\n")
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert caught.value.where == f"{path}:2"
    assert caught.value.message == "no 'nl' translation for invitations"
    assert caught.value.hint is not None and "ru" in caught.value.hint


def test_an_unknown_lang_through_the_cli_is_one_line_and_exit_1(loci, tmp_path):
    path = write(tmp_path, "name,email,zone,lang\nJan,jan@example.nl,,nl\n")
    result = loci("invite", *ORGANIZER, "--attendees", path, "--outbox", str(tmp_path / "box"))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{path}:2: no 'nl' translation for invitations" in lines[0]
    assert not (tmp_path / "box").exists()


# --- the messages, through a real server ---------------------------------------------------------------


def test_an_attendee_with_lang_ru_gets_a_russian_message_with_the_same_calendar(loci, tmp_path, smtp):
    people = write(tmp_path, "name,email,zone,lang\nАйгерим,aigerim@example.kz,,ru\nJan,jan@example.nl,,\n")
    args = ("invite", *ORGANIZER, "--attendees", people, "--outbox", str(tmp_path / "box"), "--html")
    server = ("--smtp", f"127.0.0.1:{smtp.settings.port}", "--smtp-user", USER, "--session", "d1-welcome")
    result = loci(*args, *server, env={"LOCI_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.stderr
    mails = {rcpts: message_from_bytes(content, policy=policy.default) for _, rcpts, content in smtp.received}
    assert set(mails) == {("aigerim@example.kz",), ("jan@example.nl",)}
    russian, english = mails["aigerim@example.kz",], mails["jan@example.nl",]

    assert str(english["Subject"]) == f"Invitation: {TITLE}, Tue 10 Nov 2020 12:00 (Europe/Amsterdam)"
    assert str(russian["Subject"]) == f"Приглашение: {TITLE}, вт, 10 нояб. 2020\u202fг., 12:00 (Europe/Amsterdam)"
    text = russian.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Вы приглашены на это событие.\n")
    assert "Когда: вт, 10 нояб. 2020\u202fг., 12:00–12:30 Europe/Amsterdam (UTC+01:00)" in text
    assert "Организатор: Katria Tomko <katria@example.org>" in text
    # The day's heading in the description, said in Russian too; the organisers' own text stays as written.
    assert "День 1 · вт, 10 нояб. 2020\u202fг. · " in text and "Day 1 ·" not in text
    assert "You are invited" not in text and "Organiser" not in text
    html = russian.get_body(("html",)).get_content()
    assert '<html lang="ru">' in html and "Вы приглашены на это событие." in html

    ours, theirs = parts(russian), parts(english)
    assert ours["text/calendar"] == theirs["text/calendar"] and ours["attachment"] == theirs["attachment"]
    assert ours["text/calendar"] == ours["attachment"]
    calendar = icalendar.Calendar.from_ical(ours["text/calendar"])
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "d1-welcome@loci-eeca-2020" and str(event["SUMMARY"]) == TITLE
    assert "Day 1 · Tue 10 Nov 2020" in str(event["DESCRIPTION"])
    # The attendee is on the invitation with their address, whatever their language.
    assert "mailto:aigerim@example.kz" in [str(a) for a in event.get("ATTENDEE")]


def test_english_messages_do_not_change_with_the_language_of_whoever_runs_loci(loci, tmp_path):
    people = write(tmp_path, "name,email\nJan,jan@example.nl\n")
    outputs = []
    for n, environ in enumerate(({}, {"LOCI_LANG": "ru", "LANG": "ru_RU.UTF-8"})):
        box = tmp_path / f"box{n}"
        result = loci("invite", *ORGANIZER, "--attendees", people, "--outbox", str(box), "--session", "d1-welcome", env=environ)
        assert result.exit_code == 0, result.stderr
        outputs.append([p.read_bytes() for p in sorted(box.glob("*.eml"))])
    assert outputs[0] == outputs[1] and len(outputs[0]) == 1
