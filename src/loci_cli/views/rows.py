"""The rows every view is made of: one TypedDict per documented JSON shape.

Both renderers read these: ``text.write_json`` for scripts, the table and text
functions in ``text.py`` for people, so what scripts see and what people see
cannot drift apart. Times are aware datetimes, not strings: the renderer
formats them, and ``json_value`` spells them as the JSON contract says (the
viewer's wall clock with its offset, or UTC with a 'Z').
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, TypedDict, cast

from ..core.time import minutes_between

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..core.diff import AgendaDiff, Listed
    from ..core.model import Agenda, Checked, Day, Session
    from ..core.queries import Moment


class LinkRow(TypedDict):
    url: str
    title: str | None


class _Times(TypedDict):
    """A session's or a day's start and end three ways (the JSON keeps the builders' key order, not this one)."""

    #: in the viewer's zone
    start: datetime
    end: datetime
    #: the same instants in UTC
    start_utc: datetime
    end_utc: datetime
    timezone: str
    #: in the event's zone
    event_start: datetime
    event_end: datetime
    event_timezone: str


class SessionRow(_Times):
    id: str
    day: int
    title: str
    kind: str
    description: str
    lead: str | None
    location: str | None
    url: str | None
    duration_minutes: int
    room: str | None
    track: str | None
    speakers: list[str]
    language: str | None
    links: list[LinkRow]


class _DayFields(_Times):
    day: int
    id: str
    date: date
    title: str
    theme: str | None


class DayRow(_DayFields, total=False):
    #: absent from 'loci days --json'
    sessions: list[SessionRow]


class InfoRow(TypedDict):
    id: str
    revision: int
    title: str
    subtitle: str | None
    region: str | None
    dates: list[date]
    #: the first day's start and the last day's end, in the viewer's zone and in UTC
    start: datetime
    end: datetime
    start_utc: datetime
    end_utc: datetime
    timezone: str
    event_timezone: str
    venue: str | None
    url: str | None
    #: every field of each, null when the agenda leaves it out (as sessions keep theirs)
    organisers: list[OrganisationRow]
    contacts: list[ContactRow]
    about: str
    #: the agenda's note on its own data (e.g. that its participant countries are assumed)
    note: str | None
    #: where the agenda says participants attend from (the default rows of 'loci zones')
    participants: list[str]


class OrganisationRow(TypedDict):
    name: str
    short_name: str | None
    tagline: str | None
    url: str | None
    email: str | None


class ContactRow(TypedDict):
    name: str
    organisation: str | None
    email: str | None


class MomentRow(TypedDict):
    at: datetime
    timezone: str
    current: SessionRow | None
    next: SessionRow | None
    next_starts_in_seconds: int | None
    current_all: list[SessionRow]
    next_all: list[SessionRow]


class ProblemRow(TypedDict):
    path: str
    message: str


class ValidationRow(TypedDict):
    file: str
    format: str
    valid: bool
    problems: list[ProblemRow]
    #: what loads but may be a mistake (sessions overlapping in one room, …); 'validate --strict' refuses them
    warnings: list[ProblemRow]
    notes: list[str]
    title: str | None
    timezone: str | None
    days: int | None
    sessions: int | None
    rooms: int | None


def json_value(value: object) -> str:
    """How the JSON contract spells what json can't: UTC instants with 'Z', others with their offset, dates ISO."""
    if isinstance(value, datetime):
        if value.tzinfo is timezone.utc:
            return value.strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not part of a row")


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def _times(agenda: Agenda, start_at: datetime, end_at: datetime, zone: ZoneInfo) -> _Times:
    return {
        "start": start_at.astimezone(zone),
        "end": end_at.astimezone(zone),
        "start_utc": _utc(start_at),
        "end_utc": _utc(end_at),
        "timezone": zone.key,
        "event_start": start_at.astimezone(agenda.zone),
        "event_end": end_at.astimezone(agenda.zone),
        "event_timezone": agenda.timezone,
    }


def session_row(agenda: Agenda, day: Day, session: Session, zone: ZoneInfo) -> SessionRow:
    return {
        "id": session.id,
        "day": day.number,
        "title": session.title,
        "kind": session.kind,
        "description": session.description,
        "lead": session.lead,
        "location": session.location or agenda.venue,
        "url": session.url,
        **_times(agenda, session.start_at, session.end_at, zone),
        "duration_minutes": minutes_between(session.start_at, session.end_at),
        "room": session.room,
        "track": session.track,
        "speakers": list(session.speakers),
        "language": session.language,
        "links": [{"url": link.url, "title": link.title} for link in session.links],
    }


def day_row(agenda: Agenda, day: Day, zone: ZoneInfo, sessions: Iterable[Session] | None = None, *, with_sessions: bool = True) -> DayRow:
    """A day with its sessions (only ``sessions`` when a filter chose some); its times stay the whole day's."""
    fields: _DayFields = {
        "day": day.number,
        "id": day.id,
        "date": day.date,
        "title": day.title,
        "theme": day.theme,
        **_times(agenda, day.start_at, day.end_at, zone),
    }
    row = cast("DayRow", fields)  # with its sessions still to come, when asked for
    if with_sessions:
        row["sessions"] = [session_row(agenda, day, s, zone) for s in (day.sessions if sessions is None else sessions)]
    return row


def info_row(agenda: Agenda, zone: ZoneInfo) -> InfoRow:
    return {
        "id": agenda.id,
        "revision": agenda.revision,
        "title": agenda.title,
        "subtitle": agenda.subtitle,
        "region": agenda.region,
        "dates": [day.date for day in agenda.days],
        "start": agenda.days[0].start_at.astimezone(zone),
        "end": agenda.days[-1].end_at.astimezone(zone),
        "start_utc": _utc(agenda.days[0].start_at),
        "end_utc": _utc(agenda.days[-1].end_at),
        "timezone": zone.key,
        "event_timezone": agenda.timezone,
        "venue": agenda.venue,
        "url": agenda.url,
        "organisers": [
            {"name": o.name, "short_name": o.short_name, "tagline": o.tagline, "url": o.url, "email": o.email} for o in agenda.organisers
        ],
        "contacts": [{"name": c.name, "organisation": c.organisation, "email": c.email} for c in agenda.contacts],
        "about": agenda.about,
        "note": agenda.note,
        "participants": [p.country for p in agenda.participants],
    }


def moment_row(agenda: Agenda, now: Moment, zone: ZoneInfo) -> MomentRow:
    until = now.until_next
    return {
        "at": now.at.astimezone(zone),
        "timezone": zone.key,
        "current": None if now.current is None else session_row(agenda, now.current.day, now.current.session, zone),
        "next": None if now.next is None else session_row(agenda, now.next.day, now.next.session, zone),
        "next_starts_in_seconds": None if until is None else int(until.total_seconds()),
        # Parallel rooms: everything running now, and everything starting next ('current'/'next' are the first).
        "current_all": [session_row(agenda, slot.day, slot.session, zone) for slot in now.current_all],
        "next_all": [session_row(agenda, slot.day, slot.session, zone) for slot in now.next_all],
    }


def validation_row(checked: Checked) -> ValidationRow:
    """What 'loci validate' found: every problem with its JSON path, and a summary when valid."""
    agenda = checked.agenda
    sessions = agenda.sessions() if agenda is not None else []
    return {
        "file": str(checked.source),
        "format": checked.format,
        "valid": agenda is not None,
        "problems": [{"path": p.path, "message": p.message} for p in checked.problems],
        "warnings": [{"path": p.path, "message": p.message} for p in checked.warnings],
        "notes": list(checked.notes),
        "title": None if agenda is None else agenda.title,
        "timezone": None if agenda is None else agenda.timezone,
        "days": None if agenda is None else len(agenda.days),
        "sessions": None if agenda is None else len(sessions),
        "rooms": None if agenda is None else len({s.room for _, s in sessions if s.room}),
    }


class DiffTimesRow(TypedDict):
    day: int
    start: datetime
    end: datetime
    start_utc: datetime
    end_utc: datetime


class DiffSessionRow(DiffTimesRow):
    id: str
    title: str


class DiffMovedRow(TypedDict):
    id: str
    title: str
    old: DiffTimesRow
    new: DiffTimesRow


class DiffChangedRow(TypedDict):
    id: str
    title: str
    day: int
    fields: list[str]


class DiffRow(TypedDict):
    """'loci diff --json': what changed from OLD to NEW, session by session; times in --tz and UTC."""

    old: str
    new: str
    old_revision: int
    new_revision: int
    timezone: str
    added: list[DiffSessionRow]
    removed: list[DiffSessionRow]
    moved: list[DiffMovedRow]
    changed: list[DiffChangedRow]


def diff_row(found: AgendaDiff, old: Agenda, new: Agenda, zone: ZoneInfo, paths: tuple[str, str]) -> DiffRow:
    def times(day: int, start: datetime, end: datetime) -> DiffTimesRow:
        return {
            "day": day,
            "start": start.astimezone(zone),
            "end": end.astimezone(zone),
            "start_utc": _utc(start),
            "end_utc": _utc(end),
        }

    def listed(item: Listed) -> DiffSessionRow:
        return {"id": item.id, "title": item.title, **times(item.day, item.start_at, item.end_at)}

    return {
        "old": paths[0],
        "new": paths[1],
        "old_revision": old.revision,
        "new_revision": new.revision,
        "timezone": zone.key,
        "added": [listed(a) for a in found.added],
        "removed": [listed(r) for r in found.removed],
        "moved": [
            {
                "id": m.id,
                "title": m.title,
                "old": times(m.old_day, m.old_start_at, m.old_end_at),
                "new": times(m.new_day, m.new_start_at, m.new_end_at),
            }
            for m in found.moved
        ],
        "changed": [{"id": c.id, "title": c.title, "day": c.day, "fields": list(c.fields)} for c in found.changed],
    }


# --- what the commands that write files print with --json -------------------------------


class ExportRow(TypedDict):
    """'loci export --json': how many events, and the files written."""

    events: int
    files: list[str]


class SiteRow(TypedDict):
    """'loci publish --json': the site's folder and every file written in it."""

    directory: str
    files: list[str]


class OutboxMessageRow(TypedDict):
    file: str
    message_id: str
    subject: str
    recipients: list[str]
    #: 'written', 'kept' (there from an earlier run) or 'would write' (--dry-run)
    status: str


class OutboxRow(TypedDict):
    """'loci invite --json' without --smtp: the messages in the outbox."""

    outbox: str
    messages: list[OutboxMessageRow]
    complete: bool


class _DeliveryFields(TypedDict):
    file: str
    message_id: str
    recipient: str
    #: 'sent', 'would send', 'skipped' (sent before), 'unsent' or 'refused'
    status: str


class DeliveryRow(_DeliveryFields, total=False):
    #: the server's reply, for a refused recipient
    reply: str


class SendRow(TypedDict):
    """'loci invite --smtp … --json': every copy, one per recipient, and whether all went."""

    outbox: str
    server: str
    deliveries: list[DeliveryRow]
    complete: bool
