"""The rules of an agenda that span fields, and the instants they resolve.

Field-level rules (types, unknown keys, patterns) belong to the format
(formats/loci_json.py); what needs the event zone (local times that don't
exist or happen twice, order, overlaps, unique ids) lives here, so that each
problem is reported with its own JSON path, all at once.

The rules read drafts: any objects with the attributes below (the Pydantic
models of loci's JSON format are such drafts), so the core needs no parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timezone
from typing import Protocol
from zoneinfo import ZoneInfo

from .errors import Problem
from .time import YEAR_RANGE, localize, year_in_range

Clock = time | datetime


class SessionDraft(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def start(self) -> Clock: ...
    @property
    def end(self) -> Clock: ...
    @property
    def room(self) -> str | None: ...


class DayDraft(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def date(self) -> date: ...
    @property
    def sessions(self) -> Sequence[SessionDraft]: ...


Instants = tuple[datetime, datetime]


def resolve(value: Clock, on: date, zone: ZoneInfo) -> datetime:
    """A session's clock (a time on the day's date, or a full date-time) as a UTC instant."""
    if isinstance(value, datetime) and not year_in_range(value):
        raise ValueError(f"{value.date().isoformat()} is out of range; dates must lie {YEAR_RANGE}")
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise ValueError("a time of day takes no offset; write a full date-time with an offset instead")
        naive = datetime.combine(on, value)
    elif value.tzinfo is not None:
        return value.astimezone(timezone.utc)
    else:
        naive = value
    # Nearly every wall clock lies away from a DST change: both folds then give one offset, and
    # that offset is the answer (a skipped or repeated time gives two; localize says which).
    offset = naive.replace(tzinfo=zone).utcoffset()
    if offset is not None and offset == naive.replace(tzinfo=zone, fold=1).utcoffset():
        return (naive - offset).replace(tzinfo=timezone.utc)
    return localize(naive, zone).astimezone(timezone.utc)


def check(days: Sequence[DayDraft], zone: ZoneInfo) -> tuple[list[Problem], list[list[Instants | None]], list[Problem]]:
    """Every problem across fields, each session's (start, end) instants (None where unresolved), and the warnings.

    A warning is something real schedules do on purpose and that leaves every
    answer right: sessions overlapping in one room (lightning talks inside a
    block, an MC slot over the acts) and sessions of no length (a marker).
    ``validate`` lists them and ``validate --strict`` refuses them.
    """
    found: list[Problem] = []
    warnings: list[Problem] = []
    instants: list[list[Instants | None]] = []
    seen_days: dict[str, int] = {}
    seen_numbers: dict[int, int] = {}
    seen_sessions: dict[str, str] = {}
    previous_day: DayDraft | None = None
    memo: dict[tuple[Clock, date], datetime] = {}
    for d, day in enumerate(days):
        on = day.date
        where = f"$.days[{d}]"
        if day.id in seen_days:
            found.append(Problem(f"{where}.id", f"day id '{day.id}' is used twice (also $.days[{seen_days[day.id]}])"))
        seen_days.setdefault(day.id, d)
        if day.number in seen_numbers:
            found.append(Problem(f"{where}.number", f"day number {day.number} is used twice"))
        seen_numbers.setdefault(day.number, d)
        if previous_day is not None and day.date < previous_day.date:
            found.append(Problem(f"{where}.date", f"{day.date} comes before the previous day's {previous_day.date}; list days in order"))
        previous_day = day
        resolved: list[Instants | None] = []
        instants.append(resolved)
        previous: tuple[str, datetime] | None = None
        # Per room, the session that ends last so far: parallel rooms may overlap, one room may not.
        busy: dict[str | None, tuple[str, datetime]] = {}
        for i, session in enumerate(day.sessions):
            at = f"{where}.sessions[{i}]"
            if session.id in seen_sessions:
                found.append(Problem(f"{at}.id", f"session id '{session.id}' is used twice (also {seen_sessions[session.id]})"))
            seen_sessions.setdefault(session.id, at)
            ends: list[datetime] = []
            for name, clock in (("start", session.start), ("end", session.end)):
                # A session mostly starts when the one before it ends: each clock is resolved once.
                known = memo.get((clock, on))
                if known is not None:
                    ends.append(known)
                    continue
                try:
                    ends.append(memo.setdefault((clock, on), resolve(clock, on, zone)))
                except ValueError as err:
                    found.append(Problem(f"{at}.{name}", str(err)))
            if len(ends) < 2:
                resolved.append(None)
                continue
            start_at, end_at = ends
            resolved.append((start_at, end_at))
            # A time of day is on its day's date by construction; only a full date-time can lie before it.
            starts_on = day.date if isinstance(session.start, time) else start_at.astimezone(zone).date()
            if starts_on < day.date:
                found.append(
                    Problem(
                        f"{at}.start",
                        f"starts on {starts_on}, before its day's date {day.date}; move it to the day it is on",
                    )
                )
            if end_at == start_at:
                warnings.append(Problem(f"{at}.end", f"the session ends when it starts ({_hm(end_at, zone)}); give it a length"))
            elif end_at < start_at:
                found.append(Problem(f"{at}.end", f"the session ends ({_hm(end_at, zone)}) before it starts ({_hm(start_at, zone)})"))
            if previous is not None and start_at < previous[1]:
                found.append(
                    Problem(
                        f"{at}.start",
                        f"starts at {_hm(start_at, zone)}, before the previous session '{previous[0]}' starts at "
                        f"{_hm(previous[1], zone)}; list a day's sessions in order of start",
                    )
                )
            before = busy.get(session.room)
            if before is not None and previous is not None and previous[1] <= start_at < before[1]:
                room = f" in room '{session.room}'" if session.room else ""
                warnings.append(
                    Problem(
                        f"{at}.start",
                        f"starts at {_hm(start_at, zone)}, before the previous session '{before[0]}'{room} ends at "
                        f"{_hm(before[1], zone)}; the two overlap in the same room",
                    )
                )
            if before is None or end_at > before[1]:
                busy[session.room] = (session.id, end_at)
            previous = (session.id, start_at)
    return found, instants, warnings


def _hm(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")
