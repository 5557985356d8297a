"""The options every command shares, written once, and the steps every view takes.

``--format`` names the output format on every command (``table`` or ``json``
for the views; ``ics``, ``frab``, … for export); ``--agenda-format`` names the
input format. The old use of ``--format`` for the input (``--format frab``)
still works on the views, with a note on stderr.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar, cast

import typer

from ..core.errors import UsageProblem
from ..environment import Environment
from ..formats.detect import AgendaFormat
from ..i18n import _
from ..views.output import Output
from . import complete
from .messages import Carried, carrying

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..core.queries import Filter

TzOption = Annotated[
    Optional[str],
    typer.Option(
        "--tz",
        envvar="LOCI_TZ",
        metavar="ZONE",
        show_default=False,
        help="Show times in this zone: a city (Almaty, Київ), a country, an offset (UTC+6), an IANA name "
        "(Asia/Almaty) or 'local' for the system zone. [default: local]",
        autocompletion=complete.zone_names,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table (--format json).")]
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
AgendaFormatOption = Annotated[
    AgendaFormat,
    typer.Option(
        "--agenda-format",
        case_sensitive=False,
        show_default=False,
        help="Read the agenda as loci's format or a frab/pretalx schedule. [default: auto-detect]",
    ),
]


def _agenda_zone(ctx: typer.Context, value: str | None) -> None:
    """--agenda-tz reaches every reading of an agenda (snapshots, --since, diff's two files) through the environment."""
    if value is not None and not value.strip() and _typed(ctx, "agenda_tz"):
        raise typer.BadParameter("is empty: give the venue's zone, like Europe/Berlin")
    if value is None or not value.strip():
        return  # an empty $LOCI_AGENDA_TZ is unset, as environment variables go
    from ..formats.load import ENV_AGENDA_TZ

    root = ctx.find_root()
    env = root.obj if isinstance(root.obj, Environment) else Environment()
    root.obj = dataclasses.replace(env, environ={**env.environ, ENV_AGENDA_TZ: value.strip()})


def _typed(ctx: typer.Context, name: str) -> bool:
    """Whether the option ``name`` was typed on the command line (not taken from its environment variable)."""
    from typer._click.core import ParameterSource

    return ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE


AgendaTzOption = Annotated[
    Optional[str],
    typer.Option(
        "--agenda-tz",
        envvar="LOCI_AGENDA_TZ",
        metavar="ZONE",
        show_default=False,
        expose_value=False,
        callback=_agenda_zone,
        help="The zone of the agenda's local times when the file names none (an old frab or pentabarf schedule), "
        "as an IANA name: Europe/Berlin. loci never guesses it.",
    ),
]
# A string, not an enum: the old spelling ('--format frab', the input format) must still parse.
ViewFormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        metavar="FORMAT",
        show_default=False,
        help="Output format: table or json. [default: table]",
    ),
]
RoomOption = Annotated[
    Optional[str],
    typer.Option("--room", metavar="ROOM", help="Only sessions in this room (any letter case).", autocompletion=complete.rooms),
]
TrackOption = Annotated[
    Optional[str],
    typer.Option("--track", metavar="TRACK", help="Only sessions on this track (any letter case).", autocompletion=complete.tracks),
]
SearchOption = Annotated[
    Optional[str],
    typer.Option(
        "--search",
        metavar="TEXT",
        help="Only sessions whose id, title, description, kind, lead, speakers, room, track or location "
        "hold every word of TEXT (any letter case).",
    ),
]
ByRoomOption = Annotated[bool, typer.Option("--by-room", help="One table per room within each day.")]
DayOption = Annotated[
    Optional[int],
    typer.Option("--day", "-d", metavar="N", help="Only day N (see 'loci days').", autocompletion=complete.day_numbers),
]

# What to send or export, and to whom: 'export' and 'invite' share these.
SessionOption = Annotated[Optional[str], typer.Option("--session", metavar="ID", help="Only this session.")]
PerDayOption = Annotated[bool, typer.Option("--per-day", help="One event per day (its whole block) instead of one per session.")]
IncludeBreaksOption = Annotated[bool, typer.Option("--include-breaks", help="Breaks too.")]
OrganizerOption = Annotated[
    Optional[str],
    typer.Option("--organizer", metavar="EMAIL", help="The organiser's address, the sender. [default: the agenda's email]"),
]
AttendeeOption = Annotated[
    Optional[list[str]],
    typer.Option("--attendee", metavar="EMAIL", help="Invite this address ('Name <a@b.org>' too); repeatable."),
]
AttendeesOption = Annotated[
    Optional[str],
    typer.Option(
        "--attendees",
        metavar="FILE",
        help="Invite the people in FILE: one address a line, or CSV name,email[,zone[,lang]] (a header row is allowed). "
        "Someone with a zone gets a personal message with the times there.",
    ),
]

