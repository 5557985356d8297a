"""'loci show' for people: one session, every detail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, format_day
from .spans import day_heading, span
from .table import field, fill, wrap

if TYPE_CHECKING:
    from .rows import DayRow, SessionRow


def session_text(s: SessionRow, day: DayRow, width: int) -> str:
    marked = s["start"].utcoffset() != s["end"].utcoffset()
    event_marked = s["event_start"].utcoffset() != s["event_end"].utcoffset()
    lines = [
        *fill(s["title"], min(78, width)),
        "",
        *field(_("When"), f"{format_day(s['start'])} {span(s['start'], s['end'], s['start'].date(), marked)} {s['timezone']}", width),
        *fill(
            _("{span} {zone} (event zone)").format(
                span=span(s["event_start"], s["event_end"], None, event_marked), zone=s["event_timezone"]
            ),
            min(78, width),
            " " * 12,
        ),
        *field(_("Day"), day_heading(day), width),
        *field(_("Kind"), s["kind"], width),
    ]
    if s["speakers"]:
        lines += field(_("Speakers"), ", ".join(s["speakers"]), width)
    details = (
        (_("Lead"), s["lead"]),
        (_("Room"), s["room"]),
        (_("Where"), s["location"]),
        (_("Track"), s["track"]),
        (_("Language"), s["language"]),
        (_("Link"), s["url"]),
    )
    for label, value in details:
        if value:
            lines += field(label, value, width)
    for link in s["links"]:
        lines += field(_("Link"), link["url"] + (f" ({link['title']})" if link.get("title") else ""), width)
    lines += field(_("ID"), s["id"], width)
    if s["description"]:
        lines += ["", wrap(s["description"], width, "")]
    return "\n".join(lines)
