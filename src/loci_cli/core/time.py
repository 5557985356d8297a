"""Instants, wall clocks and UTC offsets: the one place each is parsed or spelled.

Standard library only. Every instant loci keeps is an aware datetime in UTC;
wall clocks exist only on the way in (``localize``) and on the way out
(``iso_local``, ``format_offset``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo

#: Dates loci accepts: zone arithmetic overflows near date.min and date.max.
MIN_YEAR, MAX_YEAR = 1900, 2999
YEAR_RANGE = f"between the years {MIN_YEAR} and {MAX_YEAR}"


def year_in_range(value: date) -> bool:
    return MIN_YEAR <= value.year <= MAX_YEAR


def parse_iso(text: str) -> datetime:
    """An ISO 8601 date-time; a trailing 'Z' is UTC (Python 3.10 reads no 'Z')."""
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)


def iso_local(moment: datetime, zone: ZoneInfo) -> str:
    """'2020-11-10T17:00:00+06:00': the wall clock in ``zone`` with its offset."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def iso_utc(moment: datetime) -> str:
    """'2020-11-10T11:00:00Z'."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


OffsetStyle = Literal["utc", "iso", "compact", "short"]


def format_offset(offset: timedelta | None, style: OffsetStyle = "utc") -> str:
    """A UTC offset spelled for its reader; None is UTC.

    - ``utc``: 'UTC+06:00', 'UTC-03:30' (people, and loci's fixed-offset zone names)
    - ``iso``: '+06:00' (ISO 8601, frab)
    - ``compact``: '+0600' (iCalendar's TZOFFSET names)
    - ``short``: '+6', '+5:30', '-3' (narrow columns)
    """
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    if style == "iso":
        return f"{sign}{hours:02d}:{mins:02d}"
    if style == "compact":
        return f"{sign}{hours:02d}{mins:02d}"
    if style == "short":
        return f"{sign}{hours}" + (f":{mins:02d}" if mins else "")
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def offset_at(moment: datetime, zone: ZoneInfo, style: OffsetStyle = "utc") -> str:
    """The offset ``zone`` has at ``moment``, in ``style``."""
    return format_offset(moment.astimezone(zone).utcoffset(), style)


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach ``zone`` to a wall-clock time, refusing times a DST change skips or repeats."""
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValueError(f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key} (clocks skip it); pick another time")
    if aware.utcoffset() != aware.replace(fold=1).utcoffset():
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} happens twice in {zone.key} (clocks go back); "
            "write it as a date-time with its UTC offset, e.g. "
            f"{aware.isoformat(timespec='minutes')}"
        )
    return aware


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes from ``start`` to ``end`` (an int, as the JSON shapes promise)."""
    return int((end - start).total_seconds() // 60)
