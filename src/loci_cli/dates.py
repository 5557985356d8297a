"""Dates and moments as users type them. dateutil's parser loads only for free-form text."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .errors import UsageProblem

_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
_MIN_YEAR, _MAX_YEAR = 1900, 2999


def parse_date(text: str, today: date) -> date:
    """'2020-11-10', '10 Nov 2020', 'Nov 10 2020', 'today', 'tomorrow'…"""
    cleaned = text.strip()
    if cleaned.lower() in _RELATIVE:
        return today + timedelta(days=_RELATIVE[cleaned.lower()])
    try:
        value = date.fromisoformat(cleaned)
    except ValueError:
        value = _free_form(text, "date", "2020-11-10 or '10 Nov 2020'").date()
    return _in_range(value, text)


def parse_moment(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    """An instant; a time without an offset is read in ``zone`` (on today's date there if no date is given)."""
    cleaned = text.strip()
    if cleaned.lower() == "now":
        return now.astimezone(zone)
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError:
        default = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
        value = _free_form(text, "date and time", "'2020-11-10T12:30' or '10 Nov 2020 12:30'", default)
    _in_range(value.date(), text)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def _free_form(text: str, what: str, example: str, default: datetime | None = None) -> datetime:
    from dateutil import parser

    try:
        # Day first, as the region writes dates: 12.11.2020 is 12 November.
        return parser.parse(text, default=default or datetime(2000, 1, 1), dayfirst=True)
    except (ValueError, OverflowError):
        raise UsageProblem(f"cannot read '{text}' as a {what}", hint=f"write it like {example}") from None


def _in_range(value: date, text: str) -> date:
    if not _MIN_YEAR <= value.year <= _MAX_YEAR:
        raise UsageProblem(f"'{text}' is out of range", hint=f"give a date between the years {_MIN_YEAR} and {_MAX_YEAR}")
    return value
