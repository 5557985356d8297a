"""tests/factories.py builds valid agendas of any size, and bench.py can use it without pytest."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from factories import agenda, day, make_agenda, one_session, session
from helpers import ALMATY, AMSTERDAM, ROOT, parse, utc


def test_make_agenda_fills_days_in_order_and_ends_each_past_midnight():
    built = parse(make_agenda(45, per_day=20))
    assert [len(d.sessions) for d in built.days] == [20, 20, 5]
    assert [d.date for d in built.days] == [date(2021, 3, 1), date(2021, 3, 2), date(2021, 3, 3)]
    # 08:00 CET is 07:00 UTC; each day's last session is 23:30-00:30 local, 22:30-23:30 UTC.
    first = built.days[0]
    assert (first.sessions[0].start_at, first.sessions[1].start_at) == (utc(2021, 3, 1, 7), utc(2021, 3, 1, 7, 30))
    assert (first.sessions[-1].start_at, first.sessions[-1].end_at) == (utc(2021, 3, 1, 22, 30), utc(2021, 3, 1, 23, 30))


def test_a_long_agenda_crosses_the_spring_change():
    built = parse(make_agenda(40, per_day=1, zone=AMSTERDAM))
    # One session a day, each the day's last: 23:30 local, UTC+1 until 28 March 2021, then UTC+2.
    by_date = {d.date: d.sessions[0].start_at for d in built.days}
    assert by_date[date(2021, 3, 27)] == utc(2021, 3, 27, 22, 30)
    assert by_date[date(2021, 3, 28)] == utc(2021, 3, 28, 21, 30)


def test_rooms_are_taken_in_turn():
    built = parse(make_agenda(5, rooms=("Main", "Side")))
    assert [s.room for _, s in built.sessions()] == ["Main", "Side", "Main", "Side", "Main"]


def test_any_zone_and_start():
    built = parse(make_agenda(3, zone=ALMATY, first=date(2020, 11, 10)))
    # 08:00 in Almaty (UTC+6 in 2020) is 02:00 UTC.
    assert built.days[0].sessions[0].start_at == utc(2020, 11, 10, 2)
    assert built.timezone == ALMATY


def test_small_builders():
    one = parse(one_session("12:00", "13:00", "2020-11-10", AMSTERDAM, room="Main"))
    (only,) = [s for _, s in one.sessions()]
    assert (only.id, only.room, only.end_at - only.start_at) == ("s1", "Main", timedelta(hours=1))
    two = agenda([day(1, "2020-11-10", [session("a", "12:00", "12:30")]), day(2, date(2020, 11, 12), [])])
    assert two["days"][1]["id"] == "day-2" and two["format"] == "loci-agenda/1"


@pytest.mark.slow
def test_bench_imports_the_factory_without_pytest():
    code = (
        "import sys; sys.path.insert(0, 'benchmarks'); import bench;"
        "assert bench.make_agenda(3)['days'][0]['sessions'][2]['end'] == '2021-03-02T00:30';"
        "assert 'pytest' not in sys.modules and 'loci_cli' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-I", "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
