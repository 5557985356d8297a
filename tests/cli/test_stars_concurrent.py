"""Parallel `loci star` runs on one stars file: each run's ids survive (the file is locked from read to replace)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, SCRIPT, subprocess_env

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the loci console script is not installed")


def session_ids() -> list[str]:
    agenda = json.loads((ROOT / "data" / "agenda.json").read_text(encoding="utf-8"))
    return [s["id"] for day in agenda["days"] for s in day["sessions"]]


def test_parallel_star_runs_lose_no_id(tmp_path: Path) -> None:
    ids = session_ids()[:8]
    env = subprocess_env(XDG_CONFIG_HOME=str(tmp_path))
    runs = [subprocess.Popen([str(SCRIPT), "star", i], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in ids]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err.decode()
    document = json.loads((tmp_path / "loci" / "stars.json").read_text(encoding="utf-8"))
    (entry,) = document["agendas"].values()
    assert sorted(entry["starred"]) == sorted(ids)
