"""Deliver invitation messages: as .eml files in an outbox, or through SMTP, never twice.

The outbox directory holds one ``.eml`` file per message (written atomically,
named from its Message-ID, so building the same messages again finds them
there) and ``sent.jsonl``, the journal: one line for each recipient the SMTP
server accepted a message for, appended and flushed to disk the moment the
server says 250, before the next message goes. A run that stops halfway
(refused, disconnected, Ctrl-C) leaves a journal that tells the next run
exactly what is left; ``resend`` ignores it on purpose.

The one gap no client can close: the server accepted a message but the run
died before the journal line reached the disk. That message goes again.

Results are data (``SendResult``); the caller decides what they mean for the
exit code. Nothing here reads the environment: the password is passed in.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import smtplib


@dataclass(frozen=True)
class Mail:
    """One message ready to write or send: its envelope and its RFC 5322 bytes (CRLF lines)."""

    message_id: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    #: the outbox file name, without '.eml'
    name: str
    data: bytes


JOURNAL = "sent.jsonl"
#: "auto": STARTTLS when the server offers it, plain only to a relay on this machine.
Security = Literal["auto", "starttls", "ssl"]


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: Security = "auto"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class Delivery:
    """A message the server accepted, for these recipients."""

    name: str
    message_id: str
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class Refusal:
    """A recipient the server refused a message for, with its reply."""

    name: str
    message_id: str
    recipient: str
    code: int
    reason: str


@dataclass(frozen=True)
class SendResult:
    #: accepted by the server in this run (with dry_run: what would be sent)
    sent: tuple[Delivery, ...] = ()
    #: accepted in an earlier run, per the journal, so not sent again
    skipped: tuple[Delivery, ...] = ()
    refused: tuple[Refusal, ...] = ()
    #: not tried because the run stopped (``stopped`` says why)
    unsent: tuple[Delivery, ...] = ()
    stopped: str | None = None
    dry_run: bool = False

    @property
    def complete(self) -> bool:
        """Every recipient of every message has it (now or before)."""
        return not (self.refused or self.unsent or self.stopped) and not self.dry_run


def eml_path(directory: Path, mail: Mail) -> Path:
    return directory / f"{mail.name}.eml"


@dataclass(frozen=True)
class Written:
    """The outbox after ``write``: files made now, files already there, and every message as stored."""

    new: tuple[Path, ...]
    kept: tuple[Path, ...]
    #: the messages with the bytes on disk: a message written by an earlier run is sent as it was
    mails: tuple[Mail, ...]


def write(mails: Sequence[Mail], directory: Path) -> Written:
    """Write each message not yet in ``directory``, all or none.

    A file with the message's name is the same message (the name carries its
    Message-ID), so it is kept as it is rather than overwritten.
    """
    from dataclasses import replace

    from .files import Target, ensure_directory, write_files

    ensure_directory(directory)
    new = [m for m in mails if not eml_path(directory, m).exists()]
    write_files([Target(eml_path(directory, m), m.data) for m in new])
    stored = tuple(m if m in new else replace(m, data=eml_path(directory, m).read_bytes()) for m in mails)
    kept = tuple(eml_path(directory, m) for m in mails if m not in new)
    return Written(tuple(eml_path(directory, m) for m in new), kept, stored)


def journal(directory: Path) -> set[tuple[str, str]]:
    """(Message-ID, recipient) pairs the server accepted in earlier runs."""
    path = directory / JOURNAL
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    done: set[tuple[str, str]] = set()
    for line in lines:
        try:
            entry = json.loads(line)
            done.add((entry["message_id"], entry["recipient"].lower()))
        except (ValueError, KeyError, TypeError, AttributeError):
            # A line cut short by a crash mid-write: its send is not known to have finished.
            continue
    return done


def send(
    mails: Sequence[Mail],
    directory: Path,
    settings: SmtpSettings,
    *,
    resend: bool = False,
    dry_run: bool = False,
    clock: Callable[[], datetime] | None = None,
    connect: Callable[[SmtpSettings], smtplib.SMTP] | None = None,
) -> SendResult:
    """Send what the journal in ``directory`` does not list yet (all of it with ``resend``)."""
    clock = clock or (lambda: datetime.now(timezone.utc))
    done = set() if resend else journal(directory)
    skipped: list[Delivery] = []
    todo: list[tuple[Mail, tuple[str, ...]]] = []
    for mail in mails:
        left = tuple(r for r in mail.recipients if (mail.message_id, r.lower()) not in done)
        gone = tuple(r for r in mail.recipients if r not in left)
        if gone:
            skipped.append(Delivery(mail.name, mail.message_id, gone))
        if left:
            todo.append((mail, left))
    if dry_run or not todo:
        planned = tuple(Delivery(m.name, m.message_id, to) for m, to in todo)
        return SendResult(sent=planned, skipped=tuple(skipped), dry_run=dry_run)

    import smtplib

    run = _Run(todo, tuple(skipped), clock)
    with _Lock(directory) as locked:
        if not locked:
            return run.result(f"another run is sending from {directory}")
        try:
            server = (connect or open_connection)(settings)
        except smtplib.SMTPAuthenticationError as err:
            return run.result(f"the server refused the login for {settings.user}: {_reply(err.smtp_code, err.smtp_error)}")
        except (smtplib.SMTPException, OSError) as err:
            return run.result(f"cannot reach {settings.host}:{settings.port}: {_why(err)}")
        try:
            with open(directory / JOURNAL, "a", encoding="utf-8") as log:
                for mail, to in todo:
                    run.deliver(server, log, mail, to)
        except (smtplib.SMTPException, OSError) as err:
            return run.result(f"{settings.host}:{settings.port} stopped the run: {_why(err)}")
        finally:
            _quit(server)
    return run.result(None)


class _Run:
    """One sending run's progress: what went, what was refused, and how far it got."""

    def __init__(self, todo: list[tuple[Mail, tuple[str, ...]]], skipped: tuple[Delivery, ...], clock: Callable[[], datetime]):
        self.todo, self.skipped, self.clock = todo, skipped, clock
        self.sent: list[Delivery] = []
        self.refused: list[Refusal] = []
        self.done = 0

    def deliver(self, server: smtplib.SMTP, log: IO[str], mail: Mail, to: tuple[str, ...]) -> None:
        """Send one message; journal each recipient the server took before going on. Raises when the run must stop."""
        import smtplib

        try:
            rejected = server.sendmail(mail.sender, list(to), mail.data)
        except smtplib.SMTPRecipientsRefused as err:
            rejected = err.recipients
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as err:
            if err.smtp_code == 421:  # the server is closing: nothing more goes this run
                raise
            self.refused += [Refusal(mail.name, mail.message_id, r, err.smtp_code, _text(err.smtp_error)) for r in to]
            _reset(server)
            self.done += 1
            return
        accepted = tuple(r for r in to if r not in rejected)
        for recipient in accepted:
            _record(log, mail, recipient, self.clock())
        self.refused += [Refusal(mail.name, mail.message_id, r, code, _text(reply)) for r, (code, reply) in rejected.items()]
        if accepted:
            self.sent.append(Delivery(mail.name, mail.message_id, accepted))
        self.done += 1

    def result(self, stopped: str | None) -> SendResult:
        unsent = tuple(Delivery(m.name, m.message_id, to) for m, to in self.todo[self.done :]) if stopped else ()
        return SendResult(tuple(self.sent), self.skipped, tuple(self.refused), unsent, stopped)


