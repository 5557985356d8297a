"""Deliver invitation messages: as .eml files in an outbox, or through SMTP, never twice.

The outbox directory holds one ``.eml`` file per message (written atomically,
named from its Message-ID, so building the same messages again finds them
there) and ``sent.jsonl``, the journal: one line for each recipient the SMTP
server accepted a message for, appended and flushed to disk the moment the
server says 250, before the next message goes (and a line for each refusal,
with the reason, which a later run tries again). A run that stops halfway
(refused, disconnected, Ctrl-C) leaves a journal that tells the next run
exactly what is left; ``resend`` ignores it on purpose.

Exactly once, also between runs at the same time: a run holds the outbox's
lock (``.sending.lock``, flock) from before it reads the journal until its
last line is on disk, so a second run waits and then sees what the first
sent. Writing the ``.eml`` files takes the same lock, so parallel first runs
write each file once and the others find it there.

The one gap no client can close: the server accepted a message but the run
died before the journal line reached the disk. That message goes again.

Addresses go out as the world writes them: the envelope a ``Mail`` carries
has its domains in punycode (RFC 5890; formats/mail.py spells them), and a
local part beyond ASCII goes with SMTPUTF8 (RFC 6531) when the server offers
it; when it does not, that recipient alone is refused, before the server is
asked.

Results are data (``SendResult``); the caller decides what they mean for the
exit code. Nothing here reads the environment: the password is passed in.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from ..core.errors import JournalDamaged, OutboxBusy, OutputError, ServerMismatch

if TYPE_CHECKING:
    import smtplib
    import ssl


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
    #: the envelope's sender and recipients (domains in punycode), when they differ from the above
    smtp_sender: str | None = None
    smtp_recipients: tuple[str, ...] | None = None

    def envelope(self, to: Sequence[str]) -> tuple[str, dict[str, str]]:
        """The envelope sender, and the envelope address of each of ``to`` (some of ``recipients``) mapped to it."""
        spelled = dict(zip(self.recipients, self.smtp_recipients or self.recipients, strict=True))
        return self.smtp_sender or self.sender, {spelled.get(r, r): r for r in to}


JOURNAL = "sent.jsonl"
LOCK = ".sending.lock"
#: How long a run waits for another one that holds the outbox, in seconds: longer than any
#: sending run should take, short of forever.
PATIENCE = 600.0
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

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Delivery:
    """A message the server accepted, for these recipients."""

    name: str
    message_id: str
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class Refusal:
    """A recipient a message was refused for, with the reason: the server's reply, or loci's own (``code`` None)."""

    name: str
    message_id: str
    recipient: str
    code: int | None
    reason: str

    @property
    def reply(self) -> str:
        return self.reason if self.code is None else f"{self.code} {self.reason}"


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
    #: when a setting does not fit the server (TLS, login): which, as ServerMismatch names it
    cause: str | None = None

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


def write(mails: Sequence[Mail], directory: Path, *, waiting: Callable[[], None] | None = None, patience: float = PATIENCE) -> Written:
    """Write each message not yet in ``directory``, all or none, holding the outbox's lock.

    A file with the message's name is the same message (the name carries its
    Message-ID), so it is kept as it is rather than overwritten; a run at the
    same time that wrote it first is no error.
    """
    from dataclasses import replace

    from .files import Target, write_files

    make_directory(directory)
    with locked(directory, waiting=waiting, patience=patience):
        new = [m for m in mails if not eml_path(directory, m).exists()]
        write_files([Target(eml_path(directory, m), m.data) for m in new])
        stored = tuple(m if m in new else replace(m, data=_stored(eml_path(directory, m), m.message_id)) for m in mails)
    kept = tuple(eml_path(directory, m) for m in mails if m not in new)
    return Written(tuple(eml_path(directory, m) for m in new), kept, stored)


#: Larger than any message loci writes (one event, its calendar and an HTML part).
_LARGEST_MESSAGE = 16 << 20


def _stored(path: Path, message_id: str) -> bytes:
    """The message kept at ``path``: a regular file of its own (never a link, a FIFO or a device), holding this Message-ID.

    What is sent is what the outbox holds, so anything else there (a link to another
    file, a file someone put in its place) is refused rather than mailed.
    """
    import stat

    def refused(why: str) -> OutputError:
        return OutputError(why, where=str(path), hint="remove it, and the next run writes the message again")

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        if os.path.islink(path):
            raise refused("is a symbolic link where the outbox keeps a message, and is not followed") from None
        raise refused(f"cannot read the message kept there: {err.strerror or err}") from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise refused("is not a regular file, where the outbox keeps a message")
        data = stream.read(_LARGEST_MESSAGE + 1)
    if len(data) > _LARGEST_MESSAGE or not _holds(data, message_id):
        raise refused("does not hold the message its name is for (its Message-ID differs)")
    return data


def _holds(data: bytes, message_id: str) -> bool:
    """Whether ``data``'s header names ``message_id`` as its Message-ID."""
    from email.parser import BytesHeaderParser
    from email.policy import compat32

    try:
        found = BytesHeaderParser(policy=compat32).parsebytes(data).get("Message-ID")
    except Exception:  # a header no parser can read is no message of loci's
        return False
    return isinstance(found, str) and found.strip() == message_id.strip()


