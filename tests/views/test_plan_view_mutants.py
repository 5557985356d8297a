"""views.plan's text, where mutation testing found it unchecked: dates, ordinals, lengths, the rotation's words.

The rows come from the real planner over the real agenda (``actions.plan``); the
expected sentences are built from the row's own figures, so they hold for
whatever the planner ranks.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from loci_cli.actions.plan import PlanAsk, plan
from loci_cli.core.plan import Minutes
from loci_cli.environment import Environment
from loci_cli.views.plan import _dates, _length, _ordinal, _triples, plan_text

NOW = datetime(2020, 11, 1, 12, tzinfo=timezone.utc)


def environment() -> Environment:
    return Environment(environ={"TZ": "UTC", "LOCI_NO_CACHE": "1"}, clock=lambda: NOW)


def flat(text: str) -> str:
    """The text with its wrapping undone: every run of whitespace one space."""
    return " ".join(text.split())


@pytest.mark.parametrize(
    "dates, said",
    [
        ([date(2020, 11, 10)], "Tue 10 Nov 2020"),
        ([date(2020, 11, 10), date(2020, 11, 12)], "10 and 12 Nov 2020"),
        ([date(2020, 11, 10), date(2020, 11, 12), date(2020, 11, 17)], "10, 12 and 17 Nov 2020"),
        ([date(2020, 11, 30), date(2020, 12, 1)], "30 Nov and 1 Dec 2020"),
        ([date(2020, 12, 31), date(2021, 1, 1)], "31 Dec 2020 and 1 Jan 2021"),
        # The same month of the next year: the month is said because the year changes.
        ([date(2020, 11, 10), date(2021, 11, 10)], "10 Nov 2020 and 10 Nov 2021"),
    ],
)
def test_dates_say_the_month_and_year_only_where_they_change(dates: list[date], said: str) -> None:
    assert _dates(dates) == said


@pytest.mark.parametrize(
    "n, said",
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (9, "9th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (19, "19th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (25, "25th"),
        (100, "100th"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (121, "121st"),
    ],
)
def test_ordinals(n: int, said: str) -> None:
    assert _ordinal(n) == said


@pytest.mark.parametrize("minutes, said", [(60, "1-hour"), (180, "3-hour"), (90, "1 h 30 min"), (65, "1 h 05 min"), (45, "0 h 45 min")])
def test_a_length_in_whole_hours_is_said_as_such(minutes: int, said: str) -> None:
    assert _length(minutes) == said


def test_triples_line_up_each_figure_with_the_widest_of_its_column() -> None:
    rows = [{"night": 5, "early": 120, "evening": 0}, {"night": 1000, "early": 3, "evening": 45}]
    assert _triples(rows) == ["   5 / 120 /  0", "1000 /   3 / 45"]  # type: ignore[arg-type]


def test_a_current_slot_outside_between_is_placed_by_its_score_in_brackets() -> None:
    row = plan(environment(), PlanAsk(between="06:00-11:00", top=20))
    current = row["current"]
    assert current is not None and not current["candidate"] and not current["in_window"] and current["on_grid"]
    text = plan_text(row)
    rank = current["rank"]
    best = row["candidates"][0]
    assert (
        f"Now {current['start']}–{current['end']} is outside --between 06:00-11:00, so it is not one of the "
        f"{row['start_times']} start times ranked; its score would rank it {_ordinal(rank)} among them. "
        f"The best is {best['start']}–{best['end']}."
    ) in flat(text)
    table = [line.split()[0] for line in text.splitlines() if line[:6].strip().strip("()").isdigit()]
    # The current slot sits before the first candidate ranked at or after its rank, its rank in brackets.
    at = next((n for n, c in enumerate(row["candidates"]) if c["rank"] >= rank), len(row["candidates"]))
    expected = [str(c["rank"]) for c in row["candidates"]]
    expected.insert(at, f"({rank})")
    assert table == expected


def test_the_best_current_slot_ranks_first_and_the_sentence_ends_there() -> None:
    row = plan(environment(), PlanAsk(tz=("Europe/Amsterdam",), duration="3h"))
    current = row["current"]
    assert current is not None and current["rank"] == 1 and current["candidate"]
    assert f"Now {current['start']}–{current['end']} ranks 1st of {row['start_times']} start times." in flat(plan_text(row))


ROTATING = ("America/Los_Angeles", "Asia/Tokyo", "Europe/London")


def test_a_rotation_that_rotates_says_its_figures_against_the_fixed_time(system_zone) -> None:
    # The machine's own zone is neither UTC nor the event's: the UTC column must not follow it.
    system_zone("Asia/Kolkata")
    row = plan(environment(), PlanAsk(tz=ROTATING, duration="2h", rotate=True, top=1))
    rotation = row["rotation"]
    assert rotation is not None and rotation["rotates"] and rotation["exhaustive"]
    text = plan_text(row)
    score, fixed, at = rotation["score"], rotation["fixed_score"], rotation["fixed_start"]
    assert (
        f"Worst-off night: {score['night']} rotating, {fixed['night']} at {at}; worst-off early and evening: "
        f"{score['early_evening']} and {fixed['early_evening']}; everyone's: {score['total']} and {fixed['total']} "
        "(the search was exhaustive)."
    ) in flat(text)
    assert f"Minutes per place over all dates (night / early / evening): rotating, and at {at} every day" in flat(text)
    lines = text.splitlines()
    for day in rotation["days"]:
        line = next(line for line in lines if line.startswith(f"{day['date']:%a %d %b}"))
        mark = f"+{day['end_day_offset']}" if day["end_day_offset"] else ""
        utc_mark = (day["end_utc"].date() - day["start_utc"].date()).days
        utc_span = f"{day['start_utc']:%H:%M}–{day['end_utc']:%H:%M}" + (f"+{utc_mark}" if utc_mark else "")
        assert line.split() == [*f"{day['date']:%a %d %b}".split(), f"{day['start']}–{day['end']}{mark}", utc_span]
    # The JSON rows: each day's end offset read in the event zone (not the machine's), and the minutes
    # of the days adding up to the places'.
    event = ZoneInfo(row["event_timezone"])
    for day in rotation["days"]:
        assert set(day) == {"date", "start", "end", "end_day_offset", "start_utc", "end_utc", "minutes"}
        assert day["end_day_offset"] == (day["end_utc"].astimezone(event).date() - day["date"]).days
    assert any(day["end_day_offset"] for day in rotation["days"])
    for place in rotation["places"]:
        assert set(place) == {"place", "timezone", "weight", "minutes", "fixed_minutes"}
        assert place["weight"] == 1 and place["timezone"] in ROTATING
    for name in ("working", "early", "evening", "night"):
        by_days = sum(day["minutes"][name] for day in rotation["days"])
        assert by_days == sum(place["minutes"][name] for place in rotation["places"])
    # Each place's row: its name, then its three figures rotating and at the fixed time.
    for place in rotation["places"]:
        line = next(line for line in lines if line.startswith(place["place"] + " "))
        figures = [int(x) for x in line[len(place["place"]) :].replace("/", " ").split()]
        names = ("night", "early", "evening")
        assert figures == [place["minutes"][n] for n in names] + [place["fixed_minutes"][n] for n in names]  # type: ignore[literal-required]


def test_a_search_cut_short_says_so_and_counts_the_places_spared() -> None:
    ticks = itertools.count(step=1000.0)  # every reading of the clock a thousand seconds on: the limit passes at once
    ask = PlanAsk(tz=(*ROTATING, "Europe/Berlin", "Asia/Singapore"), duration="90m", rotate=True, top=1, time_limit=0.5)
    row = plan(environment(), ask, timer=lambda: next(ticks))
    rotation = row["rotation"]
    assert rotation is not None and not rotation["exhaustive"] and not row["exhaustive"]
    text = flat(plan_text(row))
    assert "(the best found in the 0.5-second time limit; the search was not exhaustive)." in text
    # The closing sentence is wrapped at 80 columns however wide the terminal.
    for width in (80, 200):
        lines = plan_text(row, width).splitlines()
        at = next(n for n, line in enumerate(lines) if line.startswith("No rotation ranks before"))
        assert len(lines[at]) <= 80 and lines[at + 1].endswith("the search was not exhaustive).")
    spared = [p for p in rotation["places"] if not Minutes(**p["minutes"]).burden and not Minutes(**p["fixed_minutes"]).burden]
    # Tokyo and Singapore are in working hours at any start this short search keeps: left out of the table.
    assert len(spared) == 2
    assert "(2 other places: none either way)" in text
    for place in rotation["places"]:
        listed = any(line.startswith(place["place"] + " ") for line in plan_text(row).splitlines())
        assert listed == (place not in spared)
