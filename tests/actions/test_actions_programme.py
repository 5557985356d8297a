"""The programme's actions called directly: an agenda, a zone and an Environment in; rows and notes out, nothing printed."""

from __future__ import annotations

import io
from datetime import date

import pytest

from helpers import ALMATY, AUCKLAND, LATER, utc, zone
from loci_cli.actions import programme
from loci_cli.core.errors import NotFound, UsageProblem
from loci_cli.core.queries import Filter
from loci_cli.environment import Environment
from loci_cli.formats.load import load_agenda


@pytest.fixture(scope="module")
def agenda():
    return load_agenda(None, {})


def at(moment) -> Environment:
    """An environment whose clock stands at ``moment`` and whose streams catch anything written."""
    return Environment(environ={}, clock=lambda: moment, stdout=io.StringIO(), stderr=io.StringIO())


def test_days_are_in_the_viewers_zone_without_sessions(agenda):
    rows = programme.days(agenda, zone(ALMATY))
    assert [row["day"] for row in rows] == [1, 2, 3, 4]
    assert rows[0]["start"].isoformat() == "2020-11-10T17:00:00+06:00"
    assert all("sessions" not in row for row in rows)


def test_info_carries_the_days_for_the_text_and_the_row_for_json(agenda):
    found = programme.info(agenda, zone(AUCKLAND))
    assert found.info["title"] == "LOCI Regional Meeting"
    # In Auckland the meeting's Tuesday is a Wednesday.
    assert found.days[0]["start"].date() == date(2020, 11, 11)


def test_sessions_of_one_day(agenda):
    listed = programme.sessions(agenda, zone(ALMATY), Filter(), day=3)
    assert [row["day"] for row in listed.days] == [3]
    assert listed.notes == () and listed.on is None and listed.title == "LOCI Regional Meeting"


def test_sessions_that_match_nothing_say_so_in_a_note(agenda):
    listed = programme.sessions(agenda, zone(ALMATY), Filter(search="no such words anywhere"))
    assert listed.days == []
    assert listed.notes == ("No session matches search 'no such words anywhere'.",)


def test_an_unknown_day_is_not_found(agenda):
    with pytest.raises(NotFound):
        programme.sessions(agenda, zone(ALMATY), Filter(), day=9)


def test_today_reads_the_date_as_typed_in_the_viewers_zone(agenda):
    env = at(LATER)
    listed = programme.today(agenda, zone(ALMATY), env, Filter(), "10 Nov 2020")
    assert listed.on == date(2020, 11, 10)
    assert [row["day"] for row in listed.days] == [1]
    assert listed.notes == ()
    assert env.out.getvalue() == env.err.getvalue() == ""  # type: ignore[attr-defined]


def test_today_defaults_to_the_clocks_date_there(agenda):
    # 23:30 UTC on 11 Nov is already 12 Nov (Day 2) in Almaty.
    listed = programme.today(agenda, zone(ALMATY), at(utc(2020, 11, 11, 23, 30)), Filter())
    assert listed.on == date(2020, 11, 12)
    assert [row["day"] for row in listed.days] == [2]


def test_today_after_the_meeting_suggests_its_last_day_with_the_users_options(agenda):
    listed = programme.today(agenda, zone(ALMATY), at(LATER), Filter(), suggest=lambda command: command + " --tz Almaty")
    assert listed.days == []
    assert listed.notes == (
        "Nothing on Sun 01 Mar 2026 in Asia/Almaty. The last meeting day is Day 4, Thu 19 Nov 2020 from 17:00 "
        "(try: loci today --date 2020-11-19 --tz Almaty).",
    )


def test_today_between_days_suggests_the_next_one(agenda):
    listed = programme.today(agenda, zone(ALMATY), at(LATER), Filter(), "2020-11-11")
    assert "The next meeting day is Day 2, Thu 12 Nov 2020 from 17:00 (try: loci today --date 2020-11-12)." in listed.notes[0]


def test_today_refuses_a_date_read_two_ways(agenda):
    with pytest.raises(UsageProblem, match="two dates"):
        programme.today(agenda, zone(ALMATY), at(LATER), Filter(), "11/10/2020")


def test_now_during_a_session_and_the_clocks_year(agenda):
    found = programme.now(agenda, zone(ALMATY), at(utc(2020, 11, 10, 11, 5)), Filter())
    assert found.moment["current"] is not None and found.moment["current"]["id"] == "d1-welcome"
    assert found.year == 2020


def test_now_at_a_moment_read_in_the_zone(agenda):
    found = programme.now(agenda, zone(ALMATY), at(LATER), Filter(), "2020-11-12 17:05")
    assert found.moment["at"] == utc(2020, 11, 12, 11, 5)
    assert found.moment["current"] is not None and found.moment["current"]["id"] == "d2-plenary"
    assert found.year == 2026


def test_show_gives_the_session_and_its_day(agenda):
    shown = programme.show(agenda, zone(ALMATY), "d2-plenary")
    assert shown.session["id"] == "d2-plenary" and shown.day["day"] == 2


def test_show_an_unknown_id(agenda):
    with pytest.raises(NotFound):
        programme.show(agenda, zone(ALMATY), "d9-nothing")
