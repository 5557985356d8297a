"""frab durations as the generators write them, and lengths no event has refused in one line."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path

import pytest

from helpers import FIXTURES
from loci_cli.formats.frab.shared import duration

NIGHTCON = FIXTURES / "frab-nightcon.json"


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("00:30", timedelta(minutes=30)),
        ("0:30", timedelta(minutes=30)),
        ("36:00", timedelta(hours=36)),
        ("00:30:00", timedelta(minutes=30)),  # H:MM:SS, not 30 hours
        ("01:00:00", timedelta(hours=1)),  # a padded first part is hours
        ("1:30:00", timedelta(hours=1, minutes=30)),  # 30 hours beside a day count can't be pretalx's
        ("1:02:30", timedelta(hours=26, minutes=30)),  # pretalx's D:HH:MM
        ("0:01:30:00", timedelta(hours=1, minutes=30)),
        ("00:30:99", None),
        ("1:60", None),
        ("99999999:00", None),
        ("2400000:00", None),
        ("", None),
        ("abc", None),
    ],
)
def test_a_duration_reads_as_its_generator_meant(text: str, length: timedelta | None) -> None:
    assert duration(text) == length


def test_hh_mm_ss_in_frab_json_is_minutes_not_hours(loci, tmp_path: Path) -> None:
    frab = json.loads(NIGHTCON.read_text(encoding="utf-8"))
    plain = copy.deepcopy(frab)
    first = next(iter(frab["schedule"]["conference"]["days"][0]["rooms"].values()))[0]
    first["duration"] = first["duration"] + ":00"  # '00:30' written as '00:30:00'
    (tmp_path / "seconds.json").write_text(json.dumps(frab), encoding="utf-8")
    (tmp_path / "plain.json").write_text(json.dumps(plain), encoding="utf-8")
    read = [json.loads(loci("sessions", "--json", "--agenda", str(tmp_path / name)).stdout) for name in ("seconds.json", "plain.json")]
    assert read[0] == read[1]


@pytest.mark.parametrize("text", ["99999999:00", "2400000:00"])
def test_a_length_no_event_has_is_one_line_naming_the_field(loci, tmp_path: Path, text: str) -> None:
    frab = json.loads(NIGHTCON.read_text(encoding="utf-8"))
    first = next(iter(frab["schedule"]["conference"]["days"][0]["rooms"].values()))[0]
    first["duration"] = text
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(frab), encoding="utf-8")
    result = loci("sessions", "--agenda", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and ".duration" in result.stderr and text in result.stderr


@pytest.mark.parametrize("title", [["x"], 42, {"en": "x"}])
def test_a_title_that_is_not_text_is_a_problem_not_untitled(loci, tmp_path: Path, title: object) -> None:
    frab = json.loads(NIGHTCON.read_text(encoding="utf-8"))
    first = next(iter(frab["schedule"]["conference"]["days"][0]["rooms"].values()))[0]
    first["title"] = title
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(frab), encoding="utf-8")
    result = loci("validate", str(path))
    assert result.exit_code == 1 and ".title: expected text" in result.stdout + result.stderr
