"""'loci export': options -> a request -> pure builders -> one delivery step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import AgendaError, UsageProblem
from ..environment import Environment
from ..formats.detect import AgendaFormat
from ..views.output import Output
from ..views.words import plural
from . import complete
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
    user_zone,
)

if TYPE_CHECKING:
    from ..core.model import Agenda
    from ..formats.attendees import Person
    from ..formats.scheduling import Scheduled
    from ..views.rows import ExportRow

STDOUT = "-"
#: Four weeks: a reminder further ahead is a mistake, and 10**12 minutes overflows.
MAX_ALARM_MINUTES = 4 * 7 * 24 * 60


class ExportFormat(str, Enum):
    """What 'loci export' writes; a new format adds a member and a builder in ``BUILDERS``."""

    ics = "ics"
    frab = "frab"
    frab_xml = "frab-xml"


@dataclass(frozen=True)
class ExportRequest:
    """Everything the command line asked of an export, checked for combinations that make no sense."""

    format: ExportFormat = ExportFormat.ics
    output: str | None = None
    split: Path | None = None
    force: bool = False
    json: bool = False
    day: int | None = None
    session: str | None = None
    per_day: bool = False
    include_breaks: bool = False
    tzid: bool = False
    invite: bool = False
    cancel: bool = False
    organizer: str | None = None
    attendee: tuple[str, ...] = ()
    attendees: str | None = None
    alarm: int | None = None
    tz: str | None = None
    since: str | None = None

    @property
    def to_stdout(self) -> bool:
        return self.split is None and self.output in (None, STDOUT)

    def check(self) -> None:
        if self.split is not None and self.output is not None:
            raise UsageProblem("-o and --split cannot be combined", hint="--split DIR writes one file per event into DIR")
        if self.json and self.to_stdout:
            raise UsageProblem("--json needs -o FILE or --split DIR", hint="stdout holds the calendar itself")
        if self.invite and self.cancel:
            raise UsageProblem("--invite and --cancel cannot be combined", hint="send the invitation and the cancellation separately")
        if self.since is not None and not self.invite:
            raise UsageProblem(
                "--since needs --invite", hint="--invite --since OLD writes updates for what changed and cancellations for what is gone"
            )
        if (self.attendee or self.attendees) and not (self.invite or self.cancel):
            raise UsageProblem("--attendee and --attendees need --invite or --cancel", hint="add --invite")
        if self.tz and not (self.tzid or self.per_day) and self.format is ExportFormat.ics:
            # Without them every time is UTC, which --tz would not change: say so rather than ignore it.
            raise UsageProblem(
                "--tz applies only with --tzid or --per-day",
                hint="add --tzid for local times in that zone; UTC times show right in every zone",
            )
        if self.session is not None and (self.day is not None or self.per_day):
            raise UsageProblem("--session cannot be combined with --day or --per-day", hint="give one of them")
        if self.format in (ExportFormat.frab, ExportFormat.frab_xml):
            ics_only = {
                "--split": self.split,
                "--day": self.day,
                "--session": self.session,
                "--per-day": self.per_day,
                "--include-breaks": self.include_breaks,
                "--tzid": self.tzid,
                "--invite": self.invite,
                "--cancel": self.cancel,
                "--organizer": self.organizer,
                "--attendee": self.attendee,
                "--attendees": self.attendees,
                "--alarm": self.alarm,
                "--tz": self.tz,
                "--since": self.since,
            }
            given = [name for name, value in ics_only.items() if value not in (None, False, ())]
            if given:
                raise UsageProblem(
                    f"{', '.join(given)} {'does' if len(given) == 1 else 'do'} not apply to --format {self.format.value}",
                    hint="a frab schedule always holds the whole programme, breaks included",
                )


@dataclass(frozen=True)
class Made:
    """What a builder made: the files (a name for --split, or None for the one output) and what they hold."""

    files: list[tuple[str | None, bytes]]
    #: '14 events', '14 sessions': what the message on stderr says was written
    count: int
    noun: str


def build_frab(agenda: Agenda, request: ExportRequest, env: Environment, source: str | None) -> Made:

    from ..formats.frab.write_json import agenda_to_frab
    from ..formats.jsonfile import json_bytes

    data = json_bytes(agenda_to_frab(agenda))
    return Made([(None, data)], len(agenda.sessions()), "session")


def people(
    agenda: Agenda, organizer: str | None, attendee: Sequence[str], attendees: str | None, source: str | None
) -> tuple[Person | None, list[Person]]:
    """The organiser (--organizer, else the agenda's e-mail) and the attendees, each address checked."""
    from ..formats.attendees import parse_person, read_attendees, unique

    found = [parse_person(text, where="--attendee") for text in attendee]
    if attendees:
        found += read_attendees(attendees)
    who = None
    if organizer:
        who = parse_person(organizer, where="--organizer")
    elif agenda.email:
        who = parse_person(agenda.email, where=f"{source or 'agenda'}: $.email", error=AgendaError)
    return who, unique(found)


def need_people(who: Person | None, found: Sequence[Person], flag: str) -> None:
    if who is None:
        raise UsageProblem(f"{flag} needs the organiser's address", hint='give --organizer EMAIL or set "email" in the agenda')
    # RFC 5546 §3.2.2 and §3.2.5: a REQUEST or a CANCEL names at least one attendee.
    if not found:
        raise UsageProblem(f"{flag} needs at least one attendee", hint="give --attendee EMAIL or --attendees FILE")


def one_uid_each(count: int, method: str) -> UsageProblem:
    section = "3.2.5" if method == "CANCEL" else "3.2.2"
    return UsageProblem(
        f"{plural(count, 'event')} chosen, but one {method} may hold only one event (RFC 5546 §{section}: one UID per message)",
        hint="write one file per event with --split DIR, or choose one with --session ID (or --day N --per-day)",
    )


def build_ics(agenda: Agenda, request: ExportRequest, env: Environment, source: str | None) -> Made:
    from ..core.zones import is_fixed_offset, resolve_zone
    from ..formats import ical, scheduling

    who, found = people(agenda, request.organizer, request.attendee, request.attendees, source)
    zone = resolve_zone(request.tz, env.local_zone) if request.tz else agenda.zone
    selection = scheduling.Selection(request.day, request.session, request.per_day, request.include_breaks)
    local = zone if request.tzid else None
    if local is not None and is_fixed_offset(local):
        # A TZID such as "UTC+06:00" names no place; calcurse reads it as local time. UTC says the same, plainly.
        Output(env).message(f"loci: note: {local.key} is a fixed offset, not a place: times are written in UTC")
        local = None
    options = ical.Options(
        stamp=env.clock(),
        method=ical.Method.PUBLISH if who is not None else None,
        zone=local,
        organizer=who,
        attendees=tuple(found),
        alarm_minutes=request.alarm,
    )
    if not (request.invite or request.cancel):
        chosen = selection.entries(agenda, zone)
        if request.split is not None:
            files: list[tuple[str | None, bytes]] = [
                (f"{entry.name}.ics", ical.to_ical(ical.build_calendar(agenda, [entry], options))) for entry in chosen
            ]
        else:
            files = [(None, ical.to_ical(ical.build_calendar(agenda, chosen, options)))]
        return Made(files, len(chosen), "event")

    method = ical.Method.CANCEL if request.cancel else ical.Method.REQUEST
    need_people(who, found, "--cancel" if request.cancel else "--invite")
    old = load_since(request.since, env) if request.since else None
    made = scheduling.build(agenda, selection, replace(options, method=method), since=old, zone=zone)
    if request.split is None and len(made) > 1:
        raise one_uid_each(len(made), method.value)
    if old is not None and not made:
        Output(env).message(f"loci: nothing changed since {request.since}: no update to write")
        if request.split is None:
            return Made([], 0, "event")
    # A cancellation beside the requests of a --since run says what it is in its name.
    return Made([(split_name(item) if old else f"{item.entry.name}.ics", item.data) for item in made], len(made), "event")


def split_name(item: Scheduled) -> str:
    from ..formats.ical import Method

    return f"{item.entry.name}.cancel.ics" if item.method is Method.CANCEL else f"{item.entry.name}.ics"


def load_since(path: str, env: Environment) -> Agenda:
    """The older revision named by --since, read like any agenda (loci's format or frab)."""
    from ..formats.load import load_agenda

    return load_agenda(path, env.environ, stdin=env.input)


def build_frab_xml(agenda: Agenda, request: ExportRequest, env: Environment, source: str | None) -> Made:
    from ..formats.frab.write_json import agenda_to_frab
    from ..formats.frab.write_xml import write_xml

    return Made([(None, write_xml(agenda_to_frab(agenda)))], len(agenda.sessions()), "session")


BUILDERS = {ExportFormat.ics: build_ics, ExportFormat.frab: build_frab, ExportFormat.frab_xml: build_frab_xml}


def deliver(out: Output, made: Made, request: ExportRequest) -> None:
    """Write what was made to stdout, one file or a directory, all or nothing, and say so on stderr."""
    from ..io import files

    what = plural(made.count, made.noun)
    if not made.files and request.split is None:
        if request.json:
            none: ExportRow = {"events": 0, "files": []}
            out.json(none)
        return
    if request.to_stdout:
        out.bytes(made.files[0][1])
        out.message(f"Wrote {what} to stdout")
        return
    if request.split is not None:
        files.ensure_directory(request.split)
        targets = [files.Target(request.split / (name or "export"), data) for name, data in made.files]
        where = f"{plural(len(targets), 'file')} in {request.split}"
    else:
        assert request.output is not None
        targets = [files.Target(Path(request.output), made.files[0][1])]
        where = request.output
    files.write_files(targets, force=request.force)
    out.message(f"Wrote {what} to {where}")
    if request.json:
        row: ExportRow = {"events": made.count, "files": [str(t.path) for t in targets]}
        out.json(row)


@agenda_hints
def export(
    ctx: typer.Context,
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
    day: Annotated[Optional[int], typer.Option("--day", "-d", metavar="N", help="Only day N.", autocompletion=complete.day_numbers)] = None,
    session: SessionOption = None,
    per_day: PerDayOption = False,
    include_breaks: IncludeBreaksOption = False,
    tzid: Annotated[
        bool,
        typer.Option("--tzid", help="Local times with TZID and a VTIMEZONE (the agenda's zone, or --tz) instead of UTC."),
    ] = False,
    invite: Annotated[bool, typer.Option("--invite", help="An invitation (METHOD:REQUEST) with ORGANIZER and ATTENDEEs.")] = False,
    cancel: Annotated[bool, typer.Option("--cancel", help="A cancellation (METHOD:CANCEL) of the same events.")] = False,
    organizer: OrganizerOption = None,
    attendee: AttendeeOption = None,
    attendees: AttendeesOption = None,
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
    since: Annotated[
        Optional[str],
        typer.Option(
            "--since",
            metavar="OLD",
            help="With --invite: only what changed since the agenda file OLD: REQUESTs for added, moved and changed "
            "events, CANCELs for removed ones.",
        ),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print what was written as JSON on stdout (needs -o FILE or --split).")] = False,
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
    from ..formats.load import load_agenda

    # Checked here, as text: Click would turn an empty --split into Path('.').
    if output is not None and not output.strip():
        raise UsageProblem("-o is empty", hint="give a file name, or '-' for stdout")
    if split is not None and not split.strip():
        raise UsageProblem("--split is empty", hint="give a directory for the files")
    request = ExportRequest(
        format=format_,
        output=output,
        split=None if split is None else Path(split),
        force=force,
        json=json_,
        day=day,
        session=session,
        per_day=per_day,
        include_breaks=include_breaks,
        tzid=tzid,
        invite=invite,
        cancel=cancel,
        organizer=organizer,
        attendee=tuple(attendee or ()),
        attendees=attendees,
        alarm=alarm,
        tz=tz,
        since=since,
    )
    request.check()
    env = env_of(ctx)
    if request.tz:
        # A mistyped zone is a usage error whatever the agenda holds.
        user_zone(env, request.tz, lambda: load_agenda(agenda, env.environ, agenda_format, stdin=env.input))
    ag = load_agenda(agenda, env.environ, agenda_format, stdin=env.input)
    deliver(Output(env), BUILDERS[request.format](ag, request, env, agenda), request)


COMMANDS = (export,)
