"""`loci invite` with addresses as the world writes them, sent to a real aiosmtpd with and without SMTPUTF8.

An internationalised domain goes out in punycode (RFC 5890), in the envelope
and in the headers; a local part beyond ASCII goes with SMTPUTF8 (RFC 6531)
when the server offers it, and is refused for that recipient alone when it
does not, while everyone else gets their copy.
"""

from __future__ import annotations

import json
import re
from email import message_from_bytes, message_from_string, policy

import pytest

from smtpserver import PASSWORD, USER, Inbox, controller

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

PEOPLE = "name,email,zone\nÜnal,u@bücher.example,\nИван,иван@пример.рф,\nJan,jan@example.nl,\nAigerim,aigerim@example.kz,Almaty\n"
ORGANIZER = ("--organizer", "Katria Tomko <katria@bücher.example>")
IVAN, IVAN_ON_THE_WIRE = "иван@пример.рф", "иван@xn--e1afmkfd.xn--p1ai"
UNAL_ON_THE_WIRE = "u@xn--bcher-kva.example"
PLAIN_ON_THE_WIRE = {UNAL_ON_THE_WIRE, "jan@example.nl", "aigerim@example.kz"}


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return str(path)


def server(smtputf8: bool):
    inbox = Inbox()
    running = controller(inbox, auth_require_tls=False, enable_SMTPUTF8=smtputf8)
    running.start()
    return inbox, running


def invite(loci, people, box, port, *more):
    return loci(
        "invite",
        *ORGANIZER,
        "--attendees",
        people,
        "--session",
        "d1-welcome",
        "--outbox",
        str(box),
        "--smtp",
        f"127.0.0.1:{port}",
        "--smtp-user",
        USER,
        *more,
        env={"LOCI_SMTP_PASSWORD": PASSWORD},
    )


def by_recipient(inbox: Inbox) -> dict[str, tuple[str, tuple[str, ...], bytes]]:
    return {
        r: (sender, options, content)
        for (sender, rcpts, content), options in zip(inbox.received, inbox.mail_options, strict=False)
        for r in rcpts
    }


def test_with_smtputf8_everyone_gets_their_copy_and_the_envelope_is_right(loci, tmp_path, people):
    inbox, running = server(smtputf8=True)
    try:
        result = invite(loci, people, tmp_path / "box", running.port, "--json")
    finally:
        running.stop()
    assert result.exit_code == 0, result.stderr
    got = by_recipient(inbox)
    assert set(got) == PLAIN_ON_THE_WIRE | {IVAN_ON_THE_WIRE}
    # The sender's IDN domain in punycode on every message; SMTPUTF8 only where a local part needs it.
    assert {sender for sender, _, _ in got.values()} == {"katria@xn--bcher-kva.example"}
    assert "SMTPUTF8" in got[IVAN_ON_THE_WIRE][1]
    assert all("SMTPUTF8" not in got[r][1] for r in PLAIN_ON_THE_WIRE)
    # Ivan's headers are UTF-8 (RFC 6532): his address as it is, its domain in punycode.
    ivan = message_from_string(got[IVAN_ON_THE_WIRE][2].decode("utf-8"), policy=policy.default)
    assert [(a.display_name, a.addr_spec) for a in ivan["To"].addresses] == [("Иван", IVAN_ON_THE_WIRE)]
    # The others' headers are ASCII, every address readable, no encoded-word inside an address.
    for recipient in PLAIN_ON_THE_WIRE:
        content = got[recipient][2]
        head = content.split(b"\r\n\r\n", 1)[0]
        assert head.isascii() and not re.search(rb"<[^>]*=\?", head), recipient
        parsed = message_from_bytes(content, policy=policy.default)
        assert recipient in [a.addr_spec for a in parsed["To"].addresses]
        assert parsed["From"].addresses[0].addr_spec == "katria@xn--bcher-kva.example"
    rows = json.loads(result.stdout)["deliveries"]
    assert {(row["recipient"], row["status"]) for row in rows} == {
        ("u@bücher.example", "sent"),
        (IVAN, "sent"),
        ("jan@example.nl", "sent"),
        ("aigerim@example.kz", "sent"),
    }


