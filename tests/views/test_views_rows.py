"""views/rows.py and the pure parts of views/matrix.py and views/spans.py and views/zones.py: what every view is made of.

The agenda is the LOCI meeting's first day in miniature, in Amsterdam (UTC+1 in
November): a welcome 12:00-12:30 and a break 12:30-12:45 on Tue 10 Nov 2020,
i.e. 11:00-11:30 and 11:30-11:45 UTC. Almaty was UTC+6, Auckland UTC+13,
New York UTC-5.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers import ALMATY, AMSTERDAM, AUCKLAND, NEW_YORK, make_day, make_model, make_session, utc, wall, zone
from loci_cli.core.errors import Problem
from loci_cli.core.hours import category, category_at
from loci_cli.core.model import Checked, Link, Organisation
from loci_cli.core.places import Place
from loci_cli.core.queries import moment
from loci_cli.views import rows
from loci_cli.views.matrix import cell, matrix

WELCOME = make_session(
    "d1-welcome",
    utc(2020, 11, 10, 11),
    utc(2020, 11, 10, 11, 30),
    title="Welcome",
    kind="plenary",
    speakers=("A. Host",),
    links=(Link("https://example.org/slides", "Slides"),),
    room="Main",
)
BREAK = make_session("d1-break", utc(2020, 11, 10, 11, 30), utc(2020, 11, 10, 11, 45), title="Break", kind="break", location="Garden")
DAY1 = make_day(1, date(2020, 11, 10), [WELCOME, BREAK], theme="Water")
AGENDA = make_model(
    [DAY1], AMSTERDAM, venue="Online", revision=3, organisers=(Organisation("LOCI", short_name=None, url="https://loci.example"),)
)


def test_a_session_row_in_the_viewers_zone_the_event_zone_and_utc():
    row = rows.session_row(AGENDA, DAY1, WELCOME, zone(ALMATY))
    assert row["start"] == utc(2020, 11, 10, 11) and row["start"].utcoffset() == timedelta(hours=6)
    assert (row["start"].hour, row["end"].hour, row["end"].minute) == (17, 17, 30)
    assert row["start_utc"].tzinfo is timezone.utc and row["end_utc"] == utc(2020, 11, 10, 11, 30)
    assert (row["event_start"].hour, row["event_start"].utcoffset()) == (12, timedelta(hours=1))
    assert (row["timezone"], row["event_timezone"]) == (ALMATY, AMSTERDAM)
    assert row["day"] == 1 and row["kind"] == "plenary"
    assert row["speakers"] == ["A. Host"]
    assert row["links"] == [{"url": "https://example.org/slides", "title": "Slides"}]
    # Without a location of its own, a session is at the agenda's venue.
    assert row["location"] == "Online"
    assert rows.session_row(AGENDA, DAY1, BREAK, zone(ALMATY))["location"] == "Garden"


def test_duration_minutes_is_an_int_in_the_row_and_in_json():
    row = rows.session_row(AGENDA, DAY1, WELCOME, zone(AUCKLAND))
    assert row["duration_minutes"] == 30 and type(row["duration_minutes"]) is int
    assert '"duration_minutes": 30,' in json.dumps(row, default=rows.json_value)


def test_a_day_row_spans_the_whole_day_even_when_filtered():
    row = rows.day_row(AGENDA, DAY1, zone(AUCKLAND), sessions=[BREAK])
    # 11:00 UTC is midnight on the 11th in Auckland; the day still starts there.
    assert row["start"] == utc(2020, 11, 10, 11) and (row["start"].day, row["start"].hour) == (11, 0)
    assert row["end_utc"] == utc(2020, 11, 10, 11, 45)
    assert row["date"] == date(2020, 11, 10) and row["theme"] == "Water"
    assert [s["id"] for s in row["sessions"]] == ["d1-break"]
    assert [s["id"] for s in rows.day_row(AGENDA, DAY1, zone(AUCKLAND))["sessions"]] == ["d1-welcome", "d1-break"]
    assert "sessions" not in rows.day_row(AGENDA, DAY1, zone(AUCKLAND), with_sessions=False)


def test_an_info_row():
    row = rows.info_row(AGENDA, zone(NEW_YORK))
    assert row["dates"] == [date(2020, 11, 10)]
    assert (row["start"].hour, row["end"].hour, row["end"].minute) == (6, 6, 45)
    # Every key, null or not: the JSON shape is pinned.
    assert row["organisers"] == [{"name": "LOCI", "short_name": None, "tagline": None, "url": "https://loci.example", "email": None}]
    assert row["revision"] == 3 and row["contacts"] == []


def test_a_moment_row_counts_whole_seconds_to_the_next_start():
    now = moment(AGENDA, utc(2020, 11, 10, 10, 59, 30))
    row = rows.moment_row(AGENDA, now, zone(ALMATY))
    assert row["current"] is None and row["next"]["id"] == "d1-welcome"
    assert row["next_starts_in_seconds"] == 30 and type(row["next_starts_in_seconds"]) is int
    assert row["at"].utcoffset() == timedelta(hours=6)
    after = rows.moment_row(AGENDA, moment(AGENDA, utc(2021, 1, 1)), zone(ALMATY))
    assert after["next"] is None and after["next_starts_in_seconds"] is None and after["next_all"] == []


def test_a_validation_row():
    good = rows.validation_row(Checked(Path("a.json"), "loci", AGENDA))
    assert (good["valid"], good["days"], good["sessions"], good["rooms"]) == (True, 1, 2, 1)
    bad = rows.validation_row(Checked(Path("b.json"), "frab", None, [Problem("$.title", "missing")], ["a note"]))
    assert bad["valid"] is False and bad["problems"] == [{"path": "$.title", "message": "missing"}]
    assert (bad["days"], bad["sessions"], bad["title"], bad["notes"]) == (None, None, None, ["a note"])


def test_json_value_spells_utc_with_z_others_with_their_offset():
    assert rows.json_value(utc(2020, 11, 10, 11)) == "2020-11-10T11:00:00Z"
    assert rows.json_value(wall(ALMATY, 2020, 11, 10, 17)) == "2020-11-10T17:00:00+06:00"
    assert rows.json_value(wall(NEW_YORK, 2020, 11, 10, 6)) == "2020-11-10T06:00:00-05:00"
    # A zone that is UTC but not datetime.timezone.utc is spelled with its offset, as the viewer asked.
    assert rows.json_value(utc(2020, 11, 10, 11).astimezone(zone("UTC"))) == "2020-11-10T11:00:00+00:00"
    assert rows.json_value(date(2020, 11, 10)) == "2020-11-10"
    with pytest.raises(TypeError):
        rows.json_value(object())


# --- matrix cells and their day marks ----------------------------------------------------


def test_a_cell_marks_the_days_before_and_after_the_columns_date():
    late = (wall(AMSTERDAM, 2020, 11, 10, 23), wall(AMSTERDAM, 2020, 11, 11, 1))  # 22:00-00:00 UTC
    ny = cell(*late, zone(NEW_YORK), date(2020, 11, 10))
    assert (ny["start"].hour, ny["start_day_offset"], ny["end_day_offset"]) == (17, 0, 0)
    akl = cell(*late, zone(AUCKLAND), date(2020, 11, 10))
    assert (akl["start"].hour, akl["start_day_offset"], akl["end_day_offset"]) == (11, 1, 1)
    early = cell(wall(AMSTERDAM, 2020, 11, 10, 1), wall(AMSTERDAM, 2020, 11, 10, 2), zone(NEW_YORK), date(2020, 11, 10))
    assert (early["start"].hour, early["start_day_offset"], early["end_day_offset"]) == (19, -1, -1)


def test_minus_one_marks_print_as_minus_one():
    """Issue 9: '-1' day marks printed as '+1' went unnoticed."""
    from loci_cli.views.zones import matrix_cell

    early = cell(wall(AMSTERDAM, 2020, 11, 10, 1), wall(AMSTERDAM, 2020, 11, 10, 6, 30), zone(NEW_YORK), date(2020, 11, 10))
    # 01:00-06:30 Amsterdam is 19:00-00:30 in New York: starts the day before, ends on the column's date.
    assert matrix_cell(early) == "19:00-1–00:30 ☾"
    late = cell(wall(AMSTERDAM, 2020, 11, 10, 12), wall(AMSTERDAM, 2020, 11, 10, 15), zone(AUCKLAND), date(2020, 11, 10))
    assert matrix_cell(late) == "00:00+1–03:00+1 ☾"
    assert matrix_cell(late, with_end=False) == "00:00+1 ☾"
    home = cell(wall(AMSTERDAM, 2020, 11, 10, 12), wall(AMSTERDAM, 2020, 11, 10, 15), zone(AMSTERDAM), date(2020, 11, 10))
    assert matrix_cell(home) == "12:00–15:00"


@pytest.mark.parametrize(
    ("clock", "kind"),
    [
        ((5, 59), "night"),
        ((6, 0), "early"),
        ((7, 59), "early"),
        ((8, 0), "working"),
        ((17, 59), "working"),
        ((18, 0), "evening"),
        ((21, 59), "evening"),
        ((22, 0), "night"),
    ],
)
def test_category_at_the_bounds(clock, kind):
    from datetime import time

    assert category_at(time(*clock)) == kind


def test_a_span_takes_the_least_convenient_hour_it_touches():
    at = datetime(2020, 11, 10, 17)
    assert category(at, at + timedelta(hours=1)) == "working"  # 17:00-18:00 ends as the evening begins
    assert category(at, at + timedelta(hours=1, minutes=1)) == "evening"
    assert category(datetime(2020, 11, 10, 21), datetime(2020, 11, 11, 7)) == "night"
    assert category(datetime(2020, 11, 10, 7), datetime(2020, 11, 10, 9)) == "early"


def test_matrix_rows_per_place_and_columns_per_day():
    places = [Place("Almaty", zone(ALMATY), country="Kazakhstan"), Place("Auckland", zone(AUCKLAND))]
    data = matrix(AGENDA, places)
    assert [c["day"] for c in data["columns"]] == [1]
    assert [r["timezone"] for r in data["rows"]] == [ALMATY, AUCKLAND]
    assert data["rows"][1]["cells"][0]["start_day_offset"] == 1
    per_session = matrix(AGENDA, places, DAY1)
    assert [c["session"] for c in per_session["columns"]] == ["d1-welcome", "d1-break"] and per_session["day"] == 1


# --- spans in tables ---------------------------------------------------------------------


def test_a_span_ending_at_midnight_carries_no_plus_one():
    from loci_cli.views.spans import span

    tz = zone(AMSTERDAM)
    assert span(wall(AMSTERDAM, 2020, 11, 10, 22), wall(AMSTERDAM, 2020, 11, 11, 0).astimezone(tz)) == "22:00–00:00"
    assert span(wall(AMSTERDAM, 2020, 11, 10, 23), wall(AMSTERDAM, 2020, 11, 11, 0, 30)) == "23:00–00:30 (+1)"
    assert span(wall(AMSTERDAM, 2020, 11, 10, 23), wall(AMSTERDAM, 2020, 11, 12, 0, 30)) == "23:00–00:30 (+2)"
    next_morning = span(wall(AMSTERDAM, 2020, 11, 11, 9), wall(AMSTERDAM, 2020, 11, 11, 10), on=date(2020, 11, 10))
    assert next_morning == "Wed 11 Nov 09:00–10:00"
