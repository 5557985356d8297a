"""Dates and moments as users type them. dateutil's parser loads only for free-form text.

Below cli/: reading '10 Nov 2020' needs no Typer, and the actions that take a
date as typed (today, now, plan) read it here with the Environment's clock. Not
in core, which imports nothing but the standard library and tzdata.

Rules (issue 10):
- a year-first date is year-month-day, whatever the separator (``2020-11-10``,
  ``2020/11/10``, ``2020.11.10``), with or without a time after it; these are
  read here, never by dateutil, which reads ``2020/11/10`` as 11 October;
- so are ISO 8601's other spellings (issue 18): basic ``20201110`` and
  ``20201110T1710``, week dates ``2020-W46-2`` / ``2020W462``, ordinal dates
  ``2020-315`` / ``2020315``, each with an optional zone designator (``Z``,
  ``+06``, ``+0600``, ``+06:00``); a year-first run of digits that is none of
  these (``202011``, ``2020-W46``) is refused, never guessed;
- an ISO date-time given as a date means the date of that instant in the zone;
- day-first with dots (``10.11.2020``) is the region's way of writing dates;
- all-number dates with ``/`` or ``-`` whose reading depends on the reader's
  convention (``11/10/2020``) are refused: only ``2020-11-10`` says it plainly;
- a date that cannot exist (``2020-13-01``) is a usage error, not a guess.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from ..core.errors import UsageProblem
from ..core.time import YEAR_RANGE, year_in_range

_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
_DATE_EXAMPLE = "2020-11-10 or '10 Nov 2020'"
_MOMENT_EXAMPLE = "'2020-11-10T12:30' or '10 Nov 2020 12:30'"

# 2020-11-10, 2020/11/10, 2020.11.10, then optionally a time (T or spaces) and an offset.
_YEAR_FIRST = re.compile(
    r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:(?:[Tt]|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
# The other ISO 8601 spellings of a date (basic 20201110, week 2020-W46-2 or 2020W462, ordinal
# 2020-315 or 2020315), each optionally with a time (extended 17:10[:00] or basic 1710[00], or
# the hour alone after T) and a zone designator (Z, +06, +0600, +06:00). A designator right after
# a date alone ('2020-11-10Z', as XML Schema writes dates) is accepted too.
_TIME = (
    r"(?:(?:[Tt]|\s+)(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"|[Tt](?P<bhour>\d{2})(?:(?P<bminute>\d{2})(?:(?P<bsecond>\d{2})(?:[.,]\d+)?)?)?)"
)
_OFFSET = r"(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)"
_ISO_PATTERN = (
    r"(?:(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"|(?P<byear>\d{4})(?P<bmonth>\d{2})(?P<bday>\d{2})"
    r"|(?P<wyear>\d{4})(?P<wsep>-?)[Ww](?P<week>\d{2})(?P=wsep)(?P<weekday>\d)"
    r"|(?P<oyear>\d{4})-?(?P<ordinal>\d{3}))"
    rf"(?:{_TIME})?(?:\s*{_OFFSET})?"
)


def _iso(text: str) -> re.Match[str] | None:
    # Compiled on first use (re caches it): '2020-11-10', the usual spelling, never needs it.
    return re.fullmatch(_ISO_PATTERN, text)


# 10.11.2020, 11/10/2020, 10-11-2020, 10.11: numbers only, day or month first.
_NUMBERS = re.compile(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?:(?P=sep)(?P<year>\d{4}))?\.?")


def _unsigned(cleaned: str, text: str, what: str) -> None:
    """Refuse a signed year ('-2020-11-12'): ISO 8601's expanded years, which free-form reading would swap about."""
    if cleaned[:1] in "+-" and cleaned[1:5].isdigit() and len(cleaned) > 5:
        raise UsageProblem(f"cannot read '{text}' as {what}", hint="write the year without a sign, like 2020-11-10")


