"""'loci plan' as an action: what was asked, as plain values, in; the ranking row out.

The cli keeps reading a zone (``user_zone``: its notes on stderr, a country's
offsets on the agenda's days) and passes it in as a reader, so the checks still
run in the order the command line has always had.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError, UsageProblem
from ..formats.detect import AgendaFormat
from ..i18n import N_, _
from ..views.output import Output

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..core.places import Place
    from ..environment import Environment
    from ..views.plan import AppliedRow, PlanRow

#: A zone as the user wrote it -> the zone; the agenda is there for a country's offsets on its days.
ZoneReader = Callable[[str, Callable[[], "Agenda"]], "ZoneInfo"]

_LENGTH = re.compile(r"(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_LENGTH_HINT = N_("write it like 3h, 90m, 1h30m or 1:30")


@dataclass(frozen=True)
class PlanAsk:
    """What 'loci plan' was asked, as typed (None and empty mean 'not given')."""

    duration: str | None = None
    between: str | None = None
    dates: Sequence[str] = ()
    tz: Sequence[str] = ()
    attendees: str | None = None
    top: int = 5
    rotate: bool = False
    apply: str | None = None
    force: bool = False
    agenda: str | None = None
    agenda_format: AgendaFormat = AgendaFormat.auto
    #: seconds the rotation's search may run (None: the planner's default)
    time_limit: float | None = None


def plan(
    env: Environment,
    ask: PlanAsk,
    read_zone: ZoneReader | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    timer: Callable[[], float] | None = None,
) -> PlanRow:
    """Rank the start times, rotate them when asked, and write the moved agenda when asked: the row to render.

    A note about the attendees goes to stderr at once, not in the result: it
    stands even when the ranking then fails (a --between too narrow).
    ``progress`` hears (done, total) from the rotation's search; ``timer``
    (seconds, ``time.monotonic`` by default) is the clock its time limit is read on.
    """
    import time as clock_time

    from ..core.places import agenda_places, zone_places
    from ..core.plan import TIME_LIMIT, current_start, longest_day, rank
    from ..core.plan import rotate as rotate_plan
    from ..formats.load import agenda_source, load_agenda
    from ..views.plan import plan_row
    from .dates import parse_date

    # The command line first: a mistyped option is a usage error whatever the agenda holds.
    length = parse_length(ask.duration) if ask.duration is not None else None
    window = parse_window(ask.between) if ask.between is not None else None
    _check(ask)

    @functools.cache
    def load() -> Agenda:
        # Read once: each --tz may ask for the agenda, and '-' (stdin) can be read only once.
        return load_agenda(ask.agenda, env.environ, ask.agenda_format, cached=True, stdin=env.input)

    zones = [(read_zone or _zone_reader(env))(text, load) for text in ask.tz]
    today = env.clock().astimezone(env.local_zone()).date() if ask.dates else None
    planned_dates = [parse_date(text, today) for text in ask.dates] if today is not None else None
    ag = load()
    if ask.apply is not None and _same_file(Path(ask.apply), agenda_source(ask.agenda, env.environ)):
        raise UsageProblem(
            _("--apply {file} would replace the agenda it reads").format(file=ask.apply), hint=_("write the moved agenda to a new file")
        )

    if zones:
        places = zone_places(zones)
    elif ask.attendees is not None:
        places = attendee_places(Output(env), ask.attendees)
    else:
        places = agenda_places(ag)
        if not places:
            raise UsageProblem(
                _("the agenda lists no participants"), hint=_("name the places with --tz ZONE (repeat it) or --attendees FILE")
            )
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
        raise UsageProblem(str(err), hint=_("widen --between or shorten --duration")) from None
    limit = TIME_LIMIT if ask.time_limit is None else ask.time_limit
    rotation = rotate_plan(planned, time_limit=limit, clock=timer or clock_time.monotonic, progress=progress) if ask.rotate else None
    applied = None
    if ask.apply is not None:
        starts = [day.start for day in rotation.days] if rotation else [planned.best.start] * len(ag.days)
        applied = write_moved(ag, starts, Path(ask.apply), ask.force)
    return plan_row(ag.title, planned, ask.top, rotation, applied, limit)


def _check(ask: PlanAsk) -> None:
    """The options that contradict each other, before anything is read."""
    if ask.time_limit is not None and not 0 < ask.time_limit < float("inf"):
        raise UsageProblem(
            _("--time-limit {seconds} is not a number of seconds above 0").format(seconds=f"{ask.time_limit:g}"),
            hint=_("e.g. {example}").format(example="--time-limit 10"),
        )
    if ask.tz and ask.attendees:
        raise UsageProblem(_("--tz and --attendees both name who takes part"), hint=_("give one of them"))
    if ask.apply is not None:
        if ask.dates or ask.duration is not None:
            raise UsageProblem(
                _("--apply moves the agenda's own days as they are"), hint=_("leave out --date and --duration when writing the agenda")
            )
        if not ask.apply.strip() or ask.apply.strip() == "-":
            raise UsageProblem(_("--apply needs a file name"), hint=_("e.g. {example}").format(example="--apply agenda-moved.json"))


def _zone_reader(env: Environment) -> ZoneReader:
    from ..core.zones import resolve_zone

    return lambda text, _agenda: resolve_zone(text, env.local_zone, env.clock())


def attendee_places(out: Output, path: str) -> list[Place]:
    """One place per zone in the list of attendees, weighted by how many people are in it."""
    from ..core.places import zone_places
    from ..formats.attendees import read_attendees, unique

    people = unique(read_attendees(path))
    zones = [zone for person in people if (zone := getattr(person, "zone", None)) is not None]
    if not zones:
        raise InputError(
            _("no attendee has a zone"),
            where=path,
            hint=_("add a third column with each person's zone: {columns}").format(columns="name,email,zone"),
        )
    missing = len(people) - len(zones)
    if missing:
        out.message(
            _("loci: note: {missing} of {total} attendees in {path} have no zone and are not counted").format(
                missing=missing, total=len(people), path=path
            )
        )
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
        raise UsageProblem(_("cannot read '{text}' as a length").format(text=text), hint=_(_LENGTH_HINT))
    if not timedelta(0) < length <= timedelta(days=1):
        raise UsageProblem(_("--duration {text} is not between a minute and a day").format(text=text), hint=_(_LENGTH_HINT))
    return length


def parse_window(text: str) -> tuple[time, time]:
    """'08:00-20:00' (or with an en dash) -> its two times; '24:00' closes at midnight."""
    parts = re.split(r"\s*[-–]\s*", text.strip())
    if len(parts) != 2:
        raise UsageProblem(
            _("cannot read '{text}' as a window of the day").format(text=text),
            hint=_("write it like {example}").format(example="08:00-20:00"),
        )
    found = []
    for part in parts:
        clock = _CLOCK.fullmatch(part)
        hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (-1, -1)
        if not clock or not (0 <= minute < 60 and (0 <= hour < 24 or (hour == 24 and minute == 0))):
            raise UsageProblem(
                _("'{text}' in --between is not a time of day").format(text=part),
                hint=_("write it like {example}").format(example="08:00-20:00"),
            )
        found.append(time(hour % 24, minute))
    return found[0], found[1]


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file; a path that can't be resolved (a link loop) is left for the writer to refuse."""
    import os

    try:
        return os.path.realpath(a, strict=False) == os.path.realpath(b, strict=False)
    except (OSError, RuntimeError, ValueError):
        return False
