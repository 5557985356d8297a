"""The progress bar through the real commands: on a terminal's stderr it shows, on a pipe never.

Runs the installed script with stderr on a pseudo-terminal (or a pipe) and
$LOCI_PROGRESS_AFTER=0, so that the bar's appearance never depends on how fast
this machine is.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from factories import make_agenda, write
from helpers import SCRIPT, subprocess_env

pytestmark = [pytest.mark.slow, pytest.mark.skipif(SCRIPT is None, reason="the loci console script is not installed")]


def stderr_of(args: list[str], *, tty: bool, cwd: Path) -> tuple[int, bytes]:
    import pty

    env = subprocess_env(LOCI_PROGRESS_AFTER="0", TERM="xterm")
    if not tty:
        done = subprocess.run([str(SCRIPT), *args], env=env, cwd=cwd, capture_output=True, timeout=120)
        return done.returncode, done.stderr
    leader, follower = pty.openpty()
    try:
        run = subprocess.Popen([str(SCRIPT), *args], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end closed: the run is over
                break
            if not chunk:
                break
            chunks.append(chunk)
        return run.wait(timeout=120), b"".join(chunks)
    finally:
        os.close(leader)


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["export", "-o", "out.ics"], b"Exporting"),
        (["export", "--split", "split"], b"Exporting"),
        (["publish", "site"], b"Publishing"),
    ],
    ids=["export", "export --split", "publish"],
)
def test_long_work_shows_a_bar_on_a_terminal_and_never_on_a_pipe(tmp_path: Path, args: list[str], label: bytes) -> None:
    agenda = write(tmp_path / "big.json", make_agenda(400))
    code, err = stderr_of([*args, "--agenda", str(agenda)], tty=True, cwd=tmp_path)
    assert code == 0, err
    assert label in err
    for leftover in ("out.ics", "split", "site"):
        subprocess.run(["rm", "-rf", str(tmp_path / leftover)], check=True)
    code, err = stderr_of([*args, "--agenda", str(agenda)], tty=False, cwd=tmp_path)
    assert code == 0, err
    assert label not in err and b"\x1b" not in err


def test_plan_rotate_shows_its_search_on_a_terminal(tmp_path: Path) -> None:
    args = ["plan", "--rotate", "--tz", "Asia/Almaty", "--tz", "America/New_York", "--tz", "Pacific/Auckland"]
    code, err = stderr_of(args, tty=True, cwd=tmp_path)
    assert code == 0, err
    assert b"Searching rotations" in err
