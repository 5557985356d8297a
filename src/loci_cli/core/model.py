"""The one domain model: an agenda, its days and sessions, as frozen, typed values.

Named tuples, not dataclasses: they are as typed and as immutable, and
creating the classes costs a tenth as much, which every run pays at start-up
(a frozen dataclass also costs a ``__setattr__`` detour per field for each of
10,000 sessions).

Every command and format works on these classes. They are built only from a
checked agenda (formats/loci_json.py validates loci's JSON with Pydantic and
builds them; formats/frab.py goes through the same path), so every session
carries its resolved instants. Instants are aware datetimes in UTC: Python
compares and subtracts two datetimes that share a tzinfo by wall clock, which
is wrong across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .errors import Problem


class Organisation(NamedTuple):
    name: str
    short_name: str | None = None
    tagline: str | None = None
    url: str | None = None
    email: str | None = None


class Contact(NamedTuple):
    name: str
    organisation: str | None = None
    email: str | None = None


class Link(NamedTuple):
    url: str
    title: str | None = None


class Participants(NamedTuple):
    """Where participants attend from: the default rows of 'loci zones'."""

    country: str
    #: IANA zones, the one most participants use first
    zones: tuple[str, ...]
    #: how many people attend from there (a headcount): what 'loci plan' weighs each place by
    weight: int = 1


class Session(NamedTuple):
    id: str
    title: str
    #: the start and end instants, in UTC
    start_at: datetime
    end_at: datetime
    kind: str = "session"
    description: str = ""
    lead: str | None = None
    location: str | None = None
    url: str | None = None
    room: str | None = None
    track: str | None = None
    speakers: tuple[str, ...] = ()
    language: str | None = None
    links: tuple[Link, ...] = ()

    @property
    def is_break(self) -> bool:
        return self.kind == "break"

    @property
    def duration_minutes(self) -> int:
        return int((self.end_at - self.start_at).total_seconds() // 60)


class Day(NamedTuple):
    id: str
    number: int
    date: date
    title: str
    sessions: tuple[Session, ...]
    theme: str | None = None

    @property
    def start_at(self) -> datetime:
        return self.sessions[0].start_at

    @property
    def end_at(self) -> datetime:
        return max(s.end_at for s in self.sessions)


class Agenda(NamedTuple):
    id: str
    title: str
    #: the IANA name of the zone the agenda's local times are in
    timezone: str
    days: tuple[Day, ...]
    revision: int = 0
    subtitle: str | None = None
    region: str | None = None
    organisers: tuple[Organisation, ...] = ()
    venue: str | None = None
    url: str | None = None
    email: str | None = None
    about: str = ""
    contacts: tuple[Contact, ...] = ()
    participants: tuple[Participants, ...] = ()
    #: about the file's own data: where it comes from, what it assumes (e.g. that the
    #: participant countries are a guess); shown by 'info' and 'zones'
    note: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        from .zones import get_zone

        return get_zone(self.timezone)

    def sessions(self) -> list[tuple[Day, Session]]:
        return [(day, s) for day in self.days for s in day.sessions]


@dataclass
class Checked:
    """An agenda file read and checked: the agenda, or every problem found; warnings and notes worth telling."""

    source: Path
    #: the format it was read as: 'loci', 'frab', …
    format: str
    agenda: Agenda | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: what real schedules do on purpose and leaves every answer right (sessions overlapping in a room,
    #: a session of no length, a line break in a title): listed by 'validate', refused by 'validate --strict'
    warnings: list[Problem] = field(default_factory=list)
