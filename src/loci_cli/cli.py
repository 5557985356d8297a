"""The loci command line: parse, call the core, render, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional
from zoneinfo import ZoneInfo

import typer
from typer.core import TyperGroup

from . import __version__, render
from .agenda import days_on, find_day, find_session, load_agenda, moment, nearest_day
from .environment import Environment
from .errors import ExitCode, LociError
from .models import Agenda
from .present import day_row, info_row, moment_row, session_row
from .timezones import resolve_zone, tzdata_version


class LociGroup(TyperGroup):
    """Turns every domain error into one line on stderr and its exit code, in one place."""

    def invoke(self, ctx: typer.Context):
        try:
            result = super().invoke(ctx)
            # Flush here so a closed pipe surfaces now, not at interpreter exit.
            sys.stdout.flush()
            return result
        except LociError as err:
            render.message(f"loci: error: {err}")
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None


def _silence_stdout() -> None:
    # The reader has gone; point stdout at /dev/null so the final flush is quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    cls=LociGroup,
    name="loci",
    help="The LOCI Regional Meeting agenda (or any loci agenda) in your own time zone.",
    epilog="Exit codes: 0 success; 1 bad agenda data or a runtime failure; 2 usage error; "
    "130 interrupted; 141 output pipe closed early.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The options every command shares, written once.
TzOption = Annotated[
    Optional[str],
    typer.Option(
        "--tz",
        envvar="LOCI_TZ",
        metavar="ZONE",
        show_default=False,
        help="Show times in this zone (IANA name, e.g. Asia/Almaty; 'local' for the system zone). [default: local]",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
AgendaOption = Annotated[
    Optional[str],
    typer.Option(
        "--agenda",
        envvar="LOCI_AGENDA",
        metavar="FILE",
        show_default=False,
        help="Read this agenda file instead of the embedded LOCI agenda.",
    ),
]


def _env(ctx: typer.Context) -> Environment:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Environment) else Environment()


def _open(ctx: typer.Context, tz: str | None, agenda_path: str | None) -> tuple[Environment, Agenda, ZoneInfo]:
    env = _env(ctx)
    # The zone first: a mistyped --tz is a usage error whatever the agenda holds.
    zone = resolve_zone(tz, env.environ)
    return env, load_agenda(agenda_path, env.environ), zone


def _version(value: bool) -> None:
    if value:
        render.write_text(f"loci {__version__} (tzdata {tzdata_version()})")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show loci's and tzdata's versions.")
    ] = False,
) -> None:
    """The LOCI Regional Meeting agenda (or any loci agenda) in your own time zone."""


@app.command()
def info(ctx: typer.Context, tz: TzOption = None, json_: JsonOption = False, agenda: AgendaOption = None) -> None:
    """Show the meeting: title, dates, venue, organisers, contacts and about text."""
    _, ag, zone = _open(ctx, tz, agenda)
    row = info_row(ag, zone)
    if json_:
        render.write_json(row)
    else:
        render.write_text(render.info_text(row))


@app.command()
def days(ctx: typer.Context, tz: TzOption = None, json_: JsonOption = False, agenda: AgendaOption = None) -> None:
    """List the meeting days with their start and end in your zone."""
    _, ag, zone = _open(ctx, tz, agenda)
    rows = [day_row(ag, day, zone) for day in ag.days]
    if json_:
        for row in rows:
            del row["sessions"]
        render.write_json(rows)
    else:
        render.print_days(ag.title, rows)


@app.command()
def sessions(
    ctx: typer.Context,
    day: Annotated[Optional[int], typer.Option("--day", "-d", metavar="N", help="Only day N (see 'loci days').")] = None,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
) -> None:
    """List the programme, grouped by day, in your zone and the event's."""
    _, ag, zone = _open(ctx, tz, agenda)
    chosen = [find_day(ag, day)] if day is not None else ag.days
    rows = [day_row(ag, d, zone) for d in chosen]
    if json_:
        render.write_json(rows)
    else:
        render.print_programme(ag.title, rows)


