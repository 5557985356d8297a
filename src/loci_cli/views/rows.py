"""The rows every view is made of: plain dicts, exactly the documented JSON shapes.

Both renderers (JSON and tables) read these, so what scripts see and what
people see cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..core.time import iso_local, iso_utc

if TYPE_CHECKING:
    from ..core.model import Agenda, Checked, Day, Session
    from ..core.queries import Moment

Row = dict[str, Any]


def fields(item: Any, drop_none: bool = False) -> Row:
    """A model object's fields as a dict."""
    from dataclasses import asdict

    data = asdict(item)
    return {k: v for k, v in data.items() if v is not None} if drop_none else data


def session_row(agenda: Agenda, day: Day, session: Session, zone: ZoneInfo) -> Row:
    return {
        "id": session.id,
        "day": day.number,
        "title": session.title,
        "kind": session.kind,
        "description": session.description,
        "lead": session.lead,
        "location": session.location or agenda.venue,
        "url": session.url,
        "start": iso_local(session.start_at, zone),
        "end": iso_local(session.end_at, zone),
        "start_utc": iso_utc(session.start_at),
        "end_utc": iso_utc(session.end_at),
        "timezone": zone.key,
        "event_start": iso_local(session.start_at, agenda.zone),
        "event_end": iso_local(session.end_at, agenda.zone),
        "event_timezone": agenda.timezone,
        "duration_minutes": int((session.end_at - session.start_at).total_seconds() // 60),
        "room": session.room,
        "track": session.track,
        "speakers": list(session.speakers),
        "language": session.language,
        "links": [fields(link) for link in session.links],
    }


def day_row(agenda: Agenda, day: Day, zone: ZoneInfo, sessions: Iterable[Session] | None = None) -> Row:
    """A day with its sessions (only ``sessions`` when a filter chose some); its times stay the whole day's."""
    return {
        "day": day.number,
        "id": day.id,
        "date": day.date.isoformat(),
        "title": day.title,
        "theme": day.theme,
        "start": iso_local(day.start_at, zone),
        "end": iso_local(day.end_at, zone),
        "start_utc": iso_utc(day.start_at),
        "end_utc": iso_utc(day.end_at),
        "timezone": zone.key,
        "event_start": iso_local(day.start_at, agenda.zone),
        "event_end": iso_local(day.end_at, agenda.zone),
        "event_timezone": agenda.timezone,
        "sessions": [session_row(agenda, day, s, zone) for s in (day.sessions if sessions is None else sessions)],
    }


def info_row(agenda: Agenda, zone: ZoneInfo) -> Row:
    return {
        "id": agenda.id,
        "revision": agenda.revision,
        "title": agenda.title,
        "subtitle": agenda.subtitle,
        "region": agenda.region,
        "dates": [day.date.isoformat() for day in agenda.days],
        "start": iso_local(agenda.days[0].start_at, zone),
        "end": iso_local(agenda.days[-1].end_at, zone),
        "timezone": zone.key,
        "event_timezone": agenda.timezone,
        "venue": agenda.venue,
        "url": agenda.url,
        "organisers": [fields(o, drop_none=True) for o in agenda.organisers],
        "contacts": [fields(c, drop_none=True) for c in agenda.contacts],
        "about": agenda.about,
    }


def moment_row(agenda: Agenda, now: Moment, zone: ZoneInfo) -> Row:
    until = now.until_next
    return {
        "at": iso_local(now.at, zone),
        "timezone": zone.key,
        "current": None if now.current is None else session_row(agenda, now.current.day, now.current.session, zone),
        "next": None if now.next is None else session_row(agenda, now.next.day, now.next.session, zone),
        "next_starts_in_seconds": None if until is None else int(until.total_seconds()),
        # Parallel rooms: everything running now, and everything starting next ('current'/'next' are the first).
        "current_all": [session_row(agenda, slot.day, slot.session, zone) for slot in now.current_all],
        "next_all": [session_row(agenda, slot.day, slot.session, zone) for slot in now.next_all],
    }


def validation_row(checked: Checked) -> Row:
    """What 'loci validate' found: every problem with its JSON path, and a summary when valid."""
    agenda = checked.agenda
    sessions = agenda.sessions() if agenda is not None else []
    return {
        "file": str(checked.source),
        "format": checked.format,
        "valid": agenda is not None,
        "problems": [{"path": p.path, "message": p.message} for p in checked.problems],
        "notes": list(checked.notes),
        "title": None if agenda is None else agenda.title,
        "timezone": None if agenda is None else agenda.timezone,
        "days": None if agenda is None else len(agenda.days),
        "sessions": None if agenda is None else len(sessions),
        "rooms": None if agenda is None else len({s.room for _, s in sessions if s.room}),
    }
