"""End to end through the installed console script, as a user's shell runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = shutil.which("loci", path=str(Path(sys.executable).parent)) or shutil.which("loci")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SCRIPT is None, reason="the loci console script is not installed")]


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "NO_COLOR", "FORCE_COLOR"))}
    environ.update(env)
    environ["LOCI_CACHE_DIR"] = os.environ["LOCI_CACHE_DIR"]  # the test's own snapshot cache (conftest.py)
    return subprocess.run([SCRIPT, *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=60)


def test_today_json_from_any_directory(tmp_path):
    result = run("today", "--tz", "Asia/Almaty", "--date", "2020-11-10", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    sessions = json.loads(result.stdout)[0]["sessions"]
    assert (sessions[0]["start"], sessions[-1]["end"]) == ("2020-11-10T17:00:00+06:00", "2020-11-10T20:00:00+06:00")


def test_python_dash_m_works_too(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "loci_cli", "show", "d1-welcome", "--tz", "UTC", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(result.stdout)["start_utc"] == "2020-11-10T11:00:00Z"


def test_unknown_zone_exits_2_without_traceback(tmp_path):
    result = run("days", "--tz", "Asia/Almati", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("loci: error: unknown time zone") and "Traceback" not in result.stderr


def test_closed_pipe_ends_quietly(tmp_path):
    # Close our end before loci writes, so its first write meets a closed pipe.
    proc = subprocess.Popen(
        [SCRIPT, "sessions", "--json", "--tz", "UTC"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert stderr == ""
    assert proc.returncode == 141


def test_table_into_a_pipe_has_no_escape_codes_but_force_color_adds_them(tmp_path):
    plain = run("sessions", "--tz", "UTC", cwd=tmp_path)
    assert plain.returncode == 0 and "\x1b[" not in plain.stdout
    forced = run("sessions", "--tz", "UTC", cwd=tmp_path, FORCE_COLOR="1")
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in run("sessions", "--tz", "UTC", cwd=tmp_path, FORCE_COLOR="1", NO_COLOR="1").stdout
