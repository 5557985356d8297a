"""Write loci's own JSON format from the core model, whatever format the agenda was read from.

Driven by the model's fields, so a new field needs nothing here; fields left at
their defaults are left out, as a hand-written agenda would. A session's
start and end are written as the agenda format reads them back to the same
instants ('HH:MM' on the day's date, a local date-time past midnight, with its
offset when clocks repeat that hour: ``core.plan.clock_text``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from ...core.model import Agenda, Day, Session
from ...core.plan import clock_text

FORMAT = "loci-agenda/1"
_LAST = ("days", "participants")
_ORDER = (
    "format",
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
)


def agenda_document(agenda: Agenda, instants: Mapping[str, tuple[datetime, datetime]] | None = None) -> dict[str, Any]:
    """The agenda as loci's JSON: fields left at their defaults are left out.

    ``instants`` replaces sessions' (start, end) by id; the others keep theirs.
    """
    zone = agenda.zone

    def session(s: Session, day: Day) -> dict[str, Any]:
        start, end = (instants or {}).get(s.id, (s.start_at, s.end_at))
        found = {"id": s.id, "start": clock_text(start, day.date, zone), "end": clock_text(end, day.date, zone)}
        found.update(_fields(s, skip=("id", "start_at", "end_at")))
        return found

    document: dict[str, Any] = {"format": FORMAT}
    document.update(_fields(agenda, skip=_LAST))
    document["days"] = [{**_fields(day, skip=("sessions",)), "sessions": [session(s, day) for s in day.sessions]} for day in agenda.days]
    if agenda.participants:
        document["participants"] = [_value(p) for p in agenda.participants]
    return _ordered(document)


def _fields(item: Any, skip: Sequence[str] = ()) -> dict[str, Any]:
    """A model value's fields (named tuples, as the core model is made of), those at their defaults left out."""
    defaults = item._field_defaults
    found = {}
    for name in item._fields:
        value = getattr(item, name)
        if name in skip or value is None or (name in defaults and value == defaults[name]):
            continue
        found[name] = _value(value)
    return found


def _value(value: Any) -> Any:
    if hasattr(value, "_fields"):  # a model value: a named tuple, not a list
        return _fields(value)
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _ordered(document: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order the format's own files use (and the README shows)."""
    rank = {key: n for n, key in enumerate(_ORDER)}
    return dict(sorted(document.items(), key=lambda item: rank.get(item[0], len(_ORDER))))