def parse_date(text: str, today: date, zone: ZoneInfo | None = None) -> date:
    """'2020-11-10', '10 Nov 2020', 'Nov 10 2020', '10 Nov' (this year), 'today', 'tomorrow'…

    An instant with an offset ('2020-11-12T17:00+06:00') is the date it falls on in ``zone``.
    """
    cleaned = text.strip()
    _unsigned(cleaned, text, "a date")
    if cleaned.lower() in _RELATIVE:
        return today + timedelta(days=_RELATIVE[cleaned.lower()])
    match = _YEAR_FIRST.fullmatch(cleaned) or _iso(cleaned)
    if match:
        value = _year_first(match, text)
        if isinstance(value, datetime):
            # An instant is the date it falls on in the zone; a date with a designator alone is that date.
            if value.tzinfo is not None and zone is not None and _has_time(match):
                value = value.astimezone(zone)
            value = value.date()
        return _in_range(value, text)
    numbers = _NUMBERS.fullmatch(cleaned)
    if numbers:
        return _in_range(_all_numbers(numbers, text, today), text)
    if _year_first_shape(cleaned):
        # Year first but not a date we can name (2020-11, 202011, 2020-W46): never hand it to dateutil.
        raise UsageProblem(f"cannot read '{text}' as a date", hint="write it like 2020-11-10")
    parsed, given = _free_form(text, "date", _DATE_EXAMPLE, datetime.combine(today, time()))
    if not {"day", "month"} <= given:
        raise UsageProblem(f"cannot read '{text}' as a date", hint=f"give a day and a month, like {_DATE_EXAMPLE}")
    return _in_range(parsed.date(), text)


