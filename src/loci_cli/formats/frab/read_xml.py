"""frab's ``schedule.xml`` read as the frab JSON document that ``read_json.read_frab`` takes.

Both spellings thus share one lenient reader and one set of checks. What only
XML needs is settled here:

- an event's ``<date>`` with an offset is its instant; a ``<date>`` without
  one, or only the day's date plus ``<start>``, is wall-clock time in the
  conference's ``<time_zone_name>``;
- without a ``<date>``, an event after midnight belongs to the previous
  conference day: its calendar date moves on when its start lies before the
  day's ``start`` attribute, before pentabarf's ``<day_change>``, or (with
  neither) before the previous event's start in the same room;
- ``<duration>`` is HH:MM or H:MM:SS, as the published XSD says (pretalx's
  rare D:HH:MM for events of a day or more reads as H:MM:SS);
- a file whose generator is loci has its slugs behind the acronym
  (``write_xml`` puts them there for the XSD): reading takes the acronym off
  again, so ids survive the round trip.

Parsing goes through defusedxml: entity declarations (the "billion laughs")
and external references are refused, so a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder
from zoneinfo import ZoneInfo

from ...core.errors import AgendaError, Problem
from ...core.time import localize
from .shared import DATE, LOCI, SCHEMA_URL, date_time, duration, named_zone

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_DURATION = re.compile(r"(\d+):(\d{2})(?::(\d{1,2}))?")
_HINT = "an unescaped '&' or '<' in a title or abstract is the usual cause; write &amp; and &lt;"


# --- reading ------------------------------------------------------------------------


@dataclass
class XmlReading:
    """A schedule.xml as frab JSON, and where in the XML each day and event came from."""

    document: dict[str, Any]
    #: what only the XML shows is wrong (a wall-clock time that a DST change skips or repeats)
    problems: list[Problem] = field(default_factory=list)
    days: dict[int, str] = field(default_factory=dict)
    events: dict[tuple[int, str, int], tuple[str, dict[str, int]]] = field(default_factory=dict)
    conference: str = "/schedule/conference"

    def where(self, path: str) -> str:
        """The XML location ('line 12, /schedule/day[1]/room[2]/event[1]/duration') of a frab JSON path."""
        match = _EVENT_PATH.match(path)
        if match:
            d, plain, quoted, e, rest = match.groups()
            name = plain if plain is not None else _unquote(quoted)
            found = self.events.get((int(d), name, int(e)))
            if found:
                at, lines = found
                child = re.match(r"\.([A-Za-z_]+)", rest or "")
                # A date made from the day's date and <start> is wrong at <start>.
                for name in _SOURCES.get(child.group(1), (child.group(1),)) if child else ():
                    if name in lines:
                        return f"line {lines[name]}, {at.split(', ', 1)[1]}/{name}"
                return at
        match = _DAY_PATH.match(path)
        if match and int(match.group(1)) in self.days:
            return self.days[int(match.group(1))]
        if path.startswith("$.schedule.conference"):
            return self.conference
        return "/schedule"


_SOURCES = {"date": ("date", "start"), "end": ("duration",)}
# read_frab's paths: $.schedule.conference.days[0].rooms.Main[2].duration, or rooms["Hall A"] for other names.
_EVENT_PATH = re.compile(
    r"^\$\.schedule\.conference\.days\[(\d+)\]\.rooms"
    r'(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\])'
    r"\[(\d+)\](.*)$"
)
_DAY_PATH = re.compile(r"^\$\.schedule\.conference\.days\[(\d+)\]")


def _unquote(quoted: str) -> str:
    return str(json.loads(quoted))


def read_xml(data: bytes) -> dict[str, Any]:
    """A frab schedule.xml as the frab JSON document that ``read_frab`` reads; AgendaError when it isn't one."""
    return parse_xml(data).document


def parse_xml(data: bytes, zone: ZoneInfo | None = None) -> XmlReading:
    """The schedule as frab JSON; ``zone`` is the venue's, for local times when the file names none."""
    root, lines = _parse(data)
    if _local(root.tag) != "schedule":
        raise AgendaError(
            f"the XML's root element is <{_local(root.tag)}>, not <schedule>",
            where=f"line {lines.get(root, 1)}",
            hint="loci reads frab/pretalx schedule.xml files, whose root element is <schedule>",
        )
    return _Reader(root, lines, zone).read()


