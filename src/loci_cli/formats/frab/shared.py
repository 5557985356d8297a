"""What frab's JSON and XML, read and written, spell alike: the guids' namespace, the zone, durations and instants."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ...core.time import parse_iso
from ...core.zones import get_zone, zone_names

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# All loci guids live under this namespace: uuid5 of it and "<agenda id>/<session id>".
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://loci.invalid/frab/guid")
#: the generator name loci writes, and looks for to take its own slugs back
LOCI = "loci"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# frab JSON's durations: HH:MM; D:HH:MM:SS; and three parts, which pretalx writes as D:HH:MM for
# events of a day or more (its day count unpadded, never 0) and other tools as H:MM:SS.
_DURATION = re.compile(r"\d+(?::\d{2}){1,3}")
#: Longer than any event a schedule holds (pretalx's longest are camps of some days): a length
#: beyond it is a typo, and would put the session's end beyond what a date can hold.
LONGEST = timedelta(days=366)


def zone_key(name: Any) -> str | None:
    """The IANA key time_zone_name names, in any letter case; None when it names no zone."""
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return get_zone(name.strip()).key
    except ValueError:
        return zone_names().get(name.strip().lower())


def named_zone(name: Any) -> ZoneInfo | None:
    """The zone time_zone_name names, in any letter case, as read_frab takes it."""
    key = zone_key(name)
    return get_zone(key) if key else None


def duration(text: Any) -> timedelta | None:
    """A frab duration ('01:30', '1:02:30', '0:01:30:00') as a length; None when it is not one."""
    text = text.strip() if isinstance(text, str) else ""
    if not _DURATION.fullmatch(text) or len(text) > 20:
        return None
    parts = text.split(":")
    days = hours = minutes = seconds = 0
    if len(parts) == 2:
        hours, minutes = (int(p) for p in parts)
    elif len(parts) == 4:
        days, hours, minutes, seconds = (int(p) for p in parts)
    elif parts[0].startswith("0") or int(parts[1]) > 23:
        # '00:30:00', '0:45:00', '1:30:00': hours, minutes, seconds (pretalx would write neither a
        # padded or zero day count, nor more than 23 hours beside one).
        hours, minutes, seconds = (int(p) for p in parts)
    else:
        days, hours, minutes = (int(p) for p in parts)  # pretalx's D:HH:MM: '1:02:30' is 26 h 30 min
    if minutes > 59 or seconds > 59 or (days and hours > 23):
        return None
    length = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    return length if length <= LONGEST else None


def date_time(text: str) -> datetime | None:
    """A date-time (with or without an offset); None for a bare date or anything else."""
    if not text or DATE.fullmatch(text.strip()):
        return None
    try:
        return parse_iso(text.strip())
    except ValueError:
        return None
