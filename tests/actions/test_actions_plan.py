"""The plan action called directly: plain values and an Environment in, the ranking row out (no CliRunner)."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from loci_cli.actions.plan import PlanAsk, parse_length, parse_window, plan
from loci_cli.core.errors import InputError, UsageProblem
from loci_cli.core.zones import get_zone
from loci_cli.environment import Environment

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from conftest import Loci
    from loci_cli.core.model import Agenda

NOW = datetime(2020, 11, 1, 12, tzinfo=timezone.utc)


def environment(stderr: io.StringIO | None = None) -> Environment:
    return Environment(environ={"TZ": "UTC", "LOCI_NO_CACHE": "1"}, clock=lambda: NOW, stderr=stderr)


def test_the_agenda_own_participants_are_ranked() -> None:
    row = plan(environment(), PlanAsk())
    assert row["places"] > 1
    assert len(row["candidates"]) == 5
    assert [c["rank"] for c in row["candidates"]] == [1, 2, 3, 4, 5]
    assert row["rotation"] is None
    assert row["applied"] is None


def test_named_zones_replace_the_participants_and_top_limits_the_list() -> None:
    row = plan(environment(), PlanAsk(tz=("Europe/London", "Asia/Tokyo"), top=2, duration="1h"))
    assert row["places"] == 2
    assert row["duration_minutes"] == 60
    assert len(row["candidates"]) == 2


def test_the_zone_reader_passed_in_reads_zones_and_dates_read_as_typed() -> None:
    asked: list[str] = []

    def read_zone(text: str, _agenda: Callable[[], Agenda]) -> ZoneInfo:
        asked.append(text)
        return get_zone("Asia/Almaty")

    row = plan(environment(), PlanAsk(tz=("almaty",), dates=("10 Nov", "tomorrow")), read_zone)
    assert asked == ["almaty"]
    assert row["dates"] == [date(2020, 11, 2), date(2020, 11, 10)]


def test_a_rotation_is_one_start_per_date() -> None:
    row = plan(environment(), PlanAsk(rotate=True))
    assert row["rotation"] is not None
    assert len(row["rotation"]["days"]) == len(row["dates"])


@pytest.mark.parametrize(
    ("ask", "message"),
    [
        (PlanAsk(tz=("UTC",), attendees="people.csv"), "--tz and --attendees both name who takes part"),
        (PlanAsk(apply="moved.json", duration="2h"), "--apply moves the agenda's own days as they are"),
        (PlanAsk(apply=" - "), "--apply needs a file name"),
        (PlanAsk(between="20:00-21:00", duration="3h"), "no start"),
    ],
)
def test_contradictions_are_usage_problems(ask: PlanAsk, message: str) -> None:
    with pytest.raises(UsageProblem) as raised:
        plan(environment(), ask)
    assert message in str(raised.value.message)


def test_a_bad_length_is_refused_before_a_clash_of_options() -> None:
    with pytest.raises(UsageProblem, match="cannot read 'soon' as a length"):
        plan(environment(), PlanAsk(duration="soon", tz=("UTC",), attendees="x.csv"))


def test_apply_never_replaces_the_agenda_it_reads(tmp_path: Path) -> None:
    from loci_cli.formats.load import default_agenda_path

    with pytest.raises(UsageProblem, match="would replace the agenda it reads"):
        plan(environment(), PlanAsk(apply=str(default_agenda_path())))


def test_apply_writes_the_moved_agenda(tmp_path: Path) -> None:
    target = tmp_path / "moved.json"
    row = plan(environment(), PlanAsk(apply=str(target)))
    assert row["applied"] is not None
    assert row["applied"]["file"] == str(target)
    assert set(row["applied"]["starts"]) == {row["candidates"][0]["start"]}
    assert json.loads(target.read_text(encoding="utf-8"))["revision"] == row["applied"]["revision"]


def test_attendees_without_a_zone_are_noted_on_stderr(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("Ann,ann@example.org,Europe/London\nBo,bo@example.org,Asia/Tokyo\nCy,cy@example.org\n", encoding="utf-8")
    stderr = io.StringIO()
    row = plan(environment(stderr), PlanAsk(attendees=str(people)))
    assert row["places"] == 2
    assert stderr.getvalue() == f"loci: note: 1 of 3 attendees in {people} have no zone and are not counted\n"


def test_attendees_none_with_a_zone_is_an_input_error(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("Ann,ann@example.org\n", encoding="utf-8")
    with pytest.raises(InputError, match="no attendee has a zone"):
        plan(environment(), PlanAsk(attendees=str(people)))


@pytest.mark.parametrize(
    ("text", "length"),
    [("3h", timedelta(hours=3)), ("90m", timedelta(minutes=90)), ("1h30m", timedelta(minutes=90)), ("1:30", timedelta(minutes=90))],
)
def test_lengths(text: str, length: timedelta) -> None:
    assert parse_length(text) == length


@pytest.mark.parametrize("text", ["", "0m", "25h", "h", "3 hours"])
def test_lengths_refused(text: str) -> None:
    with pytest.raises(UsageProblem):
        parse_length(text)


def test_windows() -> None:
    assert parse_window("08:00 – 24:00") == (time(8), time(0))
    for bad in ("08:00", "08:00-24:30", "8-20"):
        with pytest.raises(UsageProblem):
            parse_window(bad)


# --- the text fitted to the terminal -------------------------------------------------

#: Long names and a rotation, so that both tables and every paragraph are drawn.
WIDE_PLAN = ("plan", "--rotate", "--tz", "America/Argentina/Buenos_Aires", "--tz", "Asia/Ulaanbaatar", "--tz", "Europe/Tirane")
#: Rows of cells that never wrap: the ranking's rank (or heading), spans and numbers; the rotation's date and
#: spans; each place's night / early / evening figures, rotating and at the fixed time (the place's name wraps).
FIXED_CELLS = re.compile(
    r" *(Rank|\(?\d+\)?)  \S+ +\S+ +\S+ +\S+ +\S+|(Date|\w{3} \d{2} \w{3})  \S+ +\S+"
    r"|Place +Rotating +At \d\d:\d\d|\w+ +\d+ / +\d+ / +\d+ +\d+ / +\d+ / +\d+"
)


@pytest.mark.parametrize("columns", [40, 60])
def test_no_line_is_wider_than_a_narrow_terminal_but_the_times_and_numbers(loci: Loci, columns: int) -> None:
    result = loci(*WIDE_PLAN, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    wide = [line for line in lines if len(line) > columns]
    assert all(FIXED_CELLS.fullmatch(line) for line in wide), wide
    # The ranking's worst-off places are all still said, each on a line of its own.
    assert sum("Ulaanbaatar" in line or "Buenos Aires" in line or "Tirane" in line for line in lines) >= 5
    assert "Worst off (first date)" in result.stdout


@pytest.mark.parametrize("columns", [100, 132, 250])
@pytest.mark.parametrize("args", [("plan",), WIDE_PLAN], ids=["agenda", "wide"])
def test_a_wide_terminal_shows_the_80_column_plan(loci: Loci, columns: int, args: tuple[str, ...]) -> None:
    at_80 = loci(*args, env={"COLUMNS": "80"})
    assert at_80.exit_code == 0, at_80.output
    assert loci(*args, env={"COLUMNS": str(columns)}).stdout == at_80.stdout


def test_a_flexible_column_wraps_at_its_words_and_the_others_stay_whole() -> None:
    from loci_cli.views.table import columns

    rows = [("Place", "Rotating"), ("Bosnia and Herzegovina", "360"), ("Mongolia (Ulaanbaatar)", "1200")]
    assert columns(rows, right=(1,)) == [
        "Place                   Rotating",
        "Bosnia and Herzegovina       360",
        "Mongolia (Ulaanbaatar)      1200",
    ]
    assert columns(rows, right=(1,), width=24, flexible=0) == [
        "Place          Rotating",
        "Bosnia and          360",
        "Herzegovina",
        "Mongolia           1200",
        "(Ulaanbaatar)",
    ]