#: 'text' is the people's output too: 'diff' and 'validate' print lines, not tables.
OUTPUT_FORMATS = ("table", "text", "json")


@dataclass(frozen=True)
class ViewOptions:
    """What every view command was asked by the shared options: where the agenda is, which zone, which output."""

    tz: str | None
    json: bool
    agenda: str | None
    agenda_format: AgendaFormat
    #: whether --tz came from $LOCI_TZ, so an error can say so
    tz_from_env: bool = False

    @property
    def carried(self) -> Carried:
        return Carried(self.tz, self.agenda, self.agenda_format.value)


def output_choice(out: Output, fmt: str | None, json_: bool, agenda_format: AgendaFormat) -> tuple[bool, AgendaFormat]:
    """(JSON or not, the agenda's format) from --format, --json and --agenda-format."""
    if fmt is None:
        return json_, agenda_format
    wanted = fmt.strip().lower()
    if wanted in OUTPUT_FORMATS:
        if json_ and wanted != "json":
            raise UsageProblem(
                _("{first} and {second} ask for different outputs").format(first="--json", second=f"--format {wanted}"),
                hint=_("give one of them"),
            )
        return json_ or wanted == "json", agenda_format
    if wanted in {f.value for f in AgendaFormat}:
        out.message(
            _("loci: note: {given} names the agenda's format; that use is deprecated, write {instead}").format(
                given=f"--format {wanted}", instead=f"--agenda-format {wanted}"
            )
        )
        return json_, AgendaFormat(wanted)
    raise UsageProblem(
        _("unknown output format '{format}'").format(format=fmt),
        hint=_("use {first} or {second}").format(first="--format table", second="--format json"),
    )


_BUNDLE = {
    "tz": inspect.Parameter("tz", inspect.Parameter.KEYWORD_ONLY, annotation=TzOption, default=None),
    "json_": inspect.Parameter("json_", inspect.Parameter.KEYWORD_ONLY, annotation=JsonOption, default=False),
    "fmt": inspect.Parameter("fmt", inspect.Parameter.KEYWORD_ONLY, annotation=ViewFormatOption, default=None),
    "agenda": inspect.Parameter("agenda", inspect.Parameter.KEYWORD_ONLY, annotation=AgendaOption, default=None),
    "agenda_format": inspect.Parameter(
        "agenda_format", inspect.Parameter.KEYWORD_ONLY, annotation=AgendaFormatOption, default=AgendaFormat.auto
    ),
    "agenda_tz": inspect.Parameter("agenda_tz", inspect.Parameter.KEYWORD_ONLY, annotation=AgendaTzOption, default=None),
}

Command = TypeVar("Command", bound=Callable[..., None])


def _keyword(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _with_help(alias: Any, text: str | None) -> Any:
    """``alias`` (an ``Annotated`` option) with other help: one command may word an option for what it does there."""
    if text is None:
        return alias
    option = copy.copy(alias.__metadata__[0])
    option.help = text
    return Annotated[alias.__origin__, option]


def _bundle(name: str, params: list[inspect.Parameter], build: Callable[..., Any]) -> Callable[[Command], Command]:
    """Put ``params`` in place of the command's parameter ``name``, which gets ``build(**their values)``.

    Typer reads the options from the signature, as if the command had listed them there.
    """

    def decorate(command: Command) -> Command:
        own = list(inspect.signature(command, eval_str=True).parameters.values())
        at = [p.name for p in own].index(name)

        @functools.wraps(command)
        def run(*args: Any, **given: Any) -> None:
            # An option that sets its value elsewhere (expose_value=False) is not passed: its default stands in.
            value = build(**{p.name: given.pop(p.name, p.default) for p in params})
            command(*args, **given, **{name: value})

        del run.__wrapped__  # Typer must read the signature below, not the command's
        signature = inspect.Signature([*own[:at], *params, *own[at + 1 :]], return_annotation=None)
        run.__signature__ = signature  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        return run  # type: ignore[return-value]

    return decorate


def view_options(*, tz: bool = True) -> Callable[[Command], Command]:
    """Put --tz (unless ``tz`` is false), --json, --format, --agenda and --agenda-format where a view command has ``view``.

    The command gets them as ``view: ViewOptions``, with --format and --json made
    one choice. Typer reads the options from the signature, as if the command had
    listed them, so their types, help and completion are Typer's own (sqlite-utils'
    ``output_options`` is the model). A domain error leaving the command carries
    the options, so its hint can suggest commands that keep the user's agenda and zone.
    """
    added = [p for name, p in _BUNDLE.items() if tz or name != "tz"]

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def resolved(ctx: typer.Context, *, view: dict[str, Any], **given: Any) -> None:
            json_, agenda_format = output_choice(Output(env_of(ctx)), view["fmt"], view["json_"], view["agenda_format"])
            chosen = ViewOptions(view.get("tz"), json_, view["agenda"], agenda_format, tz and from_environment(ctx, "tz"))
            with carrying(chosen.carried):
                command(ctx=ctx, **given, view=chosen)

        return _bundle("view", added, dict)(cast(Command, resolved))

    return decorate


def env_of(ctx: typer.Context) -> Environment:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Environment) else Environment()