def test_without_smtputf8_only_the_local_part_beyond_ascii_is_refused(loci, tmp_path, people):
    box = tmp_path / "box"
    inbox, running = server(smtputf8=False)
    try:
        first = invite(loci, people, box, running.port, "--json")
        again = invite(loci, people, box, running.port, "--json")
    finally:
        running.stop()
    # Everyone else got their copy, once; Ivan's is refused, by loci, before the server was asked.
    assert sorted(r for _, rcpts, _ in inbox.received for r in rcpts) == sorted(PLAIN_ON_THE_WIRE)
    assert all("SMTPUTF8" not in options for options in inbox.mail_options)
    assert first.exit_code == 1
    reason = f"127.0.0.1:{running.port} does not offer SMTPUTF8, which an address with a local part beyond ASCII needs"
    (refused,) = [line for line in first.stderr.splitlines() if line.startswith("refused")]
    assert refused.endswith(f"to {IVAN}  ({reason})")
    assert first.stderr.splitlines()[-1].startswith(f"loci: error: {box}: 1 copy not sent: {reason} (hint: ")
    rows = {row["recipient"]: row for row in json.loads(first.stdout)["deliveries"]}
    assert rows[IVAN]["status"] == "refused" and rows[IVAN]["reply"] == reason
    assert {rows[r]["status"] for r in rows if r != IVAN} == {"sent"}
    # The journal says who got what: sent, or refused with the reason.
    journal = [json.loads(line) for line in (box / "sent.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(e["recipient"], e["status"]) for e in journal} == {
        ("u@bücher.example", "sent"),
        ("jan@example.nl", "sent"),
        ("aigerim@example.kz", "sent"),
        (IVAN, "refused"),
    }
    assert next(e["reply"] for e in journal if e["recipient"] == IVAN) == reason
    # A rerun sends nothing twice and refuses Ivan's copy again, alone.
    assert again.exit_code == 1 and len(inbox.received) == 2
    assert {row["status"] for row in json.loads(again.stdout)["deliveries"] if row["recipient"] != IVAN} == {"skipped"}
    # Once a server offers SMTPUTF8, the same command sends only his.
    inbox, running = server(smtputf8=True)
    try:
        last = invite(loci, people, box, running.port)
    finally:
        running.stop()
    assert last.exit_code == 0, last.stderr
    assert [rcpts for _, rcpts, _ in inbox.received] == [(IVAN_ON_THE_WIRE,)]


def test_the_outbox_without_smtp_holds_valid_headers(loci, tmp_path, people):
    box = tmp_path / "box"
    result = loci("invite", *ORGANIZER, "--attendees", people, "--session", "d1-welcome", "--outbox", str(box), "--json")
    assert result.exit_code == 0, result.stderr
    files = sorted(box.glob("*.eml"))
    assert len(files) == 3
    for path in files:
        content = path.read_bytes()
        head = content.split(b"\r\n\r\n", 1)[0]
        assert not re.search(rb"<[^>]*=\?", head), path.name
        if head.isascii():
            parsed = message_from_bytes(content, policy=policy.default)
        else:
            # Only Ivan's message, whose address has no ASCII spelling, has UTF-8 headers (RFC 6532).
            parsed = message_from_string(content.decode("utf-8"), policy=policy.default)
            assert [a.addr_spec for a in parsed["To"].addresses] == [IVAN_ON_THE_WIRE]
        assert parsed["From"].addresses[0].addr_spec == "katria@xn--bcher-kva.example"
        assert all(a.addr_spec.rpartition("@")[2].isascii() for a in parsed["To"].addresses)
    listed = json.loads(result.stdout)["messages"]
    assert sorted(r for m in listed for r in m["recipients"]) == sorted(["u@bücher.example", IVAN, "jan@example.nl", "aigerim@example.kz"])


def test_an_organiser_address_with_an_idn_domain_in_the_agenda_writes_the_outbox(loci, tmp_path, agenda_data, write_agenda):
    path = write_agenda({**agenda_data, "email": "programme@bücher.example"})
    box = tmp_path / "box"
    result = loci("invite", "--agenda", str(path), "--attendee", "jan@example.nl", "--session", "d1-welcome", "--outbox", str(box))
    assert result.exit_code == 0, result.stderr
    (eml,) = box.glob("*.eml")
    parsed = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert parsed["From"].addresses[0].addr_spec == "programme@xn--bcher-kva.example"
    assert parsed["Message-ID"].endswith("@xn--bcher-kva.example>")
