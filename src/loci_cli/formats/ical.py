"""Turn an agenda into RFC 5545 iCalendar: pure, agenda + options in, calendar out.

The ``icalendar`` package does the escaping, line folding and CRLFs; this module
decides what goes in. Only ``loci export`` imports it, so other commands never
load icalendar.

What keeps imports right in every client:
- UIDs come from the agenda's id and the session's (or day's) id, so a second
  export updates the events of the first instead of duplicating them.
- Times are UTC by default. With ``Options.zone`` they are local times with the
  agenda's IANA zone as TZID, and a VTIMEZONE for exactly the span of the
  events, one observance per offset change (see ``vtimezone``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta, timezone
from enum import Enum
from typing import overload
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText
from icalendar.enums import STATUS

from .. import __version__
from ..core.errors import NothingToExport, RevisionTooHigh
from ..core.headings import day_heading
from ..core.model import Agenda, Day
from ..core.queries import Slot, find_day, find_session
from ..core.time import format_offset
from .attendees import Person, flat_name

PRODID = f"-//loci//loci-cli {__version__}//EN"
#: RFC 5545 3.8.7.4: SEQUENCE is an INTEGER, at most 2**31 - 1.
MAX_SEQUENCE = 2**31 - 1


class Method(str, Enum):
    """The iTIP method (RFC 5546): what a receiving client should do with the events."""

    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class Entry:
    """What one VEVENT says, taken from a session or a whole day."""

    uid: str
    #: a file name stem for one-file-per-event output
    name: str
    summary: str
    start: datetime
    end: datetime
    description: str
    category: str
    location: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Options:
    #: DTSTAMP: when the calendar was made (UTC); the caller's clock, so tests can fix it
    stamp: datetime
    #: None: no METHOD, a plain calendar rather than an iTIP message (RFC 5546 §3.2.1
    #: wants an ORGANIZER in every PUBLISH, so PUBLISH only when one is known)
    method: Method | None = None
    #: write local times in this zone, with TZID and a VTIMEZONE; None for UTC
    zone: ZoneInfo | None = None
    organizer: Person | None = None
    attendees: tuple[Person, ...] = field(default_factory=tuple)
    #: a display reminder this many minutes before each event
    alarm_minutes: int | None = None


def entries(
    agenda: Agenda,
    *,
    day: int | None = None,
    session: str | None = None,
    include_breaks: bool = False,
    per_day: bool = False,
    zone: ZoneInfo | None = None,
) -> list[Entry]:
    """The events to export: all sessions, one day's or one session; or one event per day.

    ``zone`` is the zone of the times in a per-day programme (the agenda's by default).
    """
    days = [find_day(agenda, day)] if day is not None else agenda.days
    if per_day:
        return [day_entry(agenda, d, zone or agenda.zone) for d in days]
    if session is not None:
        # Asked for by id, so exported even when it is a break.
        slots = [find_session(agenda, session)]
    else:
        slots = [Slot(d, s) for d in days for s in d.sessions if include_breaks or not s.is_break]
    found = [session_entry(agenda, slot) for slot in slots]
    if not found:
        where = f"day {day}" if day is not None else "the agenda"
        raise NothingToExport(f"{where} has only breaks, so there is nothing to export")
    return found


def session_entry(agenda: Agenda, slot: Slot) -> Entry:
    day, session = slot.day, slot.session
    # The day's own date, whatever zone the file is in: an empty span covers its start's date.
    on = datetime.combine(day.date, time())
    parts = [session.description.strip(), day_heading(day.number, day.title, on, on)]
    if day.theme:
        parts[-1] += f"\n{day.theme}"
    if session.lead:
        parts.append(f"Led by: {session.lead}")
    return Entry(
        uid=f"{session.id}@{agenda.id}",
        name=session.id,
        summary=session.title,
        start=session.start_at,
        end=session.end_at,
        description="\n\n".join(p for p in parts if p),
        category=session.kind,
        location=session.location or agenda.venue,
        url=session.url or agenda.url,
    )


def day_entry(agenda: Agenda, day: Day, zone: ZoneInfo) -> Entry:
    """The day's whole block as one event, its programme (breaks too) in the description."""
    lines = []
    for session in day.sessions:
        start, end = session.start_at.astimezone(zone), session.end_at.astimezone(zone)
        line = f"{start:%H:%M}–{end:%H:%M} {session.title}"
        if session.lead:
            line += f" ({session.lead})"
        lines.append(line)
    heading = day_heading(day.number, day.title, day.start_at.astimezone(zone), day.end_at.astimezone(zone)) + (
        f"\n{day.theme}" if day.theme else ""
    )
    zone_note = f"Times in {zone.key} ({day.start_at.astimezone(zone):%Z})."
    return Entry(
        # ".day" keeps a day's UID apart from a session that happens to share the day's id.
        uid=f"{day.id}.day@{agenda.id}",
        name=day.id,
        summary=f"{agenda.title} · Day {day.number}: {day.title}",
        start=day.start_at,
        end=day.end_at,
        description="\n\n".join([heading, "\n".join(lines), zone_note]),
        category="day",
        location=agenda.venue,
        url=agenda.url,
    )


def build_calendar(agenda: Agenda, chosen: Sequence[Entry], options: Options) -> Calendar:
    """One VCALENDAR holding ``chosen``, with a VTIMEZONE when local times are asked for."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if options.method is not None:
        calendar.add("method", options.method.value)
    # vText by hand: icalendar leaves X- properties (and its own NAME) unescaped.
    calendar.add("x-wr-calname", vText(ical_line(agenda.title)))
    if options.zone is not None:
        calendar.add_component(vtimezone(options.zone, [e.start for e in chosen], [e.end for e in chosen]))
    for entry in chosen:
        calendar.add_component(event(agenda, entry, options))
    return calendar


def event(agenda: Agenda, entry: Entry, options: Options) -> Event:
    # A local time that clocks show twice means its first showing (RFC 5545
    # 3.3.5), but clients differ (khal reads an end there as the second), so an
    # event with either end in a repeated hour is written in UTC; both ends
    # alike, as some clients misread a UTC end after a TZID start.
    zone = options.zone
    if zone is not None and (_in_repeated_hour(entry.start, zone) or _in_repeated_hour(entry.end, zone)):
        zone = None

    def when(moment: datetime) -> datetime:
        return moment.astimezone(zone or timezone.utc)

    cancelled = options.method is Method.CANCEL
    vevent: Event = Event.new(
        uid=ical_line(entry.uid),
        stamp=options.stamp.astimezone(timezone.utc).replace(microsecond=0),
        sequence=sequence(agenda, cancelled=cancelled),
        start=when(entry.start),
        end=when(entry.end),
        summary=ical_line(entry.summary),
        description=ical_text(entry.description),
        location=ical_line(entry.location),
        url=_uri(entry.url),
        categories=[ical_line(entry.category)],
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )
    if options.organizer is not None:
        vevent.add("organizer", address(options.organizer))
    for person in options.attendees:
        attendee = address(person)
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        if options.method is Method.REQUEST:
            attendee.params["PARTSTAT"] = "NEEDS-ACTION"
            attendee.params["RSVP"] = "TRUE"
        vevent.add("attendee", attendee)
    if options.alarm_minutes is not None:
        vevent.add_component(Alarm.new_display(ical_line(entry.summary), -timedelta(minutes=options.alarm_minutes)))
    return vevent


# RFC 5545 3.3.11: TEXT holds no control characters but tab (a line break is escaped, '\n'). Bidirectional
# overrides are legal there but can turn a calendar's text around, so they go too.
_NOT_TEXT = dict.fromkeys([*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


_TEXT_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


@overload
def ical_text(value: str) -> str: ...
@overload
def ical_text(value: None) -> None: ...
def ical_text(value: str | None) -> str | None:
    """An agenda's text as an iCalendar TEXT value may hold it: control characters dropped, every line break as one."""
    if value is None:
        return None
    return _TEXT_BREAKS.sub("\n", value).translate(_NOT_TEXT)


# Every way Unicode has of ending a line; in a one-line field each becomes a space.
_BREAKS = re.compile("[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])[ \t]*")


@overload
def ical_line(value: str) -> str: ...
@overload
def ical_line(value: None) -> None: ...
def ical_line(value: str | None) -> str | None:
    """A one-line field (a title, a room) as TEXT: line breaks become spaces, so every reader shows one line."""
    if value is None:
        return None
    return _BREAKS.sub(" ", value).translate(_NOT_TEXT)


def _uri(value: str | None) -> str | None:
    # A URI holds no controls or spaces (RFC 3986); icalendar writes it unescaped, so a line break would end the line.
    if value is None:
        return None
    return "".join(value.split()).translate(_NOT_TEXT) or None


def sequence(agenda: Agenda, *, cancelled: bool = False) -> int:
    """An event's SEQUENCE: the agenda's revision, one more for a cancellation, so that it outranks the request."""
    value = agenda.revision + (1 if cancelled else 0)
    if not 0 <= value <= MAX_SEQUENCE:
        raise RevisionTooHigh(agenda.revision, cancelled=cancelled)
    return value


def _in_repeated_hour(moment: datetime, zone: ZoneInfo) -> bool:
    """The wall time ``moment`` shows in ``zone`` is shown twice that day (either time)."""
    local = moment.astimezone(zone)
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def address(person: Person) -> vCalAddress:
    """ORGANIZER or ATTENDEE: mailto: and the address; CN= the name, flat and without DQUOTE.

    A parameter value holds no control character and no DQUOTE (RFC 5545 3.1). icalendar
    would write a DQUOTE as ^' (RFC 6868), which vobject, ics.py and many clients show as
    it is, so it becomes ' here: every reader then shows the same name.
    """
    value: vCalAddress = vCalAddress(f"mailto:{person.email}")
    name = flat_name(person.name)
    if name:
        value.params["CN"] = name.replace('"', "'")
    return value


def vtimezone(zone: ZoneInfo, starts: Sequence[datetime], ends: Sequence[datetime]) -> Timezone:
    """A VTIMEZONE for ``zone`` that is right from a day before the first event to a day after the last.

    Each offset change in that span is its own observance, with DTSTART the wall
    time just before the change, as RFC 5545 defines it. icalendar's
    ``Timezone.from_tzinfo`` is not used: it groups changes into RDATE lists,
    of which vobject reads only the first, and it dates a spring-forward change
    an hour late (at the new wall time, 03:00, instead of 02:00).
    """
    begin = min(starts) - timedelta(days=1)
    finish = max(ends) + timedelta(days=1)
    tzid = zone.key
    component = Timezone()
    component.add("tzid", tzid)
    component.add("comment", f"{tzid} from tzdata, valid {begin:%Y-%m-%d} to {finish:%Y-%m-%d}")
    first = begin.astimezone(zone)
    component.add_component(_observance(first, _offset(first), first.replace(tzinfo=None)))
    for instant in _changes(zone, begin, finish):
        before = _offset((instant - timedelta(seconds=1)).astimezone(zone))
        wall_before = (instant.astimezone(timezone.utc) + before).replace(tzinfo=None)
        component.add_component(_observance(instant.astimezone(zone), before, wall_before))
    return component


def _observance(at: datetime, offset_from: timedelta, wall: datetime) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if at.dst() else TimezoneStandard()
    observance.add("dtstart", wall)
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", _offset(at))
    observance.add("tzname", at.tzname() or format_offset(at.utcoffset(), "compact"))
    return observance


def _changes(zone: ZoneInfo, begin: datetime, finish: datetime) -> list[datetime]:
    """The UTC instants in [begin, finish) at which ``zone``'s offset, name or DST flag changes."""

    def state(moment: datetime) -> tuple[timedelta | None, str | None, timedelta | None]:
        local = moment.astimezone(zone)
        return local.utcoffset(), local.tzname(), local.dst()

    step = timedelta(hours=6)  # shorter than any gap between two changes in tzdata
    found = []
    low = begin.astimezone(timezone.utc)
    while low < finish:
        high = min(low + step, finish)
        if state(low) != state(high):
            # Bisect to the second: the first instant with the new state.
            a, b = low, high
            while b - a > timedelta(seconds=1):
                middle = max((a + (b - a) / 2).replace(microsecond=0), a + timedelta(seconds=1))
                if state(middle) == state(a):
                    a = middle
                else:
                    b = middle
            found.append(b)
        low = high
    return found


def _offset(local: datetime) -> timedelta:
    return local.utcoffset() or timedelta()


def to_ical(calendar: Calendar) -> bytes:
    data: bytes = calendar.to_ical()
    return data


END_CALENDAR = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class Frame:
    """A calendar's bytes around its events: what comes before them (VTIMEZONE included) and the end."""

    head: bytes
    foot: bytes = END_CALENDAR

    def around(self, events: Iterable[bytes]) -> bytes:
        return b"".join([self.head, *events, self.foot])


def frame(agenda: Agenda, options: Options, starts: Sequence[datetime] = (), ends: Sequence[datetime] = ()) -> Frame:
    """The bytes ``build_calendar`` writes around the events; a VTIMEZONE (with ``options.zone``) covers starts to ends.

    A calendar's bytes are its properties, then each component's own bytes in turn (icalendar
    folds line by line), so a frame and events made apart join into the same bytes.
    """
    empty = to_ical(build_calendar(agenda, [], replace(options, zone=None)))
    assert empty.endswith(END_CALENDAR)
    head = empty[: -len(END_CALENDAR)]
    if options.zone is not None:
        head += vtimezone(options.zone, starts, ends).to_ical()
    return Frame(head)


def event_bytes(agenda: Agenda, entry: Entry, options: Options) -> bytes:
    data: bytes = event(agenda, entry, options).to_ical()
    return data


def stream(agenda: Agenda, chosen: Sequence[Entry], options: Options) -> Iterator[bytes]:
    """The bytes of ``build_calendar(agenda, chosen, options)``, made and given one event at a time.

    Only one event's objects are alive at once: memory stays that of the agenda,
    whatever the number of events. What would refuse the calendar is checked now,
    before the first byte goes out.
    """
    sequence(agenda, cancelled=options.method is Method.CANCEL)
    return _pieces(agenda, chosen, options)


def _pieces(agenda: Agenda, chosen: Sequence[Entry], options: Options) -> Iterator[bytes]:
    made = frame(agenda, options, [e.start for e in chosen], [e.end for e in chosen])
    yield made.head
    for entry in chosen:
        yield event_bytes(agenda, entry, options)
    yield made.foot


_VEVENT = re.compile(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.DOTALL)
_UID = re.compile(rb"^UID:(.*)$", re.MULTILINE)


def cancellations(previous: bytes, agenda: Agenda, kept: Iterable[str], stamp: datetime) -> list[bytes]:
    """The events of an earlier calendar of ``agenda`` (``previous``) that are gone from it now, cancelled.

    Each says STATUS:CANCELLED with a SEQUENCE above both the one it had and the
    agenda's revision, as 'export --cancel' writes it; one cancelled before is
    carried on as it was, so a subscriber who missed a run still learns of it.
    Events of another agenda (another UID suffix) and blocks that do not parse are left out.
    """
    live = set(kept)
    suffix = f"@{agenda.id}"
    floor = sequence(agenda, cancelled=True)
    found = []
    for match in _VEVENT.finditer(previous):
        block = re.sub(rb"\r\n[ \t]", b"", match.group(0))
        uid = _UID.search(block)
        if uid is None:
            continue
        ident = uid.group(1).decode("utf-8", "replace").strip()
        if ident in live or not ident.endswith(suffix):
            continue
        try:
            old = Event.from_ical(match.group(0))
            if not isinstance(old, Event):
                continue
            if str(old.get("STATUS", "")).upper() != "CANCELLED":
                was = int(str(old.get("SEQUENCE", 0)))
                old.status = STATUS.CANCELLED
                old.sequence = min(max(was + 1, floor), MAX_SEQUENCE)
                old.DTSTAMP = stamp.astimezone(timezone.utc).replace(microsecond=0)
            data: bytes = old.to_ical()
        except (ValueError, TypeError, KeyError, IndexError):
            continue
        found.append(data)
        live.add(ident)
    return found