class _LineBuilder(TreeBuilder):
    """Builds the tree and notes the line each element starts on, for messages that point there."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Element, int] = {}
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.lines[element] = self.expat.CurrentLineNumber
        return element


def _parse(data: bytes) -> tuple[Element, dict[Element, int]]:
    from xml.etree.ElementTree import ParseError
    from xml.parsers.expat import ErrorString, errors

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as err:
        line, column = err.position
        reason = ErrorString(err.code) if isinstance(err.code, int) else str(err)
        # expat's words: 'not well-formed (invalid token)', 'mismatched tag', 'no element found', …
        what = reason.replace("not well-formed ", "") if reason.startswith("not well-formed") else f"({reason})"
        hints = {
            errors.codes[errors.XML_ERROR_TAG_MISMATCH]: "every <tag> needs its own </tag>, closed in the order opened",
            errors.codes[errors.XML_ERROR_NO_ELEMENTS]: "the file is empty or cut short",
            errors.codes[errors.XML_ERROR_UNCLOSED_TOKEN]: "the file is cut short",
        }
        raise AgendaError(
            f"not well-formed XML {what}", where=f"line {line}, column {column + 1}", hint=hints.get(err.code, _HINT)
        ) from None
    except DefusedXmlException as err:
        raise AgendaError(
            f"the XML declares entities or external references ({type(err).__name__}), which loci does not read",
            where=f"line {builder.expat.CurrentLineNumber}",
            hint="remove the <!DOCTYPE> and <!ENTITY> declarations; frab and pretalx write none",
        ) from None
    return root, builder.lines


def _local(tag: Any) -> str:
    # Some generators put the schedule in a namespace; the names inside are what matter.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _text(element: Element | None) -> str | None:
    return None if element is None else (element.text or "")


def _integer(text: str | None) -> int | str | None:
    if text is None:
        return None
    text = text.strip()
    return int(text) if text.isdigit() else text


# What frab JSON's conference holds as text (description too: the XSD has none, frab JSON and some files do).
_CONFERENCE_TEXT = ("title", "acronym", "start", "end", "timeslot_duration", "url", "logo", "time_zone_name", "description")


class _Reader:
    def __init__(self, root: Element, lines: dict[Element, int], given: ZoneInfo | None = None):
        self.root = root
        self.lines = lines
        self.given = given
        self.zone: ZoneInfo | None = None
        self.day_change: tuple[int, int, int] | None = None

    def line(self, element: Element) -> int:
        return self.lines.get(element, 0)

    def read(self) -> XmlReading:
        root = self.root
        document: dict[str, Any] = {"$schema": SCHEMA_URL}
        generator = _child(root, "generator")
        if generator is not None:
            document["generator"] = {k: v for k, v in generator.attrib.items() if k in ("name", "version", "system", "url")}
        schedule: dict[str, Any] = {"version": (_text(_child(root, "version")) or "").strip()}
        document["schedule"] = schedule
        if (url := _text(_child(root, "url"))) is not None:
            schedule["url"] = url.strip()
        conference_el = _child(root, "conference")
        conference: dict[str, Any] = {}
        reading = XmlReading(document)
        if conference_el is not None:
            reading.conference = f"line {self.line(conference_el)}, /schedule/conference"
            conference = self.conference(conference_el, schedule)
        schedule["conference"] = conference
        self.zone = named_zone(conference.get("time_zone_name")) or self.given

        strip = None
        acronym = conference.get("acronym")
        if document.get("generator", {}).get("name") == LOCI and isinstance(acronym, str):
            strip = acronym + "-"
        rooms: dict[str, str | None] = {}
        days = []
        for d, day_el in enumerate(_children(root, "day")):
            day_xpath = f"/schedule/day[{d + 1}]"
            reading.days[d] = f"line {self.line(day_el)}, {day_xpath}"
            day: dict[str, Any] = {}
            index = _integer(day_el.get("index"))
            if index is not None:
                day["index"] = index
            for attribute, key in (("date", "date"), ("start", "day_start"), ("end", "day_end")):
                if day_el.get(attribute) is not None:
                    day[key] = day_el.get(attribute, "").strip()
            by_room: dict[str, list[dict[str, Any]]] = {}
            # pentabarf (FOSDEM's archive) puts events straight under <day>, each naming its own <room>.
            groups = [(None, day_el, day_xpath)] + [
                (room_el.get("name"), room_el, f"{day_xpath}/room[{r + 1}]") for r, room_el in enumerate(_children(day_el, "room"))
            ]
            for name, room_el, room_xpath in groups:
                if name is not None:
                    by_room.setdefault(name, [])  # pretalx lists every room each day, empty or not
                previous: datetime | None = None
                rolled = False
                for e, event_el in enumerate(_children(room_el, "event")):
                    event, lines = self.event(event_el)
                    room_name = name if name is not None else (event.get("room") or "").strip()
                    event.setdefault("room", room_name)
                    if strip and isinstance(event.get("slug"), str) and event["slug"].startswith(strip):
                        event["slug"] = event["slug"][len(strip) :]
                    wall, rolled, trouble = self.when(event, day, previous, rolled)
                    previous = wall or previous
                    events = by_room.setdefault(room_name, [])
                    at = f"line {self.line(event_el)}, {room_xpath}/event[{e + 1}]"
                    reading.events[(d, room_name, len(events))] = (at, lines)
                    if trouble:
                        path = f"$.schedule.conference.days[{d}].rooms[{json.dumps(room_name)}][{len(events)}].date"
                        reading.problems.append(Problem(reading.where(path), trouble))
                    events.append(event)
                if name and rooms.get(name) is None:
                    rooms[name] = room_el.get("guid")
            day["rooms"] = by_room
            days.append(day)
        conference["days"] = days
        listed = [{"name": n, **({"guid": g} if g else {})} for n, g in rooms.items() if n]
        if listed:
            conference["rooms"] = listed
        return reading

    def conference(self, element: Element, schedule: dict[str, Any]) -> dict[str, Any]:
        conference: dict[str, Any] = {}
        tracks = []
        for child in element:
            name, text = _local(child.tag), (child.text or "").strip()
            if name == "days":
                conference["daysCount"] = _integer(text)
            elif name == "base_url":
                schedule["base_url"] = text  # frab JSON keeps it beside the conference
            elif name == "track":
                track = {"name": child.get("name") or text}
                track.update({k: child.get(k, "") for k in ("color", "slug") if child.get(k)})
                if track["name"]:
                    tracks.append(track)
            elif name == "day_change":
                match = _CLOCK.fullmatch(text)
                if match:
                    self.day_change = (int(match[1]), int(match[2]), int(match[3] or 0))
            elif name in _CONFERENCE_TEXT:
                conference[name] = child.text or "" if name in ("title", "description") else text
        if tracks:
            conference["tracks"] = tracks
        return conference

    def event(self, element: Element) -> tuple[dict[str, Any], dict[str, int]]:
        event: dict[str, Any] = {}
        if element.get("guid") is not None:
            event["guid"] = element.get("guid", "").strip()
        if element.get("id") is not None:
            event["id"] = _integer(element.get("id"))
        if element.get("code") is not None:
            event["code"] = element.get("code", "").strip()
        lines: dict[str, int] = {}
        for child in element:
            name = _local(child.tag)
            lines.setdefault(name, self.line(child))
            if name == "persons":
                event["persons"] = [_person(p) for p in _children(child, "person")]
            elif name in ("links", "attachments"):
                event[name] = [_reference(r) for r in _children(child, name[:-1]) if (r.get("href") or "").strip()]
            elif name == "recording":
                license_text, optout = _text(_child(child, "license")), _text(_child(child, "optout"))
                if license_text is not None:
                    event["recording_license"] = license_text.strip()
                if optout is not None and optout.strip().lower() in ("true", "1", "false", "0"):
                    event["do_not_record"] = optout.strip().lower() in ("true", "1")
            elif name in ("title", "subtitle", "abstract", "description"):
                event[name] = child.text or ""
            elif len(child) == 0:
                event[name] = (child.text or "").strip()
        if "duration" in event:
            event["duration"] = _frab_duration(event["duration"])
        # The event's slug and date are its own, however its element order went.
        return event, lines

    def when(
        self, event: dict[str, Any], day: dict[str, Any], previous: datetime | None, rolled: bool
    ) -> tuple[datetime | None, bool, str | None]:
        """Give the event a ``date`` with an offset where the XML allows.

        Returns its wall-clock start, whether its room has passed midnight, and
        what is wrong with a wall-clock time the zone skips or repeats.
        """
        text = (event.get("date") or "").strip()
        start = _CLOCK.fullmatch((event.get("start") or "").strip())
        moment = date_time(text)
        if moment is not None and moment.tzinfo is not None:
            self.set_end(event, moment)
            return moment.replace(tzinfo=None), rolled, None
        if moment is None:
            own_date = text if DATE.fullmatch(text) else None
            base = own_date or (day.get("date") or "")
            if not (DATE.fullmatch(base) and start):
                return None, rolled, None  # read_frab says what is missing, at this event
            hours, minutes, seconds = (int(g or 0) for g in start.groups())
            try:
                moment = datetime.fromisoformat(base) + timedelta(hours=hours, minutes=minutes, seconds=seconds)
            except ValueError:
                return None, rolled, None
            if own_date is None:
                if day.get("day_start") or self.day_change is not None:
                    # Each event against the day's start or <day_change>: rooms need not list events in order.
                    rolled = self.after_midnight(moment, day, None)
                else:
                    rolled = rolled or self.after_midnight(moment, day, previous)
                if rolled:
                    moment += timedelta(days=1)
        wall = moment
        event["date"] = wall.isoformat(timespec="seconds")  # without an offset: read_frab names the problem
        if self.zone is None:
            return wall, rolled, None
        try:
            # As in loci's own format: a time the zone skips or repeats is refused, not guessed.
            aware = localize(wall, self.zone)
        except ValueError as err:
            return wall, rolled, str(err)
        event["date"] = aware.isoformat(timespec="seconds")
        self.set_end(event, aware)
        return wall, rolled, None

    def after_midnight(self, moment: datetime, day: dict[str, Any], previous: datetime | None) -> bool:
        day_start = date_time(day.get("day_start") or "")
        if day_start is not None:
            if day_start.tzinfo is not None and self.zone is not None:
                day_start = day_start.astimezone(self.zone)
            return moment < day_start.replace(tzinfo=None)
        if self.day_change is not None:
            hours, minutes, seconds = self.day_change
            return moment.time() < moment.time().replace(hour=hours % 24, minute=minutes, second=seconds)
        # frab lists a room's events in order: a start earlier than the one before is on the next date.
        return previous is not None and moment < previous

    def set_end(self, event: dict[str, Any], start: datetime) -> None:
        length = duration(event.get("duration"))
        if length is not None:
            end = start + length
            event["end"] = (end.astimezone(self.zone) if self.zone else end).isoformat(timespec="seconds")


def _person(element: Element) -> dict[str, Any]:
    name = (element.text or "").strip()
    person: dict[str, Any] = {"name": name, "public_name": name}
    if element.get("id") is not None:
        person["id"] = _integer(element.get("id"))
    if element.get("guid"):
        person["guid"] = element.get("guid", "").strip()
    return person


def _reference(element: Element) -> dict[str, Any]:
    url = (element.get("href") or "").strip()
    title = (element.text or "").strip()
    # frab writes the address as the text of an untitled link.
    reference = {"url": url, **({"title": title} if title and title != url else {})}
    reference.update({k: element.get(k, "") for k in ("type", "service") if element.get(k)})
    return reference


def _frab_duration(text: str) -> str:
    """An XML duration in the form read_frab reads: H:MM, or D:HH:MM:SS when there are seconds."""
    match = _DURATION.fullmatch(text.strip())
    if not match:
        return text  # read_frab reports it where it is
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return f"{hours:02d}:{minutes:02d}" if not seconds else f"0:{hours:02d}:{minutes:02d}:{seconds:02d}"
