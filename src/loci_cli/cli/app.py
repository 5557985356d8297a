"""The loci command line: parse, call the core, render, map errors to exit codes."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperGroup

try:  # Typer 0.28 ships its own copy of Click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # pragma: no cover - a Typer that uses the real Click
    from click.exceptions import ClickException, NoArgsIsHelpError

from .. import __version__
from ..core.errors import LociError, UsageProblem
from ..formats.kinds import AgendaFormat
from ..views import text as render
from .environment import Environment
from .status import ExitCode, exit_code

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda

# The agenda, its models (Pydantic) and the row builders are imported inside
# the commands: --help, --version and usage errors never pay for them.


class LociGroup(TyperGroup):
    """Turns every domain error into one line on stderr and its exit code, in one place."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        # Click's own usage errors print a usage block; loci's errors are one line, like the rest.
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as err:
            err.show()
            code = err.exit_code
        except ClickException as err:
            render.message(f"loci: error: {_usage_line(err)}")
            code = err.exit_code
        except typer.Abort:
            code = int(ExitCode.INTERRUPTED)
        code = code if isinstance(code, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)

    def invoke(self, ctx: typer.Context):
        try:
            result = super().invoke(ctx)
            # Flush here so a closed pipe surfaces now, not at interpreter exit.
            sys.stdout.flush()
            return result
        except LociError as err:
            render.message(f"loci: error: {err}")
            raise typer.Exit(int(exit_code(err))) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None


def _usage_line(err: ClickException) -> str:
    text = " ".join(err.format_message().split()).rstrip(".")
    text = text[:1].lower() + text[1:]
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        text += f" (hint: see '{ctx.command_path} -h')"
    return text


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
        help="Show times in this zone: a city (Almaty, Київ), a country, an offset (UTC+6), an IANA name "
        "(Asia/Almaty) or 'local' for the system zone. [default: local]",
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

# --format for reading; export spells its output format --format, so it takes --agenda-format.
FormatOption = Annotated[
    AgendaFormat,
    typer.Option(
        "--format",
        "--agenda-format",
        case_sensitive=False,
        help="Read the agenda as loci's format or a frab/pretalx schedule. [default: auto-detect]",
        show_default=False,
    ),
]
RoomOption = Annotated[
    Optional[str], typer.Option("--room", metavar="ROOM", help="Only sessions in this room (any letter case).")
]
TrackOption = Annotated[
    Optional[str], typer.Option("--track", metavar="TRACK", help="Only sessions on this track (any letter case).")
]
SearchOption = Annotated[
    Optional[str],
    typer.Option(
        "--search",
        metavar="TEXT",
        help="Only sessions whose id, title, description, speakers, room or track hold every word of TEXT.",
    ),
]
ByRoomOption = Annotated[bool, typer.Option("--by-room", help="One table per room within each day.")]


def _env(ctx: typer.Context) -> Environment:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Environment) else Environment()


def _open(
    ctx: typer.Context, tz: str | None, agenda_path: str | None, fmt: AgendaFormat = AgendaFormat.auto
) -> tuple[Environment, Agenda, ZoneInfo]:
    env = _env(ctx)
    from ..formats.load import load_agenda
    from ..core.zones import resolve_zone

    if agenda_path is not None and not agenda_path.strip():
        raise UsageProblem("--agenda is empty", hint="give the path of an agenda file, or leave --agenda out")
    # The zone first: a mistyped --tz is a usage error whatever the agenda holds.
    zone = resolve_zone(tz, env.environ, env.clock())
    # The read-only views may be served from a snapshot of the agenda validated before.
    return env, load_agenda(agenda_path, env.environ, fmt, cached=True), zone


def _version(value: bool) -> None:
    if value:
        from ..core.zones import tzdata_version

        render.write_text(f"loci {__version__}, tzdata {tzdata_version()}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show loci's and tzdata's versions.")
    ] = False,
) -> None:
    """The LOCI Regional Meeting agenda (or any loci agenda) in your own time zone."""


@app.command()
def info(
    ctx: typer.Context,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
    fmt: FormatOption = AgendaFormat.auto,
) -> None:
    """Show the meeting: title, dates, venue, organisers, contacts and about text."""
    from ..views.rows import info_row

    _, ag, zone = _open(ctx, tz, agenda, fmt)
    row = info_row(ag, zone)
    if json_:
        render.write_json(row)
    else:
        render.write_text(render.info_text(row))


