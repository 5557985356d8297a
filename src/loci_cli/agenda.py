"""Load an agenda and answer questions about it. Returns data; never prints."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from .errors import AgendaError, NotFound
from .models import Agenda, AgendaInvalid, Day, Session, parse_agenda

ENV_AGENDA = "LOCI_AGENDA"


def default_agenda_path() -> Path:
    """The embedded agenda: inside the wheel, or at the top of a source checkout."""
    from importlib.resources import files

    packaged = files("loci_cli").joinpath("data", "agenda.json")
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install runs from src/, where the wheel's copy is absent.
    return Path(__file__).resolve().parents[2] / "data" / "agenda.json"


def agenda_source(path: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    chosen = path or environ.get(ENV_AGENDA)
    return Path(chosen) if chosen else default_agenda_path()


def load_agenda(path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Agenda:
    """Read, parse and check an agenda; every failure is an AgendaError naming the file."""
    source = agenda_source(path, os.environ if environ is None else environ)
    text = read_text(source)
    if not text.strip():
        raise AgendaError("the file is empty", where=str(source), hint="an agenda is one JSON object; see 'The agenda format' in the README")
    try:
        return parse_agenda(text)
    except AgendaInvalid as err:
        first = err.problems[0]
        more = len(err.problems) - 1
        hint = "fix it and try again"
        if more:
            hint = f"and {more} more problem{'s' if more > 1 else ''} after it"
        raise AgendaError(first.message, where=f"{source}: {first.path}", hint=hint) from None


def read_text(source: Path) -> str:
    hint = f"check the path given with --agenda or ${ENV_AGENDA}"
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise AgendaError("no such file", where=str(source), hint=hint) from None
    except IsADirectoryError:
        raise AgendaError("is a directory, not an agenda file", where=str(source), hint=hint) from None
    except PermissionError:
        raise AgendaError("permission denied", where=str(source), hint="make the file readable") from None
    except OSError as err:
        raise AgendaError(f"cannot read: {err.strerror or err}", where=str(source), hint=hint) from None
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

    @property
    def until_next(self) -> timedelta | None:
        return None if self.next is None else self.next.session.start_at - self.at


def moment(agenda: Agenda, at: datetime) -> Moment:
    """What runs at ``at`` (an aware datetime), and what starts next."""
    current = following = None
    for day, session in agenda.sessions():
        if session.start_at <= at < session.end_at and current is None:
            current = Slot(day, session)
        elif session.start_at > at and (following is None or session.start_at < following.session.start_at):
            following = Slot(day, session)
    return Moment(at, current, following)
