"""Everything a user may type as a zone, turned into a ZoneInfo.

Zones are read from the ``tzdata`` package first, so an answer never depends
on whether (or how recently) the machine has a system zone database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import AmbiguousZone, UnknownZone
from .time import format_offset

UTC_KEY = "UTC"
#: tzdata's zones named like an abbreviation but fixed all year; zone_aliases.json says what they mean.
_TZDATA_ABBREVIATIONS = frozenset({"EST", "MST", "HST"})
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*")


@cache
def get_zone(key: str) -> ZoneInfo:
    """The zone called ``key`` exactly; ValueError (with a hint) when there is none.

    Besides IANA names, loci's own names for fixed offsets ('UTC+05:30') are zones too.
    """
    fixed = _FIXED_KEY.fullmatch(key)
    if fixed:
        sign = -1 if fixed.group(1) == "-" else 1
        return fixed_zone(sign * (int(fixed.group(2)) * 60 + int(fixed.group(3))))
    if not _KEY_SHAPE.fullmatch(key):
        # Not a zone name but maybe a path ('/etc/localtime', '../x'): never read it as one.
        raise ValueError(f"unknown time zone '{key}'; use an IANA name such as Europe/Amsterdam")
    try:
        # The package's files directly: importlib.resources would cost a few ms
        # of imports on every run, and tzdata is never installed zipped.
        import tzdata

        resource = Path(tzdata.__file__).parent / "zoneinfo" / key
        if "." not in key and resource.is_file():
            with resource.open("rb") as handle:
                return ZoneInfo.from_file(handle, key=key)
    except (ImportError, OSError, ValueError, TypeError):
        pass
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone '{key}'; use an IANA name such as Europe/Amsterdam") from None


_FIXED_KEY = re.compile(r"UTC([+-])(\d\d):(\d\d)")
# What people type for an offset: '+05:00', '+5', 'UTC+6', 'GMT-3', 'UTC +05:30', '−0300'.
# Compiled on first use (re caches them), as are the POSIX patterns below: an IANA name never needs them.
_TYPED_OFFSET = r"(?i:(?:UTC|GMT|UT|Z)\s*)?([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?"
MAX_OFFSET_MINUTES = {1: 14 * 60, -1: 12 * 60}


def fixed_key(minutes: int) -> str:
    return format_offset(timedelta(minutes=minutes))


@cache
def fixed_zone(minutes: int) -> ZoneInfo:
    """A zone always ``minutes`` ahead of UTC, named 'UTC+06:00'.

    Not Etc/GMT-6: that name reads backwards (POSIX signs) and covers whole hours
    only, while '+05:30' and '+05:45' are real offsets people type.
    """
    import io
    import struct

    if minutes == 0:
        return get_zone(UTC_KEY)
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    abbr = f"{sign}{hours:02d}{mins:02d}" if mins else f"{sign}{hours:02d}"
    posix = f"<{abbr}>{'-' if minutes > 0 else ''}{hours}" + (f":{mins:02d}" if mins else "")
    name = abbr.encode() + b"\0"
    # A TZif v2 file (RFC 8536) with no transitions: one local time type, and the rule as footer.
    block = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, len(name)) + struct.pack(">lBB", minutes * 60, 0, 0) + name
    return ZoneInfo.from_file(io.BytesIO(block + block + f"\n{posix}\n".encode()), key=fixed_key(minutes))


# A POSIX TZ value (what libc reads from $TZ): a name ('JST', '<+06>'), its offset *west* of UTC, and
# optionally a summer name, offset and rule ('EST5EDT,M3.2.0,M11.1.0').
_POSIX_FIXED = r"(?:<[A-Za-z0-9+-]{1,10}>|[A-Za-z]{3,10})([+-]?)(\d{1,2})(?::(\d{2}))?"
_POSIX_RULE = r"(?:<[A-Za-z0-9+-]{1,10}>|[A-Za-z]{3,10})[+-]?\d{1,2}(?::\d{2}){0,2}(?:<[A-Za-z0-9+-]{1,10}>|[A-Za-z]{3,10}).*"


@cache
def posix_zone(text: str) -> ZoneInfo:
    """The zone a POSIX TZ string means, as libc reads $TZ; ValueError when ``text`` is not one.

    A fixed offset ('<+06>-6', 'JST-9') is loci's own 'UTC+06:00', named as --tz UTC+6 is;
    a rule ('EST5EDT,M3.2.0,M11.1.0') is a zone named by the rule itself, whose offsets
    zoneinfo computes from it (RFC 8536's footer). Only for $TZ: typed in --tz, 'GMT+3'
    means UTC+03:00, while POSIX reads it as three hours *behind*.
    """
    import io
    import struct

    fixed = re.fullmatch(_POSIX_FIXED, text)
    if fixed:
        minutes = int(fixed.group(2)) * 60 + int(fixed.group(3) or 0)
        if int(fixed.group(3) or 0) >= 60 or minutes > 24 * 60:
            raise ValueError(f"'{text}' is not a POSIX TZ offset")
        return fixed_zone(minutes if fixed.group(1) == "-" else -minutes)
    if not re.fullmatch(_POSIX_RULE, text):
        raise ValueError(f"'{text}' is not a POSIX TZ string")
    name = b"LMT\0"
    # A TZif v2 file with no transitions: zoneinfo reads every instant's offset from the footer's rule.
    block = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, len(name)) + struct.pack(">lBB", 0, 0, 0) + name
    try:
        return ZoneInfo.from_file(io.BytesIO(block + block + f"\n{text}\n".encode()), key=text)
    except (ValueError, IndexError) as err:
        raise ValueError(f"'{text}' is not a POSIX TZ string: {err}") from None


def is_fixed_offset(zone: ZoneInfo) -> bool:
    """A zone of loci's own for a bare offset ('UTC+06:00'), which names no place."""
    return bool(_FIXED_KEY.fullmatch(str(zone.key)))


def parse_offset(text: str) -> int | None:
    """Minutes east of UTC for a typed offset, None when ``text`` is not one."""
    match = re.fullmatch(_TYPED_OFFSET, text.strip())
    if not match:
        return None
    sign = -1 if match.group(1) in "-\u2212" else 1
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if int(match.group(3) or 0) >= 60 or minutes > MAX_OFFSET_MINUTES[sign]:
        raise UnknownZone(
            f"no place is at UTC{match.group(1)}{match.group(2)}{':' + match.group(3) if match.group(3) else ''}",
            hint="offsets run from UTC-12:00 to UTC+14:00",
        )
    return sign * minutes


@cache
def zone_names() -> dict[str, str]:
    """Every known IANA name, keyed by its lower-case form."""
    from zoneinfo import available_timezones

    return {name.lower(): name for name in available_timezones()}


def resolve_zone(text: str | None, local_zone: Callable[[], ZoneInfo], at: datetime | None = None) -> ZoneInfo:
    """Resolve a --tz value: an IANA name in any case, an old or new name, a city, a
    country or its code, an offset, an abbreviation, or None/'local' for ``local_zone()``
    (the system's: the caller's environment knows it, the core does not).

    ``at`` is the moment whose offsets an ambiguous name's choices are shown with.
    """
    if text is None or text.strip().lower() == "local":
        return local_zone()
    wanted = text.strip()
    if wanted in ("Z", "z"):  # ISO 8601's and military time's name for UTC
        return get_zone(UTC_KEY)
    # An abbreviation is its region's zone, summer time included, even where tzdata
    # has a fixed zone of that name (EST is America/Panama there, yet means New York).
    if wanted.upper() in _TZDATA_ABBREVIATIONS:
        from . import zonenames

        override = zonenames.abbreviation(wanted)
        if override is not None:
            return get_zone(override)
    try:
        return get_zone(wanted)
    except ValueError:
        pass
    key = zone_names().get(wanted.lower())
    if key:
        return get_zone(key)
    offset = parse_offset(wanted)
    if offset is not None:
        return fixed_zone(offset)
    # The name index is built on first use only: an exact IANA name never needs it.
    from . import zonenames

    entry = zonenames.lookup(wanted)
    if entry is None:
        raise UnknownZone(f"unknown time zone '{text}'", hint=suggest(wanted))
    if len(entry.zones) == 1:
        return get_zone(entry.zones[0])
    what = "country" if entry.country else "name"
    listed = ", ".join(z if at is None else describe(get_zone(z), at) for z in entry.zones)
    raise AmbiguousZone(f"the {what} '{text}' has {len(entry.zones)} time zones: {listed}", choices=entry.zones)


def current_name(zone: ZoneInfo) -> str | None:
    """The current name of a renamed zone ('Europe/Kiev' -> 'Europe/Kyiv'), None when the name is current.

    Read from zone_aliases.json as a plain file: this runs on every command, and
    zonenames (importlib.resources, the name index) would cost ten times more.
    """
    key = str(zone.key)
    if "/" not in key:
        return None
    import json

    try:
        renamed = json.loads((Path(__file__).parent / "zone_aliases.json").read_text(encoding="utf-8"))["renamed"]
    except (OSError, ValueError, KeyError):
        return None
    for new, olds in renamed.items():
        if key in olds:
            try:
                get_zone(new)
            except ValueError:
                return None  # an old tzdata without the new name
            return str(new)
    return None


def unusable_tz(environ: Mapping[str, str]) -> str | None:
    """$TZ when it is set but names no zone loci reads (so the system's zone is used instead)."""
    tz = environ.get("TZ", "").lstrip(":")
    if not tz:
        return None
    try:
        system_zone(tz)
    except ValueError:
        return environ["TZ"]
    return None


def system_zone(tz: str) -> ZoneInfo:
    """The zone $TZ names: a zone's name, a zone file's path, or a POSIX TZ string ('<+06>-6'); ValueError when none."""
    try:
        return get_zone(tz)
    except ValueError:
        pass
    if tz.startswith("/") and "zoneinfo/" in tz:
        # ':/usr/share/zoneinfo/Asia/Almaty', as POSIX allows: the zone of that name, from tzdata like any other.
        try:
            return get_zone(tz.split("zoneinfo/", 1)[1])
        except ValueError:
            pass
    try:
        return posix_zone(tz)
    except ValueError:
        raise ValueError(f"unknown time zone '{tz}'") from None


def suggest(text: str) -> str:
    from .zonenames import close_matches

    close = close_matches(text)
    if close:
        return "did you mean " + ", ".join(close) + "?"
    return "use a city, a country, an offset such as UTC+6, or an IANA name such as Asia/Almaty"


def describe(zone: ZoneInfo, at: datetime) -> str:
    """'Asia/Almaty (UTC+06:00)' with the offset in force at ``at``."""
    return f"{zone.key} ({format_offset(at.astimezone(zone).utcoffset())})"
