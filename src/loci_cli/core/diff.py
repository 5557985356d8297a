"""What changed between two revisions of an agenda, session by session.

Pure: two agendas in, frozen records out. Sessions are matched by id, the
key every published identifier (iCalendar UID, frab guid) is built from, so a
session whose id changed counts as one removed and one added. A session can
be both moved (its instants changed) and changed (its other fields did): the
two lists answer different questions, and a caller that sends one update per
session takes the union.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .model import Agenda, Day, Session

# The session attributes compared for `changed`, in the order they are reported.
# Times are not among them: a change of start or end makes a session `moved`.
FIELDS: tuple[str, ...] = (
    "title",
    "kind",
    "description",
    "lead",
    "location",
    "url",
    "room",
    "track",
    "speakers",
    "language",
    "links",
)


@dataclass(frozen=True)
class Listed:
    """A session that is only in one of the two agendas."""

    id: str
    title: str
    day: int
    start_at: datetime
    end_at: datetime


@dataclass(frozen=True)
class Moved:
    """A session whose start or end instant changed (compared as instants, not wall clocks)."""

    id: str
    title: str
    old_day: int
    new_day: int
    old_start_at: datetime
    old_end_at: datetime
    new_start_at: datetime
    new_end_at: datetime


@dataclass(frozen=True)
class Changed:
    """A session whose other fields changed; ``fields`` names them in FIELDS order."""

    id: str
    title: str
    day: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class AgendaDiff:
    added: tuple[Listed, ...]
    removed: tuple[Listed, ...]
    moved: tuple[Moved, ...]
    changed: tuple[Changed, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed)

    @property
    def touched(self) -> frozenset[str]:
        """The ids of sessions that are in the new agenda and differ from the old one."""
        ids = [a.id for a in self.added] + [m.id for m in self.moved] + [c.id for c in self.changed]
        return frozenset(ids)


def compare(old: Agenda, new: Agenda) -> AgendaDiff:
    """Sessions added, removed, moved and changed from ``old`` to ``new``, each in the order of its agenda."""
    before = {session.id: (day, session) for day, session in old.sessions()}
    after = {session.id: (day, session) for day, session in new.sessions()}
    added = tuple(_listed(day, s) for sid, (day, s) in after.items() if sid not in before)
    removed = tuple(_listed(day, s) for sid, (day, s) in before.items() if sid not in after)
    moved: list[Moved] = []
    changed: list[Changed] = []
    for sid, (new_day, now) in after.items():
        if sid not in before:
            continue
        old_day, was = before[sid]
        if (was.start_at, was.end_at) != (now.start_at, now.end_at):
            moved.append(Moved(sid, now.title, old_day.number, new_day.number, was.start_at, was.end_at, now.start_at, now.end_at))
        fields = tuple(name for name in FIELDS if _value(was, name) != _value(now, name))
        if fields:
            changed.append(Changed(sid, now.title, new_day.number, fields))
    return AgendaDiff(added, removed, tuple(moved), tuple(changed))


def _listed(day: Day, session: Session) -> Listed:
    return Listed(session.id, session.title, day.number, session.start_at, session.end_at)


def _value(session: object, name: str) -> object:
    value = getattr(session, name, None)
    # Lists (speakers, links) and tuples (a frozen model's) of equal items are the same value.
    if isinstance(value, (list, tuple)):
        return tuple(_plain(item) for item in value)
    return value


def _plain(item: object) -> object:
    # A link is compared by what it says, whichever model class holds it.
    if hasattr(item, "url"):
        return (getattr(item, "url", None), getattr(item, "title", None))
    return item
