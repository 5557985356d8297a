"""'loci invite': invitations by e-mail, into an outbox of .eml files or through an SMTP server.

A checked request -> the iTIP objects (formats/scheduling.py, one per UID) ->
MIME messages (formats/mail.py) -> the outbox, and with an SMTP server the
server, which a journal in the outbox keeps from getting any message twice
(io/outbox.py). What happened comes back as the rows 'loci invite --json' prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import LociError, RecipientsRefused, SendingStopped, ServerMismatch, UsageProblem
from ..core.headings import day_heading
from ..i18n import _
from ..views.output import Output
from ..views.words import plural
from .sending import Sending, need_people

if TYPE_CHECKING:
    from ..core.model import Agenda
    from ..environment import Environment
    from ..formats.detect import AgendaFormat
    from ..i18n import Language
    from ..io.outbox import SendResult, SmtpSettings, Written
    from ..views.rows import DeliveryRow, OutboxRow, SendRow

PASSWORD_VARIABLE = "LOCI_SMTP_PASSWORD"


@dataclass(frozen=True)
class Smtp:
    """The SMTP options as given: --smtp HOST[:PORT], --starttls, --ssl, --smtp-user."""

    server: str | None = None
    starttls: bool = False
    ssl: bool = False
    user: str | None = None

    def settings(self, environ: Mapping[str, str]) -> SmtpSettings | None:
        """HOST, HOST:PORT or [IPv6]:PORT, with the password from the environment only; None without --smtp."""
        from ..io.outbox import SmtpSettings

        value = self.server
        if value is None:
            return None
        host, port_text = value, ""
        if value.startswith("["):
            host, _bracket, rest = value[1:].partition("]")
            port_text = rest.removeprefix(":")
        elif value.count(":") == 1:
            host, _colon, port_text = value.partition(":")
        if not host:
            raise UsageProblem(f"--smtp '{value}' names no host", hint="write --smtp HOST or --smtp HOST:PORT, e.g. smtp.example.org:587")
        try:
            port = int(port_text) if port_text else (465 if self.ssl else 587)
        except ValueError:
            port = -1
        if not 0 < port < 65536:
            raise UsageProblem(f"--smtp '{value}': '{port_text}' is not a port", hint="a port is a number from 1 to 65535, e.g. 587")
        return SmtpSettings(host, port, "ssl" if self.ssl else "starttls" if self.starttls else "auto", self.user, self._password(environ))

    def _password(self, environ: Mapping[str, str]) -> str | None:
        if self.user is None:
            return None
        password = environ.get(PASSWORD_VARIABLE)
        if not password:
            raise UsageProblem(
                f"--smtp-user {self.user} needs a password in ${PASSWORD_VARIABLE}",
                hint=f"export {PASSWORD_VARIABLE}=... first; loci never takes a password on the command line",
            )
        return password


@dataclass(frozen=True)
class InviteRequest:
    """Everything the command line asked of 'loci invite', checked for combinations that make no sense."""

    what: Sending = field(default_factory=Sending)
    smtp: Smtp = field(default_factory=Smtp)
    outbox: Path = Path("outbox")
    dry_run: bool = False
    resend: bool = False
    html: bool = False
    tzid: bool = False

    def check(self) -> None:
        self.what.check_selection()
        if self.what.since is not None and self.what.cancel:
            raise UsageProblem("--since and --cancel cannot be combined", hint="--since already cancels what was removed")
        if self.smtp.starttls and self.smtp.ssl:
            raise UsageProblem("--starttls and --ssl cannot be combined", hint="--ssl for port 465, --starttls for 587")
        if self.smtp.server is None:
            without = {"--starttls": self.smtp.starttls, "--ssl": self.smtp.ssl, "--smtp-user": self.smtp.user, "--resend": self.resend}
            given = [name for name, value in without.items() if value]
            if given:
                raise UsageProblem(
                    f"{', '.join(given)} {'needs' if len(given) == 1 else 'need'} --smtp HOST",
                    hint="without --smtp the messages only go into the outbox",
                )


@dataclass(frozen=True)
class Invited:
    """What happened: the outbox's messages (without --smtp), or every copy sent; and the error to end with, if any."""

    outbox: OutboxRow | None = None
    sent: SendRow | None = None
    dry_run: bool = False
    failure: LociError | None = None


