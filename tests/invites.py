"""Build invitations from the real agenda for the mail and SMTP tests."""

from __future__ import annotations

import pathlib
from datetime import datetime, timezone

import loci_cli.formats as _formats

# Until layout-v2 turns formats.py into the formats/ package: let its submodules import.
if not hasattr(_formats, "__path__"):
    _formats.__path__ = [str(pathlib.Path(_formats.__file__).with_suffix(""))]

from loci_cli import calendar  # noqa: E402
from loci_cli.addresses import Person  # noqa: E402
from loci_cli.formats.mail import Invitation, Recipient  # noqa: E402

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
