"""The planner tells the truth: about "now", about the rotation, and about how far it searched.

- A current start outside --between or off the grid of starts is scored beside
  the candidates, with the rank its score would have, and "← now" marks its
  own row, never another.
- A rotation ranks by the order of fixed times (the worst-off place's night,
  then its early and evening, then everyone's): no place gets more night than
  the worst-off place at the best fixed time.
- The search stops at its time limit, read on a clock passed in, and says so.
"""

from __future__ import annotations

import io
import json
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from loci_cli.actions.plan import PlanAsk, plan
from loci_cli.core.places import Place
from loci_cli.core.plan import rank, rotate
from loci_cli.environment import Environment
from loci_cli.views.plan import plan_text

TEN = [
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
]
NOVEMBER = [date(2020, 11, 10), date(2020, 11, 12), date(2020, 11, 17), date(2020, 11, 19)]


def run_json(loci, *args: str) -> dict:
    result = loci("plan", "--json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict = json.loads(result.stdout)
    return data


def key_of(row: dict) -> tuple[int, int, int]:
    """A candidate's ranking figures, worked out from its places as the README words them."""
    places = [p["minutes"] for p in row["places"]]
    return (
        max(m["night"] for m in places),
        max(m["early"] + m["evening"] for m in places),
        sum(m["early"] + m["evening"] + m["night"] for m in places),
    )


def now_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if "← now" in line]


# --- "now" --------------------------------------------------------------------------


@pytest.mark.parametrize(("between", "starts"), [("13:00-18:00", 9), ("20:00-08:00", 37)])
def test_now_outside_between_is_scored_beside_the_candidates(loci, between: str, starts: int) -> None:
    # The agenda's days run 12:00-15:00 Amsterdam time: outside both windows.
    data = run_json(loci, "--between", between, "--top", "100")
    current = data["current"]
    assert data["start_times"] == starts == len(data["candidates"])
    assert (current["start"], current["candidate"], current["in_window"], current["on_grid"]) == ("12:00", False, False, True)
    assert all(c["start"] != "12:00" for c in data["candidates"])
    # Its rank: one more than the candidates whose figures beat its own.
    assert current["rank"] == 1 + sum(1 for c in data["candidates"] if key_of(c) < key_of(current))
    assert current["rank"] == 1  # 12:00 keeps everyone out of the night; no start in either window does
    assert data["between"] == between and data["current_start"] == "12:00"
    text = loci("plan", "--between", between).stdout
    (marked,) = now_rows(text)
    assert marked.split()[:2] == ["(1)", "12:00–15:00"]
    assert f"Now 12:00–15:00 is outside --between {between}, so it is not one of the {starts} start times" in " ".join(text.split())


def test_a_window_across_midnight_keeps_only_blocks_inside_it(loci) -> None:
    data = run_json(loci, "--between", "20:00-08:00", "--top", "100")
    for row in data["candidates"]:
        start = time.fromisoformat(row["start"])
        # A 3-hour block inside 20:00-08:00 starts at 20:00 at the earliest and 05:00 at the latest.
        assert start >= time(20) or start <= time(5), row["start"]


def test_now_off_the_grid_says_so(loci, write_agenda, agenda_data) -> None:
    for day in agenda_data["days"]:
        for session in day["sessions"]:
            for end in ("start", "end"):
                hour, minute = session[end].split(":")
                session[end] = f"{hour}:{int(minute) + 10:02d}"
    path = str(write_agenda(agenda_data))
    data = run_json(loci, "--agenda", path, "--top", "100")
    current = data["current"]
    assert (current["start"], current["candidate"], current["in_window"], current["on_grid"]) == ("12:10", False, True, False)
    assert current["rank"] == 1 + sum(1 for c in data["candidates"] if key_of(c) < key_of(current))
    text = loci("plan", "--agenda", path).stdout
    (marked,) = now_rows(text)
    assert "12:10–15:10" in marked and marked.lstrip().startswith(f"({current['rank']})")
    assert "not on the 15-minute grid of start times" in " ".join(text.split())


