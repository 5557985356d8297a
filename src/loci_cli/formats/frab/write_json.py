"""An agenda as frab/pretalx schedule JSON.

The document passes the published schema strictly (c3voc's schedule.schema.json):
the whole programme, breaks included, with guids derived from the agenda and
session ids so they stay the same across runs.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from math import gcd
from typing import Any
from zoneinfo import ZoneInfo

from ...core.model import Agenda, Session
from ...core.time import iso_local
from .shared import NAMESPACE, SCHEMA_URL

# The published patterns the writer must meet (the tests assert the same ones).
SLUG_PATTERN = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")
ACRONYM_PATTERN = re.compile(r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$")
ZONE_NAME_PATTERN = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def session_guid(agenda: Agenda, session: Session) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{agenda.id}/{session.id}"))


def room_name(agenda: Agenda, session: Session) -> str:
    """The frab room of a session: its room, else where it is held (every frab event has a room)."""
    return session.room or session.location or agenda.venue or "Main"


def agenda_to_frab(agenda: Agenda) -> dict[str, Any]:
    """The whole programme, breaks included, as a frab schedule that passes the published schema."""
    from ... import __version__

    zone = agenda.zone
    sessions = agenda.sessions()
    rooms = list(dict.fromkeys(room_name(agenda, s) for _, s in sessions))
    numbers = _event_numbers(agenda)
    days = []
    for index, day in enumerate(agenda.days, start=1):
        by_room: dict[str, list[dict[str, Any]]] = {name: [] for name in rooms}
        for session in day.sessions:
            by_room[room_name(agenda, session)].append(_event(agenda, session, numbers[session.id]))
        days.append(
            {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": _iso(day.start_at, zone),
                "day_end": _iso(day.end_at, zone),
                "rooms": {name: events for name, events in by_room.items() if events},
            }
        )
    conference: dict[str, Any] = {
        "acronym": frab_acronym(agenda.id),
        "title": agenda.title,
        "start": agenda.days[0].date.isoformat(),
        "end": agenda.days[-1].date.isoformat(),
        "daysCount": len(agenda.days),
        "timeslot_duration": _hhmm(_timeslot(agenda)),
        "rooms": [{"name": name, "guid": str(uuid.uuid5(NAMESPACE, f"{agenda.id}/room/{name}"))} for name in rooms],
        "days": days,
    }
    if ZONE_NAME_PATTERN.search(agenda.timezone):
        conference["time_zone_name"] = agenda.timezone  # optional, and the pattern refuses e.g. UTC+02:00
    if agenda.about:
        conference["description"] = agenda.about
    if agenda.url and _absolute(agenda.url):
        conference["url"] = agenda.url
    tracks = list(dict.fromkeys(s.track for _, s in sessions if s.track))
    if tracks:
        conference["tracks"] = [{"name": name} for name in tracks]
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "loci", "version": __version__},
        "schedule": {"version": str(agenda.revision), "conference": conference},
    }


def _event(agenda: Agenda, session: Session, number: int) -> dict[str, Any]:
    zone = agenda.zone
    start = session.start_at.astimezone(zone)
    guid = session_guid(agenda, session)
    persons = session.speakers or ([session.lead] if session.lead else [])
    url = next((u for u in (session.url, agenda.url and f"{agenda.url}#{session.id}") if u and _absolute(u)), None)
    event = {
        "guid": guid,
        "id": number,
        "date": _iso(session.start_at, zone),
        "start": f"{start:%H:%M}",
        "end": _iso(session.end_at, zone),
        "duration": _hhmm(int((session.end_at - session.start_at).total_seconds() // 60)),
        "room": room_name(agenda, session),
        "slug": frab_slug(session.id, guid),
        # Every event needs an absolute URL; without one, its guid as a URN names it.
        "url": url or f"urn:uuid:{guid}",
        "title": session.title,
        "subtitle": None,
        "track": session.track,
        "type": session.kind,
        "language": session.language,
        "abstract": session.description or None,
        "description": None,
        # 'name' is the schema's; 'public_name' is what older readers look for. Without an integer
        # id the person still matches exactly one of the schema's two person shapes.
        "persons": [
            {"name": name, "public_name": name, "guid": str(uuid.uuid5(NAMESPACE, f"{agenda.id}/person/{name}"))} for name in persons
        ],
        "links": [{"url": link.url, **({"title": link.title} if link.title else {})} for link in session.links if _absolute(link.url)],
    }
    return event


def frab_slug(session_id: str, guid: str) -> str:
    """The session id when it fits frab's slug pattern (so ids survive a round trip), else a tidied form."""
    if SLUG_PATTERN.match(session_id):
        return session_id
    slug = re.sub(r"[^a-z0-9_-]+", "-", session_id.lower()).strip("-_")
    return slug if SLUG_PATTERN.match(slug) else f"event-{guid[:8]}"


def frab_acronym(agenda_id: str) -> str:
    """frab acronyms allow no hyphens after the first character: 'loci-eeca-2020' becomes 'loci_eeca_2020'."""
    acronym = re.sub(r"[^a-z0-9_]+", "_", agenda_id.lower())
    return acronym if ACRONYM_PATTERN.match(acronym) else (acronym + "____")[: max(4, len(acronym))]


def _event_numbers(agenda: Agenda) -> dict[str, int]:
    # frab still requires an integer id: take it from the guid, so it too is stable.
    numbers: dict[str, int] = {}
    taken: set[int] = set()
    for _, session in agenda.sessions():
        number = int(session_guid(agenda, session)[:7], 16) + 1
        while number in taken:
            number += 1
        taken.add(number)
        numbers[session.id] = number
    return numbers


def _timeslot(agenda: Agenda) -> int:
    """The grid the apps draw: the largest step (up to an hour, at least 5 minutes) that all times fall on."""
    step = 60
    for _, session in agenda.sessions():
        local = session.start_at.astimezone(agenda.zone)
        length = int((session.end_at - session.start_at).total_seconds() // 60)
        step = gcd(step, local.minute, length)
    return max(step, 5)


def _iso(moment: datetime, zone: ZoneInfo) -> str:
    return iso_local(moment, zone)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _absolute(url: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$", url) is not None and " " not in url
