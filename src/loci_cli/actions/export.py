"""'loci export': a checked request -> a pure builder per format (``BUILDERS``) -> one delivery step."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UsageProblem
from ..i18n import _, ngettext
from ..views.output import Output
from ..views.words import plural
from .sending import Sending, need_people

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..core.queries import Filter
    from ..environment import Environment
    from ..formats.detect import AgendaFormat
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
    #: as typed: Click would turn an empty --split into Path('.')
    split: str | None = None
    force: bool = False
    json: bool = False
    tzid: bool = False
    invite: bool = False
    alarm: int | None = None
    tz: str | None = None
    what: Sending = field(default_factory=Sending)

    @property
    def directory(self) -> Path | None:
        return None if self.split is None else Path(self.split)

    @property
    def to_stdout(self) -> bool:
        return self.split is None and self.output in (None, STDOUT)

    def check(self) -> None:
        what = self.what
        if self.output is not None and not self.output.strip():
            raise UsageProblem(_("{option} is empty").format(option="-o"), hint=_("give a file name, or '-' for stdout"))
        if self.split is not None and not self.split.strip():
            raise UsageProblem(_("{option} is empty").format(option="--split"), hint=_("give a directory for the files"))
        if self.split is not None and self.output is not None:
            raise UsageProblem(
                _("{first} and {second} cannot be combined").format(first="-o", second="--split"),
                hint=_("--split DIR writes one file per event into DIR"),
            )
        if self.json and self.to_stdout:
            raise UsageProblem(_("--json needs -o FILE or --split DIR"), hint=_("stdout holds the calendar itself"))
        if self.invite and what.cancel:
            raise UsageProblem(
                _("{first} and {second} cannot be combined").format(first="--invite", second="--cancel"),
                hint=_("send the invitation and the cancellation separately"),
            )
        if what.since is not None and not self.invite:
            raise UsageProblem(
                _("--since needs --invite"),
                hint=_("--invite --since OLD writes updates for what changed and cancellations for what is gone"),
            )
        if (what.attendee or what.attendees) and not (self.invite or what.cancel):
            raise UsageProblem(_("--attendee and --attendees need --invite or --cancel"), hint=_("add --invite"))
        if self.tz and not (self.tzid or what.per_day) and self.format is ExportFormat.ics:
            # Without them every time is UTC, which --tz would not change: say so rather than ignore it.
            raise UsageProblem(
                _("--tz applies only with --tzid or --per-day"),
                hint=_("add --tzid for local times in that zone; UTC times show right in every zone"),
            )
        what.check_selection()
        if self.format in (ExportFormat.frab, ExportFormat.frab_xml):
            self._check_whole_programme()

    def _check_whole_programme(self) -> None:
        what = self.what
        ics_only = {
            "--split": self.split,
            "--day": what.day,
            "--session": what.session,
            "--per-day": what.per_day,
            "--include-breaks": what.include_breaks,
            "--tzid": self.tzid,
            "--invite": self.invite,
            "--cancel": what.cancel,
            "--organizer": what.organizer,
            "--attendee": what.attendee,
            "--attendees": what.attendees,
            "--alarm": self.alarm,
            "--tz": self.tz,
            "--since": what.since,
        }
        given = [name for name, value in ics_only.items() if value not in (None, False, ())]
        if given:
            raise UsageProblem(
                ngettext("{options} does not apply to --format {format}", "{options} do not apply to --format {format}", len(given)).format(
                    options=", ".join(given), format=self.format.value
                ),
                hint=_("a frab schedule always holds the whole programme, breaks included"),
            )


@dataclass(frozen=True)
class Made:
    """What a builder made: the files (a name for --split, or None for the one output) and what they hold."""

    #: each file's bytes, or its pieces in order (a calendar made one event at a time)
    files: list[tuple[str | None, bytes | Iterable[bytes]]]
    #: '14 events', '14 sessions': what the message on stderr says was written
    count: int
    noun: str


@dataclass(frozen=True)
class Delivered:
    """What an export wrote: the calendar for stdout, or the files; ``where`` is None when nothing was written."""

    made: Made
    where: str | None
    files: list[str]
    #: the calendar for stdout, in pieces made as they are read (so a calendar is never held whole)
    stdout: Iterable[bytes] | None = None

    @property
    def what(self) -> str:
        return plural(self.made.count, self.made.noun)

    @property
    def row(self) -> ExportRow:
        return {"events": self.made.count, "files": self.files}


def build_frab(agenda: Agenda, request: ExportRequest, env: Environment, zone: ZoneInfo | None, source: str | None) -> Made:
    from ..formats.frab.write_json import agenda_to_frab
    from ..formats.jsonfile import json_bytes

    return Made([(None, json_bytes(agenda_to_frab(agenda)))], len(agenda.sessions()), "session")


def build_frab_xml(agenda: Agenda, request: ExportRequest, env: Environment, zone: ZoneInfo | None, source: str | None) -> Made:
    from ..formats.frab.write_json import agenda_to_frab
    from ..formats.frab.write_xml import write_xml

    return Made([(None, write_xml(agenda_to_frab(agenda)))], len(agenda.sessions()), "session")


def one_uid_each(count: int, method: str) -> UsageProblem:
    section = "3.2.5" if method == "CANCEL" else "3.2.2"
    return UsageProblem(
        _("{events} chosen, but one {method} may hold only one event (RFC 5546 §{section}: one UID per message)").format(
            events=plural(count, "event"), method=method, section=section
        ),
        hint=_("write one file per event with --split DIR, or choose one with --session ID (or --day N --per-day)"),
    )


def build_ics(agenda: Agenda, request: ExportRequest, env: Environment, zone: ZoneInfo | None, source: str | None) -> Made:
    """``zone``: the one --tz named, resolved once by the caller; the agenda's without it. ``source``: the agenda's path."""
    from ..core.zones import is_fixed_offset
    from ..formats import ical, scheduling

    what = request.what
    who, found = what.people(agenda, source)
    zone = zone or agenda.zone
    local = zone if request.tzid else None
    if local is not None and is_fixed_offset(local):
        # A TZID such as "UTC+06:00" names no place; calcurse reads it as local time. UTC says the same, plainly.
        # Said now, not returned: an error further on must not swallow it.
        Output(env).message(_("loci: note: {zone} is a fixed offset, not a place: times are written in UTC").format(zone=local.key))
        local = None
    options = ical.Options(
        stamp=env.clock(),
        method=ical.Method.PUBLISH if who is not None else None,
        zone=local,
        organizer=who,
        attendees=tuple(found),
        alarm_minutes=request.alarm,
    )
    if not (request.invite or what.cancel):
        chosen = what.selection.entries(agenda, zone)
        if request.split is not None:
            # Each file made as it is written, so memory stays that of the agenda here too.
            files: list[tuple[str | None, bytes | Iterable[bytes]]] = [
                (f"{entry.name}.ics", ical.stream(agenda, [entry], options)) for entry in chosen
            ]
        else:
            # Event by event into the output: the whole calendar is never held at once.
            files = [(None, ical.stream(agenda, chosen, options))]
        return Made(files, len(chosen), "event")

    method = ical.Method.CANCEL if what.cancel else ical.Method.REQUEST
    need_people(who, found, "--cancel" if what.cancel else "--invite")
    old = what.older(env, agenda)
    made = scheduling.build(agenda, what.selection, replace(options, method=method), since=old, zone=zone)
    if request.split is None and len(made) > 1:
        raise one_uid_each(len(made), method.value)
    if old is not None and not made:
        Output(env).message(_("loci: nothing changed since {since}: no update to write").format(since=what.since))
        if request.split is None:
            return Made([], 0, "event")
    # A cancellation beside the requests of a --since run says what it is in its name.
    return Made([(split_name(item) if old else f"{item.entry.name}.ics", item.data) for item in made], len(made), "event")


def split_name(item: Scheduled) -> str:
    from ..formats.ical import Method

    return f"{item.entry.name}.cancel.ics" if item.method is Method.CANCEL else f"{item.entry.name}.ics"


#: (the agenda, the request, the environment, the zone --tz named or None, the agenda's path) -> what to write
BUILDERS: dict[ExportFormat, Callable[[Agenda, ExportRequest, Environment, ZoneInfo | None, str | None], Made]] = {
    ExportFormat.ics: build_ics,
    ExportFormat.frab: build_frab,
    ExportFormat.frab_xml: build_frab_xml,
}


def counted(made: Made, progress: Callable[[int, int], None]) -> Made:
    """``made``, telling ``progress`` how far its writing has come: by files with --split, else by events."""
    total = made.count
    if len(made.files) != 1:
        done = iter(range(1, len(made.files) + 1))

        def file(data: bytes | Iterable[bytes]) -> Iterator[bytes]:
            yield from [data] if isinstance(data, bytes) else data
            progress(next(done), len(made.files))

        return Made([(name, file(data)) for name, data in made.files], made.count, made.noun)
    name, data = made.files[0]
    if isinstance(data, bytes):
        return made

    def pieces(data: Iterable[bytes]) -> Iterator[bytes]:
        # A calendar comes as its head, one piece per event, then its foot.
        for number, piece in enumerate(data):
            yield piece
            progress(min(number, total), total)

    return Made([(name, pieces(data))], made.count, made.noun)


def deliver(made: Made, request: ExportRequest) -> Delivered:
    """Write what was made to one file or a directory, all or nothing; stdout's share is left to the caller."""
    from ..io import files

    if not made.files and request.split is None:
        return Delivered(made, None, [])
    if request.to_stdout:
        data = made.files[0][1]
        return Delivered(made, "stdout", [], stdout=[data] if isinstance(data, bytes) else data)
    directory = request.directory
    if directory is not None:
        files.ensure_directory(directory)
        targets = [files.Target(directory / (name or "export"), data) for name, data in made.files]
        where = _("{files} in {directory}").format(files=plural(len(targets), "file"), directory=directory)
    else:
        assert request.output is not None
        targets = [files.Target(Path(request.output), made.files[0][1])]
        where = request.output
    files.write_files(targets, force=request.force, follow_links=directory is None)
    return Delivered(made, where, [str(t.path) for t in targets])


def export(
    request: ExportRequest,
    env: Environment,
    zone: ZoneInfo | None,
    agenda: str | None,
    agenda_format: AgendaFormat,
    only: Filter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Delivered:
    """Build the export ``request`` asks of the agenda file (``zone``: --tz, resolved) and write it unless it is for stdout.

    ``only`` (--starred, --held-in) keeps only the sessions that pass it.
    """
    from ..core.errors import RevisionTooHigh
    from ..formats.load import agenda_source, load_agenda

    ag = load_agenda(agenda, env.environ, agenda_format, stdin=env.input)
    if only:
        from .stars import narrow

        ag = narrow(ag, env, only)
    try:
        made = BUILDERS[request.format](ag, request, env, zone, agenda)
        return deliver(counted(made, progress) if progress is not None else made, request)
    except RevisionTooHigh as err:
        # Found in the calendar writer, which knows no file: the line names the agenda's.
        err.where = f"{agenda_source(agenda, env.environ)}: {err.where}"
        raise