def make_directory(directory: Path) -> None:
    """Create the outbox; another run creating it at the same moment is no error."""
    from .files import ensure_directory

    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
    # Says what is wrong, in one line, when the directory is still not there.
    ensure_directory(directory)


@contextlib.contextmanager
def locked(directory: Path, *, waiting: Callable[[], None] | None = None, patience: float = PATIENCE) -> Iterator[None]:
    """Hold the outbox's lock: one run at a time writes, reads the journal, sends and records.

    A run that finds the lock held calls ``waiting`` once, then waits up to
    ``patience`` seconds before it gives up (OutboxBusy). The lock is an flock on
    ``.sending.lock``: the system lets go of it when its holder dies, even by kill -9.
    """
    import fcntl
    import time

    path = directory / LOCK
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise OutputError(
            f"cannot open the outbox's lock: {err.strerror or err}", where=str(path), hint="make the outbox writable"
        ) from None
    try:
        deadline: float | None = None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                now = time.monotonic()
                if deadline is None:
                    deadline = now + patience
                    if waiting is not None:
                        waiting()
                if now >= deadline:
                    raise OutboxBusy(
                        f"another loci run has kept the outbox busy for {patience:g} s",
                        where=str(directory),
                        hint="let it finish (or end it), then run the same command again: what it sent is recorded",
                    ) from None
                time.sleep(0.02)
            except OSError as err:
                raise OutputError(
                    f"cannot lock the outbox: {err.strerror or err}",
                    where=str(path),
                    hint="keep the outbox on a local file system",
                ) from None
        yield
    finally:
        os.close(fd)


def journal(directory: Path) -> set[tuple[str, str]]:
    """(Message-ID, recipient) pairs the server accepted in earlier runs."""
    return _read_journal(directory / JOURNAL)[0]


def _read_journal(path: Path) -> tuple[set[tuple[str, str]], bytes]:
    """The pairs sent, and the journal's last line when it has no line end (b'' when it ends cleanly).

    Such a last line is a record cut short by a crash mid-write: its send is not
    known to have been recorded, so it does not count (unless it is whole). Any
    other line that is not a record is damage, and an error: guessing could send twice.
    """
    from .files import read_regular

    try:
        data = read_regular(path)
    except FileNotFoundError:
        return set(), b""
    except IsADirectoryError:
        raise JournalDamaged(
            "is a directory, not the journal of what was sent", where=str(path), hint="move it away: loci keeps this file itself"
        ) from None
    except OSError as err:
        raise JournalDamaged(
            f"cannot read the journal of what was sent: {err.strerror or err}",
            where=str(path),
            hint="make it a readable file, or move it away (then what was sent before counts as not sent)",
        ) from None
    *lines, tail = data.split(b"\n")
    done: set[tuple[str, str]] = set()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            _add(done, _entry(line, path, number))
    if tail.strip():
        with contextlib.suppress(JournalDamaged):
            _add(done, _entry(tail, path, len(lines) + 1))
    return done, tail


