"""'loci starred --json': the starred sessions, and the starred ids the agenda no longer has."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from .rows import SessionRow, session_row

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..core.queries import Starred


class StarredRow(TypedDict):
    #: the agenda's id: what the list is kept under in the stars file
    agenda: str
    title: str
    #: the stars file read
    file: str
    #: the starred sessions, in programme order, each as 'loci sessions --json' gives it
    sessions: list[SessionRow]
    #: starred ids the agenda no longer has (after an update), in the order they were starred
    missing: list[str]


def starred_row(agenda: Agenda, found: Starred, zone: ZoneInfo, path: str) -> StarredRow:
    return {
        "agenda": agenda.id,
        "title": agenda.title,
        "file": path,
        "sessions": [session_row(agenda, slot.day, slot.session, zone) for slot in found.slots],
        "missing": list(found.missing),
    }
