"""The invite action called directly: a request and an Environment in, rows and the error to end with out; no CliRunner."""

from __future__ import annotations

import io

import pytest

from helpers import LATER
from loci_cli.actions.invite import PASSWORD_VARIABLE, InviteRequest, Smtp, invite
from loci_cli.actions.sending import Sending
from loci_cli.core.errors import UsageProblem
from loci_cli.environment import Environment
from loci_cli.formats.detect import AgendaFormat
from smtpserver import PASSWORD, USER

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

WELCOME = Sending(organizer="Katria Tomko <katria@example.org>", attendee=("aigerim@example.kz", "jan@example.nl"), session="d1-welcome")


def environment(**environ: str) -> tuple[Environment, io.StringIO]:
    err = io.StringIO()
    return Environment(environ=environ, clock=lambda: LATER, stderr=err), err


def test_without_a_server_the_messages_go_into_the_outbox(tmp_path):
    env, err = environment()
    done = invite(InviteRequest(WELCOME, outbox=tmp_path / "box"), env, None, AgendaFormat.auto)
    assert done.sent is None and done.failure is None and done.outbox is not None
    (message,) = done.outbox["messages"]
    assert message["status"] == "written" and message["recipients"] == ["aigerim@example.kz", "jan@example.nl"]
    assert (tmp_path / "box" / message["file"]).exists()
    assert err.getvalue() == f"Wrote 1 message to {tmp_path / 'box'}\n"
    again = invite(InviteRequest(WELCOME, outbox=tmp_path / "box"), env, None, AgendaFormat.auto)
    assert again.outbox is not None and [m["status"] for m in again.outbox["messages"]] == ["kept"]


def test_a_dry_run_writes_nothing(tmp_path):
    env, err = environment()
    done = invite(InviteRequest(WELCOME, outbox=tmp_path / "box", dry_run=True), env, None, AgendaFormat.auto)
    assert done.outbox is not None and done.outbox["complete"] is False
    assert [m["status"] for m in done.outbox["messages"]] == ["would write"]
    assert not (tmp_path / "box").exists() and err.getvalue() == ""


def test_through_a_server_every_copy_is_a_row(tmp_path, smtp):
    env, _ = environment(**{PASSWORD_VARIABLE: PASSWORD})
    server = Smtp(f"127.0.0.1:{smtp.settings.port}", user=USER)
    done = invite(InviteRequest(WELCOME, server, tmp_path / "box"), env, None, AgendaFormat.auto)
    assert done.failure is None and done.sent is not None and done.sent["complete"]
    assert sorted((d["recipient"], d["status"]) for d in done.sent["deliveries"]) == [
        ("aigerim@example.kz", "sent"),
        ("jan@example.nl", "sent"),
    ]
    assert done.sent["server"] == f"127.0.0.1:{smtp.settings.port}"


def test_nothing_changed_means_nothing_to_send(tmp_path, agenda_path, agenda_data, write_agenda):
    env, err = environment()
    newer = write_agenda({**agenda_data, "revision": agenda_data.get("revision", 1) + 1}, name="v2.json")
    request = InviteRequest(Sending(organizer=WELCOME.organizer, attendee=WELCOME.attendee, since=str(agenda_path)), outbox=tmp_path)
    done = invite(request, env, str(newer), AgendaFormat.auto)
    assert done.outbox == {"outbox": str(tmp_path), "messages": [], "complete": True}
    assert "nothing changed since" in err.getvalue()


@pytest.mark.parametrize(
    ("server", "environ", "expected"),
    [
        ("smtp.example.org", {}, ("smtp.example.org", 587, "auto", None, None)),
        ("[::1]:2525", {}, ("::1", 2525, "auto", None, None)),
    ],
)
def test_smtp_settings(server, environ, expected):
    settings = Smtp(server).settings(environ)
    assert settings is not None
    assert (settings.host, settings.port, settings.security, settings.user, settings.password) == expected


def test_ssl_defaults_to_port_465_and_the_password_comes_from_the_environment():
    settings = Smtp("mail.example.org", ssl=True, user=USER).settings({PASSWORD_VARIABLE: PASSWORD})
    assert settings is not None and (settings.port, settings.security, settings.password) == (465, "ssl", PASSWORD)
    assert Smtp().settings({}) is None


@pytest.mark.parametrize(
    ("smtp", "message"),
    [
        (Smtp(":25"), "--smtp ':25' names no host"),
        (Smtp("mail.example.org:99999"), "--smtp 'mail.example.org:99999': '99999' is not a port"),
        (Smtp("mail.example.org", user=USER), f"--smtp-user {USER} needs a password in ${PASSWORD_VARIABLE}"),
    ],
)
def test_bad_smtp_settings_are_usage_problems(smtp, message):
    with pytest.raises(UsageProblem) as caught:
        smtp.settings({})
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (InviteRequest(Sending(session="d1-welcome", per_day=True)), "--session cannot be combined with --day or --per-day"),
        (InviteRequest(Sending(since="old.json", cancel=True)), "--since and --cancel cannot be combined"),
        (InviteRequest(smtp=Smtp("h", starttls=True, ssl=True)), "--starttls and --ssl cannot be combined"),
        (InviteRequest(smtp=Smtp(ssl=True, user=USER), resend=True), "--ssl, --smtp-user, --resend need --smtp HOST"),
    ],
)
def test_requests_that_make_no_sense_are_refused(request_, message):
    with pytest.raises(UsageProblem) as caught:
        request_.check()
    assert caught.value.message == message
