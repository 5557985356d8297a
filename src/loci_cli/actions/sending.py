"""What 'export' and 'invite' share: which events to send and to whom, and the older revision --since names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import AgendaError, UsageProblem

if TYPE_CHECKING:
    from ..core.model import Agenda
    from ..environment import Environment
    from ..formats.attendees import Person
    from ..formats.scheduling import Selection


@dataclass(frozen=True)
class Sending:
    """The what-and-who options of 'export' and 'invite', as the command line gave them."""

    session: str | None = None
    day: int | None = None
    per_day: bool = False
    include_breaks: bool = False
    organizer: str | None = None
    attendee: tuple[str, ...] = ()
    attendees: str | None = None
    since: str | None = None
    cancel: bool = False

    def check_selection(self) -> None:
        if self.session is not None and (self.day is not None or self.per_day):
            raise UsageProblem("--session cannot be combined with --day or --per-day", hint="give one of them")

    @property
    def selection(self) -> Selection:
        from ..formats.scheduling import Selection

        return Selection(self.day, self.session, self.per_day, self.include_breaks)

    def people(self, agenda: Agenda, source: str | None) -> tuple[Person | None, list[Person]]:
        """The organiser (--organizer, else the agenda's e-mail) and the attendees, each address checked."""
        from ..formats.attendees import parse_person, read_attendees, unique

        found = [parse_person(text, where="--attendee") for text in self.attendee]
        if self.attendees:
            found += read_attendees(self.attendees)
        who = None
        if self.organizer:
            who = parse_person(self.organizer, where="--organizer")
        elif agenda.email:
            who = parse_person(agenda.email, where=f"{source or 'agenda'}: $.email", error=AgendaError)
        return who, unique(found)

    def older(self, env: Environment, current: Agenda) -> Agenda | None:
        """The older revision named by --since, read like any agenda (loci's format or frab).

        It must be a revision of ``current`` (the same agenda id): every UID carries the
        id, so another agenda's sessions would all read as removed, and be cancelled.
        """
        from ..core.errors import InputError
        from ..formats.load import load_agenda

        if not self.since:
            return None
        old = load_agenda(self.since, env.environ, stdin=env.input)
        if old.id != current.id:
            raise InputError(
                f"is agenda '{old.id}', not a revision of '{current.id}'",
                where=f"--since {self.since}",
                hint='give an earlier file of the same agenda (its "id" must match), as loci wrote or published it',
            )
        return old


def need_people(who: Person | None, found: Sequence[Person], flag: str) -> Person:
    """The organiser, when there is one and at least one attendee: what a REQUEST or a CANCEL needs."""
    if who is None:
        raise UsageProblem(f"{flag} needs the organiser's address", hint='give --organizer EMAIL or set "email" in the agenda')
    # RFC 5546 §3.2.2 and §3.2.5: a REQUEST or a CANCEL names at least one attendee.
    if not found:
        raise UsageProblem(f"{flag} needs at least one attendee", hint="give --attendee EMAIL or --attendees FILE")
    return who
