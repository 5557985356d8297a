"""Pydantic models of loci's agenda format, and the checks that span fields.

Field-level rules (types, unknown keys, patterns) are Pydantic's; the rules
that need the event zone (local times that don't exist or happen twice,
ordering, overlaps, unique ids) live in ``Agenda.problems`` so that each can
be reported with its own JSON path, all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, WithJsonSchema, field_validator

from .timezones import get_zone

FORMAT = "loci-agenda/1"

Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:@-]*$",
        max_length=200,
        description="Stable identifier: calendar UIDs are built from it, so never renumber.",
    ),
]
Text = Annotated[str, Field(min_length=1)]
Kind = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]*$",
        description="What sort of session: plenary, panel, break, breakout, wrap-up, talk, …",
    ),
]
# A time of day (on the day's date) or a full local date-time, for sessions
# that run past midnight; an explicit offset picks one side of a DST fold.
# The schema spells the accepted forms out as patterns: editors read JSON Schema's
# "time" format as RFC 3339 full-time and would flag a plain '10:00'.
Clock = Annotated[
    time | datetime,
    BeforeValidator(lambda value: _clock(value)),
    WithJsonSchema({
        "type": "string",
        "pattern": r"^([0-9]{4}-[0-9]{2}-[0-9]{2}T)?[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
        "examples": ["10:00", "2021-03-29T00:30", "2021-10-31T02:30+02:00"],
    }),
    Field(description="'HH:MM' on the day's date, or 'YYYY-MM-DDTHH:MM' with an optional UTC offset."),
]
# Read here rather than by Pydantic, which also takes '10' or '1605000000' as
# seconds since 1970: an agenda's times are clock readings.
_CLOCK_SHAPE = re.compile(r"(\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")
_CLOCK_WORDS = "expected a time 'HH:MM' or a date-time 'YYYY-MM-DDTHH:MM'"


def _clock(value: object) -> object:
    if isinstance(value, (time, datetime)):
        return value
    if not isinstance(value, str) or not (shape := _CLOCK_SHAPE.fullmatch(value)):
        raise ValueError(_CLOCK_WORDS)
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        return datetime.fromisoformat(text) if shape.group(1) else time.fromisoformat(text)
    except ValueError as err:
        raise ValueError(f"'{value}' is not a real time ({err})") from None
    if not isinstance(value, str) or not _CLOCK_SHAPE.fullmatch(value):
        raise ValueError(_CLOCK_WORDS)
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Organisation(_Strict):
    name: Text
    short_name: str | None = None
    tagline: str | None = None
    url: str | None = None
    email: str | None = None


class Contact(_Strict):
    name: Text
    organisation: str | None = None
    email: str | None = None


class Link(_Strict):
    url: Text
    title: str | None = None


class Session(_Strict):
    id: Id
    start: Clock
    end: Clock
    title: Text
    kind: Kind = "session"
    description: str = ""
    lead: str | None = Field(None, description="Who leads the session, e.g. an organisation.")
    location: str | None = Field(None, description="Where, when not the agenda's venue.")
    url: str | None = None
    room: str | None = Field(
        None, description="The room, for programmes in parallel rooms: only sessions in the same room may not overlap."
    )
    track: str | None = None
    speakers: list[Text] = Field([], description="Who speaks, by name.")
    language: str | None = Field(None, description="The language it is held in, e.g. 'en'.")
    links: list[Link] = []

    _start_at: datetime | None = PrivateAttr(None)
    _end_at: datetime | None = PrivateAttr(None)

    # Instants are kept in UTC: Python compares and subtracts two datetimes that
    # share a tzinfo by wall clock, which is wrong across a DST change.
    @property
    def start_at(self) -> datetime:
        """The start, as an aware datetime in UTC."""
        assert self._start_at is not None, "agenda not checked: use parse_agenda()"
        return self._start_at

    @property
    def end_at(self) -> datetime:
        assert self._end_at is not None, "agenda not checked: use parse_agenda()"
        return self._end_at

    @property
    def is_break(self) -> bool:
        return self.kind == "break"


class Day(_Strict):
    id: Id
    number: int = Field(ge=1, le=9999)
    date: date
    title: Text
    theme: str | None = None
    sessions: list[Session] = Field(min_length=1)

    @field_validator("date")
    @classmethod
    def _reasonable_year(cls, value: date) -> date:
        # Zone arithmetic overflows near date.min and date.max.
        if not 1900 <= value.year <= 2999:
            raise ValueError("date must lie between the years 1900 and 2999")
        return value

    @property
    def start_at(self) -> datetime:
        return self.sessions[0].start_at

    @property
    def end_at(self) -> datetime:
        return max(s.end_at for s in self.sessions)


def _known_zone_name(value: str) -> str:
    get_zone(value)  # raises ValueError with a hint
    return value


class Participants(_Strict):
    """Where participants attend from: the default rows of 'loci zones'."""

    country: Text
    zones: list[Annotated[str, AfterValidator(_known_zone_name)]] = Field(
        min_length=1, description="IANA zones, the one most participants use first."
    )


class Agenda(_Strict):
    format: Literal["loci-agenda/1"] = FORMAT
    schema_: str | None = Field(None, alias="$schema", description="Optional, for editors.")
    id: Id
    revision: int = Field(0, ge=0, description="Raise it when the agenda changes: it becomes SEQUENCE in invites.")
    title: Text
    subtitle: str | None = None
    region: str | None = None
    organisers: list[Organisation] = []
    venue: str | None = None
    url: str | None = None
    email: str | None = Field(None, description="The organiser's address, for calendar invites.")
    timezone: str = Field(description="The IANA zone the agenda's local times are in, e.g. Europe/Amsterdam.")
    about: str = ""
    contacts: list[Contact] = []
    days: list[Day] = Field(min_length=1)
    participants: list[Participants] = Field([], description="Where participants attend from, for 'loci zones'.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        get_zone(value)  # raises ValueError with a hint
        return value

    @property
    def zone(self) -> ZoneInfo:
        return get_zone(self.timezone)

    def sessions(self) -> list[tuple[Day, Session]]:
        return [(day, s) for day in self.days for s in day.sessions]

    def problems(self) -> list[Problem]:
        """Check what spans fields, resolving every session's instants on the way."""
        found: list[Problem] = []
        zone = self.zone
        seen_days: dict[str, int] = {}
        seen_numbers: dict[int, int] = {}
        seen_sessions: dict[str, str] = {}
        previous_day: Day | None = None
        for d, day in enumerate(self.days):
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
            previous: Session | None = None
            # Per room, the session that ends last so far: parallel rooms may overlap, one room may not.
            busy: dict[str | None, Session] = {}
            for i, session in enumerate(day.sessions):
                at = f"{where}.sessions[{i}]"
                if session.id in seen_sessions:
                    found.append(Problem(f"{at}.id", f"session id '{session.id}' is used twice (also {seen_sessions[session.id]})"))
                seen_sessions.setdefault(session.id, at)
                ok = True
                for name in ("start", "end"):
                    try:
                        instant = _resolve(getattr(session, name), day.date, zone)
                    except ValueError as err:
                        found.append(Problem(f"{at}.{name}", str(err)))
                        ok = False
                    else:
                        setattr(session, f"_{name}_at", instant)
                if not ok:
                    continue
                if session.end_at == session.start_at:
                    found.append(Problem(f"{at}.end", f"the session ends when it starts ({_hm(session.end_at, zone)}); give it a length"))
                elif session.end_at < session.start_at:
                    found.append(Problem(f"{at}.end", f"the session ends ({_hm(session.end_at, zone)}) before it starts ({_hm(session.start_at, zone)})"))
                if previous is not None and session.start_at < previous.start_at:
                    found.append(Problem(
                        f"{at}.start",
                        f"starts at {_hm(session.start_at, zone)}, before the previous session '{previous.id}' starts at "
                        f"{_hm(previous.start_at, zone)}; list a day's sessions in order of start",
                    ))
                before = busy.get(session.room)
                if before is not None and previous is not None and previous.start_at <= session.start_at < before.end_at:
                    room = f" in room '{session.room}'" if session.room else ""
                    found.append(Problem(
                        f"{at}.start",
                        f"starts at {_hm(session.start_at, zone)}, before the previous session '{before.id}'{room} ends at "
                        f"{_hm(before.end_at, zone)}; sessions in the same room must not overlap",
                    ))
                if before is None or session.end_at > before.end_at:
                    busy[session.room] = session
                previous = session
        return found


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an agenda, at a JSON path such as ``$.days[0].id``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AgendaInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0])
        self.problems = problems