@app.command()
def today(
    ctx: typer.Context,
    date: Annotated[
        Optional[str],
        typer.Option("--date", metavar="DATE", help="Another date, e.g. 2020-11-10 or '10 Nov 2020'. [default: today]"),
    ] = None,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
) -> None:
    """Show the meeting days with any session on a date in your zone, each whole."""
    from .dates import parse_date

    env, ag, zone = _open(ctx, tz, agenda)
    local_today = env.clock().astimezone(zone).date()
    on = parse_date(date, local_today) if date else local_today
    rows = [day_row(ag, d, zone) for d in days_on(ag, on, zone)]
    if not rows:
        near = nearest_day(ag, on, zone)
        starts = near.start_at.astimezone(zone)
        render.message(
            f"Nothing on {on:%a %d %b %Y} in {zone.key}. The nearest meeting day is Day {near.number}, "
            f"{starts:%a %d %b %Y} from {starts:%H:%M} (try: loci today --date {starts:%Y-%m-%d})."
        )
    if json_:
        render.write_json(rows)
    elif rows:
        render.print_programme(ag.title, rows, on)


@app.command()
def now(
    ctx: typer.Context,
    at: Annotated[
        Optional[str],
        typer.Option(
            "--at",
            metavar="DATETIME",
            help="Another moment, e.g. '2020-11-10 12:45'; read in --tz unless it has an offset. [default: now]",
        ),
    ] = None,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
) -> None:
    """Show the session running now and the next one, with the time until it starts."""
    env, ag, zone = _open(ctx, tz, agenda)
    if at:
        from .dates import parse_moment

        instant = parse_moment(at, zone, env.clock())
    else:
        instant = env.clock().astimezone(zone)
    row = moment_row(ag, moment(ag, instant), zone)
    if json_:
        render.write_json(row)
    else:
        render.write_text(render.moment_text(row))


@app.command()
def show(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="ID", help="A session id, as 'loci sessions' lists them.")],
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
) -> None:
    """Show one session in full."""
    _, ag, zone = _open(ctx, tz, agenda)
    slot = find_session(ag, session_id)
    row = session_row(ag, slot.day, slot.session, zone)
    if json_:
        render.write_json(row)
    else:
        day = day_row(ag, slot.day, zone)
        render.write_text(render.session_text(row, day))


