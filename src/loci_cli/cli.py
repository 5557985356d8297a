"""The loci command line: parse, call the core, render, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperGroup

try:  # Typer 0.28 ships its own copy of Click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # pragma: no cover - a Typer that uses the real Click
    from click.exceptions import ClickException, NoArgsIsHelpError

from . import __version__, render
from .environment import Environment
from .errors import ExitCode, LociError, UsageProblem

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from .models import Agenda

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
            raise typer.Exit(int(err.exit_code)) from None
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
    from .agenda import load_agenda
    from .timezones import resolve_zone

    if agenda_path is not None and not agenda_path.strip():
        raise UsageProblem("--agenda is empty", hint="give the path of an agenda file, or leave --agenda out")
    # The zone first: a mistyped --tz is a usage error whatever the agenda holds.
    zone = resolve_zone(tz, env.environ)
    return env, load_agenda(agenda_path, env.environ), zone


def _version(value: bool) -> None:
    if value:
        from .timezones import tzdata_version

        render.write_text(f"loci {__version__} (tzdata {tzdata_version()})")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show loci's and tzdata's versions.")
    ] = False,
) -> None:
    """The LOCI Regional Meeting agenda (or any loci agenda) in your own time zone.

    Exit codes: 0 success, 1 bad agenda data or a runtime failure, 2 usage error.
    """


@app.command()
def info(ctx: typer.Context, tz: TzOption = None, json_: JsonOption = False, agenda: AgendaOption = None) -> None:
    """Show the meeting: title, dates, venue, organisers, contacts and about text."""
    from .present import info_row

    _, ag, zone = _open(ctx, tz, agenda)
    row = info_row(ag, zone)
    if json_:
        render.write_json(row)
    else:
        render.write_text(render.info_text(row))


@app.command()
def days(ctx: typer.Context, tz: TzOption = None, json_: JsonOption = False, agenda: AgendaOption = None) -> None:
    """List the meeting days with their start and end in your zone."""
    from .present import day_row

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
    from .agenda import find_day
    from .present import day_row

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
    from .agenda import days_on, nearest_day
    from .dates import parse_date
    from .present import day_row

    env, ag, zone = _open(ctx, tz, agenda)
    local_today = env.clock().astimezone(zone).date()
    on = parse_date(date, local_today) if date is not None else local_today
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
    from .agenda import moment
    from .present import moment_row

    env, ag, zone = _open(ctx, tz, agenda)
    if at is not None:
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
    from .agenda import find_session
    from .present import day_row, session_row

    _, ag, zone = _open(ctx, tz, agenda)
    slot = find_session(ag, session_id)
    row = session_row(ag, slot.day, slot.session, zone)
    if json_:
        render.write_json(row)
    else:
        day = day_row(ag, slot.day, zone)
        render.write_text(render.session_text(row, day))


def main() -> None:
    """The console script: the app, with Ctrl-C outside a command ending quietly too."""
    try:
        app(prog_name="loci")
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