def invite(
    request: InviteRequest,
    env: Environment,
    agenda: str | None,
    agenda_format: AgendaFormat,
    progress: Callable[[int, int], None] | None = None,
) -> Invited:
    """Write the invitations ``request`` asks for into its outbox, and send them when it names a server."""
    from ..formats import ical, mail, scheduling
    from ..formats.load import load_agenda
    from ..io import outbox

    settings = request.smtp.settings(env.environ)
    what = request.what
    ag = load_agenda(agenda, env.environ, agenda_format, stdin=env.input)
    who, found = what.people(ag, agenda)
    organizer = need_people(who, found, "loci invite --cancel" if what.cancel else "loci invite")
    old = what.older(env, ag)
    options = ical.Options(
        stamp=env.clock(),
        method=ical.Method.CANCEL if what.cancel else ical.Method.REQUEST,
        zone=ag.zone if request.tzid else None,
        organizer=organizer,
        attendees=tuple(found),
    )
    made = scheduling.build(ag, what.selection, options, since=old)
    if not made:
        Output(env).message(_("loci: nothing changed since {since}: no message to send").format(since=what.since))
        return Invited(outbox={"outbox": str(request.outbox), "messages": [], "complete": True})
    mails = mail.build(
        [replace(scheduling.invitation(item, ag), describe=partial(describe, ag, item.entry.description)) for item in made],
        mail.Recipient(organizer.email, organizer.name),
        [mail.Recipient(p.email, p.name, p.zone, p.lang) for p in found],
        date=env.clock(),
        html=request.html,
    )

    def waiting() -> None:
        Output(env).message(_("loci: another run is using the outbox {outbox}; waiting for it to finish").format(outbox=request.outbox))

    if settings is not None and request.outbox.is_dir():
        # A damaged journal stops the run before it writes anything (read again, under the lock, to send).
        outbox.journal(request.outbox)
    if request.dry_run:
        written = outbox.Written((), (), tuple(mails))
    else:
        written = outbox.write(mails, request.outbox, waiting=waiting)
        # Said now, not returned: sending may take long, or end in an error.
        kept = " " + _("({count} already there)").format(count=len(written.kept)) if written.kept else ""
        Output(env).message(_("Wrote {what} to {where}").format(what=plural(len(written.new), "message"), where=request.outbox) + kept)
    if settings is None:
        return Invited(outbox=outbox_row(written, request.outbox, dry_run=request.dry_run), dry_run=request.dry_run)
    result = outbox.send(
        written.mails,
        request.outbox,
        settings,
        resend=request.resend,
        dry_run=request.dry_run,
        clock=env.clock,
        waiting=waiting,
        progress=progress,
    )
    return Invited(sent=send_row(result, settings, request.outbox), dry_run=result.dry_run, failure=failure(result, request.outbox))


def describe(agenda: Agenda, description: str, lang: Language) -> str:
    """A calendar entry's description as a personal message's text says it in ``lang``: its day's heading and its labels.

    The entry's own text (the session's description, written by the organisers) stays
    as it is; the headings loci wrote in English are said again in ``lang``.
    """
    for day in agenda.days:
        on = datetime.combine(day.date, time())
        start, end = day.start_at.astimezone(agenda.zone), day.end_at.astimezone(agenda.zone)
        for begin, finish in ((on, on), (start, end)):
            english = day_heading(day.number, day.title, begin, finish)
            if english in description:
                description = description.replace(english, day_heading(day.number, day.title, begin, finish, lang))
    lines = []
    for line in description.split("\n"):
        if line.startswith("Led by: "):
            line = lang.gettext("Led by: {lead}").format(lead=line.removeprefix("Led by: "))
        elif (times := re.fullmatch(r"Times in (\S+) \((.+)\)\.", line)) is not None:
            line = lang.gettext("Times in {zone} ({abbreviation}).").format(zone=times[1], abbreviation=times[2])
        lines.append(line)
    return "\n".join(lines)


def outbox_row(written: Written, directory: Path, *, dry_run: bool) -> OutboxRow:
    def status(name: str) -> str:
        return "would write" if dry_run else "written" if directory / f"{name}.eml" in written.new else "kept"

    return {
        "outbox": str(directory),
        "messages": [
            {
                "file": f"{m.name}.eml",
                "message_id": m.message_id,
                "subject": m.subject,
                "recipients": list(m.recipients),
                "status": status(m.name),
            }
            for m in written.mails
        ],
        "complete": not dry_run,
    }


def send_row(result: SendResult, settings: SmtpSettings, directory: Path) -> SendRow:
    rows: list[DeliveryRow] = []
    for status, deliveries in (
        ("would send" if result.dry_run else "sent", result.sent),
        ("skipped", result.skipped),
        ("unsent", result.unsent),
    ):
        for d in deliveries:
            rows += [{"file": f"{d.name}.eml", "message_id": d.message_id, "recipient": r, "status": status} for r in d.recipients]
    rows += [
        {
            "file": f"{r.name}.eml",
            "message_id": r.message_id,
            "recipient": r.recipient,
            "status": "refused",
            "reply": r.reply,
        }
        for r in result.refused
    ]
    return {"outbox": str(directory), "server": settings.where, "deliveries": rows, "complete": result.complete}


def failure(result: SendResult, directory: Path) -> LociError | None:
    """The error a run ends with when anything was refused or not sent: exit status 1."""
    if result.stopped and result.cause:
        return ServerMismatch(result.stopped, cause=result.cause, where=str(directory))
    if result.stopped:
        return SendingStopped(str(result.stopped), where=str(directory))
    if result.refused:
        return RecipientsRefused(_refused(result), where=str(directory))
    if not result.complete and not result.dry_run:
        return SendingStopped("not every copy was sent", where=str(directory))
    return None


def _refused(result: SendResult) -> str:
    """'the server refused 2 copies', or loci's own reason when it refused them all itself (no SMTPUTF8)."""
    copies = plural(len(result.refused), "copy", "copies")
    if all(r.code is None for r in result.refused):
        return f"{copies} not sent: {result.refused[0].reason}"
    if any(r.code is None for r in result.refused):
        return f"the server refused or could not carry {copies}"
    return f"the server refused {copies}"
