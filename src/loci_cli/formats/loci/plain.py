"""loci's JSON read without Pydantic, for the agendas that are plainly valid: a first run's fast path.

``read.py`` (Pydantic) is the format's definition, its JSON Schema and its
error messages. Importing Pydantic and building its models costs more than
checking 10,000 sessions, so a first run reads the file here: ``json.loads``,
then every field checked against the same rules, strictly, and the core model
built in the same pass. Whatever this reader is not sure of (a wrong type, an
unknown key, an escaped surrogate, anything Pydantic would word) it declines
with ``None``, and the caller asks Pydantic, so every message and JSON path
stays Pydantic's. What it accepts, Pydantic accepts with the same values
(tests/formats/test_loci_plain.py holds the two to that).

The rules across fields (``core.rules``) and the flattening of one-line fields
are shared by both paths.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import date, datetime, time
from typing import Any, NamedTuple

from ...core import model, rules
from ...core.errors import AgendaInvalidError, Problem
from ...core.time import YEAR_RANGE, parse_iso, year_in_range
from ...core.urls import is_safe_url
from ...core.zones import get_zone

FORMAT = "loci-agenda/1"
#: iCalendar's SEQUENCE is an INTEGER, at most 2^31 - 1 (RFC 5545 3.3.8), and
#: 'export --cancel' sends revision + 1: the largest revision leaves room for that.
MAX_REVISION = 2**31 - 2

# Read here rather than by Pydantic, which also takes '10' or '1605000000' as
# seconds since 1970: an agenda's times are clock readings.
CLOCK_SHAPE = re.compile(r"(\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")
CLOCK_WORDS = "expected a time 'HH:MM' or a date-time 'YYYY-MM-DDTHH:MM'"


def clock(value: object) -> object:
    """A session's start or end: a time of day or a date-time; ValueError in loci's words."""
    if isinstance(value, (time, datetime)):
        return value
    if not isinstance(value, str):
        raise ValueError(CLOCK_WORDS)
    return _read_clock(value)


# An agenda repeats its clock readings ('10:00' on every day): each is read once.
@functools.lru_cache(maxsize=4096)
def _read_clock(value: str) -> time | datetime:
    if not (shape := CLOCK_SHAPE.fullmatch(value)):
        raise ValueError(CLOCK_WORDS)
    try:
        if shape.group(1):
            return parse_iso(value)
        return time.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError as err:
        raise ValueError(f"'{value}' is not a real time ({err})") from None


def safe_url(value: str) -> str:
    if not is_safe_url(value):
        raise ValueError(f"'{value}' is not a web or mail address; links must start with https://, http:// or mailto:")
    return value


def known_zone_name(value: str) -> str:
    try:
        get_zone(value)
    except ValueError:
        # The command line takes any letter case; a file must name the zone exactly, so say which.
        from ...core.zones import zone_names

        exact = zone_names().get(value.strip().lower()) if isinstance(value, str) else None
        if exact:
            raise ValueError(f"unknown time zone '{value}'; did you mean {exact}? (zone names are case-sensitive)") from None
        raise
    return value


def reasonable_year(value: date) -> date:
    # Zone arithmetic overflows near date.min and date.max.
    if not year_in_range(value):
        raise ValueError(f"date must lie {YEAR_RANGE}")
    return value


# --- one-line fields -----------------------------------------------------------------------

# A one-line field holding line breaks (CR, LF, NEL, U+2028, U+2029) or tabs has each run of them,
# with the blanks around it, read as one space; other control characters (C0, DEL, C1: an ESC, a
# BEL) are dropped. Flattened rather than refused: real exports carry CRLF in titles and rooms, and
# every output (a mail Subject, an iCalendar SUMMARY or CN=, a table cell) needs one line.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BREAKS = re.compile(r"[ \t\n\v\f\r\x85\u2028\u2029]*[\t\n\v\f\r\x85\u2028\u2029][ \t\n\v\f\r\x85\u2028\u2029]*")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


class OneLine:
    """Flattens the one-line fields of an agenda as it is built, and says where it did."""

    def __init__(self) -> None:
        self.warnings: list[Problem] = []
        self.problems: list[Problem] = []

    def __call__(self, value: str, path: str) -> str:
        if not _UNSAFE.search(value):
            return value
        flat = _CONTROLS.sub("", _BREAKS.sub(" ", value)).strip()
        if not flat:
            self.problems.append(Problem(path, "holds only line breaks or control characters"))
            return value
        self.warnings.append(
            Problem(path, "a one-line field holds line breaks or control characters: breaks are read as spaces, the others dropped")
        )
        return flat

    def maybe(self, value: str | None, path: str) -> str | None:
        return None if value is None else self(value, path)


# --- the fast path -------------------------------------------------------------------------


class _Unsure(Exception):
    """Not plainly valid: Pydantic reads it and words what is wrong."""


# The same patterns as read.py's Id and Kind, matched whole (Python's '$' would allow a final newline).
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@-]*")
_KIND = re.compile(r"[a-z][a-z0-9-]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# An escaped surrogate may be a lone one, which json.loads takes and Pydantic refuses.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")

_AGENDA_KEYS = frozenset(
    [
        "format",
        "$schema",
        "id",
        "revision",
        "title",
        "subtitle",
        "region",
        "organisers",
        "venue",
        "url",
        "email",
        "timezone",
        "about",
        "contacts",
        "days",
        "participants",
        "note",
    ]
)
_DAY_KEYS = frozenset(["id", "number", "date", "title", "theme", "sessions"])
_SESSION_KEYS = frozenset(
    ["id", "start", "end", "title", "kind", "description", "lead", "location", "url", "room", "track", "speakers", "language", "links"]
)
_ORGANISATION_KEYS = frozenset(["name", "short_name", "tagline", "url", "email"])
_CONTACT_KEYS = frozenset(["name", "organisation", "email"])
_LINK_KEYS = frozenset(["url", "title"])
_PARTICIPANTS_KEYS = frozenset(["country", "zones", "weight"])


class _Session(NamedTuple):
    """What core.rules reads of a session."""

    id: str
    start: time | datetime
    end: time | datetime
    room: str | None
    fields: dict[str, Any]


class _Day(NamedTuple):
    id: str
    number: int
    date: date
    sessions: list[_Session]
    fields: dict[str, Any]


def read_plain(text: str) -> tuple[model.Agenda, list[Problem]] | None:
    """The agenda and its warnings when the text is plainly valid; None when Pydantic must say what is wrong.

    AgendaInvalidError when only the rules across fields fail: they are the same on both paths.
    """
    if _SURROGATE.search(text):
        return None
    try:
        data = json.loads(text)
        days, agenda = _agenda(data)
    except (_Unsure, ValueError, RecursionError):
        return None
    zone = get_zone(agenda["timezone"])
    problems, instants, warnings = rules.check(days, zone)
    if problems:
        raise AgendaInvalidError(problems)
    line = OneLine()
    built = _build(agenda, days, instants, line)
    if line.problems:
        raise AgendaInvalidError(line.problems)
    return built, warnings + line.warnings


def _object(value: Any, keys: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not keys.issuperset(value):
        raise _Unsure
    return value


def _list(value: Any, *, filled: bool = False) -> list[Any]:
    if type(value) is not list or (filled and not value):
        raise _Unsure
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Unsure
    return value


def _text(value: Any) -> str:
    if type(value) is not str or not value:
        raise _Unsure
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any, low: int, high: int | None = None) -> int:
    if type(value) is not int or value < low or (high is not None and value > high):
        raise _Unsure
    return value


def _id(value: Any) -> str:
    if type(value) is not str or len(value) > 200 or not _ID.fullmatch(value):
        raise _Unsure
    return value


def _url(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not str or not is_safe_url(value):
        raise _Unsure
    return value


def _agenda(data: Any) -> tuple[list[_Day], dict[str, Any]]:
    agenda = _object(data, _AGENDA_KEYS)
    if agenda.get("format", FORMAT) != FORMAT or type(agenda.get("format", FORMAT)) is not str:
        raise _Unsure
    _optional(agenda.get("$schema"))
    _id(agenda.get("id"))
    _int(agenda.get("revision", 0), 0, MAX_REVISION)
    _text(agenda.get("title"))
    for key in ("subtitle", "region", "venue", "email", "note"):
        _optional(agenda.get(key))
    _str(agenda.get("about", ""))
    _url(agenda.get("url"))
    known_zone_name(_str(agenda.get("timezone")))
    for organisation in _list(agenda.get("organisers", [])):
        _object(organisation, _ORGANISATION_KEYS)
        _text(organisation.get("name"))
        for key in ("short_name", "tagline", "email"):
            _optional(organisation.get(key))
        _url(organisation.get("url"))
    for contact in _list(agenda.get("contacts", [])):
        _object(contact, _CONTACT_KEYS)
        _text(contact.get("name"))
        _optional(contact.get("organisation"))
        _optional(contact.get("email"))
    for place in _list(agenda.get("participants", [])):
        _object(place, _PARTICIPANTS_KEYS)
        _text(place.get("country"))
        for name in _list(place.get("zones"), filled=True):
            known_zone_name(_str(name))
        _int(place.get("weight", 1), 1)
    return [_day(day) for day in _list(agenda.get("days"), filled=True)], agenda


def _day(value: Any) -> _Day:
    day = _object(value, _DAY_KEYS)
    on = _str(day.get("date"))
    if not _DATE.fullmatch(on):
        raise _Unsure
    _text(day.get("title"))
    _optional(day.get("theme"))
    return _Day(
        _id(day.get("id")),
        _int(day.get("number"), 1, 9999),
        reasonable_year(date.fromisoformat(on)),
        [_session(s) for s in _list(day.get("sessions"), filled=True)],
        day,
    )


def _session(value: Any) -> _Session:
    # The hot loop of a first run: plain type tests, and only the keys the session has.
    if type(value) is not dict or not _SESSION_KEYS.issuperset(value):
        raise _Unsure
    sid, start, end, title = value.get("id"), value.get("start"), value.get("end"), value.get("title")
    if (
        type(sid) is not str
        or len(sid) > 200
        or not _ID.fullmatch(sid)
        or type(start) is not str
        or type(end) is not str
        or type(title) is not str
        or not title
    ):
        raise _Unsure
    if len(value) > 4:
        for key, field in value.items():
            check = _SESSION_FIELDS.get(key)
            if check is not None:
                check(field)
    return _Session(sid, _read_clock(start), _read_clock(end), value.get("room"), value)


def _kind(value: Any) -> None:
    if type(value) is not str or not _KIND.fullmatch(value):
        raise _Unsure


def _speakers(value: Any) -> None:
    for name in _list(value):
        _text(name)


def _links(value: Any) -> None:
    for link in _list(value):
        _object(link, _LINK_KEYS)
        if link.get("url") is None:
            raise _Unsure
        _url(link.get("url"))
        _optional(link.get("title"))


# How each optional key of a session is checked (id, start, end and title are checked inline).
_SESSION_FIELDS: dict[str, Any] = {
    "kind": _kind,
    "description": _str,
    "lead": _optional,
    "location": _optional,
    "room": _optional,
    "track": _optional,
    "language": _optional,
    "url": _url,
    "speakers": _speakers,
    "links": _links,
}


def _build(agenda: dict[str, Any], days: list[_Day], instants: list[list[rules.Instants | None]], line: OneLine) -> model.Agenda:
    """The core model, as read.build makes it from Pydantic's drafts."""
    one, opt = line, line.maybe
    Session, Link = model.Session, model.Link

    def session(s: _Session, at: rules.Instants | None, n: int, i: int) -> model.Session:
        assert at is not None, "a checked agenda has every instant"
        f = s.fields
        get = f.get
        title, lead, location, room, track, language = (
            s.fields["title"],
            get("lead"),
            get("location"),
            s.room,
            get("track"),
            get("language"),
        )
        speakers, links = get("speakers", ()), get("links", ())
        # One search over the one-line fields together; their paths are made only when one needs flattening.
        joined = "".join(filter(None, (title, lead, location, room, track, language, *speakers)))
        joined += "".join(link.get("title") or "" for link in links)
        if _UNSAFE.search(joined):
            where = f"$.days[{n}].sessions[{i}]"
            title, lead, location = one(title, f"{where}.title"), opt(lead, f"{where}.lead"), opt(location, f"{where}.location")
            room, track, language = opt(room, f"{where}.room"), opt(track, f"{where}.track"), opt(language, f"{where}.language")
            speakers = [one(name, f"{where}.speakers[{n}]") for n, name in enumerate(speakers)]
            titles = [opt(link.get("title"), f"{where}.links[{n}].title") for n, link in enumerate(links)]
        else:
            titles = [link.get("title") for link in links]
        return Session(
            s.id,
            title,
            at[0],
            at[1],
            get("kind", "session"),
            get("description", ""),
            lead,
            location,
            get("url"),
            room,
            track,
            tuple(speakers),
            language,
            tuple(Link(link["url"], t) for link, t in zip(links, titles, strict=True)),
        )

    built_days = tuple(
        model.Day(
            id=d.id,
            number=d.number,
            date=d.date,
            title=one(d.fields["title"], f"$.days[{n}].title"),
            theme=d.fields.get("theme"),
            sessions=tuple(session(s, at, n, i) for i, (s, at) in enumerate(zip(d.sessions, resolved, strict=True))),
        )
        for n, (d, resolved) in enumerate(zip(days, instants, strict=True))
    )
    return model.Agenda(
        id=agenda["id"],
        title=one(agenda["title"], "$.title"),
        timezone=agenda["timezone"],
        days=built_days,
        revision=agenda.get("revision", 0),
        subtitle=opt(agenda.get("subtitle"), "$.subtitle"),
        region=opt(agenda.get("region"), "$.region"),
        organisers=tuple(
            model.Organisation(
                one(o["name"], f"$.organisers[{n}].name"),
                opt(o.get("short_name"), f"$.organisers[{n}].short_name"),
                opt(o.get("tagline"), f"$.organisers[{n}].tagline"),
                o.get("url"),
                opt(o.get("email"), f"$.organisers[{n}].email"),
            )
            for n, o in enumerate(agenda.get("organisers", ()))
        ),
        venue=opt(agenda.get("venue"), "$.venue"),
        url=agenda.get("url"),
        email=opt(agenda.get("email"), "$.email"),
        about=agenda.get("about", ""),
        contacts=tuple(
            model.Contact(
                one(c["name"], f"$.contacts[{n}].name"),
                opt(c.get("organisation"), f"$.contacts[{n}].organisation"),
                opt(c.get("email"), f"$.contacts[{n}].email"),
            )
            for n, c in enumerate(agenda.get("contacts", ()))
        ),
        participants=tuple(
            model.Participants(one(p["country"], f"$.participants[{n}].country"), tuple(p["zones"]), p.get("weight", 1))
            for n, p in enumerate(agenda.get("participants", ()))
        ),
        note=agenda.get("note"),
    )