def open_connection(settings: SmtpSettings) -> smtplib.SMTP:
    """Connect, secure the line as asked, and log in when a user is given."""
    import smtplib
    import ssl

    context = ssl.create_default_context()
    server: smtplib.SMTP
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        server.ehlo()
        offered = server.has_extn("starttls")
        if settings.security == "starttls" or (settings.security == "auto" and offered):
            server.starttls(context=context)
            server.ehlo()
        elif settings.security == "auto" and not _loopback(settings.host):
            # A password or an attendee list never crosses a network in clear text.
            raise smtplib.SMTPNotSupportedError(f"{settings.host} offers no STARTTLS; use --ssl if it takes implicit TLS")
        if settings.user is not None:
            server.login(settings.user, settings.password or "")
    except BaseException:
        _quit(server)
        raise
    return server


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _record(log: IO[str], mail: Mail, recipient: str, at: datetime) -> None:
    entry = {"message_id": mail.message_id, "recipient": recipient, "file": f"{mail.name}.eml", "at": at.isoformat()}
    log.write(json.dumps(entry, ensure_ascii=False) + "\n")
    log.flush()
    os.fsync(log.fileno())


class _Lock:
    """An exclusive lock on the outbox, so two runs at once cannot both send the same message."""

    def __init__(self, directory: Path):
        self.path = directory / ".sending.lock"
        self.fd: int | None = None

    def __enter__(self) -> bool:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)


def _reset(server: smtplib.SMTP) -> None:
    # After a refused DATA the transaction is over, but some servers want RSET before the next MAIL.
    import smtplib

    with contextlib.suppress(smtplib.SMTPException):
        server.rset()


def _quit(server: smtplib.SMTP) -> None:
    import smtplib

    try:
        server.quit()
    except (smtplib.SMTPException, OSError):
        server.close()


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _reply(code: int, reply: bytes | str) -> str:
    return f"{code} {_text(reply)}"


def _why(err: BaseException) -> str:
    code = getattr(err, "smtp_code", None)
    if code is not None:
        return _reply(code, getattr(err, "smtp_error", b""))
    return getattr(err, "strerror", None) or str(err) or type(err).__name__