@app.command()
def days(
    ctx: typer.Context,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
    fmt: FormatOption = AgendaFormat.auto,
) -> None:
    """List the meeting days with their start and end in your zone."""
    from ..views.rows import day_row

    _, ag, zone = _open(ctx, tz, agenda, fmt)
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
    room: RoomOption = None,
    track: TrackOption = None,
    search: SearchOption = None,
    by_room: ByRoomOption = False,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
    fmt: FormatOption = AgendaFormat.auto,
) -> None:
    """List the programme, grouped by day, in your zone and the event's."""
    from ..core.queries import find_day, make_filter, select
    from ..views.rows import day_row

    _, ag, zone = _open(ctx, tz, agenda, fmt)
    only = make_filter(ag, room, track, search)
    chosen = [find_day(ag, day)] if day is not None else ag.days
    rows = [day_row(ag, d, zone, picked) for d, picked in select(chosen, only)]
    if not rows:
        render.message(f"No session matches {only.describe()}.")
    if json_:
        render.write_json(rows)
    elif rows:
        render.print_programme(ag.title, rows, by_room=by_room)


@app.command()
def today(
    ctx: typer.Context,
    date: Annotated[
        Optional[str],
        typer.Option("--date", metavar="DATE", help="Another date, e.g. 2020-11-10 or '10 Nov 2020'. [default: today]"),
    ] = None,
    room: RoomOption = None,
    track: TrackOption = None,
    search: SearchOption = None,
    by_room: ByRoomOption = False,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
    fmt: FormatOption = AgendaFormat.auto,
) -> None:
    """Show the meeting days with any session on a date in your zone, each whole."""
    from ..core.queries import days_on, make_filter, nearest_day, select
    from .dates import parse_date
    from ..views.rows import day_row

    env, ag, zone = _open(ctx, tz, agenda, fmt)
    only = make_filter(ag, room, track, search)
    local_today = env.clock().astimezone(zone).date()
    on = parse_date(date, local_today) if date is not None else local_today
    days_then = days_on(ag, on, zone)
    rows = [day_row(ag, d, zone, picked) for d, picked in select(days_then, only)]
    if days_then and not rows:
        render.message(f"Nothing matches {only.describe()} on {on:%a %d %b %Y} in {zone.key}.")
    elif not rows:
        near = nearest_day(ag, on, zone)
        starts = near.start_at.astimezone(zone)
        render.message(
            f"Nothing on {on:%a %d %b %Y} in {zone.key}. The nearest meeting day is Day {near.number}, "
            f"{starts:%a %d %b %Y} from {starts:%H:%M} (try: loci today --date {starts:%Y-%m-%d})."
        )
    if json_:
        render.write_json(rows)
    elif rows:
        render.print_programme(ag.title, rows, on, by_room=by_room)


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
    room: RoomOption = None,
    track: TrackOption = None,
    search: SearchOption = None,
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
    fmt: FormatOption = AgendaFormat.auto,
) -> None:
    """Show what runs now, in every room, and what starts next, with the time until it starts."""
    from ..core.queries import make_filter, moment
    from ..views.rows import moment_row

    env, ag, zone = _open(ctx, tz, agenda, fmt)
    only = make_filter(ag, room, track, search)
    if at is not None:
        from .dates import parse_moment

        instant = parse_moment(at, zone, env.clock())
    else:
        instant = env.clock().astimezone(zone)
    row = moment_row(ag, moment(ag, instant, only or None), zone)
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
    fmt: FormatOption = AgendaFormat.auto,
) -> None:
    """Show one session in full."""
    from ..core.queries import find_session
    from ..views.rows import day_row, session_row

    _, ag, zone = _open(ctx, tz, agenda, fmt)
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
    frab = "frab"


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
        ExportFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            case_sensitive=False,
            help="Output format: ics (iCalendar, RFC 5545) or frab (frab/pretalx schedule JSON, the whole programme).",
        ),
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
    agenda_format: Annotated[
        AgendaFormat,
        typer.Option(
            "--agenda-format",
            case_sensitive=False,
            show_default=False,
            help="Read the agenda as loci's format or a frab/pretalx schedule. [default: auto-detect]",
        ),
    ] = AgendaFormat.auto,
) -> None:
    """Write the agenda as an iCalendar (.ics) file, or as frab schedule JSON.

    Times are UTC unless --tzid is given. UIDs come from the agenda's and the
    sessions' ids, so importing a newer export updates the events instead of
    duplicating them. Without -o the calendar goes to stdout. --format frab
    writes the whole programme, breaks included, for apps that read frab
    schedules (Giggity, ConfClerk, EventFahrplan).
    """
    from ..formats import files as out, ical as calendar
    from ..formats.attendees import parse_person, read_attendees, unique
    from ..formats.load import load_agenda
    from ..core.errors import AgendaError
    from ..core.zones import resolve_zone

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
    if format_ is ExportFormat.frab:
        ics_only = {
            "--split": split, "--day": day, "--session": session, "--per-day": per_day,
            "--include-breaks": include_breaks, "--tzid": tzid, "--invite": invite, "--cancel": cancel,
            "--organizer": organizer, "--attendee": attendee, "--attendees": attendees, "--alarm": alarm, "--tz": tz,
        }
        given = [name for name, value in ics_only.items() if value not in (None, False, [])]
        if given:
            raise UsageProblem(
                f"{', '.join(given)} {'does' if len(given) == 1 else 'do'} not apply to --format frab",
                hint="a frab schedule always holds the whole programme, breaks included",
            )
        from ..formats.frab import agenda_to_frab

        ag = load_agenda(agenda, env.environ, agenda_format)
        data = (json.dumps(agenda_to_frab(ag), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        _write_export(out, [(None, data)], f"{len(ag.sessions())} sessions", output, None, force, json_)
        return

    zone = resolve_zone(tz, env.environ) if tz else None
    ag = load_agenda(agenda, env.environ, agenda_format)
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
    if split is not None:
        files = [
            (split / f"{entry.name}.ics", calendar.to_ical(calendar.build_calendar(ag, [entry], options)))
            for entry in chosen
        ]
    else:
        files = [(None, calendar.to_ical(calendar.build_calendar(ag, chosen, options)))]
    _write_export(out, files, f"{len(chosen)} event{'s' if len(chosen) != 1 else ''}", output, split, force, json_)


def _write_export(out, files: list, count: str, output: str | None, split: Path | None, force: bool, json_: bool) -> None:
    """Write what export made to stdout, one file or a directory, and say so on stderr."""
    if split is None and output in (None, out.STDOUT):
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
        render.write_json({"events": int(count.split()[0]), "files": [str(path) for path, _ in files]})


@app.command()
def validate(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="The agenda file to check: loci's format or frab/pretalx JSON.")],
    fmt: FormatOption = AgendaFormat.auto,
    json_: JsonOption = False,
) -> None:
    """Check an agenda file and list every problem with its JSON path (exit 0 valid, 1 invalid)."""
    from ..formats.load import check_agenda
    from ..core.errors import AgendaError
    from ..views.rows import validation_row

    checked = check_agenda(file, _env(ctx).environ, fmt)
    row = validation_row(checked)
    if json_:
        render.write_json(row)
    else:
        render.write_text(render.validation_text(row))
    if checked.problems:
        count = len(checked.problems)
        raise AgendaError(
            f"{count} problem{'s' if count > 1 else ''} found",
            where=str(checked.source),
            hint="fix them and run 'loci validate' again",
        )