def test_now_on_the_grid_is_marked_on_its_own_row(loci) -> None:
    data = run_json(loci, "--top", "100")
    current = data["current"]
    assert (current["candidate"], current["in_window"], current["on_grid"]) == (True, True, True)
    (same,) = [c for c in data["candidates"] if c["start"] == "12:00"]
    assert same["rank"] == current["rank"]
    (marked,) = now_rows(loci("plan").stdout)
    assert marked.split()[:2] == [str(current["rank"]), "12:00–15:00"]


def test_now_is_never_marked_on_another_row_even_when_ranks_tie() -> None:
    # 06:00 UTC, outside the window, ties with every start in it (an hour of work in Kolkata):
    # it would rank 1st, like 03:00, but only its own row says "now".
    planned = rank(
        [Place("Here", ZoneInfo("Asia/Kolkata"))],
        [date(2021, 1, 4)],
        timedelta(hours=1),
        "UTC",
        between=(time(3), time(6)),
        current=time(6),
    )
    assert planned.current is not None and planned.current.rank == 1 == planned.best.rank
    assert not planned.current_is_candidate and not planned.current_in_window and planned.current_on_grid
    from loci_cli.views.plan import plan_row

    text = plan_text(plan_row("T", planned, 3))
    (marked,) = now_rows(text)
    assert marked.split()[:2] == ["(1)", "06:00–07:00"]


# --- the rotation -------------------------------------------------------------------


def test_almaty_new_york_auckland_rotation_puts_nobody_at_night(loci) -> None:
    # The best fixed time keeps everyone out of the night: so must the rotation.
    data = run_json(loci, "--tz", "Almaty", "--tz", "New York", "--tz", "Auckland", "--rotate")
    rotation = data["rotation"]
    assert data["candidates"][0]["minutes"]["night"] == 0
    assert [p["minutes"]["night"] for p in rotation["places"]] == [0, 0, 0]
    assert rotation["score"]["night"] == 0 and rotation["exhaustive"] and data["exhaustive"]
    # Nothing ranks before the best fixed time, so the rotation is that time on every day.
    assert not rotation["rotates"] and {d["start"] for d in rotation["days"]} == {rotation["fixed_start"]}
    text = loci("plan", "--tz", "Almaty", "--tz", "New York", "--tz", "Auckland", "--rotate").stdout
    assert f"No rotation ranks before {rotation['fixed_start']} every day (the search was exhaustive)." in " ".join(text.split())
    assert "night / early / evening" in text


def test_the_readme_rotation_keeps_london_out_of_a_night_the_fixed_time_spares(loci) -> None:
    args = ["--tz", "Los Angeles", "--tz", "London", "--tz", "Tokyo", "--duration", "2h", "--rotate"]
    data = run_json(loci, *args, "--date", "2021-01-11", "--date", "2021-01-12", "--date", "2021-01-13")
    rotation, best = data["rotation"], data["candidates"][0]
    worst_fixed = key_of(best)[0]
    assert all(p["minutes"]["night"] <= worst_fixed for p in rotation["places"])
    assert (rotation["score"]["night"], rotation["score"]["early_evening"], rotation["score"]["total"]) <= key_of(best)
    # Each place's figures rotating and at the fixed time, as the table shows them.
    for p in rotation["places"]:
        assert set(p["minutes"]) == set(p["fixed_minutes"]) == {"working", "early", "evening", "night"}


def test_a_rotation_ranks_before_the_fixed_time_when_it_can() -> None:
    planned = rank([Place(z, ZoneInfo(z)) for z in TEN], NOVEMBER, timedelta(hours=3), "Europe/Amsterdam", current=time(12))
    rotation = rotate(planned, clock=lambda: 0.0)
    assert rotation.exhaustive
    assert rotation.key < planned.best.key
    assert max(p.minutes.night for p in rotation.places) <= planned.best.worst_night
    assert len({day.start for day in rotation.days}) > 1


