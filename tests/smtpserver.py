"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, a random port, a login, and refusals on demand."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest

from loci_cli.io import outbox

USER, PASSWORD = "katria", "s3cret pass"


class Inbox:
    """The handler: keeps every accepted message; can refuse the Nth DATA or a recipient."""

    def __init__(self) -> None:
        self.received: list[tuple[str, tuple[str, ...], bytes]] = []
        #: the MAIL FROM parameters of each accepted message, in order (SMTPUTF8, SIZE=...)
        self.mail_options: list[tuple[str, ...]] = []
        self.data_count = 0
        self.refuse_data: set[int] = set()
        self.refuse_rcpt: set[str] = set()
        self.hang_up_at: int | None = None
        self.lock = threading.Lock()
        self.settings: outbox.SmtpSettings | None = None

    # aiosmtpd ships no types: its server, session and envelope are Any here.
    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        if address in self.refuse_rcpt:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.data_count += 1
            count = self.data_count
        if count == self.hang_up_at:
            return "421 4.3.2 closing for maintenance"
        if count in self.refuse_data:
            return "451 4.3.0 try again later"
        self.received.append((envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content))
        self.mail_options.append(tuple(option.upper() for option in envelope.mail_options))
        return "250 2.0.0 queued"

    def deliveries(self) -> list[tuple[str, str]]:
        """(Message-ID, recipient) for every copy accepted."""
        pairs = []
        for _, rcpts, content in self.received:
            pairs += [(message_id(content), r) for r in rcpts]
        return pairs


def message_id(content: bytes) -> str:
    value: str = message_from_bytes(content, policy=policy.default)["Message-ID"]
    return value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def controller(inbox: Inbox, **options: Any) -> Any:
    """An aiosmtpd server on 127.0.0.1 and a free port, handled by ``inbox``; skip when aiosmtpd is missing."""
    pytest.importorskip("aiosmtpd", reason="aiosmtpd is in the test extra: pip install -e '.[test]'")
    from aiosmtpd.controller import Controller

    return Controller(inbox, hostname="127.0.0.1", port=free_port(), authenticator=authenticate, auth_required=True, **options)


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (USER.encode(), PASSWORD.encode())
    # handled=False: aiosmtpd then answers 535 itself.
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp() -> Iterator[Inbox]:
    """A server that wants a login, on loopback without TLS (aiosmtpd must be told that is fine)."""
    inbox = Inbox()
    server = controller(inbox, auth_require_tls=False)
    server.start()
    inbox.settings = outbox.SmtpSettings("127.0.0.1", server.port, user=USER, password=PASSWORD, timeout=10)
    yield inbox
    server.stop()