_DAMAGED_HINT = "restore the file, or delete that line (its copies are then sent again)"


def _entry(line: bytes, path: Path, number: int) -> dict[str, object]:
    where = f"{path}:{number}"
    try:
        entry = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise JournalDamaged("not UTF-8 text: not a record of what was sent", where=where, hint=_DAMAGED_HINT) from None
    except ValueError:
        raise JournalDamaged("not a JSON record of what was sent", where=where, hint=_DAMAGED_HINT) from None
    if not (isinstance(entry, dict) and isinstance(entry.get("message_id"), str) and isinstance(entry.get("recipient"), str)):
        raise JournalDamaged("a record without its message_id and recipient", where=where, hint=_DAMAGED_HINT)
    return entry


def _add(done: set[tuple[str, str]], entry: dict[str, object]) -> None:
    # A line without a status is from before refusals were recorded: every such line was a copy sent.
    if entry.get("status", "sent") == "sent":
        done.add((str(entry["message_id"]), str(entry["recipient"]).lower()))


@contextlib.contextmanager
def _journal_for_append(path: Path, tail: bytes) -> Iterator[IO[bytes]]:
    """The journal opened to add lines, a torn last line first cut off (a whole one ended)."""
    try:
        log = open(path, "ab")  # noqa: SIM115 (closed below, after the last line)
    except OSError as err:
        raise JournalDamaged(
            f"cannot write the journal of what was sent: {err.strerror or err}", where=str(path), hint="make it writable"
        ) from None
    with log:
        if tail:
            whole = True
            try:
                _entry(tail, path, 0)
            except JournalDamaged:
                whole = False
            if whole:
                log.write(b"\n")
            else:
                log.truncate(log.tell() - len(tail))
        yield log


def _plan(mails: Sequence[Mail], done: set[tuple[str, str]]) -> tuple[list[tuple[Mail, tuple[str, ...]]], tuple[Delivery, ...]]:
    skipped: list[Delivery] = []
    todo: list[tuple[Mail, tuple[str, ...]]] = []
    for mail in mails:
        left = tuple(r for r in mail.recipients if (mail.message_id, r.lower()) not in done)
        gone = tuple(r for r in mail.recipients if r not in left)
        if gone:
            skipped.append(Delivery(mail.name, mail.message_id, gone))
        if left:
            todo.append((mail, left))
    return todo, tuple(skipped)


def send(
    mails: Sequence[Mail],
    directory: Path,
    settings: SmtpSettings,
    *,
    resend: bool = False,
    dry_run: bool = False,
    clock: Callable[[], datetime] | None = None,
    connect: Callable[[SmtpSettings], smtplib.SMTP] | None = None,
    waiting: Callable[[], None] | None = None,
    patience: float = PATIENCE,
    progress: Callable[[int, int], None] | None = None,
) -> SendResult:
    """Send what the journal in ``directory`` does not list yet (all of it with ``resend``).

    ``progress`` hears (copies handed over, copies to send) as the run goes.

    The lock is held from before the journal is read until the last line is
    written, so a run at the same time waits, then finds these copies recorded.
    """
    clock = clock or (lambda: datetime.now(timezone.utc))
    path = directory / JOURNAL
    if dry_run:
        todo, skipped = _plan(mails, set() if resend else _read_journal(path)[0])
        return SendResult(sent=tuple(Delivery(m.name, m.message_id, to) for m, to in todo), skipped=skipped, dry_run=True)

    import smtplib

    make_directory(directory)
    with locked(directory, waiting=waiting, patience=patience):
        done, tail = _read_journal(path)
        todo, skipped = _plan(mails, set() if resend else done)
        if not todo:
            return SendResult(skipped=skipped)
        run = _Run(todo, skipped, clock, settings)
        with _journal_for_append(path, tail) as log:
            try:
                server = (connect or open_connection)(settings)
            except ServerMismatch as err:
                return run.result(err.message, err.cause)
            except (smtplib.SMTPException, OSError) as err:
                return run.result(f"cannot reach {settings.where}: {_why(err)}")
            try:
                for number, (mail, to) in enumerate(todo, start=1):
                    run.deliver(server, log, mail, to)
                    if progress is not None:
                        progress(number, len(todo))
            except ServerMismatch as err:
                return run.result(err.message, err.cause)
            except (smtplib.SMTPException, OSError) as err:
                return run.result(f"{settings.where} stopped the run: {_why(err)}")
            finally:
                _quit(server)
    return run.result(None)


