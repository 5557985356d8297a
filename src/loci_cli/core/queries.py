"""Questions about an agenda: which day, which session, what is on at a moment, filters.

Pure: agenda and an instant in, data out; never prints, never reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from ..i18n import N_, _
from .errors import NotFound

if TYPE_CHECKING:
    from .model import Agenda, Day, Session


class Slot(NamedTuple):
    """A session together with its day: what every view of the programme lists."""

    day: Day
    session: Session


def find_day(agenda: Agenda, number: int) -> Day:
    for day in agenda.days:
        if day.number == number:
            return day
    raise NotFound(_("there is no day {number}").format(number=number), what="day", choices=[str(d.number) for d in agenda.days])


def find_session(agenda: Agenda, session_id: str) -> Slot:
    by_id = {s.id: Slot(d, s) for d, s in agenda.sessions()}
    if session_id in by_id:
        return by_id[session_id]
    folded = {k.lower(): v for k, v in by_id.items()}
    if session_id.lower() in folded:
        return folded[session_id.lower()]
    import difflib

    close = difflib.get_close_matches(session_id, by_id, n=3, cutoff=0.5)
    raise NotFound(
        _("there is no session '{id}'").format(id=session_id),
        what="session",
        hint=_("did you mean {choices}?").format(choices=", ".join(close)) if close else None,
    )


def local_day_bounds(on: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Local midnight to the next local midnight, as aware datetimes."""
    return datetime.combine(on, time(), zone), datetime.combine(on + timedelta(days=1), time(), zone)


def days_on(agenda: Agenda, on: date, zone: ZoneInfo) -> list[Day]:
    """The days with any session on local date ``on`` in ``zone``."""
    begin, end = local_day_bounds(on, zone)
    return [day for day in agenda.days if any(s.start_at < end and s.end_at > begin for s in day.sessions)]


def nearest_day(agenda: Agenda, on: date, zone: ZoneInfo) -> Day:
    """The day closest to local date ``on``: what to suggest when nothing is on."""
    begin, end = local_day_bounds(on, zone)

    def distance(day: Day) -> timedelta:
        if day.end_at <= begin:
            return begin - day.end_at
        return max(day.start_at - end, timedelta())

    return min(agenda.days, key=distance)


def next_day(agenda: Agenda, on: date, zone: ZoneInfo) -> Day | None:
    """The first day that starts after local date ``on``, or None when the meeting is over then."""
    _start, end = local_day_bounds(on, zone)
    return next((day for day in agenda.days if day.start_at >= end), None)


class Moment(NamedTuple):
    at: datetime
    current: Slot | None
    next: Slot | None
    #: every session running at ``at`` (parallel rooms), ``current`` first
    current_all: tuple[Slot, ...] = ()
    #: every session starting at the next start time, ``next`` first
    next_all: tuple[Slot, ...] = ()

    @property
    def until_next(self) -> timedelta | None:
        return None if self.next is None else self.next.session.start_at - self.at


def moment(agenda: Agenda, at: datetime, only: Filter | None = None) -> Moment:
    """What runs at ``at`` (an aware datetime) in any room, and what starts next."""
    current: list[Slot] = []
    following: list[Slot] = []
    for day, session in agenda.sessions():
        if only is not None and not only.matches(session):
            continue
        if session.start_at <= at < session.end_at:
            current.append(Slot(day, session))
        elif session.start_at > at:
            if not following or session.start_at < following[0].session.start_at:
                following = [Slot(day, session)]
            elif session.start_at == following[0].session.start_at:
                following.append(Slot(day, session))
    return Moment(
        at,
        current[0] if current else None,
        following[0] if following else None,
        tuple(current),
        tuple(following),
    )


# --- filters --------------------------------------------------------------------------


class Filter(NamedTuple):
    """Which sessions to show: in a room, on a track, containing every word searched for,
    held in a language, and among the ids a participant starred."""

    room: str | None = None
    track: str | None = None
    search: str | None = None
    #: the language a session is held in (frab's <language>), not the language loci speaks
    language: str | None = None
    #: the starred session ids; None: not asked. The cli reads them from the stars file.
    starred: frozenset[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.room or self.track or self.search or self.language) or self.starred is not None

    def matches(self, session: Session) -> bool:
        if self.room is not None and session.room != self.room:
            return False
        if self.track is not None and session.track != self.track:
            return False
        if self.language is not None and (session.language or "").casefold() != self.language.casefold():
            return False
        if self.starred is not None and session.id not in self.starred:
            return False
        if self.search:
            text = _searchable(session)
            return all(word in text for word in self.search.casefold().split())
        return True

    def describe(self) -> str:
        """'room 'Hall A', starred', in the reader's language: it is said in notes for people."""
        parts = []
        if self.room:
            parts.append(_("room '{value}'").format(value=self.room))
        if self.track:
            parts.append(_("track '{value}'").format(value=self.track))
        if self.search:
            parts.append(_("search '{value}'").format(value=self.search))
        if self.language:
            parts.append(_("held in '{value}'").format(value=self.language))
        if self.starred is not None:
            parts.append(_("starred"))
        return ", ".join(parts)


