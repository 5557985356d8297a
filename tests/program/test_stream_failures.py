"""Standard streams that fail: stdout on a full device or closed, stdin closed, stderr closed or full.

Each case runs the installed script through a real shell (the redirections are
the shell's), and gets one line on stderr where stderr still exists, no
traceback, and the exit code docs/exit-codes.md gives for it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from helpers import SCRIPT
from helpers import subprocess_env as environ

SHELL = shutil.which("sh")

pytestmark = pytest.mark.skipif(
    SCRIPT is None or SHELL is None or not os.path.exists("/dev/full"), reason="needs the loci script, a POSIX shell and /dev/full"
)

DAY = "today --date 2020-11-10 --tz Asia/Almaty"

# (command and redirections, exit code, words the one line holds; None: stderr is gone, nothing can be said)
FAILURES = [
    (f"{DAY} >/dev/full", 1, ["standard output", "No space left on device"]),
    (f"{DAY} --json >/dev/full", 1, ["standard output", "No space left on device"]),
    ("export -o - >/dev/full", 1, ["standard output", "No space left on device"]),
    ("schema >/dev/full", 1, ["standard output", "No space left on device"]),
    ("--version >/dev/full", 1, ["standard output", "No space left on device"]),
    ("--help >/dev/full", 1, ["standard output", "No space left on device"]),
    ("days -h >/dev/full", 1, ["standard output", "No space left on device"]),
    (f"{DAY} >&-", 1, ["standard output is closed"]),
    (f"{DAY} --json >&-", 1, ["standard output is closed"]),
    ("sessions --by-room >&-", 1, ["standard output is closed"]),
    ("--version >&-", 1, ["standard output is closed"]),
    ("--help >&-", 1, ["standard output is closed"]),
    ("validate - <&-", 1, ["standard input is closed"]),
    ("days --agenda - <&-", 1, ["standard input is closed"]),
    ("diff - - <&-", 1, ["standard input is closed"]),
    # A usage error still exits 2 with stdout closed, and says so on stderr.
    ("today --date 2020-13-01 >&-", 2, ["not a real date"]),
    # Without stderr the exit code alone tells.
    (f"{DAY} >&- 2>&-", 1, None),
    (f"{DAY} >/dev/full 2>/dev/full", 1, None),
    ("today --date nonsense 2>&-", 2, None),
    ("today --date nonsense 2>/dev/full", 2, None),
]


@pytest.mark.parametrize(("command", "code", "words"), FAILURES, ids=[c for c, _, _ in FAILURES])
def test_a_failing_standard_stream_is_one_line_and_its_exit_code(command, code, words):
    done = subprocess.run([SHELL, "-c", f"'{SCRIPT}' {command}"], env=environ(), capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    if words is None:
        assert done.stderr == ""
        return
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("loci: error: ")
    for word in words:
        assert word in lines[0]


def test_a_closed_stdin_is_not_read_when_no_command_needs_it():
    done = subprocess.run([SHELL, "-c", f"'{SCRIPT}' {DAY} --json <&-"], env=environ(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout.startswith("[")


def test_a_closed_stderr_leaves_the_result_whole():
    done = subprocess.run([SHELL, "-c", f"'{SCRIPT}' {DAY} --json 2>&-"], env=environ(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert json.loads(done.stdout)[0]["day"] == 1
