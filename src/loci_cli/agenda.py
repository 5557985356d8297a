"""Load an agenda and answer questions about it. Returns data; never prints."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .formats import AgendaFormat
from .errors import AgendaError, NotFound

if TYPE_CHECKING:
    from .models import Agenda, Day, Problem, Session

# The models (Pydantic) are imported only where an agenda is validated: a run
# served from a snapshot (snapshot.py) never loads them.

ENV_AGENDA = "LOCI_AGENDA"


def default_agenda_path() -> Path:
    """The embedded agenda: inside the wheel, or at the top of a source checkout."""
    # Next to this module, as importlib.resources would find it in an installed
    # package (loci is never imported from a zip), without its import cost.
    packaged = Path(__file__).parent / "data" / "agenda.json"
    if packaged.is_file():
        return packaged
    # An editable install runs from src/, where the wheel's copy is absent.
    return Path(__file__).resolve().parents[2] / "data" / "agenda.json"


def agenda_source(path: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    chosen = path or environ.get(ENV_AGENDA)
    return Path(chosen) if chosen else default_agenda_path()


@dataclass
class Checked:
    """An agenda file read and checked: the agenda, or every problem found; notes worth telling either way."""

    source: Path
    format: AgendaFormat
    agenda: Agenda | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_agenda(
    path: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    format: AgendaFormat | str = AgendaFormat.auto,
) -> Checked:
    """Read an agenda in either format and collect every problem; raise AgendaError only when it can't be read."""
    source = agenda_source(path, os.environ if environ is None else environ)
    return check_bytes(read_bytes(source), source, AgendaFormat(format))


def check_bytes(data: bytes, source: Path, format: AgendaFormat) -> Checked:
    text = decode(data, source)
    if not text.strip():
        raise AgendaError("the file is empty", where=str(source), hint="an agenda is one JSON object; see 'The agenda format' in the README")
    return check_text(text, source, format)


def check_text(text: str, source: Path, format: AgendaFormat = AgendaFormat.auto) -> Checked:
    from .models import AgendaInvalid, Problem, parse_agenda

    data = None
    if format is not AgendaFormat.loci:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as err:
            if format is AgendaFormat.frab:
                where = f" at line {err.lineno} column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
                what = "nested too deeply" if isinstance(err, RecursionError) else getattr(err, "msg", err)
                message = f"Invalid JSON: {what}{where}"
                return Checked(source, format, None, [Problem("$", message)])
            # Not JSON at all: let the loci parser say so, in its words.
    from .frab import is_frab, read_frab

    if format is AgendaFormat.frab or (format is AgendaFormat.auto and is_frab(data)):
        reading = read_frab(data)
        return Checked(source, AgendaFormat.frab, reading.agenda, reading.problems, reading.notes)
    try:
        return Checked(source, AgendaFormat.loci, parse_agenda(text))
    except AgendaInvalid as err:
        return Checked(source, AgendaFormat.loci, None, err.problems)


def load_agenda(
    path: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    format: AgendaFormat | str = AgendaFormat.auto,
    cached: bool = False,
) -> Agenda:
    """Read, parse and check an agenda; every failure is an AgendaError naming the file.

    With ``cached``, an agenda validated before (the same bytes) comes from its
    snapshot: light read-only objects with the models' attributes, for the views.
    """
    environ = os.environ if environ is None else environ
    format = AgendaFormat(format)
    source = agenda_source(path, environ)
    data = read_bytes(source)
    save_as: tuple[Path, str] | None = None
    if cached:
        from . import snapshot

        directory = snapshot.cache_dir(environ)
        if directory is not None:
            key = snapshot.snapshot_key(data, format.value)
            saved = snapshot.load(directory, key)
            if saved is not None:
                return saved  # type: ignore[return-value]  # the same attributes, read-only
            save_as = (directory, key)
    checked = check_bytes(data, source, format)
    if checked.agenda is not None:
        if save_as is not None:
            snapshot.save(*save_as, checked.agenda)
        return checked.agenda
    first = checked.problems[0]
    more = len(checked.problems) - 1
    hint = "fix it and try again"
    if more:
        forced = "" if format is AgendaFormat.auto else f" --format {format.value}"
        hint = f"and {more} more problem{'s' if more > 1 else ''} after it: list them all with 'loci validate {checked.source}{forced}'"
    raise AgendaError(first.message, where=f"{checked.source}: {first.path}", hint=hint)


def read_bytes(source: Path) -> bytes:
    # Not naming --agenda: 'loci validate FILE' reads through here too.
    hint = f"check the file's path (without --agenda or ${ENV_AGENDA}, loci reads its embedded agenda)"
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise AgendaError("no such file", where=str(source), hint=hint) from None
    except IsADirectoryError:
        raise AgendaError("is a directory, not an agenda file", where=str(source), hint=hint) from None
    except PermissionError:
        raise AgendaError("permission denied", where=str(source), hint="make the file readable") from None
    except OSError as err:
        raise AgendaError(f"cannot read: {err.strerror or err}", where=str(source), hint=hint) from None


def decode(data: bytes, source: Path) -> str:
    try:
        # utf-8-sig: a byte order mark, as some Windows editors write, is not an error.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise AgendaError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})",
            where=str(source),
            hint="save the agenda as UTF-8 JSON",
        ) from None


@dataclass(frozen=True)
class Slot:
    """A session together with its day: what every view of the programme lists."""

    day: Day
    session: Session


def find_day(agenda: Agenda, number: int) -> Day:
    for day in agenda.days:
        if day.number == number:
            return day
    numbers = ", ".join(str(d.number) for d in agenda.days)
    raise NotFound(f"there is no day {number}", hint=f"the days are {numbers}; see 'loci days'")


