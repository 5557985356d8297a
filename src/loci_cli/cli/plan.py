"""'loci plan': the fairest start time for the meeting, a rotation over its days, and the agenda moved to it."""

from __future__ import annotations

import re
from datetime import time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import InputError, UsageProblem
from ..formats.detect import AgendaFormat
from ..views.output import Output
from .options import (
    AgendaFormatOption,
    AgendaOption,
    JsonOption,
    ViewFormatOption,
    agenda_hints,
    emit,
    env_of,
    output_choice,
    user_zone,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..core.places import Place
    from ..views.plan import AppliedRow

_LENGTH = re.compile(r"(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_LENGTH_HINT = "write it like 3h, 90m, 1h30m or 1:30"


@agenda_hints
def plan(
    ctx: typer.Context,
    duration: Annotated[
        Optional[str],
        typer.Option(
            "--duration",
            metavar="LENGTH",
            show_default=False,
            help="How long the meeting lasts: 3h, 90m, 1h30m or 1:30. [default: the agenda's longest day]",
        ),
    ] = None,
    between: Annotated[
        Optional[str],
        typer.Option(
            "--between",
            metavar="HH:MM-HH:MM",
            help="Only blocks that fit inside this part of the day, read in the event zone, e.g. 08:00-20:00.",
        ),
    ] = None,
    dates: Annotated[
        Optional[list[str]],
        typer.Option(
            "--date",
            metavar="DATE",
            show_default=False,
            help="A date to plan for; repeat it for several. [default: the agenda's days]",
        ),
    ] = None,
    # Repeatable and not read from $LOCI_TZ, as on 'zones': one zone there would hide the participants.
    tz: Annotated[
        Optional[list[str]],
        typer.Option(
            "--tz",
            metavar="ZONE",
            show_default=False,
            help="A place taking part, as --tz elsewhere; repeat it for several. [default: the agenda's participant zones]",
        ),
    ] = None,
    attendees: Annotated[
        Optional[str],
        typer.Option(
            "--attendees",
            metavar="FILE",
            help="Who takes part: a CSV of name,email,zone (as for invitations), one person a row, counted per zone.",
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", metavar="N", min=1, help="How many start times to list.")] = 5,
    rotate: Annotated[
        bool, typer.Option("--rotate", help="Suggest one start per date, so that no place carries the late or early hours every day.")
    ] = False,
    apply: Annotated[
        Optional[str],
        typer.Option(
            "--apply",
            metavar="FILE",
            help="Write the agenda with every day moved to the best start (or the rotation's) to FILE, a new loci agenda file.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --apply replace FILE if it exists.")] = False,
    json_: JsonOption = False,
    fmt: ViewFormatOption = None,
    agenda: AgendaOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
) -> None:
    """Rank start times for the meeting by how fair they are to every place taking part.

    For each place, the score counts the minutes the meeting spends in its local
    night (22:00-06:00), early hours (06:00-08:00) and evening (18:00-22:00), over
    every date and multiplied by its headcount. The worst-off place's night
    minutes rank first, then its early and evening minutes, then everyone's.
    """
    from ..core.places import agenda_places, zone_places
    from ..core.plan import current_start, longest_day, rank
    from ..core.plan import rotate as rotate_plan
    from ..formats.load import agenda_source, load_agenda
    from ..views.plan import plan_row, plan_text

    json_, agenda_format = output_choice(Output(env_of(ctx)), fmt, json_, agenda_format)
    env = env_of(ctx)
    # The command line first: a mistyped option is a usage error whatever the agenda holds.
    length = parse_length(duration) if duration is not None else None
    window = parse_window(between) if between is not None else None
    if tz and attendees:
        raise UsageProblem("--tz and --attendees both name who takes part", hint="give one of them")
    if apply is not None:
        if dates or duration is not None:
            raise UsageProblem(
                "--apply moves the agenda's own days as they are", hint="leave out --date and --duration when writing the agenda"
            )
        if not apply.strip() or apply.strip() == "-":
            raise UsageProblem("--apply needs a file name", hint="e.g. --apply agenda-moved.json")
    # A country's zones are listed with their offsets on the agenda's dates (user_zone).
    zones = [
        user_zone(env, text, lambda: load_agenda(agenda, env.environ, agenda_format, cached=True, stdin=env.input)) for text in tz or []
    ]
    planned_dates = None
    if dates:
        from .dates import parse_date

        today = env.clock().astimezone(env.local_zone()).date()
        planned_dates = [parse_date(text, today) for text in dates]
    ag = load_agenda(agenda, env.environ, agenda_format, cached=True, stdin=env.input)
    if apply is not None and Path(apply).resolve() == agenda_source(agenda, env.environ).resolve():
        raise UsageProblem(f"--apply {apply} would replace the agenda it reads", hint="write the moved agenda to a new file")

    if zones:
        places = zone_places(zones)
    elif attendees is not None:
        places = attendee_places(Output(env), attendees)
    else:
        places = agenda_places(ag, _zones_of(ag))
        if not places:
            raise UsageProblem("the agenda lists no participants", hint="name the places with --tz ZONE (repeat it) or --attendees FILE")
    try:
        planned = rank(
            places,
            planned_dates or [day.date for day in ag.days],
            length or longest_day(ag),
            ag.zone,
            between=window,
            current=current_start(ag),
        )
    except ValueError as err:
        raise UsageProblem(str(err), hint="widen --between or shorten --duration") from None
    rotation = rotate_plan(planned) if rotate else None
    applied = None
    if apply is not None:
        starts = [day.start for day in rotation.days] if rotation else [planned.best.start] * len(ag.days)
        applied = write_moved(ag, starts, Path(apply), force)
    out = Output(env)
    emit(out, json_, plan_row(ag.title, planned, top, rotation, applied), lambda row: out.text(plan_text(row)))


def _zones_of(ag: Agenda) -> Mapping[str, ZoneInfo]:
    """The participant zones from the bundled tzdata, as everywhere in loci, not whatever zoneinfo finds first."""
    from ..core.zones import get_zone

    return {key: get_zone(key) for group in ag.participants for key in group.zones}


def attendee_places(out: Output, path: str) -> list[Place]:
    """One place per zone in the list of attendees, weighted by how many people are in it."""
    from ..core.places import zone_places
    from ..formats.attendees import read_attendees, unique

    people = unique(read_attendees(path))
    zones = [zone for person in people if (zone := getattr(person, "zone", None)) is not None]
    if not zones:
        raise InputError("no attendee has a zone", where=path, hint="add a third column with each person's zone: name,email,zone")
    missing = len(people) - len(zones)
    if missing:
        out.message(f"loci: note: {missing} of {len(people)} attendees in {path} have no zone and are not counted")
    return zone_places(zones)


def write_moved(ag: Agenda, starts: list[time], path: Path, force: bool) -> AppliedRow:
    from ..formats.loci.moved import shifted_agenda
    from ..io.files import Target, write_files

    write_files([Target(path, shifted_agenda(ag, starts))], force=force)
    return {"file": str(path), "revision": ag.revision + 1, "starts": [f"{start:%H:%M}" for start in starts]}


def parse_length(text: str) -> timedelta:
    """'3h', '90m', '1h30m', '1:30' -> a length between a minute and a day."""
    cleaned = text.strip()
    clock = _CLOCK.fullmatch(cleaned)
    shaped = _LENGTH.fullmatch(cleaned)
    if clock:
        length = timedelta(hours=int(clock.group(1)), minutes=int(clock.group(2)))
    elif cleaned and shaped and (shaped.group("h") or shaped.group("m")):
        length = timedelta(hours=int(shaped.group("h") or 0), minutes=int(shaped.group("m") or 0))
    else:
        raise UsageProblem(f"cannot read '{text}' as a length", hint=_LENGTH_HINT)
    if not timedelta(0) < length <= timedelta(days=1):
        raise UsageProblem(f"--duration {text} is not between a minute and a day", hint=_LENGTH_HINT)
    return length


def parse_window(text: str) -> tuple[time, time]:
    """'08:00-20:00' (or with an en dash) -> its two times; '24:00' closes at midnight."""
    parts = re.split(r"\s*[-–]\s*", text.strip())
    if len(parts) != 2:
        raise UsageProblem(f"cannot read '{text}' as a window of the day", hint="write it like 08:00-20:00")
    found = []
    for part in parts:
        clock = _CLOCK.fullmatch(part)
        hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (-1, -1)
        if not clock or not (0 <= minute < 60 and (0 <= hour < 24 or (hour == 24 and minute == 0))):
            raise UsageProblem(f"'{part}' in --between is not a time of day", hint="write it like 08:00-20:00")
        found.append(time(hour % 24, minute))
    return found[0], found[1]


COMMANDS = (plan,)