def parse_agenda(text: str | bytes) -> Agenda:
    """Parse and fully check an agenda; raise AgendaInvalid listing every problem."""
    try:
        agenda = Agenda.model_validate_json(text)
    except ValidationError as err:
        raise AgendaInvalid(pydantic_problems(err)) from None
    problems = agenda.problems()
    if problems:
        raise AgendaInvalid(problems)
    return agenda


def pydantic_problems(err: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for item in err.errors(include_url=False):
        loc = list(item["loc"])
        message = item["msg"]
        # A Clock failing both union members reports twice; say it once, plainly.
        if loc and loc[-1] in ("time", "datetime"):
            loc.pop()
            message = _CLOCK_WORDS
        if item["type"] == "value_error" and "error" in item.get("ctx", {}):
            message = str(item["ctx"]["error"])  # without Pydantic's "Value error, " prefix
        if item["type"] == "extra_forbidden":
            message = "unknown key (check its spelling; unknown keys are rejected)"
        path = json_path(loc)
        if path in seen:
            continue
        seen.add(path)
        found.append(Problem(path, message))
    return found


def json_path(loc: list[str | int]) -> str:
    path = "$"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _resolve(value: time | datetime, on: date, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime) and not 1900 <= value.year <= 2999:
        # Zone arithmetic overflows near datetime.min and datetime.max.
        raise ValueError(f"{value.date().isoformat()} is out of range; dates must lie between the years 1900 and 2999")
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise ValueError("a time of day takes no offset; write a full date-time with an offset instead")
        naive = datetime.combine(on, value)
    elif value.tzinfo is not None:
        return value.astimezone(timezone.utc)
    else:
        naive = value
    return localize(naive, zone).astimezone(timezone.utc)


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach ``zone`` to a wall-clock time, refusing times a DST change skips or repeats."""
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValueError(f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key} (clocks skip it); pick another time")
    if aware.utcoffset() != aware.replace(fold=1).utcoffset():
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} happens twice in {zone.key} (clocks go back); "
            "write it as a date-time with its UTC offset, e.g. "
            f"{aware.isoformat(timespec='minutes')}"
        )
    return aware


def _hm(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def agenda_json_schema() -> dict:
    """The JSON Schema of the agenda format, as editors read it (keys by their JSON names)."""
    schema = Agenda.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