def _searchable(session: Session) -> str:
    fields = [
        session.id,
        session.title,
        session.description,
        session.kind,
        session.lead,
        session.room,
        session.track,
        session.location,
        *session.speakers,
    ]
    return "\n".join(f for f in fields if f).casefold()


def make_filter(
    agenda: Agenda,
    room: str | None = None,
    track: str | None = None,
    search: str | None = None,
    language: str | None = None,
    starred: frozenset[str] | None = None,
) -> Filter:
    """A Filter with the agenda's own spelling of the room, track and language; NotFound (with a hint) for unknown ones."""
    return Filter(
        _known(room, "room", (s.room for _day, s in agenda.sessions())),
        _known(track, "track", (s.track for _day, s in agenda.sessions())),
        search.strip() if search and search.strip() else None,
        _known(language, "session language", (s.language for _day, s in agenda.sessions())),
        starred,
    )


def languages(agenda: Agenda) -> list[str]:
    """The languages the agenda's sessions are held in, in order of first appearance."""
    return list(dict.fromkeys(s.language for _day, s in agenda.sessions() if s.language))


class Starred(NamedTuple):
    """A starred list read against an agenda: the slots still there, in programme order, and the ids gone."""

    slots: tuple[Slot, ...]
    #: starred ids the agenda no longer has (after an update), in the order they were starred
    missing: tuple[str, ...]


def starred_in(agenda: Agenda, ids: Iterable[str]) -> Starred:
    wanted = list(dict.fromkeys(ids))
    present = {s.id for _day, s in agenda.sessions()}
    slots = tuple(Slot(d, s) for d, s in agenda.sessions() if s.id in wanted)
    return Starred(slots, tuple(i for i in wanted if i not in present))


# What a filter names, said in the reader's language: (not there, none in the agenda, the ones there are).
_UNKNOWN = {
    "room": (N_("there is no room '{name}'"), N_("this agenda names no rooms"), N_("the rooms are {names}")),
    "track": (N_("there is no track '{name}'"), N_("this agenda names no tracks"), N_("the tracks are {names}")),
    "session language": (
        N_("there is no session language '{name}'"),
        N_("this agenda names no session languages"),
        N_("the session languages are {names}"),
    ),
}


def _known(wanted: str | None, what: str, values: Iterable[str | None]) -> str | None:
    if wanted is None:
        return None
    names = sorted({v for v in values if v})
    folded = {n.casefold(): n for n in names}
    if wanted.strip().casefold() in folded:
        return folded[wanted.strip().casefold()]
    missing, none, there_are = _UNKNOWN[what]
    if not names:
        raise NotFound(_(missing).format(name=wanted), what=what, hint=_(none))
    import difflib

    close = difflib.get_close_matches(wanted.casefold(), folded, n=3, cutoff=0.5)
    hint = None
    if close:
        hint = _("did you mean {choices}?").format(choices=", ".join(f"'{folded[c]}'" for c in close))
    elif len(names) <= 20:
        hint = _(there_are).format(names=", ".join(f"'{n}'" for n in names))
    raise NotFound(_(missing).format(name=wanted), what=what, hint=hint, choices=names)


def select(days: Iterable[Day], only: Filter | None = None) -> list[tuple[Day, list[Session]]]:
    """Each day with the sessions that pass the filter; days left with none are dropped."""
    if not only:
        return [(day, list(day.sessions)) for day in days]
    chosen = [(day, [s for s in day.sessions if only.matches(s)]) for day in days]
    return [(day, sessions) for day, sessions in chosen if sessions]


def narrowed(agenda: Agenda, only: Filter) -> Agenda:
    """The agenda with only the sessions that pass ``only``, and only the days left with any: what 'export' writes.

    Ids are kept, so the calendars' UIDs are those of the whole agenda's export.
    """
    from .errors import NothingToExport

    days = tuple(day._replace(sessions=tuple(sessions)) for day, sessions in select(agenda.days, only))
    if not days:
        raise NothingToExport(
            _("no session matches {filter}").format(filter=only.describe()),
            hint=_("see which do with '{command}' and the same options").format(command="loci sessions"),
        )
    return agenda._replace(days=days)


def rooms(agenda: Agenda) -> list[str]:
    """The rooms the agenda names, in order of first appearance."""
    return list(dict.fromkeys(s.room for _day, s in agenda.sessions() if s.room))
