"""formats.outbox against a real SMTP server (aiosmtpd on 127.0.0.1): login, refusals, reruns, the outbox."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
from dataclasses import replace
from datetime import datetime, timezone
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from invites import ORGANIZER, invitations
from itip import problems
from loci_cli.formats.load import load_agenda
from loci_cli.formats.mail import Recipient, build
from loci_cli.io import outbox
from smtpserver import PASSWORD, USER, Inbox, controller, free_port

# The loopback server takes AUTH without TLS on purpose (see the smtp fixture).
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

ALMATY = ZoneInfo("Asia/Almaty")
KYIV = ZoneInfo("Europe/Kyiv")
DATE = datetime(2020, 11, 2, 9, 30, tzinfo=timezone.utc)

AIGERIM = Recipient("aigerim@example.kz", "Aigerim", ALMATY)
OKSANA = Recipient("oksana@example.ua", "Oksana", KYIV)
JAN = Recipient("jan@example.nl", "Jan")
ANNA = Recipient("anna@example.ge", "Anna")
PEOPLE = [AIGERIM, OKSANA, JAN, ANNA]


@pytest.fixture(scope="module")
def mails():
    agenda = load_agenda(None, {})
    # 14 events x (2 personal + 1 shared) = 42 messages; 3 events suffice and keep it quick.
    chosen = invitations(agenda, PEOPLE, ids={"d1-welcome", "d2-plenary", "d4-final-thoughts"})
    return build(chosen, ORGANIZER, PEOPLE, date=DATE)


def expected(mails) -> list[tuple[str, str]]:
    return sorted((m.message_id, r) for m in mails for r in m.recipients)


def test_every_message_arrives_once_after_a_login_and_reads_back(smtp, mails, tmp_path):
    result = outbox.send(mails, tmp_path, smtp.settings)
    assert result.complete and not result.skipped
    assert len(mails) == 9 and len(result.sent) == 9
    assert sorted(smtp.deliveries()) == expected(mails)
    for sender, rcpts, content in smtp.received:
        assert sender == "katria@example.org"
        parsed = message_from_bytes(content, policy=policy.default)
        assert sorted(a.addr_spec for a in parsed["To"].addresses) == sorted(rcpts)
        (inline,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
        payload = inline.get_payload(decode=True)
        assert isinstance(payload, bytes)
        assert problems(payload) == []
    # Almaty's copy of Day 1's opening: 11:00 UTC is 17:00 at UTC+6.
    (almaty,) = [
        message_from_bytes(c, policy=policy.default)
        for _, rcpts, c in smtp.received
        if rcpts == ("aigerim@example.kz",) and b"Welcome" in message_from_bytes(c, policy=policy.default)["Subject"].encode()
    ]
    assert "Your time:  Tue 10 Nov 2020, 17:00–17:30 Asia/Almaty" in almaty.get_body(("plain",)).get_content()
    # Kyiv was UTC+2: 13:00.
    (kyiv,) = [
        message_from_bytes(c, policy=policy.default)
        for _, rcpts, c in smtp.received
        if rcpts == ("oksana@example.ua",) and "Welcome" in message_from_bytes(c, policy=policy.default)["Subject"]
    ]
    assert "Your time:  Tue 10 Nov 2020, 13:00–13:30 Europe/Kyiv" in kyiv.get_body(("plain",)).get_content()


def test_a_rerun_sends_nothing_and_resend_sends_all_again(smtp, mails, tmp_path):
    outbox.send(mails, tmp_path, smtp.settings)
    again = outbox.send(mails, tmp_path, smtp.settings)
    assert again.complete and not again.sent and len(again.skipped) == 9
    assert len(smtp.received) == 9
    forced = outbox.send(mails, tmp_path, smtp.settings, resend=True)
    assert len(forced.sent) == 9 and len(smtp.received) == 18


def test_a_refused_third_message_then_a_rerun_delivers_each_exactly_once(smtp, mails, tmp_path):
    smtp.refuse_data = {3}
    first = outbox.send(mails, tmp_path, smtp.settings)
    assert not first.complete
    assert [(r.name, r.code) for r in first.refused] == [(mails[2].name, 451)] * len(mails[2].recipients)
    assert len(first.sent) == 8  # the others still went
    second = outbox.send(mails, tmp_path, smtp.settings)
    assert second.complete
    assert [d.name for d in second.sent] == [mails[2].name]
    assert len(second.skipped) == 8
    assert sorted(smtp.deliveries()) == expected(mails)


def test_a_server_that_hangs_up_stops_the_run_and_the_rest_goes_next_time(smtp, mails, tmp_path):
    smtp.hang_up_at = 4
    first = outbox.send(mails, tmp_path, smtp.settings)
    assert first.stopped and "421" in first.stopped
    assert len(first.sent) == 3 and [d.name for d in first.unsent] == [m.name for m in mails[3:]]
    second = outbox.send(mails, tmp_path, smtp.settings)
    assert second.complete and len(second.sent) == 6
    assert sorted(smtp.deliveries()) == expected(mails)


def test_ctrl_c_mid_run_keeps_what_was_accepted(smtp, mails, tmp_path):
    sends = 0

    def interrupting(settings):
        # The real client and server; only the third sendmail meets a Ctrl-C first.
        server = outbox.open_connection(settings)
        real = server.sendmail

        def sendmail(*args, **kwargs):
            nonlocal sends
            sends += 1
            if sends == 3:
                raise KeyboardInterrupt
            return real(*args, **kwargs)

        server.sendmail = sendmail  # type: ignore[method-assign]
        return server

    with pytest.raises(KeyboardInterrupt):
        outbox.send(mails, tmp_path, smtp.settings, connect=interrupting)
    assert len(smtp.received) == 2
    rest = outbox.send(mails, tmp_path, smtp.settings)
    assert rest.complete and len(rest.sent) == 7 and len(rest.skipped) == 2
    assert sorted(smtp.deliveries()) == expected(mails)


def test_a_refused_recipient_is_reported_and_the_others_still_go(smtp, mails, tmp_path):
    smtp.refuse_rcpt = {"anna@example.ge"}
    shared = [m for m in mails if len(m.recipients) == 2]  # to Jan and Anna
    result = outbox.send(mails, tmp_path, smtp.settings)
    assert {(r.recipient, r.code) for r in result.refused} == {("anna@example.ge", 550)}
    assert len(result.refused) == len(shared) == 3
    assert ("jan@example.nl",) in [rcpts for _, rcpts, _ in smtp.received]
    # Once the mailbox exists, only Anna's copies go: Jan has his.
    smtp.refuse_rcpt = set()
    retry = outbox.send(mails, tmp_path, smtp.settings)
    assert [d.recipients for d in retry.sent] == [("anna@example.ge",)] * 3
    assert sorted(smtp.deliveries()) == expected(mails)


def test_a_wrong_password_sends_nothing(smtp, mails, tmp_path):
    wrong = outbox.SmtpSettings("127.0.0.1", smtp.settings.port, user=USER, password="nope", timeout=10)
    result = outbox.send(mails, tmp_path, wrong)
    assert result.stopped and "refused the login for katria" in result.stopped
    assert len(result.unsent) == 9 and not result.sent and smtp.received == []


def test_no_server_listening_is_reported_not_raised(mails, tmp_path):
    result = outbox.send(mails, tmp_path, outbox.SmtpSettings("127.0.0.1", free_port(), timeout=5))
    assert result.stopped.startswith("cannot reach 127.0.0.1:") and len(result.unsent) == 9


def test_a_dry_run_lists_and_sends_nothing(smtp, mails, tmp_path):
    outbox.send(mails[:2], tmp_path, smtp.settings)
    dry = outbox.send(mails, tmp_path, smtp.settings, dry_run=True)
    assert dry.dry_run and not dry.complete
    assert [d.name for d in dry.sent] == [m.name for m in mails[2:]] and len(dry.skipped) == 2
    assert len(smtp.received) == 2


def test_a_torn_journal_line_is_not_taken_as_sent(smtp, mails, tmp_path):
    outbox.send(mails[:1], tmp_path, smtp.settings)
    journal = tmp_path / outbox.JOURNAL
    lines = journal.read_text().splitlines()
    assert [json.loads(line)["message_id"] for line in lines] == [mails[0].message_id]
    journal.write_text(lines[0][:20])  # as if the run died mid-write
    outbox.send(mails[:1], tmp_path, smtp.settings)
    assert len(smtp.received) == 2


def test_the_outbox_holds_one_eml_per_message_and_keeps_existing_ones(mails, tmp_path):
    box = tmp_path / "outbox"
    first = outbox.write(mails, box)
    assert len(first.new) == 9 and first.kept == () and first.mails == tuple(mails)
    # The .eml files, and the lock that keeps two runs from writing or sending at once.
    assert sorted(p.name for p in box.iterdir()) == sorted([outbox.LOCK, *(f"{m.name}.eml" for m in mails)])
    assert (box / f"{mails[0].name}.eml").read_bytes() == mails[0].data
    # A later build of the same messages (another Date header) finds them there, and sends them as stored.
    rebuilt = [replace(m, data=m.data.replace(b"Date: ", b"Date: X")) for m in mails]
    again = outbox.write(rebuilt, box)
    assert again.new == () and len(again.kept) == 9
    assert [m.data for m in again.mails] == [m.data for m in mails]


def make_certificate(directory: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed, so no certificate for a TLS server")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_both_ways_with_a_verified_certificate(tmp_path, mails, monkeypatch, security):
    cert, key = make_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    # aiosmtpd counts only STARTTLS as TLS, so over implicit TLS it must be told AUTH is fine.
    options = (
        {"require_starttls": True, "tls_context": context}
        if security == "starttls"
        else {"ssl_context": context, "auth_require_tls": False}
    )
    server = controller(inbox, **options)
    server.start()
    try:
        # The client checks the server's certificate; trust the one made above.
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        settings = outbox.SmtpSettings("127.0.0.1", server.port, security=security, user=USER, password=PASSWORD, timeout=10)
        result = outbox.send(mails[:2], tmp_path / "box", settings)
        assert result.complete, result.stopped
        assert len(inbox.received) == 2
    finally:
        server.stop()


# --- a setting that does not fit the server: the cause, for the hint ---------------------------------


def start(inbox: Inbox, **options):
    server = controller(inbox, **options)
    server.start()
    return server


@pytest.mark.parametrize(
    ("options", "settings", "cause", "words"),
    [
        # --starttls, but the server offers no STARTTLS.
        ({"auth_require_tls": False}, {"security": "starttls"}, "no-starttls", "offers no STARTTLS"),
        # --ssl on a port that speaks plain SMTP: the greeting is no TLS record.
        ({"auth_require_tls": False}, {"security": "ssl"}, "tls-handshake", "does not speak TLS from the first byte"),
        # A login where the server offers AUTH only over TLS (aiosmtpd's default).
        ({}, {"user": USER, "password": PASSWORD}, "no-auth", "offers no login (AUTH) without TLS"),
        ({"auth_require_tls": False}, {"user": USER, "password": "wrong"}, "login-refused", "refused the login for katria: 535"),
        # No login where the server wants one: 530 at MAIL FROM.
        ({"auth_require_tls": False}, {}, "login-needed", "wants a login: 530"),
    ],
    ids=["starttls-not-offered", "ssl-on-plain-port", "auth-not-offered", "wrong-password", "login-missing"],
)
def test_a_setting_that_does_not_fit_stops_the_run_naming_the_cause(mails, tmp_path, options, settings, cause, words):
    inbox = Inbox()
    server = start(inbox, **options)
    try:
        result = outbox.send(mails[:3], tmp_path, outbox.SmtpSettings("127.0.0.1", server.port, timeout=10, **settings))
    finally:
        server.stop()
    assert (result.cause, inbox.received) == (cause, [])
    assert words in result.stopped, result.stopped
    assert [d.name for d in result.unsent] == [m.name for m in mails[:3]] and not result.sent
    # Nothing was sent, so nothing is in the journal: the same command with the right setting sends all.
    assert outbox.journal(tmp_path) == set()


def test_plain_smtp_on_an_implicit_tls_port_is_named(mails, tmp_path):
    cert, key = make_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = start(Inbox(), ssl_context=context, auth_require_tls=False)
    try:
        # The server waits for a TLS handshake, the client for a greeting: it never comes.
        result = outbox.send(mails[:1], tmp_path, outbox.SmtpSettings("127.0.0.1", server.port, timeout=1))
    finally:
        server.stop()
    assert result.cause == "no-greeting" and "sent no SMTP greeting" in result.stopped


def test_an_untrusted_certificate_is_named(mails, tmp_path):
    cert, key = make_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = start(Inbox(), tls_context=context, require_starttls=True)
    try:
        # The certificate is self-signed and not trusted here (no SSL_CERT_FILE).
        result = outbox.send(mails[:1], tmp_path, outbox.SmtpSettings("127.0.0.1", server.port, security="starttls", timeout=10))
    finally:
        server.stop()
    assert result.cause == "certificate" and "is not trusted" in result.stopped


# --- exactly once between runs: the lock covers the journal ------------------------------------------


def test_a_run_waits_for_the_lock_then_reads_the_journal_the_other_left(smtp, mails, tmp_path):
    import threading

    outcome: list[outbox.SendResult] = []
    waited = threading.Event()
    with outbox.locked(tmp_path):
        # Another run holds the outbox: this one waits, and only then reads the journal.
        worker = threading.Thread(target=lambda: outcome.append(outbox.send(mails, tmp_path, smtp.settings, waiting=waited.set)))
        worker.start()
        assert waited.wait(30)
        # While it waits, the holder records every copy as sent (as a run that sent them would).
        assert worker.is_alive() and not (tmp_path / outbox.JOURNAL).exists()
        records = [{"message_id": m.message_id, "recipient": r, "status": "sent"} for m in mails for r in m.recipients]
        (tmp_path / outbox.JOURNAL).write_text("".join(json.dumps(e) + "\n" for e in records), encoding="utf-8")
    worker.join(30)
    (result,) = outcome
    # It found every copy recorded: nothing went to the server.
    assert result.complete and not result.sent and len(result.skipped) == len(mails)
    assert smtp.received == []


def test_a_run_that_cannot_get_the_lock_in_time_refuses_cleanly(mails, tmp_path):
    from loci_cli.core.errors import OutboxBusy

    with outbox.locked(tmp_path), pytest.raises(OutboxBusy, match="another loci run has kept the outbox busy"):
        outbox.write(mails, tmp_path, patience=0.2)
    assert list(tmp_path.glob("*.eml")) == []


# --- the journal: torn, damaged, a directory ---------------------------------------------------------


def test_a_torn_last_line_is_cut_off_before_the_next_line(smtp, mails, tmp_path):
    outbox.send(mails[:1], tmp_path, smtp.settings)
    journal = tmp_path / outbox.JOURNAL
    whole = journal.read_bytes()
    journal.write_bytes(whole + whole[:25])  # a second record cut short by a crash
    outbox.send(mails[:2], tmp_path, smtp.settings)
    lines = journal.read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(line) for line in lines[:-1])
    assert len(lines) - 1 == len(mails[0].recipients) + len(mails[1].recipients)
    assert sorted(smtp.deliveries()) == expected(mails[:2])


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b'{"message_id": "<a@b>", "recipient": "x@y.z"}\n\xff\xfe\n', 2, "not UTF-8 text"),
        (b"not json\n{}\n", 1, "not a JSON record"),
        (b'{"message_id": "<a@b>"}\n', 1, "without its message_id and recipient"),
        (b"[1, 2]\n", 1, "without its message_id and recipient"),
    ],
    ids=["invalid-utf8", "not-json", "no-recipient", "not-an-object"],
)
def test_a_damaged_journal_is_an_error_naming_its_line(smtp, mails, tmp_path, content, line, words):
    from loci_cli.core.errors import JournalDamaged

    (tmp_path / outbox.JOURNAL).write_bytes(content)
    with pytest.raises(JournalDamaged) as caught:
        outbox.send(mails, tmp_path, smtp.settings)
    assert caught.value.where == f"{tmp_path / outbox.JOURNAL}:{line}" and words in caught.value.message
    assert smtp.received == []


def test_a_journal_that_is_a_directory_is_an_error(smtp, mails, tmp_path):
    from loci_cli.core.errors import JournalDamaged

    (tmp_path / outbox.JOURNAL).mkdir()
    with pytest.raises(JournalDamaged, match="is a directory"):
        outbox.send(mails, tmp_path, smtp.settings)
    with pytest.raises(JournalDamaged, match="is a directory"):
        outbox.send(mails, tmp_path, smtp.settings, dry_run=True)
    assert smtp.received == []


def test_the_journal_records_refusals_with_their_reply_and_a_rerun_tries_them_again(smtp, mails, tmp_path):
    smtp.refuse_rcpt = {"anna@example.ge"}
    outbox.send(mails, tmp_path, smtp.settings)
    entries = [json.loads(line) for line in (tmp_path / outbox.JOURNAL).read_text(encoding="utf-8").splitlines()]
    refused = [e for e in entries if e["status"] == "refused"]
    assert {(e["recipient"], e["reply"]) for e in refused} == {("anna@example.ge", "550 5.1.1 no such mailbox")}
    assert ("anna@example.ge" not in {r for _, r in outbox.journal(tmp_path)}) and len(refused) == 3
    # A journal from before refusals were recorded (no status) still counts every line as sent.
    old = tmp_path / "old"
    old.mkdir()
    (old / outbox.JOURNAL).write_text(json.dumps({"message_id": "<m@x>", "recipient": "A@x.org"}) + "\n", encoding="utf-8")
    assert outbox.journal(old) == {("<m@x>", "a@x.org")}


def test_a_sender_beyond_ascii_without_smtputf8_is_refused_for_every_copy_and_never_sent(tmp_path):
    agenda = load_agenda(None, {})
    sender = Recipient("катя@пример.рф", "Катя")
    people = [JAN, ANNA]
    mails = build(invitations(agenda, people, ids={"d1-welcome"}), sender, people, date=DATE)
    inbox = Inbox()
    server = controller(inbox, auth_require_tls=False, enable_SMTPUTF8=False)
    server.start()
    try:
        result = outbox.send(mails, tmp_path, outbox.SmtpSettings("127.0.0.1", server.port, user=USER, password=PASSWORD, timeout=10))
    finally:
        server.stop()
    assert inbox.received == [] and not result.sent and not result.stopped
    assert {(r.recipient, r.code) for r in result.refused} == {("jan@example.nl", None), ("anna@example.ge", None)}
    assert all("which the sender's address needs" in r.reason for r in result.refused)


@pytest.mark.parametrize("planted", ["link", "garbage", "fifo", "other message"])
def test_a_file_planted_where_a_message_is_kept_is_refused_not_mailed(mails, tmp_path, planted):
    import os

    from loci_cli.core.errors import OutputError

    box = tmp_path / "outbox"
    outbox.write(mails, box)
    target = outbox.eml_path(box, mails[0])
    secret = tmp_path / "secret.txt"
    secret.write_text("not for mailing")
    target.unlink()
    if planted == "link":
        target.symlink_to(secret)
    elif planted == "garbage":
        target.write_bytes(b"\x00\xff not a message")
    elif planted == "fifo":
        os.mkfifo(target)
    else:
        target.write_bytes(mails[1].data)  # a real message, but not the one this name is for
    with pytest.raises(OutputError) as caught:
        outbox.write(mails, box)
    assert caught.value.where == str(target)


def test_a_message_kept_from_an_earlier_run_is_used_as_it_is(mails, tmp_path):
    box = tmp_path / "outbox"
    outbox.write(mails, box)
    again = outbox.write(mails, box)
    assert not again.new and [m.data for m in again.mails] == [m.data for m in mails]


def test_a_fifo_in_place_of_the_journal_is_one_error_not_a_hang(mails, tmp_path):
    import os

    from loci_cli.core.errors import JournalDamaged

    box = tmp_path / "outbox"
    box.mkdir()
    os.mkfifo(box / outbox.JOURNAL)
    with pytest.raises(JournalDamaged, match="not a regular file"):
        outbox.journal(box)
