"""'loci now' for people: what runs at a moment, and what is next."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..i18n import _, format_day, format_day_time
from .spans import duration, span

if TYPE_CHECKING:
    from .rows import MomentRow, SessionRow


def _when(s: SessionRow, at: datetime, year: int | None) -> str:
    """A span seen from ``at``: its date when another, and the year too when not ``year`` (the clock's)."""
    marked = s["start"].utcoffset() != s["end"].utcoffset()
    if s["start"].date() != at.date() and year is not None and s["start"].year != year:
        return f"{format_day(s['start'])} {span(s['start'], s['end'], None, marked)}"
    return span(s["start"], s["end"], at.date(), marked)


def moment_text(now: MomentRow, year: int | None = None) -> str:
    """What runs at ``now['at']`` and what is next; dates in another year than ``year`` (the clock's) show it."""
    at = now["at"]
    lines = [_("At {moment} in {zone}:").format(moment=format_day_time(at), zone=now["timezone"])]
    current = now["current_all"] or ([now["current"]] if now["current"] else [])
    following = now["next_all"] or ([now["next"]] if now["next"] else [])
    now_label, next_label = _("Now:"), _("Next:")
    # The labels' column: six wide in English ('Now:  '), wider for a longer translation.
    width = max(6, len(now_label) + 1, len(next_label) + 1)
    for i, s in enumerate(current):
        left = int((s["end"] - at).total_seconds())
        label = now_label if i == 0 else ""
        what = _("{session}, {duration} left").format(session=_named(s), duration=duration(left))
        lines.append(f"  {label:<{width}}{_when(s, at, year)}  {what}")
    if not current:
        lines.append(f"  {now_label:<{width}}{_('nothing is on')}")
    for i, s in enumerate(following):
        label = next_label if i == 0 else ""
        what = _("{session}, starts in {duration}").format(session=_named(s), duration=duration(now["next_starts_in_seconds"] or 0))
        lines.append(f"  {label:<{width}}{_when(s, at, year)}  {what}")
    if not following:
        lines.append(f"  {next_label:<{width}}{_('nothing; the programme is over')}")
    return "\n".join(lines)


def _named(s: SessionRow) -> str:
    room = " " + _("in {room}").format(room=s["room"]) if s["room"] else ""
    return f"{s['title']} [{s['id']}]{room}"
