"""frab/pretalx schedule JSON read into loci's own agenda model.

Reading is lenient, as real exports need: extra keys are ignored, slugs and
acronyms that break the published patterns are accepted and tidied into loci
ids. An event's instant is its ``date`` (ISO 8601 with an offset) plus its
``duration``; ``time_zone_name`` is only a hint, used for the event zone when
it agrees with those offsets. The result goes through loci's normal
validation, and each problem found there is reported at the frab path it came
from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from ...core.errors import NO_ZONE, AgendaInvalidError, Problem
from ...core.model import Agenda
from ...core.time import YEAR_RANGE, format_offset, localize, parse_iso, year_in_range
from ...core.urls import is_safe_url
from ...core.zones import fixed_zone, get_zone, zone_names
from ..loci.read import read_agenda
from .shared import date_time, duration, named_zone, zone_key

_ID_BAD = re.compile(r"[^A-Za-z0-9._:@-]+")
_KIND_BAD = re.compile(r"[^a-z0-9-]+")


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
    #: what real schedules do on purpose and leaves every answer right (sessions overlapping in a room)
    warnings: list[Problem] = field(default_factory=list)
    #: a local time without an offset met, and no zone to read it in
    unzoned: bool = False


def frab_to_agenda(data: Any, zone: ZoneInfo | None = None) -> Agenda:
    """A frab/pretalx schedule (parsed JSON) as a checked Agenda; AgendaInvalidError lists every problem."""
    reading = read_frab(data, zone)
    if reading.agenda is None:
        raise AgendaInvalidError(reading.problems)
    return reading.agenda


def read_frab(data: Any, zone: ZoneInfo | None = None) -> Reading:
    """Read a frab document; ``zone`` is the venue's, for local times when the schedule names none."""
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

    named = named_zone(conference.get("time_zone_name"))
    hint_zone = named or zone
    converted: list[dict[str, Any]] = []
    paths: list[tuple[str, list[str]]] = []  # per loci day: its frab path and its events' paths
    instants: list[datetime] = []
    used_ids: set[str] = set()
    numbers: set[int] = set()
    firsts: list[tuple[datetime | None, datetime]] = []  # per loci day: its start as written, and its first event's
    for d, day in enumerate(days):
        day_at = f"{where}.days[{d}]"
        if not isinstance(day, dict):
            reading.problems.append(Problem(day_at, "expected a day object"))
            continue
        events = list(_events(day, day_at, reading.problems))
        sessions, event_paths, starts = [], [], []
        for event, event_at in events:
            session = _session(event, event_at, day, hint_zone, used_ids, reading)
            if session is not None:
                starts.append(session.pop("_start"))
                sessions.append(session)
                event_paths.append(event_at)
        if not sessions:
            continue  # pretalx lists days with nothing on them; loci days need a session
        instants += starts
        # Parallel rooms come grouped by room; a loci day lists its sessions by start.
        order = sorted(range(len(sessions)), key=lambda i: (starts[i], sessions[i].get("room") or ""))
        # Generators count days from 0 or 1, and some from 0 on one day and 1 on the next: a number taken goes on.
        index = day.get("index")
        number = index if isinstance(index, int) and not isinstance(index, bool) and 1 <= index <= 9999 else d + 1
        while number in numbers:
            number += 1
        numbers.add(number)
        converted.append(
            {
                "id": f"day-{number}",
                "number": number,
                "date": str(day.get("date") or sessions[order[0]]["start"][:10]),
                "title": _text(conference.get("title")) or "Day",
                "sessions": [_plain(sessions[i]) for i in order],
            }
        )
        paths.append((day_at, [event_paths[i] for i in order]))
        firsts.append((date_time(_text(day.get("day_start"))), starts[order[0]]))
    if reading.unzoned:
        reading.problems.insert(0, Problem(f"{where}.time_zone_name", NO_ZONE))
    if reading.problems:
        return reading
    if not converted:
        reading.problems.append(Problem(f"{where}.days", "the schedule has no events"))
        return reading

    hint = conference.get("time_zone_name") if named is not None or zone is None else zone.key
    zone_key, note = choose_zone(hint, instants, given=named is None and zone is not None)
    if note:
        reading.notes.append(note)
    event_zone = get_zone(zone_key)
    for converted_day, (day_start, first) in zip(converted, firsts, strict=True):
        # A day labelled with its UTC date (wafer: 21:30+00:00 on the 9th is the 10th in Kolkata) is on
        # the date its start has in the event zone, unless its first event comes earlier still.
        if day_start is not None and day_start.tzinfo is not None:
            on = min(day_start.astimezone(event_zone).date(), first.astimezone(event_zone).date())
            converted_day["date"] = on.isoformat()
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
        reading.agenda, warnings = read_agenda(json.dumps(agenda))
        reading.warnings = [_to_frab_path(p, paths) for p in warnings]
    except AgendaInvalidError as err:
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
    event: dict[str, Any], at: str, day: dict[str, Any], hint_zone: ZoneInfo | None, used_ids: set[str], reading: Reading
) -> dict[str, Any] | None:
    start = _event_start(event, at, day, hint_zone, reading)
    length = _event_length(event, start, at, reading.problems)
    title = event.get("title")
    if title is not None and not isinstance(title, str):
        # A title that is a list or a number is a mistake in the file, not an untitled session.
        reading.problems.append(Problem(f"{at}.title", f"expected text, got {type(title).__name__}"))
        return None
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


