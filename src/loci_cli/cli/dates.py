"""Dates and moments as users type them. dateutil's parser loads only for free-form text."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..core.errors import UsageProblem
from ..core.time import YEAR_RANGE, year_in_range

_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
_DATE_EXAMPLE = "2020-11-10 or '10 Nov 2020'"
_MOMENT_EXAMPLE = "'2020-11-10T12:30' or '10 Nov 2020 12:30'"


def parse_date(text: str, today: date) -> date:
    """'2020-11-10', '10 Nov 2020', 'Nov 10 2020', '10 Nov' (this year), 'today', 'tomorrow'…"""
    cleaned = text.strip()
    if cleaned.lower() in _RELATIVE:
        return today + timedelta(days=_RELATIVE[cleaned.lower()])
    try:
        value = date.fromisoformat(cleaned)
    except ValueError:
        parsed, given = _free_form(text, "date", _DATE_EXAMPLE, datetime.combine(today, time()))
        if not {"day", "month"} <= given:
            raise UsageProblem(f"cannot read '{text}' as a date", hint=f"give a day and a month, like {_DATE_EXAMPLE}") from None
        value = parsed.date()
    return _in_range(value, text)


def parse_moment(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    """An instant; a time without an offset is read in ``zone`` (on today's date there if no date is given)."""
    from ..core.time import localize

    cleaned = text.strip()
    if cleaned.lower() == "now":
        return now.astimezone(zone)
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError:
        default = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
        value, given = _free_form(text, "date and time", _MOMENT_EXAMPLE, default)
        has_date = bool(given & {"year", "month", "day"})
        if (has_date and not {"day", "month"} <= given) or not (has_date or "hour" in given):
            raise UsageProblem(f"cannot read '{text}' as a date and time", hint=f"write it like {_MOMENT_EXAMPLE}") from None
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
