"""A frab JSON document (as ``write_json.agenda_to_frab`` makes it) spelled as frab's ``schedule.xml``.

The XML passes the published XSD (c3voc's schedule.xml.xsd): the same guids
and integer ids, explicit offsets, and the required elements even when empty.
The XSD's event slug must look like ``<conference>-<name>``, so loci writes
its session ids behind the acronym (``read_xml`` takes it off again).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, TypeGuard
from xml.etree.ElementTree import Element, SubElement

from ...core.errors import AgendaError
from .shared import DATE, LOCI, NAMESPACE, date_time, duration, named_zone
from .write_json import frab_acronym

# The XSD's patterns (its patterns match whole values).
VOC_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
ACRONYM = re.compile(r"[a-z0-9_-]{4,}")
UUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
CODE = re.compile(r"[0-9A-Z]{6}")
HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]+")
HTTP_URI = re.compile(r"https?://\S*")
# xs:dateTime with the XSD's required offset.
DATETIME_TZ = re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
# XML 1.0 allows no other control characters, even escaped; ElementTree would write them as they are.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write_xml(frab: dict[str, Any]) -> bytes:
    """A frab JSON document (as ``agenda_to_frab`` makes) as schedule.xml that passes the published XSD."""
    from xml.etree.ElementTree import indent, tostring

    root = _Writer(frab).schedule()
    indent(root, space="  ")
    data: bytes = tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


class _Writer:
    def __init__(self, frab: dict[str, Any]):
        self.frab = frab
        self.schedule_data: dict[str, Any] = frab.get("schedule") or {}
        self.conference_data: dict[str, Any] = self.schedule_data.get("conference") or {}
        self.zone = named_zone(self.conference_data.get("time_zone_name"))
        generator = frab.get("generator")
        self.by_loci = isinstance(generator, dict) and generator.get("name") == LOCI
        self.acronym = _acronym(self.conference_data)
        self.taken: dict[str, set[str]] = {"guid": set(), "id": set(), "code": set(), "slug": set()}

    def schedule(self) -> Element:
        root = Element("schedule")
        generator = self.frab.get("generator")
        if isinstance(generator, dict):
            SubElement(root, "generator", {k: _clean(str(v)) for k, v in generator.items() if k in ("name", "version", "system") and v})
        if _http(self.schedule_data.get("url")):
            _add(root, "url", self.schedule_data["url"])
        _add(root, "version", str(self.schedule_data.get("version") or ""))
        self.conference(SubElement(root, "conference"))
        days = [d for d in self.conference_data.get("days") or [] if isinstance(d, dict)]
        if not days:
            raise AgendaError("the schedule has no days", where="$.schedule.conference.days", hint="frab XML needs at least one <day>")
        used_index: set[int] = set()
        for position, day in enumerate(days, start=1):
            self.day(root, day, position, used_index)
        return root

    def conference(self, element: Element) -> None:
        data = self.conference_data
        _add(element, "acronym", self.acronym)
        _add(element, "title", str(data.get("title") or ""))
        for key in ("start", "end"):
            if isinstance(data.get(key), str) and (DATE.fullmatch(data[key]) or DATETIME_TZ.fullmatch(data[key])):
                _add(element, key, data[key])
        days = data.get("daysCount", data.get("days") if isinstance(data.get("days"), int) else None)
        if isinstance(days, int) and not isinstance(days, bool):
            _add(element, "days", str(days))
        slot = _xml_duration(duration(data.get("timeslot_duration")))
        if slot:
            _add(element, "timeslot_duration", slot)
        base_url = self.schedule_data.get("base_url") or data.get("base_url")
        if _http(base_url):
            _add(element, "base_url", base_url)
        for key in ("logo", "url"):
            if _http(data.get(key)):
                _add(element, key, data[key])
        if isinstance(data.get("time_zone_name"), str) and data["time_zone_name"]:
            _add(element, "time_zone_name", data["time_zone_name"])
        for track in data.get("tracks") or []:
            if isinstance(track, dict) and isinstance(track.get("name"), str):
                attrs = {"name": _clean(track["name"])}
                if HEX_COLOR.fullmatch(str(track.get("color") or "")):
                    attrs["color"] = track["color"]
                if TRACK_SLUG.fullmatch(str(track.get("slug") or "")):
                    attrs["slug"] = track["slug"]
                SubElement(element, "track", attrs)

    def day(self, root: Element, day: dict[str, Any], position: int, used_index: set[int]) -> None:
        index = day.get("index")
        if not (isinstance(index, int) and not isinstance(index, bool) and index >= 1 and index not in used_index):
            index = position
            while index in used_index:
                index += 1
        used_index.add(index)
        rooms: dict[str, Any] = day["rooms"] if isinstance(day.get("rooms"), dict) else {}
        events = [(name, e) for name, listed in rooms.items() for e in (listed or []) if isinstance(e, dict)]
        starts = [s for _, e in events if (s := self.start(e)) is not None]
        ends = [s + length for _, e in events if (s := self.start(e)) is not None and (length := self.length(e)) is not None]
        date_text: str | None = day["date"] if isinstance(day.get("date"), str) and DATE.fullmatch(day["date"]) else None
        if date_text is None and starts:
            date_text = min(starts).date().isoformat()
        start = self.aware(day.get("day_start")) or (min(starts) if starts else self.midnight(date_text, 0))
        end = self.aware(day.get("day_end")) or (max(ends) if ends else self.midnight(date_text, 1))
        attrs = {"index": str(index)}
        if date_text:
            attrs["date"] = date_text
        attrs["start"] = _iso(start)
        attrs["end"] = _iso(end)
        element = SubElement(root, "day", attrs)
        guids = {r.get("name"): r.get("guid") for r in self.conference_data.get("rooms") or [] if isinstance(r, dict)}
        for name, listed in rooms.items():
            room_attrs = {"name": _clean(str(name))}
            guid = guids.get(name)
            if isinstance(guid, str) and UUID.fullmatch(guid):
                room_attrs["guid"] = guid
            room = SubElement(element, "room", room_attrs)
            for event in listed or []:
                if isinstance(event, dict):
                    self.event(room, str(name), event)

    def event(self, room_element: Element, room: str, event: dict[str, Any]) -> None:
        start = self.start(event)
        length = self.length(event)
        where = f"event {event.get('guid') or event.get('id') or event.get('title')!s}"
        if start is None:
            raise AgendaError(
                "the event's date has no UTC offset, and time_zone_name names no known zone",
                where=where,
                hint="frab XML needs every event's instant",
            )
        duration = _xml_duration(length)
        if duration is None:
            raise AgendaError(
                "the event's length does not fit frab XML's duration (at most 99:59:59)", where=where, hint="split the event, or shorten it"
            )
        guid = self.unique("guid", str(event.get("guid") or ""), UUID)
        if guid is None:
            guid = str(uuid.uuid5(NAMESPACE, f"{self.acronym}/{event.get('slug') or event.get('id') or event.get('title')}"))
            self.taken["guid"].add(guid)
        number = event.get("id")
        if isinstance(number, str) and number.isdigit():
            number = int(number)
        if not (isinstance(number, int) and not isinstance(number, bool) and number >= 1):
            number = int(guid.replace("-", "")[:7], 16) + 1  # stable, as write_json makes them
        while str(number) in self.taken["id"]:
            number += 1
        self.taken["id"].add(str(number))
        attrs = {"guid": guid, "id": str(number)}
        code = self.unique("code", str(event.get("code") or ""), CODE)
        if code:
            attrs["code"] = code
        element = SubElement(room_element, "event", attrs)
        _add(element, "date", self.event_date(event, start))
        _add(element, "start", f"{start:%H:%M}")
        _add(element, "duration", duration)
        _add(element, "room", str(event.get("room") or room))
        slug = self.slug(event.get("slug"))
        if slug:
            _add(element, "slug", slug)
        if _http(event.get("url")):
            _add(element, "url", event["url"])
        if isinstance(event.get("do_not_record"), bool):
            recording = SubElement(element, "recording")
            _add(recording, "license", str(event.get("recording_license") or ""))
            _add(recording, "optout", "true" if event["do_not_record"] else "false")
        _add(element, "title", str(event.get("title") or ""))
        if isinstance(event.get("subtitle"), str):
            _add(element, "subtitle", event["subtitle"])
        _add(element, "track", _track(event.get("track")))
        _add(element, "type", str(event.get("type") or ""))
        if isinstance(event.get("language"), str):
            _add(element, "language", event["language"])
        _add(element, "abstract", str(event.get("abstract") or ""))
        if isinstance(event.get("description"), str):
            _add(element, "description", event["description"])
        if isinstance(event.get("logo"), str) and (_http(event["logo"]) or not event["logo"].strip()):
            _add(element, "logo", event["logo"])
        persons = SubElement(element, "persons")
        for person in event.get("persons") or []:
            if isinstance(person, dict):
                self.person(persons, person)
        for key in ("links", "attachments"):
            listed = [r for r in event.get(key) or [] if isinstance(r, dict) and isinstance(r.get("url"), str) and r["url"]]
            if listed or key == "links":
                parent = SubElement(element, key)
                for reference in listed:
                    title = reference.get("title")
                    title = title if isinstance(title, str) and title else reference["url"]
                    attrs = {"href": _clean(reference["url"])}
                    attrs.update(
                        {k: _clean(reference[k]) for k in ("type", "service") if isinstance(reference.get(k), str) and reference[k]}
                    )
                    _add(parent, key[:-1], title, attrs)
        for key in ("feedback_url", "origin_url", "video_download_url"):
            if _http(event.get(key)):
                _add(element, key, event[key])

    def person(self, parent: Element, person: dict[str, Any]) -> None:
        name = person.get("name") or person.get("public_name") or person.get("full_public_name")
        if not isinstance(name, str):
            return
        attrs = {}
        if isinstance(person.get("id"), int) and not isinstance(person["id"], bool):
            attrs["id"] = str(person["id"])
        if isinstance(person.get("guid"), str) and UUID.fullmatch(person["guid"]):
            attrs["guid"] = person["guid"]
        _add(parent, "person", name, attrs)

    def slug(self, slug: Any) -> str | None:
        if not isinstance(slug, str) or not slug:
            return None
        # loci's slugs are its session ids, short ones too: always behind the acronym, which reading takes off.
        if self.by_loci:
            return self.unique("slug", f"{self.acronym}-{slug}", VOC_SLUG)
        if VOC_SLUG.fullmatch(slug):
            return self.unique("slug", slug, VOC_SLUG)
        tidy = re.sub(r"[^a-z0-9_-]+", "-", slug.lower()).strip("-")
        return self.unique("slug", tidy if VOC_SLUG.fullmatch(tidy) else f"{self.acronym}-{tidy}", VOC_SLUG)

    def unique(self, kind: str, value: str, pattern: re.Pattern[str]) -> str | None:
        if not pattern.fullmatch(value) or value in self.taken[kind]:
            return None
        self.taken[kind].add(value)
        return value

    def start(self, event: dict[str, Any]) -> datetime | None:
        return self.aware(event.get("date"))

    def length(self, event: dict[str, Any]) -> timedelta | None:
        length = duration(event.get("duration"))
        if length is None:
            start, end = self.start(event), self.aware(event.get("end"))
            if start is not None and end is not None and end >= start:
                length = end - start
        return length

    def aware(self, text: Any) -> datetime | None:
        moment = date_time(text) if isinstance(text, str) else None
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone) if self.zone is not None else None
        return moment

    def event_date(self, event: dict[str, Any], start: datetime) -> str:
        text = event.get("date")
        # The document's own spelling when it already has an offset: the round trip changes nothing.
        return text if isinstance(text, str) and DATETIME_TZ.fullmatch(text) else _iso(start)

    def midnight(self, date_text: str | None, days: int) -> datetime:
        base = datetime.fromisoformat(date_text) if date_text else datetime(1970, 1, 1)
        return (base + timedelta(days=days)).replace(tzinfo=self.zone or timezone.utc)


def _acronym(conference: dict[str, Any]) -> str:
    acronym = conference.get("acronym")
    if isinstance(acronym, str) and ACRONYM.fullmatch(acronym):
        return acronym
    source = acronym if isinstance(acronym, str) and acronym.strip() else conference.get("title")
    return frab_acronym(source if isinstance(source, str) and source.strip() else "schedule")


def _xml_duration(length: timedelta | None) -> str | None:
    if length is None or length < timedelta(0):
        return None
    seconds = int(length.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours > 99:
        return None
    return f"{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _track(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else ""


def _http(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and HTTP_URI.fullmatch(value) is not None


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: Element, tag: str, text: str, attrs: dict[str, str] | None = None) -> Element:
    element = SubElement(parent, tag, attrs or {})
    element.text = _clean(text)
    return element