class _Run:
    """One sending run's progress: what went, what was refused, and how far it got."""

    def __init__(
        self,
        todo: list[tuple[Mail, tuple[str, ...]]],
        skipped: tuple[Delivery, ...],
        clock: Callable[[], datetime],
        settings: SmtpSettings,
    ):
        self.todo, self.skipped, self.clock, self.settings = todo, skipped, clock, settings
        self.sent: list[Delivery] = []
        self.refused: list[Refusal] = []
        self.done = 0

    def deliver(self, server: smtplib.SMTP, log: IO[bytes], mail: Mail, to: tuple[str, ...]) -> None:
        """Send one message; journal each recipient before going on. Raises when the run must stop."""
        import smtplib

        sender, envelope = mail.envelope(to)
        # A local part beyond ASCII: the domains are punycode already, so only SMTPUTF8 carries what is left.
        utf8 = not (sender.isascii() and all(a.isascii() for a in envelope))
        if utf8 and not server.has_extn("smtputf8"):
            whose = "the sender's address" if not sender.isascii() else "an address with a local part beyond ASCII"
            self._refuse(log, mail, [(r, None, f"{self.settings.where} does not offer SMTPUTF8, which {whose} needs") for r in to])
            return
        try:
            rejected = server.sendmail(sender, list(envelope), mail.data, mail_options=["SMTPUTF8"] if utf8 else [])
        except smtplib.SMTPRecipientsRefused as err:
            closing = [reply for code, reply in err.recipients.values() if code == 421]
            if closing:
                # The server hung up amid the recipients: the rest were never asked, so none of this message went.
                raise smtplib.SMTPResponseException(421, closing[0]) from None
            rejected = err.recipients
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as err:
            if err.smtp_code == 421:  # the server is closing: nothing more goes this run
                raise
            if err.smtp_code == 530 and isinstance(err, smtplib.SMTPSenderRefused):
                # RFC 4954 §6: authentication required. Every message would meet it.
                raise ServerMismatch(
                    f"{self.settings.where} wants a login: {_reply(err.smtp_code, err.smtp_error)}", cause="login-needed"
                ) from None
            _reset(server)
            self._refuse(log, mail, [(r, err.smtp_code, _text(err.smtp_error)) for r in to])
            return
        accepted = tuple(r for a, r in envelope.items() if a not in rejected)
        for recipient in accepted:
            _record(log, mail, recipient, self.clock())
        if accepted:
            self.sent.append(Delivery(mail.name, mail.message_id, accepted))
        self._refuse(log, mail, [(envelope.get(a, a), code, _text(reply)) for a, (code, reply) in rejected.items()])

    def _refuse(self, log: IO[bytes], mail: Mail, refusals: Sequence[tuple[str, int | None, str]]) -> None:
        for recipient, code, reason in refusals:
            refusal = Refusal(mail.name, mail.message_id, recipient, code, reason)
            self.refused.append(refusal)
            _record(log, mail, recipient, self.clock(), refused=refusal.reply)
        self.done += 1

    def result(self, stopped: str | None, cause: str | None = None) -> SendResult:
        unsent = tuple(Delivery(m.name, m.message_id, to) for m, to in self.todo[self.done :]) if stopped else ()
        return SendResult(tuple(self.sent), self.skipped, tuple(self.refused), unsent, stopped, cause=cause)