class ExportFormat(str, Enum):
    """What 'loci export' writes; more formats add a member and a branch in export()."""

    ics = "ics"


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE ('-' for stdout). [default: stdout]"),
    ] = None,
    split: Annotated[
        Optional[Path],
        typer.Option("--split", metavar="DIR", help="Write one file per event into DIR (created if missing), named by id."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
    format_: Annotated[
        ExportFormat, typer.Option("--format", metavar="FORMAT", help="Output format: ics (iCalendar, RFC 5545).")
    ] = ExportFormat.ics,
    day: Annotated[Optional[int], typer.Option("--day", "-d", metavar="N", help="Only day N.")] = None,
    session: Annotated[Optional[str], typer.Option("--session", metavar="ID", help="Only this session.")] = None,
    per_day: Annotated[
        bool, typer.Option("--per-day", help="One event per day (its whole block), the programme in its description.")
    ] = False,
    include_breaks: Annotated[bool, typer.Option("--include-breaks", help="Export breaks too.")] = False,
    tzid: Annotated[
        bool,
        typer.Option("--tzid", help="Local times with TZID and a VTIMEZONE (the agenda's zone, or --tz) instead of UTC."),
    ] = False,
    invite: Annotated[
        bool, typer.Option("--invite", help="An invitation (METHOD:REQUEST) with ORGANIZER and ATTENDEEs.")
    ] = False,
    cancel: Annotated[
        bool, typer.Option("--cancel", help="A cancellation (METHOD:CANCEL) of the same events.")
    ] = False,
    organizer: Annotated[
        Optional[str],
        typer.Option("--organizer", metavar="EMAIL", help="The organiser's address. [default: the agenda's email]"),
    ] = None,
    attendee: Annotated[
        Optional[list[str]],
        typer.Option("--attendee", metavar="EMAIL", help="Invite this address ('Name <a@b.org>' too); repeatable."),
    ] = None,
    attendees: Annotated[
        Optional[str],
        typer.Option("--attendees", metavar="FILE", help="Invite the addresses in FILE: one a line, or CSV name,email."),
    ] = None,
    alarm: Annotated[
        Optional[int],
        typer.Option("--alarm", metavar="MINUTES", min=0, help="Add a reminder this many minutes before each event."),
    ] = None,
    tz: Annotated[
        Optional[str],
        typer.Option("--tz", metavar="ZONE", help="The zone for --tzid and the --per-day programme. [default: the agenda's]"),
    ] = None,
    json_: Annotated[
        bool, typer.Option("--json", help="Print what was written as JSON on stdout (needs -o FILE or --split).")
    ] = False,
    agenda: AgendaOption = None,
) -> None:
    """Write the agenda as an iCalendar (.ics) file: all sessions, a day or one session.

    Times are UTC unless --tzid is given. UIDs come from the agenda's and the
    sessions' ids, so importing a newer export updates the events instead of
    duplicating them. Without -o the calendar goes to stdout.
    """
    from . import calendar, output as out
    from .addresses import parse_person, read_attendees, unique
    from .errors import AgendaError, UsageProblem

    to_stdout = split is None and output in (None, out.STDOUT)
    if split is not None and output is not None:
        raise UsageProblem("-o and --split cannot be combined", hint="--split DIR writes one file per event into DIR")
    if json_ and to_stdout:
        raise UsageProblem("--json needs -o FILE or --split DIR", hint="stdout holds the calendar itself")
    if invite and cancel:
        raise UsageProblem("--invite and --cancel cannot be combined", hint="send the invitation and the cancellation separately")
    method = calendar.Method.CANCEL if cancel else calendar.Method.REQUEST if invite else calendar.Method.PUBLISH
    if (attendee or attendees) and method is calendar.Method.PUBLISH:
        raise UsageProblem("--attendee and --attendees need --invite or --cancel", hint="add --invite")

    env = _env(ctx)
    zone = resolve_zone(tz, env.environ) if tz else None
    ag = load_agenda(agenda, env.environ)
    people = [parse_person(text, where="--attendee") for text in attendee or []]
    if attendees:
        people += read_attendees(attendees)
    who = None
    if organizer:
        who = parse_person(organizer, where="--organizer")
    elif ag.email:
        who = parse_person(ag.email, where=f"{agenda or 'agenda'}: $.email", error=AgendaError)
    if method is not calendar.Method.PUBLISH and who is None:
        raise UsageProblem(
            f"--{'cancel' if cancel else 'invite'} needs the organiser's address",
            hint="give --organizer EMAIL or set \"email\" in the agenda",
        )
    if invite and not people:
        raise UsageProblem("--invite needs at least one attendee", hint="give --attendee EMAIL or --attendees FILE")

    zone = zone or ag.zone
    chosen = calendar.entries(ag, day=day, session=session, include_breaks=include_breaks, per_day=per_day, zone=zone)
    options = calendar.Options(
        stamp=env.clock(),
        method=method,
        zone=zone if tzid else None,
        organizer=who,
        attendees=tuple(unique(people)),
        alarm_minutes=alarm,
    )
    if format_ is ExportFormat.ics:
        if split is not None:
            files = [
                (split / f"{entry.name}.ics", calendar.to_ical(calendar.build_calendar(ag, [entry], options)))
                for entry in chosen
            ]
        else:
            files = [(None, calendar.to_ical(calendar.build_calendar(ag, chosen, options)))]

    count = f"{len(chosen)} event{'s' if len(chosen) != 1 else ''}"
    if to_stdout:
        out.write_stdout(files[0][1])
        render.message(f"Wrote {count} to stdout")
        return
    if split is not None:
        out.ensure_directory(split)
        where = f"{len(files)} file{'s' if len(files) != 1 else ''} in {split}"
    else:
        files = [(Path(output), files[0][1])]
        where = output
    out.write_files([out.Target(path, data) for path, data in files], force=force)
    render.message(f"Wrote {count} to {where}")
    if json_:
        render.write_json({"events": len(chosen), "files": [str(path) for path, _ in files]})


def main() -> None:
    """The console script: the app, with Ctrl-C outside a command ending quietly too."""
    try:
        app(prog_name="loci")
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