def open_agenda(ctx: typer.Context, view: ViewOptions) -> tuple[Output, Agenda, ZoneInfo]:
    """Where output goes (and its environment), the agenda (from its snapshot when it has one) and the zone asked for."""
    from ..formats.load import load_agenda

    env = env_of(ctx)
    if view.agenda is not None and not view.agenda.strip():
        raise UsageProblem(
            _("{option} is empty").format(option="--agenda"), hint=_("give the path of an agenda file, or leave --agenda out")
        )

    out = Output(env)
    loaded: list[Agenda] = []

    def load() -> Agenda:
        # Read once: the zone's check may need the agenda first, and '-' (stdin) can be read only once.
        if not loaded:
            # The read-only views may be served from a snapshot of the agenda validated before.
            loaded.append(load_agenda(view.agenda, env.environ, view.agenda_format, cached=True, stdin=env.input, note=out.message))
        return loaded[0]

    # The zone first: a mistyped --tz is a usage error whatever the agenda holds.
    zone = user_zone(env, view.tz, load, from_env=view.tz_from_env)
    return out, load(), zone


def from_environment(ctx: typer.Context, param: str) -> bool:
    """Whether the option's value came from its environment variable ($LOCI_TZ, $LOCI_AGENDA)."""
    # By name: Typer 0.28 carries its own copy of Click's ParameterSource.
    source = ctx.get_parameter_source(param)
    return source is not None and source.name == "ENVIRONMENT"


def user_zone(env: Environment, tz: str | None, agenda: Callable[[], Agenda] | None = None, *, from_env: bool = False) -> ZoneInfo:
    """The zone a user asked for, saying on stderr what they may not expect.

    - a bad $LOCI_TZ is named as such (the user may not know it is set);
    - an invalid $TZ, which leaves loci on the system's zone, is noted;
    - an old name (Europe/Kiev) is noted with its current one;
    - a country with several zones lists their offsets on the agenda's first day, not today's.
    """
    from ..core.errors import AmbiguousZone, UnknownZone
    from ..core.zones import current_name, resolve_zone, unusable_tz

    try:
        zone = resolve_zone(tz, env.local_zone, env.clock())
    except AmbiguousZone as err:
        at = _first_moment(agenda)
        if at is None:
            raise _named(err, from_env) from None
        try:
            resolve_zone(tz, env.local_zone, at)
        except AmbiguousZone as again:
            raise _named(
                AmbiguousZone(f"{again.message} (offsets on {at:%d %b %Y}, the agenda's first day)", choices=again.choices),
                from_env,
            ) from None
        raise
    except UnknownZone as err:
        raise _named(err, from_env) from None
    if (tz is None or tz.strip().lower() == "local") and unusable_tz(env.environ) is not None:
        Output(env).message(
            _("loci: note: $TZ is '{value}', which names no zone loci knows; using {zone}").format(
                value=unusable_tz(env.environ), zone=zone.key
            )
        )
    newer = current_name(zone)
    if newer is not None:
        Output(env).message(_("loci: note: {old} is the old name of {zone}; the times are the same").format(old=zone.key, zone=newer))
    return zone


def _named(err: Exception, from_env: bool) -> Exception:
    if from_env and isinstance(err, UsageProblem):
        err.where = "$LOCI_TZ"
    return err


def _first_moment(agenda: Callable[[], Agenda] | None) -> datetime | None:
    if agenda is None:
        return None
    try:
        return agenda().days[0].start_at
    except Exception:
        return None


Data = TypeVar("Data")


def emit(out: Output, json_: bool, data: Data, as_text: Callable[[Data], Any]) -> None:
    """The result on stdout: JSON for scripts, or what ``as_text`` prints for people."""
    if json_:
        out.json(data)
    else:
        as_text(data)


