"""The rules of an agenda that span fields, and the instants they resolve.

Field-level rules (types, unknown keys, patterns) belong to the format
(formats/loci_json.py); what needs the event zone (local times that don't
exist or happen twice, order, overlaps, unique ids) lives here, so that each
problem is reported with its own JSON path, all at once.

The rules read drafts: any objects with the attributes below (the Pydantic
models of loci's JSON format are such drafts), so the core needs no parser.
"""

from __future__ import annotations

import functools
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
        # The fast path below, without datetime.replace (the costliest step of a first run's checks).
        offset = zone.utcoffset(naive)
        if offset is not None and offset == zone.utcoffset(datetime.combine(on, _second_fold(value))):
            return datetime.combine(on, value, timezone.utc) - offset
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


@functools.lru_cache(maxsize=4096)
def _second_fold(value: time) -> time:
    return value.replace(fold=1)


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
    # Where each session id was first seen, as (day, index): its path is written only for a message.
    seen_sessions: dict[str, tuple[int, int]] = {}
    previous_day: DayDraft | None = None
    # A session mostly starts when the one before it ends: each clock is resolved once per date.
    memo: dict[tuple[Clock, date], datetime] = {}

    def instant(clock: Clock, on: date, at: str) -> datetime | None:
        known = memo.get((clock, on))
        if known is not None:
            return known
        try:
            return memo.setdefault((clock, on), resolve(clock, on, zone))
        except ValueError as err:
            found.append(Problem(at, str(err)))
            return None

    for d, day in enumerate(days):
        on = day.date
        where = f"$.days[{d}]"
        if day.id in seen_days:
            found.append(Problem(f"{where}.id", f"day id '{day.id}' is used twice (also $.days[{seen_days[day.id]}])"))
        seen_days.setdefault(day.id, d)
        if day.number in seen_numbers:
            found.append(Problem(f"{where}.number", f"day number {day.number} is used twice"))
        seen_numbers.setdefault(day.number, d)
        if previous_day is not None and on < previous_day.date:
            found.append(Problem(f"{where}.date", f"{on} comes before the previous day's {previous_day.date}; list days in order"))
        previous_day = day
        resolved: list[Instants | None] = []
        instants.append(resolved)
        previous: tuple[str, datetime] | None = None
        # Per room, the session that ends last so far: parallel rooms may overlap, one room may not.
        busy: dict[str | None, tuple[str, datetime]] = {}
        for i, session in enumerate(day.sessions):
            sid, start, end, room = session.id, session.start, session.end, session.room
            first = seen_sessions.setdefault(sid, (d, i))
            if first != (d, i):
                found.append(
                    Problem(f"{where}.sessions[{i}].id", f"session id '{sid}' is used twice (also $.days[{first[0]}].sessions[{first[1]}])")
                )
            start_at = memo.get((start, on)) or instant(start, on, f"{where}.sessions[{i}].start")
            end_at = memo.get((end, on)) or instant(end, on, f"{where}.sessions[{i}].end")
            if start_at is None or end_at is None:
                resolved.append(None)
                continue
            resolved.append((start_at, end_at))
            if not isinstance(start, time) or end_at <= start_at or (previous is not None and start_at < previous[1]):
                _misplaced(found, warnings, f"{where}.sessions[{i}]", start, start_at, end_at, on, previous, zone)
            before = busy.get(room)
            if before is not None and previous is not None and previous[1] <= start_at < before[1]:
                in_room = f" in room '{room}'" if room else ""
                warnings.append(
                    Problem(
                        f"{where}.sessions[{i}].start",
                        f"starts at {_hm(start_at, zone)}, before the previous session '{before[0]}'{in_room} ends at "
                        f"{_hm(before[1], zone)}; the two overlap in the same room",
                    )
                )
            if before is None or end_at > before[1]:
                busy[room] = (sid, end_at)
            previous = (sid, start_at)
    return found, instants, warnings


def _misplaced(
    found: list[Problem],
    warnings: list[Problem],
    at: str,
    start: Clock,
    start_at: datetime,
    end_at: datetime,
    on: date,
    previous: tuple[str, datetime] | None,
    zone: ZoneInfo,
) -> None:
    """What may be wrong with where a session lies: before its day, of no length or negative, out of order."""
    # A time of day is on its day's date by construction; only a full date-time can lie before it.
    starts_on = on if isinstance(start, time) else start_at.astimezone(zone).date()
    if starts_on < on:
        found.append(Problem(f"{at}.start", f"starts on {starts_on}, before its day's date {on}; move it to the day it is on"))
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


def _hm(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")
