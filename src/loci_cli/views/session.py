"""'loci show' for people: one session, every detail."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
        *field("When", f"{s['start']:%a %d %b %Y} {span(s['start'], s['end'], s['start'].date(), marked)} {s['timezone']}", width),
        *fill(
            f"{span(s['event_start'], s['event_end'], None, event_marked)} {s['event_timezone']} (event zone)",
            min(78, width),
            " " * 12,
        ),
        *field("Day", day_heading(day), width),
        *field("Kind", s["kind"], width),
    ]
    if s["speakers"]:
        lines += field("Speakers", ", ".join(s["speakers"]), width)
    details = (
        ("Lead", s["lead"]),
        ("Room", s["room"]),
        ("Where", s["location"]),
        ("Track", s["track"]),
        ("Language", s["language"]),
        ("Link", s["url"]),
    )
    for label, value in details:
        if value:
            lines += field(label, value, width)
    for link in s["links"]:
        lines += field("Link", link["url"] + (f" ({link['title']})" if link.get("title") else ""), width)
    lines += field("ID", s["id"], width)
    if s["description"]:
        lines += ["", wrap(s["description"], width, "")]
    return "\n".join(lines)
