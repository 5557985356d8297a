"""What tests share besides fixtures: named zones, fixed clocks, paths, small builders.

conftest.py holds only fixtures; import these by name (``from helpers import BERLIN``).
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from loci_cli.core.model import Agenda, Day, Session

# Zones named once, so tests read like sentences (khal's habit).
ALMATY = "Asia/Almaty"  # UTC+6 in 2020, UTC+5 since March 2024: its rules changed after the event
KYIV = "Europe/Kyiv"
TBILISI = "Asia/Tbilisi"
ULAANBAATAR = "Asia/Ulaanbaatar"
AUCKLAND = "Pacific/Auckland"  # UTC+13 in November: the meeting lands on the next date
SYDNEY = "Australia/Sydney"  # UTC+11 in November: Day 1 crosses local midnight
NEW_YORK = "America/New_York"  # UTC-5 in November
AMSTERDAM = "Europe/Amsterdam"  # the meeting's own zone, UTC+1 in November
BERLIN = "Europe/Berlin"  # UTC+1 in winter, +2 from the last Sunday of March
KOLKATA = "Asia/Kolkata"  # UTC+5:30, no DST
KATHMANDU = "Asia/Kathmandu"  # UTC+5:45
ST_JOHNS = "America/St_Johns"  # UTC-3:30 in November

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
# A moment long after the meeting, so no test depends on the real today.
LATER = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def zone(name: str) -> ZoneInfo:
    """The zone as loci itself reads it (the tzdata package first)."""
    from loci_cli.core.zones import get_zone

    return get_zone(name)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


def parse_utc(text: str) -> datetime:
    """An ISO 8601 instant as JSON and iCalendar readers give it ('2020-11-10T11:00:00Z')."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def wall(name: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall clock in zone ``name`` as an aware datetime (no DST gap or fold in what tests pass)."""
    return datetime(year, month, day, hour, minute, tzinfo=zone(name))


def make_session(id: str, start_at: datetime, end_at: datetime, **fields: Any) -> Session:
    """A core Session straight from its instants (converted to UTC, as the model keeps them)."""
    from loci_cli.core.model import Session

    return Session(
        id=id,
        title=fields.pop("title", f"Session {id}"),
        start_at=start_at.astimezone(timezone.utc),
        end_at=end_at.astimezone(timezone.utc),
        **fields,
    )


def make_day(number: int, on: date, sessions: list[Session], **fields: Any) -> Day:
    from loci_cli.core.model import Day

    return Day(
        id=fields.pop("id", f"day-{number}"),
        number=number,
        date=on,
        title=fields.pop("title", f"Day {number}"),
        sessions=tuple(sessions),
        **fields,
    )


def make_model(days: list[Day], timezone_name: str = "Europe/Amsterdam", **fields: Any) -> Agenda:
    """A core Agenda of ``days``: the pure functions' input, without any file or parser."""
    from loci_cli.core.model import Agenda

    return Agenda(
        id=fields.pop("id", "test-agenda"), title=fields.pop("title", "Test agenda"), timezone=timezone_name, days=tuple(days), **fields
    )


def parse(data: dict[str, Any]) -> Agenda:
    """A loci agenda dict through loci's own parser and checks: the core model."""
    import json

    from loci_cli.formats.loci.read import parse_agenda

    return parse_agenda(json.dumps(data))


# --- subprocesses ------------------------------------------------------------------------

SCRIPT = shutil.which("loci", path=str(Path(sys.executable).parent)) or shutil.which("loci")


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for running the loci script: no user settings, no colour hints, the test's own cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM"))}
    # No locale of the machine's: a developer's Russian LANG must not turn the goldens Russian (C.UTF-8 is English, UTF-8).
    env = {k: v for k, v in env.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")}
    env.update(COLUMNS="100", TZ="UTC", LANG="C.UTF-8")
    env.update(extra)
    env.setdefault("LOCI_CACHE_DIR", os.environ["LOCI_CACHE_DIR"])  # the test's own snapshot cache (conftest.py)
    return env


def NO_LOCAL() -> ZoneInfo:
    """The local zone for a test that must never need it: asking fails the test."""
    raise AssertionError("the machine's local zone was asked for")
