"""'loci now' for people: what runs at a moment, and what is next."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .spans import duration, span

if TYPE_CHECKING:
    from .rows import MomentRow, SessionRow


def _when(s: SessionRow, at: datetime, year: int | None) -> str:
    """A span seen from ``at``: its date when another, and the year too when not ``year`` (the clock's)."""
    text = span(s["start"], s["end"], at.date(), s["start"].utcoffset() != s["end"].utcoffset())
    if s["start"].date() != at.date() and year is not None and s["start"].year != year:
        text = f"{s['start']:%a %d %b %Y}" + text[len(f"{s['start']:%a %d %b}") :]
    return text


def moment_text(now: MomentRow, year: int | None = None) -> str:
    """What runs at ``now['at']`` and what is next; dates in another year than ``year`` (the clock's) show it."""
    at = now["at"]
    lines = [f"At {at:%a %d %b %Y %H:%M} in {now['timezone']}:"]
    current = now["current_all"] or ([now["current"]] if now["current"] else [])
    following = now["next_all"] or ([now["next"]] if now["next"] else [])
    for i, s in enumerate(current):
        left = int((s["end"] - at).total_seconds())
        label = "Now:" if i == 0 else ""
        lines.append(f"  {label:<6}{_when(s, at, year)}  {_named(s)}, {duration(left)} left")
    if not current:
        lines.append("  Now:  nothing is on")
    for i, s in enumerate(following):
        label = "Next:" if i == 0 else ""
        lines.append(f"  {label:<6}{_when(s, at, year)}  {_named(s)}, starts in {duration(now['next_starts_in_seconds'] or 0)}")
    if not following:
        lines.append("  Next: nothing; the programme is over")
    return "\n".join(lines)


def _named(s: SessionRow) -> str:
    return f"{s['title']} [{s['id']}]" + (f" in {s['room']}" if s["room"] else "")
