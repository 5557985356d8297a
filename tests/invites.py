"""Build invitations from the real agenda for the mail and SMTP tests."""

from __future__ import annotations

from datetime import datetime, timezone

from loci_cli.formats import ical as calendar
from loci_cli.formats.attendees import Person
from loci_cli.formats.mail import Invitation, Recipient

ORGANIZER = Recipient("katria@example.org", "Katria Tomko")
STAMP = datetime(2020, 11, 1, 8, 0, tzinfo=timezone.utc)


def invitations(agenda, people, *, method="REQUEST", stamp=STAMP, ids=None) -> list[Invitation]:
    """One invitation per session (breaks left out, as export does), each its own one-UID object."""
    options = calendar.Options(
        stamp=stamp,
        method=calendar.Method(method),
        organizer=Person(ORGANIZER.email, ORGANIZER.name),
        attendees=tuple(Person(p.email, p.name) for p in people),
    )
    made = []
    for entry in calendar.entries(agenda):
        if ids is not None and entry.name not in ids:
            continue
        data = calendar.to_ical(calendar.build_calendar(agenda, [entry], options))
        made.append(
            Invitation(
                uid=entry.uid,
                method=method,
                sequence=agenda.revision + (1 if method == "CANCEL" else 0),
                summary=entry.summary,
                start=entry.start,
                end=entry.end,
                zone=agenda.zone,
                ics=data,
                description=entry.description,
                location=entry.location,
                url=entry.url,
                name=entry.name,
            )
        )
    return made
