"""Invitations from the real agenda for the mail and SMTP tests, built as `loci invite` builds them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime, timezone

from loci_cli.core.model import Agenda
from loci_cli.formats import ical, scheduling
from loci_cli.formats.attendees import Person
from loci_cli.formats.mail import Invitation, Recipient

ORGANIZER = Recipient("katria@example.org", "Katria Tomko")
STAMP = datetime(2020, 11, 1, 8, 0, tzinfo=timezone.utc)


def invitations(
    agenda: Agenda, people: Iterable[Recipient], *, method: str = "REQUEST", stamp: datetime = STAMP, ids: Collection[str] | None = None
) -> list[Invitation]:
    """One invitation per session (breaks left out, as export does), each its own one-UID object."""
    options = ical.Options(
        stamp=stamp,
        method=ical.Method(method),
        organizer=Person(ORGANIZER.email, ORGANIZER.name),
        attendees=tuple(Person(p.email, p.name) for p in people),
    )
    made = scheduling.build(agenda, scheduling.Selection(), options)
    return [scheduling.invitation(item, agenda) for item in made if ids is None or item.entry.name in ids]
