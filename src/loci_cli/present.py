"""The rows every view is made of: plain dicts, exactly the documented JSON shapes.

Both renderers (JSON and tables) read these, so what scripts see and what
people see cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from .agenda import Moment
from .models import Agenda, Day, Session

Row = dict[str, Any]


def iso_local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds")


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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
    }


def day_row(agenda: Agenda, day: Day, zone: ZoneInfo) -> Row:
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
        "sessions": [session_row(agenda, day, s, zone) for s in day.sessions],
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
        "organisers": [o.model_dump(exclude_none=True) for o in agenda.organisers],
        "contacts": [c.model_dump(exclude_none=True) for c in agenda.contacts],
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
    }
