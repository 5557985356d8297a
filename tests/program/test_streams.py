"""Streams and signals, through the installed script: closed pipes, terminals and Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from factories import make_agenda
from helpers import SCRIPT
from helpers import subprocess_env as environ

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SCRIPT is None or os.name != "posix", reason="needs the loci script on a POSIX system"),
]


@pytest.fixture(scope="module")
def big_agenda(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "agenda.json"
    # 2,000 days of 2 sessions: every listing below is far larger than a pipe buffer.
    path.write_text(json.dumps(make_agenda(4000, per_day=2)), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [["sessions", "--json"], ["sessions"], ["days"], ["days", "--json"], ["export", "-o", "-"], ["export", "--format", "frab", "-o", "-"]],
    ids=["sessions --json", "sessions table", "days table", "days --json", "export ics", "export frab"],
)
def test_a_reader_that_stops_early_ends_loci_quietly(big_agenda, args):
    """Like `loci … | head -c 200`: the output is far larger than a pipe buffer."""
    proc = subprocess.Popen([SCRIPT, *args, "--agenda", str(big_agenda)], env=environ(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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


# Ctrl-C at a point the test knows, with no sleeps and no polling: the test
# itself is the other end of what loci waits on, so it knows loci got there.
# From that point on loci is running its own code (start-up is long over), so
# wherever exactly in that code the signal lands, the answer must be the same.


@contextmanager
def _open_for_writing(fifo: Path, proc: subprocess.Popen) -> Iterator[bool]:
    """Open ``fifo`` for writing, which returns once loci opens it for reading: yields True then.

    Should loci end without opening it (an error), a watcher opens it instead, so
    the test fails on loci's answer rather than hanging; it yields False then.
    """

    def release() -> None:
        proc.wait()
        if not done.is_set():
            held.append(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))

    done, held = threading.Event(), list[int]()
    watcher = threading.Thread(target=release, daemon=True)
    watcher.start()
    writer = os.open(fifo, os.O_WRONLY)
    reached = proc.poll() is None
    try:
        yield reached
    finally:
        done.set()
        os.close(writer)
        watcher.join(timeout=60)
        for fd in held:
            os.close(fd)


@pytest.mark.parametrize("args", [["today", "--json"], ["sessions"], ["export", "-o", "-"]])
def test_ctrl_c_while_reading_the_agenda_exits_130_quietly(tmp_path, args):
    """loci opens a FIFO as its agenda; the test's open for writing returns only once loci has
    opened it for reading, and then loci waits for bytes that never come."""
    fifo = tmp_path / "agenda.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen([SCRIPT, *args, "--agenda", str(fifo)], env=environ(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        with _open_for_writing(fifo, proc) as reached:
            if reached:
                proc.send_signal(signal.SIGINT)
            stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr.decode()
    assert stderr == b"" and stdout == b""


@pytest.mark.parametrize("args", [["sessions", "--json"], ["export", "-o", "-"]])
def test_ctrl_c_while_writing_to_a_full_pipe_exits_130_quietly(big_agenda, args):
    """loci writes far more than a pipe holds; once its first byte is read, loci is past start-up
    and cannot finish until the test reads on, which it never does."""
    proc = subprocess.Popen([SCRIPT, *args, "--agenda", str(big_agenda)], env=environ(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout.read(1)
        proc.send_signal(signal.SIGINT)
        # Draining now only lets loci reach the interrupt it already has pending.
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr.decode()
    assert stderr == b""