def parse_moment(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    """An instant; a time without an offset is read in ``zone`` (on today's date there if no date is given)."""
    from ..core.time import localize

    cleaned = text.strip()
    _unsigned(cleaned, text, "a date and time")
    if cleaned.lower() == "now":
        return now.astimezone(zone)
    match = _YEAR_FIRST.fullmatch(cleaned) or _iso(cleaned)
    numbers = re.fullmatch(r"(\S+)\s+(\d{1,2}:\d{2}.*)", cleaned)
    all_numbers = _NUMBERS.fullmatch(numbers[1]) if numbers else None
    if match is None and numbers and all_numbers:
        # '10.11.2020 17:10', '11/10/2020 17:10': the date read (or refused) as parse_date does.
        on = _all_numbers(all_numbers, numbers[1], now.astimezone(zone).date())
        match = _YEAR_FIRST.fullmatch(f"{on.isoformat()} {numbers[2]}")
        if match is None:
            raise UsageProblem(f"cannot read '{text}' as a date and time", hint=f"write it like {_MOMENT_EXAMPLE}")
    value: datetime
    if match:
        found = _year_first(match, text)
        # A date alone is its midnight, as datetime.fromisoformat reads it.
        value = found if isinstance(found, datetime) else datetime.combine(found, time())
    elif _year_first_shape(cleaned):
        raise UsageProblem(f"cannot read '{text}' as a date and time", hint=f"write it like {_MOMENT_EXAMPLE}")
    else:
        default = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
        value, given = _free_form(text, "date and time", _MOMENT_EXAMPLE, default)
        has_date = bool(given & {"year", "month", "day"})
        if (has_date and not {"day", "month"} <= given) or not (has_date or "hour" in given):
            raise UsageProblem(f"cannot read '{text}' as a date and time", hint=f"write it like {_MOMENT_EXAMPLE}")
    _in_range(value.date(), text)
    if value.tzinfo is None:
        try:
            # As in agendas: a wall time that a DST change skips or repeats is refused, not guessed.
            return localize(value, zone)
        except ValueError as err:
            raise UsageProblem(str(err)) from None
    try:
        return value.astimezone(zone)
    except (ValueError, OverflowError):
        raise UsageProblem(f"'{text}' has an impossible UTC offset", hint="offsets lie between -23:59 and +23:59") from None


def _real_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise UsageProblem(f"'{text}' is not a real date: {err}", hint="give a date that exists, like 2020-11-10") from None


def _year_first_shape(text: str) -> bool:
    """Text that starts with a year and holds nothing but a date's characters: never dateutil's to guess."""
    return bool(re.match(r"\d{4}", text)) and bool(re.fullmatch(r"[\d\s./:,+TtWwZz-]+", text))


def _named_day(match: re.Match[str], text: str) -> date:
    """The date any of the year-first patterns matched: calendar, basic, week or ordinal."""
    groups = match.groupdict()
    if groups.get("week") is not None:
        try:
            return date.fromisocalendar(int(match["wyear"]), int(match["week"]), int(match["weekday"]))
        except ValueError as err:
            raise UsageProblem(f"'{text}' is not a real date: {err}", hint="give a week date that exists, like 2020-W46-2") from None
    if groups.get("ordinal") is not None:
        year, ordinal = int(match["oyear"]), int(match["ordinal"])
        if not 1 <= ordinal <= date(year, 12, 31).timetuple().tm_yday:
            raise UsageProblem(
                f"'{text}' is not a real date: {year} has no day {ordinal}", hint="give a day of the year that exists, like 2020-315"
            )
        return date(year, 1, 1) + timedelta(days=ordinal - 1)
    if groups.get("byear") is not None:
        return _real_date(int(match["byear"]), int(match["bmonth"]), int(match["bday"]), text)
    return _real_date(int(match["year"]), int(match["month"]), int(match["day"]), text)


def _year_first(match: re.Match[str], text: str) -> date | datetime:
    """A year-first date, or date-time when the text has a time (aware when it has an offset)."""
    day = _named_day(match, text)
    groups = match.groupdict()
    offset = match["offset"]
    if not _has_time(match):
        if offset:
            # A date with a designator ('2020-11-10Z', '20201110+06'): still that date; a moment reads it as its midnight there.
            return datetime(day.year, day.month, day.day, tzinfo=_offset_zone(offset, text))
        return day
    if match["hour"] is not None:
        hour_text, minute_text, second_text = match["hour"], match["minute"], match["second"]
    else:
        hour_text, minute_text, second_text = groups["bhour"], groups.get("bminute"), groups.get("bsecond")
    hour, minute, second = int(hour_text), int(minute_text or 0), int(second_text or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise UsageProblem(f"'{text}' is not a real time of day", hint=f"write it like {_MOMENT_EXAMPLE}")
    tz = _offset_zone(offset, text) if offset else None
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)


def _has_time(match: re.Match[str]) -> bool:
    return match["hour"] is not None or match.groupdict().get("bhour") is not None


def _offset_zone(offset: str, text: str) -> timezone:
    """The zone a designator names: 'Z', '+06', '+0600' or '+06:00'."""
    if offset in ("Z", "z"):
        return timezone.utc
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise UsageProblem(f"'{text}' has an impossible UTC offset", hint="offsets lie between -23:59 and +23:59")
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _all_numbers(match: re.Match[str], text: str, today: date) -> date:
    """'10.11.2020' (day first, as documented), or '25/12/2020', whose reading is not in doubt."""
    a, b = int(match["a"]), int(match["b"])
    year = int(match["year"]) if match["year"] else today.year
    if match["sep"] == ".":
        return _real_date(year, b, a, text)
    readings = set()
    for day, month in ((a, b), (b, a)):
        with suppress(ValueError):
            readings.add(date(year, month, day))
    if len(readings) == 1:
        return readings.pop()
    example = f"{year}-{b:02d}-{a:02d}" if b <= 12 else "2020-11-10"
    if not readings:
        raise UsageProblem(f"'{text}' is not a real date", hint=f"write it year first, like {example}")
    raise UsageProblem(
        f"'{text}' can be read as two dates: day first or month first",
        hint=f"write it year first, like {year}-{b:02d}-{a:02d} or {year}-{a:02d}-{b:02d}",
    )


def _free_form(text: str, what: str, example: str, default: datetime) -> tuple[datetime, set[str]]:
    """dateutil's reading of ``text``, and which fields the text itself gave.

    dateutil fills missing fields from a default without saying so; parsing
    against two defaults that differ in every field shows which ones it filled.
    """
    from dateutil import parser

    other = datetime(
        default.year + 1, default.month % 12 + 1, 1 if default.day != 1 else 2, (default.hour + 1) % 24, (default.minute + 1) % 60
    )
    try:
        # Day first, as the region writes dates: 12.11.2020 is 12 November.
        first = parser.parse(text, default=default, dayfirst=True)
        second = parser.parse(text, default=other, dayfirst=True)
    except (ValueError, OverflowError):
        raise UsageProblem(f"cannot read '{text}' as a {what}", hint=f"write it like {example}") from None
    given = {name for name in ("year", "month", "day", "hour", "minute") if getattr(first, name) == getattr(second, name)}
    return first, given


def _in_range(value: date, text: str) -> date:
    if not year_in_range(value):
        raise UsageProblem(f"'{text}' is out of range", hint=f"give a date {YEAR_RANGE}")
    return value
