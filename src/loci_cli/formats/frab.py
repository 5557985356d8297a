"""frab/pretalx schedule JSON in and out of loci's own agenda model.

Reading is lenient, as real exports need: extra keys are ignored, slugs and
acronyms that break the published patterns are accepted and tidied into loci
ids. An event's instant is its ``date`` (ISO 8601 with an offset) plus its
``duration``; ``time_zone_name`` is only a hint, used for the event zone when
it agrees with those offsets. The result goes through loci's normal
validation, and each problem found there is reported at the frab path it came
from.

Writing produces a document that passes the published schema strictly
(c3voc's schedule.schema.json): the whole programme, breaks included, with
guids derived from the agenda and session ids so they stay the same across runs.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from math import gcd
from typing import Any
from zoneinfo import ZoneInfo

from ..core.errors import AgendaInvalid, Problem
from ..core.model import Agenda, Session
from ..core.time import YEAR_RANGE, format_offset, iso_local, parse_iso, year_in_range
from ..core.zones import fixed_zone, get_zone, zone_names
from .loci.read import parse_agenda

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# All loci guids live under this namespace: uuid5 of it and "<agenda id>/<session id>".
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://loci.invalid/frab/guid")

_ID_BAD = re.compile(r"[^A-Za-z0-9._:@-]+")
_KIND_BAD = re.compile(r"[^a-z0-9-]+")
_DURATION = re.compile(r"^(?:(\d+):)?(\d+):(\d{2})(?::(\d{2}))?$")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})")
# The published patterns the writer must meet (the tests assert the same ones).
SLUG_PATTERN = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")
ACRONYM_PATTERN = re.compile(r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$")
ZONE_NAME_PATTERN = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def is_frab(data: Any) -> bool:
    """Whether parsed JSON looks like a frab schedule (a top-level ``schedule`` object)."""
    return isinstance(data, dict) and isinstance(data.get("schedule"), dict)


# --- reading ------------------------------------------------------------------------


@dataclass
class Reading:
    """What reading a frab document gave: the agenda, or every problem; and notes worth telling."""

    agenda: Agenda | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def frab_to_agenda(data: Any) -> Agenda:
    """A frab/pretalx schedule (parsed JSON) as a checked Agenda; AgendaInvalid lists every problem."""
    reading = read_frab(data)
    if reading.agenda is None:
        raise AgendaInvalid(reading.problems)
    return reading.agenda


def read_frab(data: Any) -> Reading:
    reading = Reading()
    where = "$.schedule.conference"
    conference = data.get("schedule", {}).get("conference") if isinstance(data, dict) else None
    if not isinstance(conference, dict):
        reading.problems.append(Problem(where, "a frab schedule needs a 'conference' object inside 'schedule'"))
        return reading
    days = conference.get("days")
    if not isinstance(days, list):
        reading.problems.append(Problem(f"{where}.days", "expected a list of days"))
        return reading

    hint_zone = _hint_zone(conference.get("time_zone_name"))
    converted: list[dict[str, Any]] = []
    paths: list[tuple[str, list[str]]] = []  # per loci day: its frab path and its events' paths
    instants: list[datetime] = []
    used_ids: set[str] = set()
    for d, day in enumerate(days):
        day_at = f"{where}.days[{d}]"
        if not isinstance(day, dict):
            reading.problems.append(Problem(day_at, "expected a day object"))
            continue
        events = list(_events(day, day_at, reading.problems))
        sessions, event_paths, starts = [], [], []
        for event, event_at in events:
            session = _session(event, event_at, day, hint_zone, used_ids, reading.problems)
            if session is not None:
                starts.append(session.pop("_start"))
                sessions.append(session)
                event_paths.append(event_at)
        if not sessions:
            continue  # pretalx lists days with nothing on them; loci days need a session
        instants += starts
        # Parallel rooms come grouped by room; a loci day lists its sessions by start.
        order = sorted(range(len(sessions)), key=lambda i: (starts[i], sessions[i].get("room") or ""))
        index = day.get("index")
        converted.append(
            {
                "id": f"day-{index if isinstance(index, int) and index >= 1 else d + 1}",
                "number": index if isinstance(index, int) and index >= 1 else d + 1,
                "date": str(day.get("date") or sessions[order[0]]["start"][:10]),
                "title": _text(conference.get("title")) or "Day",
                "sessions": [_plain(sessions[i]) for i in order],
            }
        )
        paths.append((day_at, [event_paths[i] for i in order]))
    if reading.problems:
        return reading
    if not converted:
        reading.problems.append(Problem(f"{where}.days", "the schedule has no events"))
        return reading

    zone_key, note = choose_zone(conference.get("time_zone_name"), instants)
    if note:
        reading.notes.append(note)
    agenda = {
        "id": _tidy_id(_text(conference.get("acronym")) or _text(conference.get("title")) or "frab-schedule"),
        "title": _text(conference.get("title")) or "Conference",
        "timezone": zone_key,
        "days": converted,
    }
    if _web(conference.get("url")):
        agenda["url"] = conference["url"]
    if _text(conference.get("description")):
        agenda["about"] = conference["description"]
    try:
        reading.agenda = parse_agenda(json.dumps(agenda))
    except AgendaInvalid as err:
        reading.problems = [_to_frab_path(p, paths) for p in err.problems]
    return reading


def _events(day: dict[str, Any], day_at: str, problems: list[Problem]) -> Iterable[tuple[dict[str, Any], str]]:
    rooms = day.get("rooms")
    if rooms is None:
        return
    if not isinstance(rooms, dict):
        problems.append(Problem(f"{day_at}.rooms", "expected an object of room name to events"))
        return
    for name, events in rooms.items():
        room_at = f"{day_at}.rooms{_key(name)}"
        if not isinstance(events, list):
            problems.append(Problem(room_at, "expected a list of events"))
            continue
        for e, event in enumerate(events):
            if not isinstance(event, dict):
                problems.append(Problem(f"{room_at}[{e}]", "expected an event object"))
                continue
            event = dict(event)
            event.setdefault("room", name)
            yield event, f"{room_at}[{e}]"


def _session(
    event: dict[str, Any], at: str, day: dict[str, Any], hint_zone: ZoneInfo | None, used_ids: set[str], problems: list[Problem]
) -> dict[str, Any] | None:
    start = _event_start(event, at, day, hint_zone, problems)
    length = _event_length(event, start, at, problems)
    if start is None or length is None:
        return None
    texts = (_text(event.get("abstract")), _text(event.get("description")))
    description = "\n\n".join(dict.fromkeys(t.strip() for t in texts if t.strip()))
    speakers = [name for p in event.get("persons") or [] if isinstance(p, dict) and (name := _person_name(p))]
    links = [
        {"url": link["url"], **({"title": link["title"]} if _text(link.get("title")) else {})}
        for link in event.get("links") or []
        if isinstance(link, dict) and _web(link.get("url"))
    ]
    session = {
        "id": _unique(_event_id(event), used_ids),
        "start": start.isoformat(),
        "end": (start + length).isoformat(),
        "title": _text(event.get("title")).strip() or "(untitled)",
        "kind": _kind(event.get("type")),
        "description": description,
        "url": _web(event.get("url")),
        "room": _text(event.get("room")) or None,
        "track": _text(event.get("track")) or None,
        "speakers": speakers,
        "language": _text(event.get("language")) or None,
        "links": links,
        "_start": start,
    }
    if _text(event.get("subtitle")).strip():
        session["description"] = (event["subtitle"].strip() + "\n\n" + description).strip()
    return session


def _event_start(
    event: dict[str, Any], at: str, day: dict[str, Any], hint_zone: ZoneInfo | None, problems: list[Problem]
) -> datetime | None:
    text = _text(event.get("date"))
    if not text and _text(event.get("start")) and _text(day.get("date")):
        text = f"{day['date']}T{event['start']}"  # old frab: a day's date and a wall-clock start
    try:
        start = parse_iso(text)
    except ValueError:
        problems.append(Problem(f"{at}.date", f"expected an ISO 8601 date-time with a UTC offset, got {text!r}"))
        return None
    if start.tzinfo is None:
        if hint_zone is None:
            problems.append(Problem(f"{at}.date", f"{text!r} has no UTC offset, and time_zone_name names no known zone"))
            return None
        start = start.replace(tzinfo=hint_zone)
    if not year_in_range(start):
        problems.append(Problem(f"{at}.date", f"the date must lie {YEAR_RANGE}"))
        return None
    # Keep the event's own offset: loci resolves a date-time with an offset as that instant.
    return start.astimezone(timezone(start.utcoffset() or timedelta()))


def _event_length(event: dict[str, Any], start: datetime | None, at: str, problems: list[Problem]) -> timedelta | None:
    text = _text(event.get("duration"))
    match = _DURATION.match(text.strip())
    if match:
        days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if _text(event.get("end")) and start is not None:
        try:
            end = parse_iso(event["end"])
            if end.tzinfo is None:
                end = end.replace(tzinfo=start.tzinfo)
            return end - start
        except ValueError:
            pass
    problems.append(Problem(f"{at}.duration", f"expected a duration 'HH:MM', got {text!r}"))
    return None


def _event_id(event: dict[str, Any]) -> str:
    # pretalx's short code when there is one, else the slug (which the writer fills with the loci id).
    for key in ("code", "slug", "id", "guid"):
        value = event.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and (tidy := _tidy_id(value)):
            return tidy
    return "event"


def _tidy_id(text: str) -> str:
    return _ID_BAD.sub("-", text.strip()).strip("._:@-")[:200]


def _unique(wanted: str, used: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in used:
        n += 1
        candidate = f"{wanted[:190]}-{n}"
    used.add(candidate)
    return candidate


def _kind(value: Any) -> str:
    kind = _KIND_BAD.sub("-", _text(value).strip().lower()).strip("-")
    return kind if kind[:1].isalpha() else "session"


def _person_name(person: dict[str, Any]) -> str:
    return (_text(person.get("name")) or _text(person.get("public_name"))).strip()


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _plain(session: dict[str, Any]) -> dict[str, Any]:
    """Drop the empty optional fields, so the agenda reads like one written by hand."""
    return {k: v for k, v in session.items() if v not in (None, [], "") or k in ("id", "start", "end", "title")}


def _key(name: str) -> str:
    return f".{name}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else f"[{json.dumps(name, ensure_ascii=False)}]"


# Where a loci field came from in the frab event, for reporting problems there.
_FRAB_FIELDS = {"start": "date", "end": "duration", "id": "slug", "kind": "type", "speakers": "persons", "number": "index"}
_LOCI_PATH = re.compile(r"^\$\.days\[(\d+)\](?:\.sessions\[(\d+)\])?(?:\.([A-Za-z_]+))?(.*)$")


def _to_frab_path(problem: Problem, paths: list[tuple[str, list[str]]]) -> Problem:
    match = _LOCI_PATH.match(problem.path)
    if match:
        d, s, name, rest = match.groups()
        day_at, event_paths = paths[int(d)]
        base = event_paths[int(s)] if s is not None else day_at
        if name:
            base += "." + _FRAB_FIELDS.get(name, name)
        return Problem(base + rest, problem.message)
    top = {"$.timezone": ".time_zone_name", "$.id": ".acronym", "$.days": ".days"}
    return Problem("$.schedule.conference" + top.get(problem.path, problem.path[1:]), problem.message)


# --- the event zone -----------------------------------------------------------------


def _hint_zone(name: Any) -> ZoneInfo | None:
    key = _zone_key(name)
    return get_zone(key) if key else None


def _zone_key(name: Any) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return get_zone(name.strip()).key
    except ValueError:
        return zone_names().get(name.strip().lower())


def choose_zone(hint: Any, instants: list[datetime]) -> tuple[str, str | None]:
    """The IANA zone for the event, and a note when ``time_zone_name`` could not be used as it is.

    The hint wins when it agrees with every event's offset. Otherwise one offset
    gives a fixed zone, named as everywhere in loci ('UTC+02:00', see core.zones.fixed_zone);
    several offsets (a DST change during the conference) give the first zone that
    fits them all.
    """
    # One instant per UTC date and offset is enough to tell zones apart, and keeps this fast.
    first: dict[tuple[date, timedelta | None], datetime] = {}
    for moment in instants:
        first.setdefault((moment.astimezone(timezone.utc).date(), moment.utcoffset()), moment)
    samples = [(moment, offset) for (_, offset), moment in first.items()]

    def fits(key: str) -> bool:
        zone = get_zone(key)
        return all(moment.astimezone(zone).utcoffset() == offset for moment, offset in samples)

    key = _zone_key(hint)
    if key and fits(key):
        return key, None
    offsets = sorted({offset or timedelta() for _, offset in samples})
    shown = ", ".join(format_offset(o, "iso") for o in offsets)
    if key:
        why = f"time_zone_name '{hint}' disagrees with the events' UTC offsets ({shown})"
    elif isinstance(hint, str) and hint.strip():
        why = f"time_zone_name '{hint}' is not a known IANA zone"
    else:
        why = "the schedule has no time_zone_name"
    if len(offsets) == 1:
        chosen = fixed_zone(int(offsets[0].total_seconds() // 60)).key
    else:
        chosen = next((n for n in _canonical_zones() if fits(n)), "UTC")
    return chosen, f"{why}; times are read from the offsets, and the event zone is {chosen}"


def _canonical_zones() -> list[str]:
    """Current zone names (no backward-compatibility links such as Asia/Calcutta), sorted."""
    from importlib.resources import files

    try:
        table = files("tzdata.zoneinfo").joinpath("zone1970.tab").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return sorted(n for n in zone_names().values() if "/" in n and not n.startswith("Etc/"))
    return sorted({line.split("\t")[2] for line in table.splitlines() if line and not line.startswith("#")})


# --- writing ------------------------------------------------------------------------


def session_guid(agenda: Agenda, session: Session) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{agenda.id}/{session.id}"))


def room_name(agenda: Agenda, session: Session) -> str:
    """The frab room of a session: its room, else where it is held (every frab event has a room)."""
    return session.room or session.location or agenda.venue or "Main"


def agenda_to_frab(agenda: Agenda) -> dict[str, Any]:
    """The whole programme, breaks included, as a frab schedule that passes the published schema."""
    from .. import __version__

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


def _web(value: object) -> str | None:
    """A link loci keeps: a web or mail address. Others (frab's own 'urn:uuid:…', 'javascript:') are left out."""
    from .loci.read import is_safe_url

    text = _text(value)
    return text if text and is_safe_url(text) else None


def _absolute(url: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$", url) is not None and " " not in url
