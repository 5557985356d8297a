"""A personal schedule: 'loci star', 'loci unstar', 'loci starred', and the --starred filter.

The list lives in the stars file (io/stars.py), one list per agenda id. Every
function takes the agenda the cli opened and the Environment (the stars file's
folder comes from its variables, never from os.environ).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import NotFound
from ..core.queries import Filter, find_session, make_filter, narrowed, starred_in
from ..i18n import _, ngettext
from ..io.stars import read_stars, stars_lock, stars_path, write_stars
from ..views.rows import DayRow, day_row
from ..views.starred import StarredRow, starred_row

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..environment import Environment


@dataclass(frozen=True)
class Changed:
    """What 'star' or 'unstar' did: the ids changed, those already so, and the list's length after."""

    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    total: int
    path: str


@dataclass(frozen=True)
class StarredList:
    row: StarredRow
    #: the starred sessions by day, for the table
    days: list[DayRow]
    notes: tuple[str, ...] = ()


def star(agenda: Agenda, env: Environment, ids: list[str]) -> Changed:
    """Add sessions to the agenda's list; an unknown id refuses the whole command, so nothing half-happens."""
    # find_session takes any letter case and words the hint; the list keeps the agenda's spelling.
    wanted = list(dict.fromkeys(find_session(agenda, i).session.id for i in ids))
    path = stars_path(env.environ)
    with stars_lock(path):
        starred = read_stars(path, agenda.id)
        added = [i for i in wanted if i not in starred]
        if added:
            write_stars(path, agenda.id, agenda.title, starred + added)
    return Changed(tuple(added), tuple(i for i in wanted if i not in added), len(starred) + len(added), str(path))


def unstar(agenda: Agenda, env: Environment, ids: list[str]) -> Changed:
    """Take sessions off the list, also ids the agenda no longer has (that is how they are cleared)."""
    path = stars_path(env.environ)
    with stars_lock(path):
        starred = read_stars(path, agenda.id)
        by_fold = {i.casefold(): i for i in starred}
        wanted: list[str] = []
        for given in ids:
            if given in starred or given.casefold() in by_fold:
                wanted.append(given if given in starred else by_fold[given.casefold()])
            else:
                try:
                    wanted.append(find_session(agenda, given).session.id)
                except NotFound as err:
                    raise NotFound(err.message, what="session", hint=err.hint or _starred_hint(starred)) from None
        wanted = list(dict.fromkeys(wanted))
        removed = [i for i in wanted if i in starred]
        if removed:
            write_stars(path, agenda.id, agenda.title, [i for i in starred if i not in removed])
    return Changed(tuple(removed), tuple(i for i in wanted if i not in removed), len(starred) - len(removed), str(path))


def _starred_hint(starred: list[str]) -> str | None:
    if not starred:
        return None
    shown = ", ".join(starred[:5]) + (", …" if len(starred) > 5 else "")
    return _("the starred ids are {ids}").format(ids=shown)


def starred(agenda: Agenda, zone: ZoneInfo, env: Environment) -> StarredList:
    """The starred sessions in programme order, and the starred ids the agenda no longer has."""
    path = stars_path(env.environ)
    found = starred_in(agenda, read_stars(path, agenda.id))
    row = starred_row(agenda, found, zone, str(path))
    picked = {slot.session.id for slot in found.slots}
    days = [
        day_row(agenda, d, zone, [s for s in d.sessions if s.id in picked]) for d in agenda.days if any(s.id in picked for s in d.sessions)
    ]
    notes = list(missing_notes(found.missing))
    if not found.slots and not found.missing:
        notes.append(_("No session of '{title}' is starred; star one with '{command}'.").format(title=agenda.title, command="loci star ID"))
    return StarredList(row, days, tuple(notes))


def with_stars(agenda: Agenda, env: Environment, asked: Filter) -> tuple[Filter, tuple[str, ...]]:
    """``asked`` with the starred ids filled in when --starred was given, and the notes people should see."""
    if asked.starred is None:
        return asked, ()
    found = starred_in(agenda, read_stars(stars_path(env.environ), agenda.id))
    notes = list(missing_notes(found.missing))
    if not found.slots and not found.missing:
        notes.append(
            _("loci: note: no session of '{title}' is starred; star one with '{command}'").format(
                title=agenda.title, command="loci star ID"
            )
        )
    return asked._replace(starred=frozenset(slot.session.id for slot in found.slots)), tuple(notes)


def narrow(agenda: Agenda, env: Environment, asked: Filter) -> Agenda:
    """The agenda holding only the sessions ``asked`` for (--starred, --held-in): what 'export' writes of it."""
    from ..views.output import Output

    chosen, notes = with_stars(agenda, env, asked)
    for note in notes:
        Output(env).message(note)
    return narrowed(agenda, make_filter(agenda, *chosen))


def missing_notes(missing: tuple[str, ...]) -> tuple[str, ...]:
    """A note naming the starred ids an updated agenda dropped: reported, never silently forgotten."""
    if not missing:
        return ()
    note = ngettext(
        "loci: note: {count} starred session is no longer in the agenda: {ids} (clear it with '{command}')",
        "loci: note: {count} starred sessions are no longer in the agenda: {ids} (clear them with '{command}')",
        len(missing),
    )
    return (note.format(count=len(missing), ids=", ".join(missing), command=f"loci unstar {' '.join(missing)}"),)
