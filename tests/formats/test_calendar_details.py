"""Calendar details (issue 10): fixed offsets, the repeated hour, options that would do nothing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import icalendar
import pytest

from helpers import FIXTURES

MINIMAL = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))


def events(text: str) -> list:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_a_fixed_offset_tzid_is_written_in_utc_with_a_note(loci):
    result = loci("export", "--session", "d1-welcome", "--tz", "UTC+6", "--tzid")
    assert result.exit_code == 0, result.stderr
    assert "TZID" not in result.stdout and "VTIMEZONE" not in result.stdout
    assert "UTC+06:00 is a fixed offset, not a place: times are written in UTC" in result.stderr
    [event] = events(result.stdout)
    # 12:00 in Amsterdam (CET, UTC+1) on 10 Nov 2020 is 11:00 UTC.
    assert event["DTSTART"].dt == datetime(2020, 11, 10, 11, 0, tzinfo=timezone.utc)
    assert "DTSTART:20201110T110000Z" in result.stdout


def test_a_place_keeps_its_tzid(loci):
    result = loci("export", "--session", "d1-welcome", "--tz", "Asia/Almaty", "--tzid")
    assert "DTSTART;TZID=Asia/Almaty:20201110T170000" in result.stdout
    assert "fixed offset" not in result.stderr


@pytest.mark.parametrize(
    "start, end",
    [
        ("01:30", "2021-10-31T02:30+02:00"),  # the end at the first 02:30 (CEST)
        ("2021-10-31T02:30+02:00", "2021-10-31T02:45+02:00"),  # all in the first showing
        ("2021-10-31T02:30+01:00", "04:00"),  # the start at the second 02:30 (CET)
    ],
)
def test_an_end_or_start_in_the_repeated_hour_is_written_in_utc(loci, write_agenda, start, end):
    agenda = json.loads(json.dumps(MINIMAL))
    agenda["days"][1]["sessions"] = [{"id": "fold", "start": start, "end": end, "title": "In the fold"}]
    path = write_agenda(agenda)
    result = loci("export", "--session", "fold", "--tzid", "--agenda", str(path))
    assert result.exit_code == 0, result.stderr
    assert ";TZID=" not in result.stdout.split("BEGIN:VEVENT")[1]
    [event] = events(result.stdout)

    def instant(text: str) -> datetime:
        if "T" not in text:  # a time of day on 31 Oct 2021, after the fold: CET, UTC+1
            hours, minutes = map(int, text.split(":"))
            return datetime(2021, 10, 31, hours, minutes, tzinfo=timezone(timedelta(hours=1)))
        return datetime.fromisoformat(text)

    # 01:30 on 31 Oct 2021 is before the fold: CEST, UTC+2.
    expected_start = datetime(2021, 10, 31, 1, 30, tzinfo=timezone(timedelta(hours=2))) if start == "01:30" else instant(start)
    assert event["DTSTART"].dt == expected_start and event["DTSTART"].dt.utcoffset() == timedelta(0)
    assert event["DTEND"].dt == instant(end) and event["DTEND"].dt.utcoffset() == timedelta(0)


def test_an_event_outside_the_repeated_hour_keeps_local_times(loci):
    result = loci("export", "--session", "opening", "--tzid", "--agenda", str(FIXTURES / "minimal.json"))
    assert "DTSTART;TZID=Europe/Berlin:20210328T100000" in result.stdout


def test_tz_with_per_day_is_accepted(loci):
    result = loci("export", "--day", "1", "--per-day", "--tz", "Asia/Almaty")
    assert result.exit_code == 0, result.stderr
    assert "Times in Asia/Almaty" in events(result.stdout)[0]["DESCRIPTION"]


def test_the_largest_alarm_is_four_weeks(loci):
    result = loci("export", "--session", "d1-welcome", "--alarm", str(4 * 7 * 24 * 60))
    assert result.exit_code == 0, result.stderr
    [alarm] = events(result.stdout)[0].walk("VALARM")
    assert alarm["TRIGGER"].dt == -timedelta(weeks=4)