def open_connection(settings: SmtpSettings) -> smtplib.SMTP:
    """Connect, secure the line as asked, and log in when a user is given.

    A setting that does not fit what the server offers raises ServerMismatch
    naming the cause, so the hint can point at the setting rather than the network.
    """
    import smtplib
    import ssl

    where = settings.where
    context = ssl.create_default_context()
    server: smtplib.SMTP
    try:
        if settings.security == "ssl":
            server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except ssl.SSLCertVerificationError as err:
        raise _certificate(where, err) from None
    except ssl.SSLError as err:
        # Implicit TLS to a port that speaks plain SMTP: its greeting is no TLS record.
        raise ServerMismatch(f"{where} does not speak TLS from the first byte ({_ssl_why(err)})", cause="tls-handshake") from None
    except smtplib.SMTPServerDisconnected as err:
        # Connected, but no greeting: a port that waits for a TLS handshake first.
        raise ServerMismatch(f"{where} sent no SMTP greeting ({_why(err)})", cause="no-greeting") from None
    try:
        server.ehlo()
        offered = server.has_extn("starttls")
        if settings.security == "starttls" or (settings.security == "auto" and offered):
            if not offered:
                raise ServerMismatch(f"{where} offers no STARTTLS", cause="no-starttls")
            try:
                server.starttls(context=context)
            except ssl.SSLCertVerificationError as err:
                raise _certificate(where, err) from None
            except ssl.SSLError as err:
                raise ServerMismatch(f"the TLS handshake with {where} failed ({_ssl_why(err)})", cause="starttls-failed") from None
            server.ehlo()
        elif settings.security == "auto" and not _loopback(settings.host):
            # A password or an attendee list never crosses a network in clear text.
            raise ServerMismatch(f"{where} offers no STARTTLS, and loci sends in clear text only on this machine", cause="no-starttls")
        if settings.user is not None:
            _login(server, settings)
    except BaseException:
        _quit(server)
        raise
    return server


def _login(server: smtplib.SMTP, settings: SmtpSettings) -> None:
    import smtplib
    import ssl

    where = settings.where
    if not server.has_extn("auth"):
        secure = isinstance(server.sock, ssl.SSLSocket)
        raise ServerMismatch(f"{where} offers no login (AUTH){'' if secure else ' without TLS'}", cause="no-auth")
    try:
        server.login(settings.user or "", settings.password or "")
    except smtplib.SMTPAuthenticationError as err:
        raise ServerMismatch(
            f"the server refused the login for {settings.user}: {_reply(err.smtp_code, err.smtp_error)}", cause="login-refused"
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise ServerMismatch(f"{where} offers no login (AUTH)", cause="no-auth") from None
    except smtplib.SMTPException as err:
        if "authentication method" not in str(err):
            raise
        offered = server.esmtp_features.get("auth", "").strip()
        raise ServerMismatch(f"{where} offers no login method loci speaks (it offers AUTH {offered})", cause="auth-method") from None


def _certificate(where: str, err: ssl.SSLCertVerificationError) -> ServerMismatch:
    return ServerMismatch(f"the certificate of {where} is not trusted ({err.verify_message or _ssl_why(err)})", cause="certificate")


def _ssl_why(err: BaseException) -> str:
    return str(getattr(err, "reason", None) or err).replace("_", " ").lower()


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _record(log: IO[bytes], mail: Mail, recipient: str, at: datetime, *, refused: str | None = None) -> None:
    entry = {"message_id": mail.message_id, "recipient": recipient, "file": f"{mail.name}.eml", "at": at.isoformat()}
    entry |= {"status": "refused", "reply": refused} if refused is not None else {"status": "sent"}
    log.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
    log.flush()
    os.fsync(log.fileno())


def _reset(server: smtplib.SMTP) -> None:
    # After a refused DATA the transaction is over, but some servers want RSET before the next MAIL.
    import smtplib

    with contextlib.suppress(smtplib.SMTPException, OSError):
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
