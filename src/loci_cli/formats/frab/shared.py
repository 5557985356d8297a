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
# frab JSON's HH:MM, H:MM:SS or D:HH:MM:SS (pretalx writes days for events of a day or more).
_DURATION = re.compile(r"(?:(\d+):)?(\d+):(\d{2})(?::(\d{2}))?")


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
    """A frab duration ('01:30', '0:01:30:00') as a length; None when it is not one."""
    match = _DURATION.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def date_time(text: str) -> datetime | None:
    """A date-time (with or without an offset); None for a bare date or anything else."""
    if not text or DATE.fullmatch(text.strip()):
        return None
    try:
        return parse_iso(text.strip())
    except ValueError:
        return None
