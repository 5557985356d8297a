"""Streams and signals, through the installed script: closed pipes, terminals and Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = shutil.which("loci", path=str(Path(sys.executable).parent)) or shutil.which("loci")
pytestmark = pytest.mark.skipif(SCRIPT is None or os.name != "posix", reason="needs the loci script on a POSIX system")


def environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM"))}
    env.update(COLUMNS="100", TZ="UTC", **extra)
    env["LOCI_CACHE_DIR"] = os.environ["LOCI_CACHE_DIR"]  # the test's own snapshot cache (conftest.py)
    return env


@pytest.fixture(scope="module")
def big_agenda(tmp_path_factory) -> Path:
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from bench import make_agenda
    finally:
        sys.path.pop(0)
    path = tmp_path_factory.mktemp("big") / "agenda.json"
    # 2,000 days of 2 sessions: every listing below is far larger than a pipe buffer.
    path.write_text(json.dumps(make_agenda(4000, per_day=2)), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [["sessions", "--json"], ["sessions"], ["days"], ["days", "--json"], ["export", "-o", "-"],
     ["export", "--format", "frab", "-o", "-"]],
    ids=["sessions --json", "sessions table", "days table", "days --json", "export ics", "export frab"],
)
def test_a_reader_that_stops_early_ends_loci_quietly(big_agenda, args):
    """Like `loci … | head -c 200`: the output is far larger than a pipe buffer."""
    proc = subprocess.Popen([SCRIPT, *args, "--agenda", str(big_agenda)], env=environ(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert len(proc.stdout.read(200)) == 200
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, stderr
    assert stderr == ""


def test_head_in_a_real_shell_pipeline(big_agenda):
    shell = shutil.which("bash")
    if shell is None:
        pytest.skip("needs bash for PIPESTATUS")
    line = f"'{SCRIPT}' sessions --json --agenda '{big_agenda}' | head -n 3 >/dev/null; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run([shell, "-c", line], env=environ(), capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "141" and done.stderr == ""


def run_in_terminal(args: list[str], **env: str) -> str:
    """What loci writes to a pseudo-terminal."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([SCRIPT, *args], env=environ(**env), stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    return b"".join(chunks).decode()


TABLES = [["sessions", "--day", "1"], ["days"], ["today", "--date", "2020-11-10"]]


@pytest.mark.parametrize("args", TABLES, ids=lambda a: a[0])
def test_a_terminal_gets_colour_unless_no_color(args):
    assert "\x1b[" in run_in_terminal(args, TERM="xterm-256color")
    assert "\x1b[" not in run_in_terminal(args, TERM="xterm-256color", NO_COLOR="1")


@pytest.mark.parametrize("args", TABLES, ids=lambda a: a[0])
def test_a_pipe_gets_no_escape_codes_unless_forced(args):
    plain = subprocess.run([SCRIPT, *args], env=environ(TERM="xterm-256color"), capture_output=True, text=True, timeout=60)
    assert plain.returncode == 0 and "\x1b[" not in plain.stdout
    forced = subprocess.run([SCRIPT, *args], env=environ(FORCE_COLOR="1"), capture_output=True, text=True, timeout=60)
    assert "\x1b[" in forced.stdout


@pytest.mark.parametrize("args", [["sessions", "--json"], ["info"], ["show", "d1-welcome"], ["now", "--at", "2020-11-10 12:10"]])
def test_json_and_plain_text_never_carry_escape_codes(args):
    assert "\x1b" not in run_in_terminal(args, TERM="xterm-256color", FORCE_COLOR="1")


def _wait_until_blocked_on(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Until loci sleeps in the kernel opening the FIFO (no writer comes), so the signal meets a wait."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        if Path(f"/proc/{proc.pid}/wchan").read_text() == "wait_for_partner":
            return
        time.sleep(0.01)
    raise AssertionError("loci never waited on the agenda")


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux's /proc/PID/wchan to see loci wait")
@pytest.mark.parametrize("args", [["today", "--json"], ["sessions"]])
def test_ctrl_c_while_waiting_for_input_exits_130_quietly(tmp_path, args):
    """Ctrl-C while loci waits on an agenda that never comes (a FIFO with no writer)."""
    fifo = tmp_path / "agenda.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen([SCRIPT, *args, "--agenda", str(fifo)], env=environ(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_until_blocked_on(proc)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr.decode()
    assert b"Traceback" not in stderr and stdout == b""
