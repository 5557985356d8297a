"""Times and spans in words: '17:00–17:30 (+1)', 'Tue 10–Wed 11 Nov 2020', '2 h 05 min'."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from .. import i18n
from ..core import headings
from ..core.time import format_offset
from .words import plural

if TYPE_CHECKING:
    from .rows import DayRow


def abbreviation(moment: datetime) -> str:
    return moment.tzname() or format_offset(moment.utcoffset())


def span(begin: datetime, finish: datetime, on: date | None = None, marked: bool = False) -> str:
    """'17:00–17:30', with the date when it isn't ``on`` and '(+1)' when it ends on a later date.

    ``marked`` names the offsets, for a column whose times are not all at one:
    '02:30 CEST–02:30 CET' tells the two 02:30s of a repeated hour apart.
    """
    start_mark = end_mark = ""
    if marked:
        if abbreviation(begin) != abbreviation(finish) or begin.utcoffset() != finish.utcoffset():
            start_mark, end_mark = f" {abbreviation(begin)}", f" {abbreviation(finish)}"
        else:
            end_mark = f" {abbreviation(finish)}"
    text = f"{i18n.format_time(begin)}{start_mark}–{i18n.format_time(finish)}{end_mark}"
    extra_days = (finish.date() - begin.date()).days
    if finish.time() == time(0):
        extra_days -= 1
    if extra_days > 0:
        text += f" (+{extra_days})"
    if on is not None and begin.date() != on:
        text = f"{i18n.format_day_short(begin)} {text}"
    return text


def mixed(moments: list[datetime]) -> bool:
    """Whether the times of one column are at more than one offset (a DST change among them)."""
    return len({m.utcoffset() for m in moments}) > 1


def day_heading(day: DayRow) -> str:
    """'Day 1 · Tue 10 Nov 2020 · Heading', with the dates the day covers in the viewer's zone, worded as calendars word it."""
    return headings.day_heading(day["day"], day["title"], day["start"], day["end"], i18n.current())


def zone_header(title: str, rows: list[DayRow]) -> str:
    first = rows[0]
    moments = [m for day in rows for m in (day["start"], day["end"])]
    moments += [m for day in rows for s in day.get("sessions", []) for m in (s["start"], s["end"])]
    offsets = " / ".join(dict.fromkeys(format_offset(m.utcoffset()) for m in sorted(moments)))
    times = i18n._("Times in {zone} ({offsets}); event zone {event_zone}")
    return f"{title}\n" + times.format(zone=first["timezone"], offsets=offsets, event_zone=first["event_timezone"])


def event_zone_label(*event_times: datetime) -> str:
    """The event zone's abbreviation at these times ('CET'; 'CEST/CET' across a change), short enough for a column."""
    return "/".join(dict.fromkeys(abbreviation(m) for m in sorted(event_times)))


def duration(seconds: int) -> str:
    """'less than a minute', '45 min', '2 h 05 min', '3 days 4 h'."""
    if seconds < 60:
        return i18n._("less than a minute")
    minutes = seconds // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return i18n._("{days} {hours} h").format(days=plural(days, "day"), hours=hours)
    if hours:
        return i18n._("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    return i18n._("{minutes} min").format(minutes=minutes)
