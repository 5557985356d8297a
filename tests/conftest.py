"""Fixtures only: the real agenda, a writer for agenda files, the CLI with a frozen clock, a private cache.

Named zones, clocks and builders live in helpers.py; agenda factories in factories.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Protocol

import pytest
from typer.testing import CliRunner, Result

from factories import Json
from factories import write as write_file
from helpers import LATER
from loci_cli.cli.app import app
from loci_cli.environment import Environment
from loci_cli.formats.load import default_agenda_path

# A real SMTP server (aiosmtpd) for the invite tests, as the `smtp` fixture.
pytest_plugins = ("smtpserver",)


@pytest.fixture
def agenda_path() -> Path:
    return default_agenda_path()


@pytest.fixture
def agenda_data(agenda_path: Path) -> Json:
    data: Json = json.loads(agenda_path.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def write_agenda(tmp_path: Path) -> Callable[..., Path]:
    """Write an agenda (a dict, or raw text/bytes) to a file and return its path."""

    def write(content: Json | str | bytes, name: str = "agenda.json") -> Path:
        return write_file(tmp_path / name, content)

    return write


runner = CliRunner()


class Loci(Protocol):
    """The ``loci`` fixture: the CLI's arguments in, Click's result (stdout, stderr, exit_code) out."""

    def __call__(self, *args: str, now: datetime = ..., env: Mapping[str, str | None] | None = None) -> Result: ...


@pytest.fixture
def loci() -> Loci:
    """Run the CLI in-process with a fixed clock, zone and terminal width."""

    def run(*args: str, now: datetime = LATER, env: Mapping[str, str | None] | None = None) -> Result:
        environ: dict[str, str | None] = {
            "COLUMNS": "100",
            "NO_COLOR": "1",
            "TZ": "UTC",
            "LOCI_TZ": None,
            "LOCI_AGENDA": None,
            "LOCI_CACHE_DIR": os.environ.get("LOCI_CACHE_DIR"),
        }
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


@pytest.fixture(autouse=True)
def _fresh_caches_under_mutation() -> Iterator[None]:
    """Under mutmut only, each test starts with empty caches (zones, zone names).

    mutmut learns which tests reach which function in one run of the suite, and
    forks each mutant's run from a process that ran it: with the caches kept, only
    the first test to fill a cache would count as reaching the functions behind it,
    and a mutant there would meet the unmutated code's cached answers.
    """
    if os.environ.get("MUTANT_UNDER_TEST"):
        import sys

        for name, module in list(sys.modules.items()):
            if name.startswith("loci_cli"):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
    yield


@pytest.fixture
def system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the process's own zone (TZ and time.tzset), so code that wrongly uses the
    system zone instead of UTC shows it; the old zone comes back afterwards."""
    import time

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()