def find_session(agenda: Agenda, session_id: str) -> Slot:
    by_id = {s.id: Slot(d, s) for d, s in agenda.sessions()}
    if session_id in by_id:
        return by_id[session_id]
    folded = {k.lower(): v for k, v in by_id.items()}
    if session_id.lower() in folded:
        return folded[session_id.lower()]
    import difflib

    close = difflib.get_close_matches(session_id, by_id, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "see the ids with 'loci sessions'"
    raise NotFound(f"there is no session '{session_id}'", hint=hint)


def local_day_bounds(on: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Local midnight to the next local midnight, as aware datetimes."""
    return datetime.combine(on, time(), zone), datetime.combine(on + timedelta(days=1), time(), zone)


def days_on(agenda: Agenda, on: date, zone: ZoneInfo) -> list[Day]:
    """The days with any session on local date ``on`` in ``zone``."""
    begin, end = local_day_bounds(on, zone)
    return [day for day in agenda.days if any(s.start_at < end and s.end_at > begin for s in day.sessions)]


def nearest_day(agenda: Agenda, on: date, zone: ZoneInfo) -> Day:
    """The day closest to local date ``on``: what to suggest when nothing is on."""
    begin, end = local_day_bounds(on, zone)

    def distance(day: Day) -> timedelta:
        if day.end_at <= begin:
            return begin - day.end_at
        return max(day.start_at - end, timedelta())

    return min(agenda.days, key=distance)


@dataclass(frozen=True)
class Moment:
    at: datetime
    current: Slot | None
    next: Slot | None
    #: every session running at ``at`` (parallel rooms), ``current`` first
    current_all: tuple[Slot, ...] = ()
    #: every session starting at the next start time, ``next`` first
    next_all: tuple[Slot, ...] = ()

    @property
    def until_next(self) -> timedelta | None:
        return None if self.next is None else self.next.session.start_at - self.at


def moment(agenda: Agenda, at: datetime, only: Filter | None = None) -> Moment:
    """What runs at ``at`` (an aware datetime) in any room, and what starts next."""
    current: list[Slot] = []
    following: list[Slot] = []
    for day, session in agenda.sessions():
        if only is not None and not only.matches(session):
            continue
        if session.start_at <= at < session.end_at:
            current.append(Slot(day, session))
        elif session.start_at > at:
            if not following or session.start_at < following[0].session.start_at:
                following = [Slot(day, session)]
            elif session.start_at == following[0].session.start_at:
                following.append(Slot(day, session))
    return Moment(
        at,
        current[0] if current else None,
        following[0] if following else None,
        tuple(current),
        tuple(following),
    )


# --- filters --------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """Which sessions to show: in a room, on a track, and containing every word searched for."""

    room: str | None = None
    track: str | None = None
    search: str | None = None

    def __bool__(self) -> bool:
        return bool(self.room or self.track or self.search)

    def matches(self, session: Session) -> bool:
        if self.room is not None and session.room != self.room:
            return False
        if self.track is not None and session.track != self.track:
            return False
        if self.search:
            text = _searchable(session)
            return all(word in text for word in self.search.casefold().split())
        return True

    def describe(self) -> str:
        parts = [f"{name} '{value}'" for name, value in (("room", self.room), ("track", self.track)) if value]
        if self.search:
            parts.append(f"search '{self.search}'")
        return ", ".join(parts)


def _searchable(session: Session) -> str:
    fields = [session.id, session.title, session.description, session.kind, session.lead, session.room,
              session.track, session.location, *session.speakers]
    return "\n".join(f for f in fields if f).casefold()


def make_filter(agenda: Agenda, room: str | None = None, track: str | None = None, search: str | None = None) -> Filter:
    """A Filter with the agenda's own spelling of the room and track; NotFound (with a hint) for unknown ones."""
    return Filter(
        _known(room, "room", (s.room for _, s in agenda.sessions())),
        _known(track, "track", (s.track for _, s in agenda.sessions())),
        search.strip() if search and search.strip() else None,
    )


def _known(wanted: str | None, what: str, values: Iterable[str | None]) -> str | None:
    if wanted is None:
        return None
    names = sorted({v for v in values if v})
    folded = {n.casefold(): n for n in names}
    if wanted.strip().casefold() in folded:
        return folded[wanted.strip().casefold()]
    if not names:
        raise NotFound(f"there is no {what} '{wanted}'", hint=f"this agenda names no {what}s")
    import difflib

    close = difflib.get_close_matches(wanted.casefold(), folded, n=3, cutoff=0.5)
    if close:
        hint = "did you mean " + ", ".join(f"'{folded[c]}'" for c in close) + "?"
    elif len(names) <= 20:
        hint = f"the {what}s are " + ", ".join(f"'{n}'" for n in names)
    else:
        hint = f"there are {len(names)} {what}s; see them with 'loci sessions --by-room'" if what == "room" else f"there are {len(names)} {what}s"
    raise NotFound(f"there is no {what} '{wanted}'", hint=hint)


def select(days: Iterable[Day], only: Filter | None = None) -> list[tuple[Day, list[Session]]]:
    """Each day with the sessions that pass the filter; days left with none are dropped."""
    if not only:
        return [(day, list(day.sessions)) for day in days]
    chosen = [(day, [s for s in day.sessions if only.matches(s)]) for day in days]
    return [(day, sessions) for day, sessions in chosen if sessions]


def rooms(agenda: Agenda) -> list[str]:
    """The rooms the agenda names, in order of first appearance."""
    return list(dict.fromkeys(s.room for _, s in agenda.sessions() if s.room))
