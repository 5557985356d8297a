"""Every ISO 8601 spelling of a date or a moment reads as itself (issue 18); other forms keep their rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ALMATY, NEW_YORK, zone
from loci_cli.actions.dates import parse_date, parse_moment
from loci_cli.core.errors import UsageProblem

TODAY = date(2026, 3, 1)
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def spellings(day: date) -> list[str]:
    """``day`` in each ISO 8601 form loci reads: calendar (extended, basic), week and ordinal (extended, basic)."""
    year, week, weekday = day.isocalendar()
    ordinal = day.timetuple().tm_yday
    return [
        day.isoformat(),
        f"{day:%Y%m%d}",
        f"{year:04d}-W{week:02d}-{weekday}",
        f"{year:04d}W{week:02d}{weekday}",
        f"{day.year:04d}-{ordinal:03d}",
        f"{day.year:04d}{ordinal:03d}",
    ]


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_in_every_iso_form_reads_back_as_itself(day):
    for text in spellings(day):
        assert parse_date(text, TODAY, zone(ALMATY)) == day, text


@given(
    st.dates(min_value=date(1970, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["Z", "+06", "+0600", "+06:00", "-0330", "-03:30", "+05:45"]),
)
def test_every_moment_with_a_designator_reads_back_as_that_instant(day, hour, minute, designator):
    if designator == "Z":
        offset = timedelta(0)
    else:
        sign = -1 if designator[0] == "-" else 1
        digits = designator[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    expected = datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone(offset))
    for date_text in spellings(day):
        basic = not any(sep in date_text for sep in "-")
        time_text = f"{hour:02d}{minute:02d}" if basic else f"{hour:02d}:{minute:02d}"
        got = parse_moment(f"{date_text}T{time_text}{designator}", zone(NEW_YORK), NOW)
        assert got == expected, date_text
        # As a date, an instant is the date it falls on in the zone asked for.
        assert parse_date(f"{date_text}T{time_text}{designator}", TODAY, zone(NEW_YORK)) == expected.astimezone(zone(NEW_YORK)).date()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20201110", date(2020, 11, 10)),
        ("20201012", date(2020, 10, 12)),  # dateutil read this as 10 Dec 2020
        ("2020-W46-2", date(2020, 11, 10)),
        ("2020W462", date(2020, 11, 10)),
        ("2020-315", date(2020, 11, 10)),
        ("2020315", date(2020, 11, 10)),
        ("2020-W53-5", date(2021, 1, 1)),  # a week date's year is the week's, not the calendar's
        ("2020-366", date(2020, 12, 31)),
        # A date with a designator alone is that date, whatever the zone asked for.
        ("2020-11-10Z", date(2020, 11, 10)),
        ("20201110+0600", date(2020, 11, 10)),
        # An instant is its date in the zone: 23:00 UTC is the next morning in Almaty.
        ("20201110T2300Z", date(2020, 11, 11)),
        ("2020-11-10T23:00+00", date(2020, 11, 11)),
    ],
)
def test_iso_dates(text, expected):
    assert parse_date(text, TODAY, zone(ALMATY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20201110T1710", datetime(2020, 11, 10, 17, 10, tzinfo=zone(ALMATY))),
        ("20201110T171000+0600", datetime(2020, 11, 10, 11, 10, tzinfo=timezone.utc)),
        ("2020-11-10T17", datetime(2020, 11, 10, 17, 0, tzinfo=zone(ALMATY))),
        ("20201110T17Z", datetime(2020, 11, 10, 17, 0, tzinfo=timezone.utc)),
        ("2020-W46-2T17:10", datetime(2020, 11, 10, 17, 10, tzinfo=zone(ALMATY))),
        ("2020-315T17:10:30+06:00", datetime(2020, 11, 10, 11, 10, 30, tzinfo=timezone.utc)),
        ("2020-11-10+06:00", datetime(2020, 11, 9, 18, 0, tzinfo=timezone.utc)),
    ],
)
def test_iso_moments(text, expected):
    got = parse_moment(text, zone(ALMATY), NOW)
    assert got == expected
    assert got.tzinfo == zone(ALMATY)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("202011", "cannot read"),  # YYYYMM is not ISO 8601 (it reads as YYMMDD too)
        ("2020-11", "cannot read"),
        ("2020-W46", "cannot read"),  # a week, not a day
        ("20201310", "not a real date"),
        ("2021-W53-1", "not a real date"),  # 2021 has 52 weeks
        ("2020-W46-8", "not a real date"),
        ("2021-366", "not a real date"),
        ("2020-000", "not a real date"),
        ("20201110T2500", "not a real time"),
        ("20201110T1710+2500", "impossible UTC offset"),
        ("11/10/2020", "two dates"),  # today's rule for dates whose reading depends on convention
    ],
)
def test_impossible_or_partial_iso_forms_are_refused(text, words):
    with pytest.raises(UsageProblem, match=words):
        parse_date(text, TODAY, zone(ALMATY))


@pytest.mark.parametrize("text", ["-2020-11-12", "+2020-11-12", "-2020-13-10", "-20201112"])
def test_a_signed_year_is_refused_never_read_with_month_and_day_swapped(text):
    with pytest.raises(UsageProblem, match="without a sign"):
        parse_date(text, date(2020, 1, 1))
    with pytest.raises(UsageProblem, match="without a sign"):
        parse_moment(f"{text}T12:10", zone(ALMATY), datetime(2020, 1, 1, tzinfo=timezone.utc))


@pytest.mark.parametrize("fraction", [".1", ".123", ".123456", ".123456789", ",5"])
def test_any_number_of_fractional_digits_is_read(fraction):
    at = parse_moment(f"2020-11-10T12:00:00{fraction}+06:00", zone(ALMATY), datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert at.replace(microsecond=0) == datetime(2020, 11, 10, 6, tzinfo=timezone.utc)
