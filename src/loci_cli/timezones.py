"""Everything a user may type as a zone, turned into a ZoneInfo.

Zones are read from the ``tzdata`` package first, so an answer never depends
on whether (or how recently) the machine has a system zone database.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import UnknownZone

UTC_KEY = "UTC"
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*")


@cache
def get_zone(key: str) -> ZoneInfo:
    """The zone called ``key`` exactly; ValueError (with a hint) when there is none."""
    if not _KEY_SHAPE.fullmatch(key):
        # Not a zone name but maybe a path ('/etc/localtime', '../x'): never read it as one.
        raise ValueError(f"unknown time zone '{key}'; use an IANA name such as Europe/Amsterdam")
    try:
        from importlib.resources import files

        resource = files("tzdata.zoneinfo").joinpath(key)
        if "." not in key and resource.is_file():
            with resource.open("rb") as handle:
                return ZoneInfo.from_file(handle, key=key)
    except (ImportError, OSError, ValueError):
        pass
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone '{key}'; use an IANA name such as Europe/Amsterdam") from None


@cache
def zone_names() -> dict[str, str]:
    """Every known IANA name, keyed by its lower-case form."""
    from zoneinfo import available_timezones

    return {name.lower(): name for name in available_timezones()}


def resolve_zone(text: str | None, environ: Mapping[str, str] | None = None) -> ZoneInfo:
    """Resolve a --tz value; None or 'local' means the system's zone."""
    environ = os.environ if environ is None else environ
    if text is None or text.strip().lower() == "local":
        return local_zone(environ)
    wanted = text.strip()
    try:
        return get_zone(wanted)
    except ValueError:
        pass
    key = zone_names().get(wanted.lower())
    if key:
        return get_zone(key)
    raise UnknownZone(f"unknown time zone '{text}'", hint=_suggest(wanted))


def _suggest(text: str) -> str:
    import difflib

    names = zone_names()
    lowered = text.lower()
    if "/" in lowered:
        close = [names[c] for c in difflib.get_close_matches(lowered, names, n=5, cutoff=0.6)]
    else:
        # A bare word is most likely a city: 'Almati' should find Asia/Almaty, not Jamaica.
        cities: dict[str, list[str]] = {}
        for low, name in names.items():
            cities.setdefault(low.rsplit("/", 1)[-1], []).append(name)
        matches = difflib.get_close_matches(lowered, cities, n=5, cutoff=0.6)
        close = sorted({name for city in matches for name in cities[city]}, key=lambda n: matches.index(n.lower().rsplit("/", 1)[-1]))[:5]
    if close:
        return "did you mean " + ", ".join(close) + "?"
    return "use an IANA name such as Europe/Amsterdam or Asia/Almaty"


def local_zone(environ: Mapping[str, str]) -> ZoneInfo:
    """The system's zone by name: $TZ, then /etc/localtime, then /etc/timezone, else UTC."""
    tz = environ.get("TZ", "").lstrip(":")
    if tz:
        try:
            return get_zone(tz)
        except ValueError:
            pass
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            return get_zone(target.split("zoneinfo/", 1)[1])
    except (OSError, ValueError):
        pass
    try:
        return get_zone(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        pass
    return get_zone(UTC_KEY)


def format_offset(offset: timedelta | None) -> str:
    """'UTC+06:00', 'UTC-03:30', 'UTC+00:00'."""
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def describe(zone: ZoneInfo, at: datetime) -> str:
    """'Asia/Almaty (UTC+06:00)' with the offset in force at ``at``."""
    return f"{zone.key} ({format_offset(at.astimezone(zone).utcoffset())})"


def tzdata_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tzdata")
    except PackageNotFoundError:
        return "system"
