"""'loci invite': options -> a checked request -> the invite action (actions/invite.py) -> what happened, said."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..actions.invite import InviteRequest, Smtp
from ..actions.sending import Sending
from ..formats.detect import AgendaFormat
from ..views.output import Output
from .options import AgendaFormatOption, AgendaOption, agenda_hints, env_of, folder_path, sending_options, smtp_options


@agenda_hints
@sending_options(
    day="Only day N's sessions.",
    since="Only what changed since the agenda file OLD: updates for added, moved and changed events, "
    "cancellations for removed ones. The agenda's revision must be higher than OLD's.",
    cancel="Cancel the events instead (METHOD:CANCEL).",
)
@smtp_options()
def invite(
    ctx: typer.Context,
    *,
    what: Sending,
    outbox_dir: Annotated[
        Path,
        typer.Option("--outbox", metavar="DIR", parser=folder_path, help="Where the .eml files and the record of what was sent are kept."),
    ] = Path("outbox"),
    smtp: Smtp,
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
    from ..actions.invite import invite as run
    from ..i18n import _
    from ..views.progress import progress
    from ..views.sending import outbox_report, sent_report

    request = InviteRequest(what, smtp, outbox_dir, dry_run, resend, html, tzid)
    request.check()
    env = env_of(ctx)
    # A bar on stderr while copies go out, when it is a terminal and the sending lasts (views/progress.py).
    with progress(env, 0, _("Sending"), result_to_stdout=json_) as advance:
        done = run(request, env, agenda, agenda_format, progress=advance.to)
    if done.sent is not None:
        sent_report(Output(env), done.sent, dry_run=done.dry_run, json_=json_)
    elif done.outbox is not None:
        outbox_report(Output(env), done.outbox, json_=json_)
    if done.failure is not None:
        raise done.failure


COMMANDS = (invite,)
