"""iTIP messages (RFC 5546) from an agenda: one object per UID, and updates since an older revision.

RFC 5546 §3.2.2 and §3.2.5: every component of one REQUEST or CANCEL has the
same UID, so each chosen event (a session, or a day with ``per_day``) becomes
its own calendar object. With an older revision of the agenda, only what
changed is scheduled: a REQUEST for each event that is new or differs in
anything the event says (times, title, description, place...), a CANCEL for
each event that is gone, and nothing for the rest.

SEQUENCE is the agenda's revision, and a cancellation's is one more (see
ical.event), so an update outranks every message sent for an earlier
revision. That is why an update needs a higher revision than the old agenda.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..core.errors import LociError, RevisionNotHigher
from . import ical
from .ical import Entry, Method

if TYPE_CHECKING:
    from ..core.model import Agenda
    from .mail import Invitation


@dataclass(frozen=True)
class Scheduled:
    """One iTIP object: its event, method, SEQUENCE and bytes; ``update`` when it replaces an earlier one."""

    entry: Entry
    method: Method
    sequence: int
    data: bytes
    update: bool = False


@dataclass(frozen=True)
class Plan:
    """What to send for a change: the events to (re)request and those to cancel, in agenda order."""

    request: tuple[Entry, ...]
    cancel: tuple[Entry, ...]
    #: the events whose UID is in both revisions, for the 'update' wording
    known: frozenset[str]


def changes(old_agenda: Agenda, old: Sequence[Entry], new_agenda: Agenda, new: Sequence[Entry]) -> Plan:
    """The events of ``new`` that are not in ``old`` as they are now, and the events of ``old`` that are gone."""
    if new_agenda.revision <= old_agenda.revision:
        raise RevisionNotHigher(old_agenda.revision, new_agenda.revision)
    before = {entry.uid: entry for entry in old}
    after = {entry.uid for entry in new}
    return Plan(
        request=tuple(entry for entry in new if before.get(entry.uid) != entry),
        cancel=tuple(entry for entry in old if entry.uid not in after),
        known=frozenset(before) & frozenset(after),
    )


def schedule(agenda: Agenda, chosen: Sequence[Entry], options: ical.Options, *, known: frozenset[str] = frozenset()) -> list[Scheduled]:
    """One calendar object per event in ``chosen``, with ``options.method``."""
    if options.method not in (Method.REQUEST, Method.CANCEL):
        raise ValueError("scheduling messages are REQUEST or CANCEL")
    cancelled = options.method is Method.CANCEL
    return [
        Scheduled(
            entry,
            options.method,
            agenda.revision + (1 if cancelled else 0),
            ical.to_ical(ical.build_calendar(agenda, [entry], options)),
            update=entry.uid in known,
        )
        for entry in chosen
    ]


def schedule_plan(agenda: Agenda, plan: Plan, options: ical.Options) -> list[Scheduled]:
    """The REQUESTs and then the CANCELs a plan calls for, all built against the new agenda."""
    return schedule(agenda, plan.request, replace(options, method=Method.REQUEST), known=plan.known) + schedule(
        agenda, plan.cancel, replace(options, method=Method.CANCEL)
    )


@dataclass(frozen=True)
class Selection:
    """Which events: every session (breaks only when asked), one day's, one session, or one per day."""

    day: int | None = None
    session: str | None = None
    per_day: bool = False
    include_breaks: bool = False

    def entries(self, agenda: Agenda, zone: ZoneInfo | None = None) -> list[Entry]:
        return ical.entries(agenda, day=self.day, session=self.session, include_breaks=self.include_breaks, per_day=self.per_day, zone=zone)


def build(
    agenda: Agenda,
    selection: Selection,
    options: ical.Options,
    *,
    since: Agenda | None = None,
    zone: ZoneInfo | None = None,
) -> list[Scheduled]:
    """The iTIP objects to send: for every chosen event, or with ``since`` for what changed after it.

    ``options.method`` says REQUEST or CANCEL for a plain run; with ``since`` it is ignored,
    as a change calls for both.
    """
    chosen = selection.entries(agenda, zone)
    if since is None:
        return schedule(agenda, chosen, options)
    # The old revision's events, chosen the same way; a day or session it lacks has nothing to compare.
    try:
        before = selection.entries(since, zone)
    except LociError:
        before = []
    return schedule_plan(agenda, changes(since, before, agenda, chosen), options)


def invitation(item: Scheduled, agenda: Agenda) -> Invitation:
    """What the mail layer needs to write about one object."""
    from .mail import Invitation

    return Invitation(
        uid=item.entry.uid,
        method="CANCEL" if item.method is Method.CANCEL else "REQUEST",
        sequence=item.sequence,
        summary=item.entry.summary,
        start=item.entry.start,
        end=item.entry.end,
        zone=agenda.zone,
        ics=item.data,
        description=item.entry.description,
        location=item.entry.location,
        url=item.entry.url,
        name=item.entry.name,
        update=item.update,
    )
