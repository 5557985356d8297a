"""Shared test helpers: named zones, a frozen clock, the real agenda."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from loci_cli.cli.app import app
from loci_cli.cli.environment import Environment
from loci_cli.formats.load import default_agenda_path

# A real SMTP server (aiosmtpd) for the invite tests, as the `smtp` fixture.
pytest_plugins = ("smtpserver",)

# Zones named once, so tests read like sentences (khal's habit).
ALMATY = "Asia/Almaty"  # UTC+6 in 2020, UTC+5 since March 2024
KYIV = "Europe/Kyiv"
TBILISI = "Asia/Tbilisi"
ULAANBAATAR = "Asia/Ulaanbaatar"
AUCKLAND = "Pacific/Auckland"  # UTC+13 in November: the meeting lands on the next date
SYDNEY = "Australia/Sydney"  # UTC+11 in November: Day 1 crosses local midnight
NEW_YORK = "America/New_York"
AMSTERDAM = "Europe/Amsterdam"

FIXTURES = Path(__file__).parent / "fixtures"
# A moment long after the meeting, so no test depends on the real today.
LATER = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def agenda_path() -> Path:
    return default_agenda_path()


@pytest.fixture
def agenda_data(agenda_path: Path) -> dict:
    return json.loads(agenda_path.read_text(encoding="utf-8"))


@pytest.fixture
def write_agenda(tmp_path: Path) -> Callable[[dict | str | bytes], Path]:
    """Write an agenda (a dict, or raw text/bytes) to a file and return its path."""

    def write(content: dict | str | bytes, name: str = "agenda.json") -> Path:
        path = tmp_path / name
        if isinstance(content, dict):
            content = json.dumps(content, ensure_ascii=False)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return write


runner = CliRunner()


@pytest.fixture
def loci() -> Callable:
    """Run the CLI in-process with a fixed clock, zone and terminal width."""

    def run(*args: str, now: datetime = LATER, env: dict | None = None):
        environ = {"COLUMNS": "100", "NO_COLOR": "1", "TZ": "UTC", "LOCI_TZ": None, "LOCI_AGENDA": None,
                   "LOCI_CACHE_DIR": os.environ.get("LOCI_CACHE_DIR")}
        environ.update(env or {})
        clock = Environment(environ={k: v for k, v in environ.items() if v is not None}, clock=lambda: now)
        return runner.invoke(app, list(args), env=environ, obj=clock)

    return run


@pytest.fixture(autouse=True)
def snapshot_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own agenda snapshot cache (see snapshot.py), never the real ~/.cache.

    Set in os.environ, so subprocesses inherit it; the ``loci`` fixture passes it on.
    """
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("LOCI_CACHE_DIR", str(directory))
    monkeypatch.delenv("LOCI_NO_CACHE", raising=False)
    return directory
