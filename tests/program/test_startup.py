"""Heavy imports are paid only by the commands that need them (checked with -X importtime).

No timings are asserted here (benchmarks/bench.py measures them); only which
modules a command imports at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = shutil.which("loci", path=str(Path(sys.executable).parent)) or shutil.which("loci")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SCRIPT is None, reason="the loci console script is not installed")]


def imported(*args: str, app: bool = True) -> set[str]:
    """The modules the installed script imports for ``args`` (the command tree's among them, unless ``app`` is false)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "FORCE_COLOR"))}
    env = {k: v for k, v in env.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")}
    env.update(TZ="UTC", NO_COLOR="1", COLUMNS="100", LANG="C.UTF-8", LOCI_CACHE_DIR=os.environ["LOCI_CACHE_DIR"])
    done = subprocess.run([sys.executable, "-X", "importtime", SCRIPT, *args], env=env, capture_output=True, text=True, timeout=60)
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert ("loci_cli.cli.app" in modules) is app, done.stderr[-2000:]
    return modules


def packages(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


ISO_DAY = ["--tz", "Asia/Almaty", "--date", "2020-11-10"]


@pytest.mark.parametrize(
    "args",
    [
        ["today", "--json", *ISO_DAY],
        ["sessions", "--json"],
        ["days", "--json"],
        ["info", "--json"],
        ["show", "d1-welcome", "--json"],
        ["now", "--json", "--at", "2020-11-10T12:10+01:00"],
        ["info"],
        ["show", "d1-welcome"],
        ["now", "--at", "2020-11-10T12:10+01:00"],
    ],
    ids=" ".join,
)
def test_json_and_plain_text_never_import_rich_or_dateutil(args):
    modules = imported(*args)
    # The first run checks the agenda in full: a plainly valid one without Pydantic (formats/loci/plain.py).
    assert {"loci_cli.formats.loci.plain", "loci_cli.core.rules"} <= modules
    assert not packages(modules) & {"rich", "dateutil", "pydantic"}


@pytest.mark.parametrize("args", [["today", "--json", *ISO_DAY], ["zones", "--json"], ["info"]], ids=" ".join)
def test_a_warm_snapshot_cache_spares_pydantic_and_the_models(args):
    imported(*args)  # validates, and saves the snapshot
    warm = imported(*args)
    assert "loci_cli.io.cache" in warm
    assert not packages(warm) & {"pydantic", "pydantic_core", "rich", "dateutil"}
    assert not {"loci_cli.formats.loci.read", "loci_cli.formats.frab"} & warm


def test_validate_always_validates_in_full():
    imported("today", "--json", *ISO_DAY)
    from loci_cli.formats.load import default_agenda_path

    modules = imported("validate", str(default_agenda_path()))
    # Never from the snapshot, though one was just saved: the rules run every time.
    assert {"loci_cli.formats.loci.plain", "loci_cli.core.rules"} <= modules and "loci_cli.io.cache" not in modules


def test_version_alone_loads_neither_typer_nor_the_command_tree():
    """Issue 19: 'loci --version' costs about a bare interpreter."""
    modules = imported("--version", app=False)
    assert {"loci_cli.launch", "loci_cli.about"} <= modules
    assert not packages(modules) & {"typer", "click", "pydantic", "rich", "dateutil"}
    assert not {m for m in modules if m.startswith("loci_cli.") and m not in ("loci_cli.launch", "loci_cli.about")}


def test_a_run_builds_only_the_command_it_names():
    modules = imported("today", "--json", *ISO_DAY)
    # Typer's rich help and loci's other families stay unloaded.
    assert "typer.rich_utils" not in modules
    assert not {"loci_cli.cli.export", "loci_cli.cli.zones", "loci_cli.cli.plan", "loci_cli.cli.helps"} & modules


@pytest.mark.parametrize(
    "args", [["--help"], ["today", "--help"], ["--version", "today"], ["sessions", "--day", "x"], ["frobnicate"]], ids=" ".join
)
def test_help_version_and_usage_errors_skip_the_agenda_machinery(args):
    modules = imported(*args)
    assert not packages(modules) & {"pydantic", "pydantic_core", "rich", "dateutil"}
    assert not {"loci_cli.formats.loci.read", "loci_cli.formats.load", "loci_cli.views.rows"} & modules


def test_free_form_dates_load_dateutils_parser_and_only_then():
    def parser_loaded(date: str) -> bool:
        return any(m.startswith("dateutil.parser") for m in imported("today", "--json", "--tz", "UTC", "--date", date))

    assert parser_loaded("10 Nov 2020")
    assert not parser_loaded("2020-11-10")


def test_tables_do_import_rich():
    assert "rich" in packages(imported("sessions", "--day", "1", "--tz", "UTC"))