@app.command()
def schema() -> None:
    """Print the JSON Schema of loci's agenda format, for editors that check as you type."""
    from ..formats.loci_json import agenda_json_schema

    render.write_json(agenda_json_schema())


@app.command()
def zones(
    ctx: typer.Context,
    day: Annotated[
        Optional[int], typer.Option("--day", "-d", metavar="N", help="One column per session of day N, not per day.")
    ] = None,
    # Repeatable, unlike the other commands' --tz, and not read from $LOCI_TZ: one
    # zone there would hide the participants' rows.
    tz: Annotated[
        Optional[list[str]],
        typer.Option(
            "--tz",
            metavar="ZONE",
            show_default=False,
            help="A place to show, as --tz elsewhere; repeat it for several. [default: the agenda's participant zones]",
        ),
    ] = None,
    search: Annotated[
        Optional[str],
        typer.Option("--search", "-s", metavar="TEXT", help="List the zones matching TEXT (a city, country, code, offset, name part)."),
    ] = None,
    json_: JsonOption = False,
    agenda: AgendaOption = None,
    fmt: FormatOption = AgendaFormat.auto,
) -> None:
    """Show the programme side by side in many places, or find zones with --search."""
    from ..core.queries import find_day
    from ..formats.load import load_agenda
    from ..views.matrix import matrix, participant_places, place_for, search_rows
    from ..core.zones import resolve_zone

    env = _env(ctx)
    if search is not None:
        if not search.strip():
            raise UsageProblem("--search is empty", hint="give part of a city, country, code or zone name, or an offset")
        if tz or day is not None:
            raise UsageProblem("--search takes neither --tz nor --day", hint="run 'loci zones --search TEXT' alone")
        ag = load_agenda(agenda, env.environ, fmt, cached=True)
        rows = search_rows(ag, search, env.clock())
        if not rows:
            from ..core.zones import suggest

            render.message(f"No zone matches '{search}' ({suggest(search)})")
        if json_:
            render.write_json(rows)
        elif rows:
            render.print_zone_search(rows)
        return
    places = [place_for(resolve_zone(text, env.environ, env.clock())) for text in tz or []]
    ag = load_agenda(agenda, env.environ, fmt, cached=True)
    if not places:
        places = participant_places(ag) or [place_for(resolve_zone(env.environ.get("LOCI_TZ"), env.environ))]
    data = matrix(ag, places, find_day(ag, day) if day is not None else None)
    if json_:
        render.write_json(data)
    else:
        render.print_matrix(data)


def main() -> None:
    """The console script: the app, with Ctrl-C outside a command ending quietly too."""
    try:
        app(prog_name="loci")
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
