"""'loci invite': invitations by e-mail, into an outbox of .eml files or through an SMTP server.

Options -> the iTIP objects (formats/scheduling.py, one per UID) -> MIME
messages (formats/mail.py) -> the outbox, and with --smtp the server, which a
journal in the outbox keeps from getting any message twice (formats/outbox.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import RecipientsRefused, SendingStopped, UsageProblem
from ..formats.detect import AgendaFormat
from ..views.words import plural
from .options import (
    AgendaFormatOption,
    AgendaOption,
    AttendeeOption,
    AttendeesOption,
    IncludeBreaksOption,
    OrganizerOption,
    PerDayOption,
    SessionOption,
    agenda_hints,
    env_of,
)

if TYPE_CHECKING:
    from ..io.outbox import SendResult, SmtpSettings, Written
    from ..views.output import Output
    from ..views.rows import DeliveryRow, OutboxRow, SendRow

PASSWORD_VARIABLE = "LOCI_SMTP_PASSWORD"


@agenda_hints
def invite(
    ctx: typer.Context,
    organizer: OrganizerOption = None,
    attendee: AttendeeOption = None,
    attendees: AttendeesOption = None,
    session: SessionOption = None,
    day: Annotated[Optional[int], typer.Option("--day", "-d", metavar="N", help="Only day N's sessions.")] = None,
    per_day: PerDayOption = False,
    include_breaks: IncludeBreaksOption = False,
    since: Annotated[
        Optional[str],
        typer.Option(
            "--since",
            metavar="OLD",
            help="Only what changed since the agenda file OLD: updates for added, moved and changed events, "
            "cancellations for removed ones. The agenda's revision must be higher than OLD's.",
        ),
    ] = None,
    cancel: Annotated[bool, typer.Option("--cancel", help="Cancel the events instead (METHOD:CANCEL).")] = False,
    outbox_dir: Annotated[
        Path,
        typer.Option("--outbox", metavar="DIR", help="Where the .eml files and the record of what was sent are kept."),
    ] = Path("outbox"),
    smtp: Annotated[
        Optional[str],
        typer.Option("--smtp", metavar="HOST[:PORT]", help="Send through this server. [default port: 587, 465 with --ssl]"),
    ] = None,
    starttls: Annotated[
        bool, typer.Option("--starttls", help="Insist on STARTTLS. [default: STARTTLS when offered; plain only to this machine]")
    ] = False,
    ssl: Annotated[bool, typer.Option("--ssl", help="Implicit TLS from the first byte (usually port 465).")] = False,
    smtp_user: Annotated[
        Optional[str],
        typer.Option("--smtp-user", metavar="USER", help=f"Log in as USER; the password is read from ${PASSWORD_VARIABLE}."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be written or sent; write and send nothing.")] = False,
    resend: Annotated[bool, typer.Option("--resend", help="Send again messages the outbox records as sent.")] = False,
    html: Annotated[bool, typer.Option("--html", help="Add an HTML part beside the plain text.")] = False,
    tzid: Annotated[
        bool, typer.Option("--tzid", help="Local times with TZID and a VTIMEZONE in the calendar objects instead of UTC.")
    ] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print what happened to each message as JSON on stdout.")] = False,
    agenda: AgendaOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
) -> None:
    """Invite people to the sessions by e-mail: one message per event, personal ones for attendees with a zone.

    Each message holds the event as text, as text/calendar (the part mail
    programs show Accept/Decline for) and as an invite.ics attachment. The
    messages go into --outbox as .eml files; with --smtp they are also sent,
    and the outbox records each one the server accepted, so running the same
    command again sends only what is left (--resend sends again). Exit status
    1 when anything was refused or not sent.
    """
    from ..formats import ical, mail, scheduling
    from ..formats.load import load_agenda
    from ..io import outbox
    from ..views.output import Output
    from .export import load_since, need_people, people

    if session is not None and (day is not None or per_day):
        raise UsageProblem("--session cannot be combined with --day or --per-day", hint="give one of them")
    if since is not None and cancel:
        raise UsageProblem("--since and --cancel cannot be combined", hint="--since already cancels what was removed")
    if starttls and ssl:
        raise UsageProblem("--starttls and --ssl cannot be combined", hint="--ssl for port 465, --starttls for 587")
    if smtp is None:
        given = [
            name for name, value in {"--starttls": starttls, "--ssl": ssl, "--smtp-user": smtp_user, "--resend": resend}.items() if value
        ]
        if given:
            raise UsageProblem(
                f"{', '.join(given)} {'needs' if len(given) == 1 else 'need'} --smtp HOST",
                hint="without --smtp the messages only go into the outbox",
            )
    env = env_of(ctx)
    settings = smtp_settings(smtp, starttls, ssl, smtp_user, env.environ) if smtp is not None else None

    out = Output(env)
    ag = load_agenda(agenda, env.environ, agenda_format, stdin=env.input)
    who, found = people(ag, organizer, tuple(attendee or ()), attendees, agenda)
    flag = "loci invite --cancel" if cancel else "loci invite"
    need_people(who, found, flag)
    assert who is not None
    old = load_since(since, env) if since else None
    options = ical.Options(
        stamp=env.clock(),
        method=ical.Method.CANCEL if cancel else ical.Method.REQUEST,
        zone=ag.zone if tzid else None,
        organizer=who,
        attendees=tuple(found),
    )
    selection = scheduling.Selection(day, session, per_day, include_breaks)
    made = scheduling.build(ag, selection, options, since=old)
    if not made:
        out.message(f"loci: nothing changed since {since}: no message to send")
        if json_:
            nothing: OutboxRow = {"outbox": str(outbox_dir), "messages": [], "complete": True}
            out.json(nothing)
        return
    mails = mail.build(
        [scheduling.invitation(item, ag) for item in made],
        mail.Recipient(who.email, who.name),
        [mail.Recipient(p.email, p.name, p.zone) for p in found],
        date=env.clock(),
        html=html,
    )
    if dry_run:
        written = outbox.Written((), (), tuple(mails))
    else:
        written = outbox.write(mails, outbox_dir)
        out.message(
            f"Wrote {plural(len(written.new), 'message')} to {outbox_dir}"
            + (f" ({len(written.kept)} already there)" if written.kept else "")
        )
    if settings is None:
        report_outbox(out, written, outbox_dir, dry_run=dry_run, json_=json_)
        return
    result = outbox.send(written.mails, outbox_dir, settings, resend=resend, dry_run=dry_run, clock=env.clock)
    report_sent(out, result, settings, outbox_dir, json_=json_)
    if result.stopped:
        raise SendingStopped(str(result.stopped), where=str(outbox_dir))
    if result.refused:
        raise RecipientsRefused("the server refused some recipients", where=str(outbox_dir))
    if not result.complete and not result.dry_run:
        raise SendingStopped("not every copy was sent", where=str(outbox_dir))


def smtp_settings(value: str, starttls: bool, ssl: bool, user: str | None, environ: Mapping[str, str]) -> SmtpSettings:
    """HOST, HOST:PORT or [IPv6]:PORT, with the password from the environment only."""
    from ..io.outbox import SmtpSettings

    host, port_text = value, ""
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif value.count(":") == 1:
        host, _, port_text = value.partition(":")
    if not host:
        raise UsageProblem(f"--smtp '{value}' names no host", hint="write --smtp HOST or --smtp HOST:PORT, e.g. smtp.example.org:587")
    try:
        port = int(port_text) if port_text else (465 if ssl else 587)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise UsageProblem(f"--smtp '{value}': '{port_text}' is not a port", hint="a port is a number from 1 to 65535, e.g. 587")
    password = None
    if user is not None:
        password = environ.get(PASSWORD_VARIABLE)
        if not password:
            raise UsageProblem(
                f"--smtp-user {user} needs a password in ${PASSWORD_VARIABLE}",
                hint=f"export {PASSWORD_VARIABLE}=... first; loci never takes a password on the command line",
            )
    return SmtpSettings(host, port, "ssl" if ssl else "starttls" if starttls else "auto", user, password)


def report_outbox(out: Output, written: Written, directory: Path, *, dry_run: bool, json_: bool) -> None:
    for m in written.mails:
        state = "would write" if dry_run else ("written" if directory / f"{m.name}.eml" in written.new else "already there")
        out.message(f"{state:<13} {m.name}.eml  to {', '.join(m.recipients)}")
    if json_:
        outbox: OutboxRow = {
            "outbox": str(directory),
            "messages": [
                {
                    "file": f"{m.name}.eml",
                    "message_id": m.message_id,
                    "subject": m.subject,
                    "recipients": list(m.recipients),
                    "status": "would write" if dry_run else "written" if directory / f"{m.name}.eml" in written.new else "kept",
                }
                for m in written.mails
            ],
            "complete": not dry_run,
        }
        out.json(outbox)


def report_sent(out: Output, result: SendResult, settings: SmtpSettings, directory: Path, *, json_: bool) -> None:
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
            "reply": f"{r.code} {r.reason}",
        }
        for r in result.refused
    ]
    for row in rows:
        reply = f"  ({row['reply']})" if "reply" in row else ""
        out.message(f"{row['status']:<10} {row['file']}  to {row['recipient']}{reply}")
    where = f"{settings.host}:{settings.port}"
    from collections import Counter

    count = Counter(str(row["status"]) for row in rows)
    if result.dry_run:
        out.message(f"Would send {plural(count['would send'], 'copy', 'copies')} through {where}; {count['skipped']} already sent")
    else:
        out.message(
            f"Sent {plural(count['sent'], 'copy', 'copies')} through {where}: {count['skipped']} sent before, "
            f"{count['refused']} refused, {count['unsent']} not sent"
        )
    if json_:
        sent: SendRow = {"outbox": str(directory), "server": where, "deliveries": rows, "complete": result.complete}
        out.json(sent)


COMMANDS = (invite,)
