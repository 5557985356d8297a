"""Property-based tests: random valid agendas give answers that agree with their
instants; random bytes and random JSON give one clean error line, never a traceback.

Agendas are generated as loci-format dicts from UTC instants, then written as
the local wall times an author would type in the agenda's zone ('HH:MM' on the
day's date, a full date-time once past midnight, an explicit offset where a DST
fold makes the wall time ambiguous), so the expected instants are known exactly.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import parse_utc
from loci_cli.cli.app import app
from loci_cli.environment import Environment

pytestmark = pytest.mark.slow

# Zones with summer time (north and south, 30-minute and negative DST), odd
# offsets and no DST at all.
ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Asia/Almaty",
    "America/Sao_Paulo",
    "UTC",
]
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_runner = CliRunner()


def run(*args: str):
    environ = {"COLUMNS": "100", "NO_COLOR": "1", "TZ": "UTC", "LOCI_CACHE_DIR": os.environ["LOCI_CACHE_DIR"]}
    return _runner.invoke(
        app, list(args), env={**environ, "LOCI_TZ": None, "LOCI_AGENDA": None}, obj=Environment(environ=environ, clock=lambda: NOW)
    )


def run_json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


@dataclass(frozen=True)
class Expected:
    """What a generated agenda means: per session id, its day number and UTC instants."""

    zone: str
    sessions: dict[str, tuple[int, datetime, datetime]]
    days: list[int]


def wall_text(instant: datetime, zone: ZoneInfo, on: date) -> str:
    """How an author writes ``instant`` in an agenda whose zone is ``zone``, on day ``on``."""
    local = instant.astimezone(zone)
    ambiguous = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    if ambiguous:
        return local.isoformat(timespec="minutes")
    if local.date() == on:
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%dT%H:%M}"


@st.composite
def agendas(draw) -> tuple[dict, Expected]:
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    on = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)))
    days, expected = [], {}
    for number in range(1, draw(st.integers(1, 4)) + 1):
        # Start at a wall time that exists (read forward through any gap), then step in real minutes.
        first = datetime.combine(on, datetime.min.time()) + timedelta(minutes=draw(st.integers(0, 23 * 60 + 59)))
        instant = first.replace(tzinfo=zone).astimezone(timezone.utc)
        sessions = []
        for index in range(draw(st.integers(1, 5))):
            instant += timedelta(minutes=draw(st.integers(0, 180)) if index else 0)
            end = instant + timedelta(minutes=draw(st.integers(1, 8 * 60)))
            sid = f"d{number}-s{index}"
            sessions.append(
                {
                    "id": sid,
                    "title": f"Session {sid}",
                    "start": wall_text(instant, zone, on),
                    "end": wall_text(end, zone, on),
                    "kind": draw(st.sampled_from(["talk", "break", "panel"])),
                }
            )
            expected[sid] = (number, instant, end)
            instant = end
        days.append({"id": f"day-{number}", "number": number, "date": on.isoformat(), "title": f"Day {number}", "sessions": sessions})
        on += timedelta(days=draw(st.integers(0, 40)))
    agenda = {"id": "random", "title": "Random agenda", "timezone": zone_name, "days": days}
    return agenda, Expected(zone_name, expected, [d["number"] for d in days])


# --- what every command must say about a valid agenda --------------------------------
# Each check gets the agenda's path, what it means, the viewer's zone and a
# drawing function; CHECKS lists them. To test another command on the same
# random agendas, write one more function of this shape and append it to CHECKS.

Check = Callable[[str, Expected, str, Callable], None]


def check_sessions(path: str, exp: Expected, tz: str, draw) -> None:
    days = run_json("sessions", "--agenda", path, "--tz", tz)
    assert [d["day"] for d in days] == exp.days
    seen = {}
    for day in days:
        for s in day["sessions"]:
            seen[s["id"]] = (s["day"], parse_utc(s["start_utc"]), parse_utc(s["end_utc"]))
            # The local and event-zone columns are the same instants.
            assert parse_utc(s["start"]) == parse_utc(s["event_start"]) == parse_utc(s["start_utc"])
            assert parse_utc(s["end"]) == parse_utc(s["end_utc"])
            assert parse_utc(s["start"]).utcoffset() == parse_utc(s["start_utc"]).astimezone(ZoneInfo(tz)).utcoffset()
            assert s["duration_minutes"] == (parse_utc(s["end_utc"]) - parse_utc(s["start_utc"])).total_seconds() // 60
    assert seen == exp.sessions


def check_days_and_info(path: str, exp: Expected, tz: str, draw) -> None:
    days = run_json("days", "--agenda", path, "--tz", tz)
    for day in days:
        mine = [v for v in exp.sessions.values() if v[0] == day["day"]]
        assert parse_utc(day["start_utc"]) == min(v[1] for v in mine)
        assert parse_utc(day["end_utc"]) == max(v[2] for v in mine)
    info = run_json("info", "--agenda", path, "--tz", tz)
    assert parse_utc(info["start"]) == min(v[1] for v in exp.sessions.values() if v[0] == exp.days[0])
    assert parse_utc(info["end"]) == max(v[2] for v in exp.sessions.values() if v[0] == exp.days[-1])


def check_show(path: str, exp: Expected, tz: str, draw) -> None:
    sid = draw(st.sampled_from(sorted(exp.sessions)))
    row = run_json("show", sid, "--agenda", path, "--tz", tz)
    assert (row["day"], parse_utc(row["start_utc"]), parse_utc(row["end_utc"])) == exp.sessions[sid]


def check_today(path: str, exp: Expected, tz: str, draw) -> None:
    sid = draw(st.sampled_from(sorted(exp.sessions)))
    number, start, _ = exp.sessions[sid]
    on = start.astimezone(ZoneInfo(tz)).date()
    days = run_json("today", "--date", on.isoformat(), "--agenda", path, "--tz", tz)
    assert number in [d["day"] for d in days]
    for day in days:  # each listed day has a session on that local date
        assert any(parse_utc(s["start"]).date() <= on <= (parse_utc(s["end"]) - timedelta(microseconds=1)).date() for s in day["sessions"])


def check_now(path: str, exp: Expected, tz: str, draw) -> None:
    sid = draw(st.sampled_from(sorted(exp.sessions)))
    _, start, end = exp.sessions[sid]
    at = start + (end - start) / 2
    row = run_json("now", "--at", at.isoformat(), "--agenda", path, "--tz", tz)
    assert parse_utc(row["at"]) == at
    assert row["current"] is not None and parse_utc(row["current"]["start_utc"]) <= at < parse_utc(row["current"]["end_utc"])
    later = [v[1] for v in exp.sessions.values() if v[1] > at]
    if later:
        assert parse_utc(row["next"]["start_utc"]) == min(later)
        assert row["next_starts_in_seconds"] == int((min(later) - at).total_seconds())
    else:
        assert row["next"] is None


def check_export(path: str, exp: Expected, tz: str, draw) -> None:
    """The .ics export parses back, in two independent parsers, with the same events."""
    import icalendar
    import vobject

    tzid = draw(st.booleans())
    result = run("export", "--include-breaks", "--agenda", path, *(["--tzid"] if tzid else []))
    assert result.exit_code == 0, result.stderr
    uid_of = {sid: f"{sid}@random" for sid in exp.sessions}
    want = {uid_of[sid]: (start, end) for sid, (_, start, end) in exp.sessions.items()}
    calendar = icalendar.Calendar.from_ical(result.stdout)
    got = {str(e["UID"]): (e.DTSTART.astimezone(timezone.utc), e.DTEND.astimezone(timezone.utc)) for e in calendar.events}
    assert got == want
    # vobject keeps the first VTIMEZONE it meets for a TZID for the whole process;
    # each random agenda's VTIMEZONE covers only its own dates, so start afresh.
    vars(vobject.icalendar)["__tzidMap"].clear()
    parsed = vobject.readOne(result.stdout)
    got = {e.uid.value: (e.dtstart.value.astimezone(timezone.utc), e.dtend.value.astimezone(timezone.utc)) for e in parsed.vevent_list}
    assert got == want


CHECKS: list[Check] = [check_sessions, check_days_and_info, check_show, check_today, check_now, check_export]


@SETTINGS
@given(generated=agendas(), tz=st.sampled_from(ZONES), data=st.data())
def test_random_valid_agendas_answer_with_their_instants(generated, tz, data):
    agenda, expected = generated
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agenda.json"
        path.write_text(json.dumps(agenda), encoding="utf-8")
        for check in CHECKS:
            check(str(path), expected, tz, data.draw)


@SETTINGS
@given(generated=agendas(), tz=st.sampled_from(ZONES))
def test_random_valid_agendas_render_as_tables(generated, tz):
    agenda, _ = generated
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agenda.json"
        path.write_text(json.dumps(agenda), encoding="utf-8")
        for command in (["info"], ["days"], ["sessions"], ["show", "d1-s0"]):
            result = run(*command, "--agenda", str(path), "--tz", tz)
            assert result.exit_code == 0, result.stderr
            assert result.stdout and result.stderr == ""


# --- anything else must be refused in one line ----------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


def assert_clean_refusal(content: bytes, command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agenda.json"
        path.write_bytes(content)
        result = run(*command, "--agenda", str(path))
    assert "Traceback" not in result.stderr
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith(f"loci: error: {path}") and result.stderr.count("\n") == 1, result.stderr


COMMANDS = st.sampled_from([["info"], ["days"], ["sessions", "--json"], ["today", "--json"], ["now"], ["show", "x"]])


@SETTINGS
@given(content=st.binary(max_size=300), command=COMMANDS)
def test_random_bytes_are_refused_cleanly(content, command):
    assert_clean_refusal(content, command)


@SETTINGS
@given(value=json_values, command=COMMANDS)
def test_random_json_is_refused_cleanly(value, command):
    assert_clean_refusal(json.dumps(value).encode(), command)


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    yield path


@SETTINGS
@given(generated=agendas(), data=st.data())
def test_a_valid_agenda_with_one_part_replaced_never_crashes(generated, data):
    agenda, _ = generated
    where = data.draw(st.sampled_from([p for p in _leaves(agenda) if p]))
    parent = agenda
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = data.draw(json_values)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agenda.json"
        path.write_text(json.dumps(agenda), encoding="utf-8")
        result = run("sessions", "--json", "--agenda", str(path), "--tz", "Europe/Berlin")
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith("loci: error: ") and result.stderr.count("\n") == 1, result.stderr