def agenda_hints(command: Command) -> Command:
    """For a command with --agenda and --agenda-format but not the view bundle: its errors carry them for hints."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        chosen = kwargs.get("agenda_format")
        with carrying(Carried(None, kwargs.get("agenda"), chosen.value if isinstance(chosen, AgendaFormat) else None)):
            command(*args, **kwargs)

    return run  # type: ignore[return-value]


# What to send or export and to whom ('export' and 'invite'), and how to send it ('invite'): each declared once.
SinceOption = Annotated[
    Optional[str],
    typer.Option(
        "--since",
        metavar="OLD",
        help="With --invite: only what changed since the agenda file OLD: REQUESTs for added, moved and changed "
        "events, CANCELs for removed ones.",
    ),
]
CancelOption = Annotated[bool, typer.Option("--cancel", help="A cancellation (METHOD:CANCEL) of the same events.")]
SMTP_HELP = "Send through this server. [default port: 587, 465 with --ssl]"


def sending_options(*, day: str | None = None, since: str | None = None, cancel: str | None = None) -> Callable[[Command], Command]:
    """--session, --day, --per-day, --include-breaks, --organizer, --attendee(s), --since and --cancel, as ``what: Sending``.

    ``day``, ``since`` and ``cancel`` reword those options' help for the command.
    """
    from ..actions.sending import Sending

    def build(*, attendee: list[str] | None, agenda_tz: None = None, **given: Any) -> Sending:
        return Sending(attendee=tuple(attendee or ()), **given)

    day_option = DayOption if day is None else _with_help(DayOption, day)
    params = [
        _keyword("organizer", OrganizerOption, None),
        _keyword("attendee", AttendeeOption, None),
        _keyword("attendees", AttendeesOption, None),
        _keyword("session", SessionOption, None),
        _keyword("day", day_option, None),
        _keyword("per_day", PerDayOption, False),
        _keyword("include_breaks", IncludeBreaksOption, False),
        _keyword("since", _with_help(SinceOption, since), None),
        _keyword("cancel", _with_help(CancelOption, cancel), False),
        _keyword("agenda_tz", AgendaTzOption, None),
    ]
    return _bundle("what", params, build)


def smtp_options() -> Callable[[Command], Command]:
    """--smtp, --starttls, --ssl and --smtp-user, as ``smtp: Smtp``."""
    from ..actions.invite import PASSWORD_VARIABLE, Smtp

    starttls = "Insist on STARTTLS. [default: STARTTLS when offered; plain only to this machine]"
    params = [
        _keyword("server", Annotated[Optional[str], typer.Option("--smtp", metavar="HOST[:PORT]", help=SMTP_HELP)], None),
        _keyword("starttls", Annotated[bool, typer.Option("--starttls", help=starttls)], False),
        _keyword("ssl", Annotated[bool, typer.Option("--ssl", help="Implicit TLS from the first byte (usually port 465).")], False),
        _keyword(
            "smtp_user",
            Annotated[
                Optional[str],
                typer.Option("--smtp-user", metavar="USER", help=f"Log in as USER; the password is read from ${PASSWORD_VARIABLE}."),
            ],
            None,
        ),
    ]
    return _bundle("smtp", params, lambda server, starttls, ssl, smtp_user: Smtp(server, starttls, ssl, smtp_user))


StarredOption = Annotated[
    bool,
    typer.Option("--starred", help="Only the sessions you starred ('loci star ID'; see 'loci starred')."),
]
# Not --lang: that names the language loci speaks; this is the language a session is held in.
HeldInOption = Annotated[
    Optional[str],
    typer.Option(
        "--held-in",
        metavar="LANGUAGE",
        help="Only sessions held in this language, as the agenda names it (e.g. en, ru; any letter case).",
        autocompletion=complete.languages,
    ),
]

_FILTERS = [
    inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation, default=default)
    for name, annotation, default in (
        ("room", RoomOption, None),
        ("track", TrackOption, None),
        ("search", SearchOption, None),
        ("held_in", HeldInOption, None),
        ("starred", StarredOption, False),
    )
]


def _filter(room: str | None, track: str | None, search: str | None, held_in: str | None, starred: bool) -> Filter:
    from ..core.queries import Filter

    # The starred ids are read from the stars file once the agenda is open (actions/stars.with_stars).
    return Filter(room, track, search, held_in, frozenset() if starred else None)


#: --room, --track, --search, --held-in and --starred, put where a command that lists sessions has its
#: ``asked: Filter`` parameter. Apply it below ``view_options()``.
filter_options = _bundle("asked", _FILTERS, _filter)


def folder_path(value: str) -> Path:
    """A folder given on the command line; an empty one is a usage error, never the current folder in disguise."""
    if not str(value).strip():
        raise typer.BadParameter("is empty: give the folder's path ('.' for this one)")
    return Path(value)
