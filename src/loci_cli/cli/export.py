"""'loci export': options -> a checked request -> the export action (actions/export.py) -> what it wrote, said."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..actions.export import MAX_ALARM_MINUTES, ExportFormat, ExportRequest
from ..actions.sending import Sending
from ..core.errors import UsageProblem
from ..core.queries import Filter
from ..formats.detect import AgendaFormat
from ..views.output import Output
from .options import AgendaFormatOption, AgendaOption, HeldInOption, StarredOption, agenda_hints, env_of, sending_options, user_zone


@agenda_hints
@sending_options(day="Only day N.")
def export(
    ctx: typer.Context,
    *,
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE ('-' for stdout). [default: stdout]"),
    ] = None,
    split: Annotated[
        Optional[str],
        typer.Option("--split", metavar="DIR", help="Write one file per event into DIR (created if missing), named by id."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
    format_: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            case_sensitive=False,
            help="Output format: ics (iCalendar, RFC 5545), frab (frab/pretalx schedule JSON, the whole programme) "
            "or frab-xml (the same as schedule.xml).",
        ),
    ] = ExportFormat.ics,
    what: Sending,
    tzid: Annotated[
        bool,
        typer.Option("--tzid", help="Local times with TZID and a VTIMEZONE (the agenda's zone, or --tz) instead of UTC."),
    ] = False,
    invite: Annotated[bool, typer.Option("--invite", help="An invitation (METHOD:REQUEST) with ORGANIZER and ATTENDEEs.")] = False,
    alarm: Annotated[
        Optional[int],
        typer.Option(
            "--alarm",
            metavar="MINUTES",
            min=0,
            max=MAX_ALARM_MINUTES,
            help="Add a reminder this many minutes before each event (at most 40320, four weeks).",
        ),
    ] = None,
    tz: Annotated[
        Optional[str],
        typer.Option("--tz", metavar="ZONE", help="The zone for --tzid and the --per-day programme. [default: the agenda's]"),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print what was written as JSON on stdout (needs -o FILE or --split).")] = False,
    starred: StarredOption = False,
    held_in: HeldInOption = None,
    agenda: AgendaOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
) -> None:
    """Write the agenda as an iCalendar (.ics) file, or as a frab schedule (JSON or XML).

    Times are UTC unless --tzid is given. UIDs come from the agenda's and the
    sessions' ids, so importing a newer export updates the events instead of
    duplicating them. Without -o the calendar goes to stdout. --format frab
    (JSON) and --format frab-xml (schedule.xml) write the whole programme,
    breaks included, for apps that read frab schedules (Giggity, ConfClerk,
    EventFahrplan).
    """
    from ..actions.export import export as run
    from ..formats.load import load_agenda
    from ..i18n import _
    from ..views.progress import progress
    from ..views.sending import export_report

    request = ExportRequest(format_, output, split, force, json_, tzid, invite, alarm, tz, what)
    request.check()
    only = _only(request, starred, held_in)
    env = env_of(ctx)
    # Resolved here, once, before the agenda is read: a mistyped zone is a usage error whatever the agenda holds.
    zone = user_zone(env, tz, lambda: load_agenda(agenda, env.environ, agenda_format, stdin=env.input)) if tz else None
    out = Output(env)
    # A bar on stderr while a big calendar is written, when it is a terminal (views/progress.py).
    with progress(env, 0, _("Exporting"), result_to_stdout=request.to_stdout or json_) as advance:
        done = run(request, env, zone, agenda, agenda_format, only, progress=advance.to)
        if done.stdout is not None:
            from ..io.files import batched

            for piece in batched(done.stdout):
                out.bytes(piece)
    export_report(out, done.what, done.where, done.row, stdout=None, json_=json_)


def _only(request: ExportRequest, starred: bool, held_in: str | None) -> Filter | None:
    """--starred and --held-in as a filter of the sessions written; refused where a part would mean the whole."""
    if not (starred or held_in):
        return None
    given = "--starred" if starred else "--held-in"
    if request.format is not ExportFormat.ics:
        raise UsageProblem(
            f"{given} does not apply to --format {request.format.value}", hint="a frab schedule always holds the whole programme"
        )
    if request.what.since is not None:
        # Sessions left out would read as removed, and be cancelled.
        raise UsageProblem(f"{given} cannot be combined with --since", hint="--since compares the whole programme")
    return Filter(language=held_in, starred=frozenset() if starred else None)


COMMANDS = (export,)
