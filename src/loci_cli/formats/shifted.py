"""An agenda with its days moved to new start times, as a loci agenda file ('loci plan --apply').

The file is written from the core model, so an agenda read from frab comes
out in loci's format too. Ids stay, ``revision`` goes up by one (so 'diff' and
invitation updates see a change), and the result is read back through loci's
own checks before anyone writes it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from ..core.errors import AgendaError, AgendaInvalid
from ..core.model import Agenda, Day, Session
from ..core.plan import clock_text, shift

FORMAT = "loci-agenda/1"
_LAST = ("days", "participants")
_ORDER = (
    "format", "id", "revision", "title", "subtitle", "region", "organisers", "venue", "url", "email", "timezone",
    "about", "contacts", "days", "participants",
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
    document["days"] = [
        {**_fields(day, skip=("sessions",)), "sessions": [session(s, day) for s in day.sessions]} for day in agenda.days
    ]
    if agenda.participants:
        document["participants"] = [_value(p) for p in agenda.participants]
    return document


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


def shifted_agenda(agenda: Agenda, starts: Sequence[time]) -> bytes:
    """The file of ``agenda`` with day i starting at ``starts[i]`` (event zone), checked; AgendaError if it fails."""
    from .loci_json import parse_agenda

    try:
        moved = shift(agenda, starts)
    except ValueError as err:
        raise AgendaError(str(err), hint="pick another start time") from None
    document = agenda_document(agenda, moved)
    document["revision"] = agenda.revision + 1
    text = json.dumps(_ordered(document), ensure_ascii=False, indent=2) + "\n"
    try:
        parse_agenda(text)
    except AgendaInvalid as err:
        raise AgendaError(f"the moved agenda fails its checks: {err.problems[0]}", hint="pick other start times") from None
    return text.encode("utf-8")


def _ordered(document: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order the format's own files use (and the README shows)."""
    rank = {key: n for n, key in enumerate(_ORDER)}
    return dict(sorted(document.items(), key=lambda item: rank.get(item[0], len(_ORDER))))