def _event_start(event: dict[str, Any], at: str, day: dict[str, Any], hint_zone: ZoneInfo | None, reading: Reading) -> datetime | None:
    problems = reading.problems
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
            reading.unzoned = True  # said once, for the whole schedule: loci does not guess the venue's zone
            return None
        try:
            # As in loci's own format: a time the zone skips or repeats is refused, not guessed.
            start = localize(start, hint_zone)
        except ValueError as err:
            problems.append(Problem(f"{at}.date", str(err)))
            return None
    if not year_in_range(start):
        problems.append(Problem(f"{at}.date", f"the date must lie {YEAR_RANGE}"))
        return None
    # Keep the event's own offset: loci resolves a date-time with an offset as that instant.
    return start.astimezone(timezone(start.utcoffset() or timedelta()))


def _event_length(event: dict[str, Any], start: datetime | None, at: str, problems: list[Problem]) -> timedelta | None:
    text = _text(event.get("duration"))
    length = duration(text)
    if length is not None:
        return length
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
    return (_text(person.get("name")) or _text(person.get("public_name")) or _text(person.get("full_public_name"))).strip()


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


def choose_zone(hint: Any, instants: list[datetime], *, given: bool = False) -> tuple[str, str | None]:
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

    key = zone_key(hint)
    if key and fits(key):
        return key, None
    offsets = sorted({offset or timedelta() for _, offset in samples})
    shown = ", ".join(format_offset(o, "iso") for o in offsets)
    if key and not given:
        zone = get_zone(key)
        # Every instant is right either way; only the zone they are shown in is chosen here. Generators
        # that write every time in UTC (wafer), or one guest event in its own zone (a merge of many
        # pretalx instances), still name the venue's zone rightly.
        if offsets == [timedelta()]:
            return key, f"the times are written in UTC; they are shown in time_zone_name {key}"
        agree = sum(1 for moment in instants if moment.astimezone(zone).utcoffset() == moment.utcoffset())
        if agree * 2 > len(instants):
            odd = len(instants) - agree
            return key, (
                f"{odd} of {len(instants)} events have UTC offsets other than time_zone_name {key}'s ({shown}); "
                "each is at the instant its own offset gives"
            )
    if key and given:
        why = f"the zone given for the schedule, {key}, disagrees with the events' UTC offsets ({shown})"
    elif key:
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


def _web(value: object) -> str | None:
    """A link loci keeps: a web or mail address. Others (frab's own 'urn:uuid:…', 'javascript:') are left out."""
    text = _text(value)
    return text if text and is_safe_url(text) else None