# --- the time limit -----------------------------------------------------------------


class Ticks:
    """A clock that moves one second each time it is read: the search's limit, without timing."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return float(self.reads)


def test_the_search_stops_at_its_time_limit_and_says_so() -> None:
    planned = rank([Place(z, ZoneInfo(z)) for z in TEN], NOVEMBER, timedelta(hours=3), "Europe/Amsterdam", current=time(12))
    clock = Ticks()
    stopped = rotate(planned, time_limit=5, clock=clock)
    assert not stopped.exhaustive
    # Read once at the start (1: the limit is 6) and then every few steps, until it reads 6.
    assert clock.reads == 7
    # What it found is never behind the best fixed time, and no place gets more night.
    assert stopped.key <= planned.best.key
    assert max(p.minutes.night for p in stopped.places) <= planned.best.worst_night
    # A clock that never moves lets it finish: at least as good.
    finished = rotate(planned, time_limit=5, clock=lambda: 0.0)
    assert finished.exhaustive and finished.key <= stopped.key


def test_the_action_passes_the_limit_and_the_clock_and_the_output_says_not_exhaustive() -> None:
    env = Environment(environ={"TZ": "UTC", "LOCI_NO_CACHE": "1"}, stderr=io.StringIO())
    heard: list[tuple[int, int]] = []
    ask = PlanAsk(tz=tuple(TEN), rotate=True, time_limit=2.5)
    row = plan(env, ask, progress=lambda done, total: heard.append((done, total)), timer=Ticks())
    assert row["time_limit_seconds"] == 2.5
    assert row["exhaustive"] is False and row["rotation"] is not None and row["rotation"]["exhaustive"] is False
    assert "the search was not exhaustive" in " ".join(plan_text(row).split())
    finished = plan(env, PlanAsk(tz=tuple(TEN), rotate=True), progress=lambda done, total: heard.append((done, total)), timer=lambda: 0.0)
    assert finished["exhaustive"] is True and finished["time_limit_seconds"] == 3.0
    # Progress: the first date's starts, done out of total, ending at total.
    assert heard and heard[-1][0] == heard[-1][1] and all(0 <= done <= total for done, total in heard)


def test_without_rotate_the_ranking_is_exhaustive(loci) -> None:
    data = run_json(loci)
    assert data["exhaustive"] is True and data["rotation"] is None


@pytest.mark.parametrize("limit", ["0", "-1", "nan", "inf"])
def test_a_time_limit_that_is_no_duration_is_a_usage_error(loci, limit: str) -> None:
    result = loci("plan", "--rotate", "--time-limit", limit)
    assert result.exit_code == 2 and f"--time-limit {limit} is not a number of seconds above 0" in result.stderr


# --- the JSON shape -----------------------------------------------------------------


def test_the_json_shape(loci) -> None:
    data = run_json(loci, "--rotate", "--between", "13:00-18:00")
    assert set(data) == {
        "title",
        "event_timezone",
        "duration_minutes",
        "dates",
        "places",
        "people",
        "start_times",
        "step_minutes",
        "between",
        "current_start",
        "current",
        "candidates",
        "rotation",
        "applied",
        "exhaustive",
        "time_limit_seconds",
    }
    candidate_keys = {"rank", "start", "end", "end_day_offset", "minutes", "worst", "places", "slots"}
    assert set(data["candidates"][0]) == candidate_keys
    assert set(data["current"]) == candidate_keys | {"on_grid", "in_window", "candidate"}
    assert set(data["rotation"]) == {
        "days",
        "places",
        "heaviest",
        "fixed_start",
        "fixed_heaviest",
        "score",
        "fixed_score",
        "rotates",
        "exhaustive",
    }
    assert set(data["rotation"]["score"]) == {"night", "early_evening", "total"}
    assert data["step_minutes"] == 15 and data["time_limit_seconds"] == 3.0
