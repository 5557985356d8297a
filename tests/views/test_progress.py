"""The progress bar, through real pseudo-terminals and pipes: it appears only where a person watches.

Each case runs a small program in a child process whose stderr (and stdout) is a
pty or a pipe, doing work in steps through ``views.progress.progress`` with the
process's own Environment, as an action would.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest

from helpers import subprocess_env
from loci_cli.environment import Environment
from loci_cli.views.progress import QUIET, Advance, progress, shown

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs pseudo-terminals (POSIX)")

WORK = """
import sys, time
from loci_cli.environment import Environment
from loci_cli.views.progress import progress

after, steps, to_stdout = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
with progress(Environment(), steps, "Writing the site", result_to_stdout=to_stdout, after=after) as advance:
    for _ in range(steps):
        time.sleep(0.01)
        advance()
print("rich loaded" if "rich" in sys.modules else "rich not loaded", file=sys.stdout)
print("done", file=sys.stdout)
"""

SGR = re.compile(r"\x1b\[[0-9;]*m")  # a colour or style; cursor movement is allowed


def _drain(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def run(after: float = 0.0, steps: int = 20, *, err_tty: bool = True, out_tty: bool = False, to_stdout: bool = False, **env: str):
    """(stdout, stderr) of the work, each read from a pty or a pipe as asked."""
    import pty

    fds: list[int] = []
    streams = {}
    for name, tty in (("stdout", out_tty), ("stderr", err_tty)):
        if tty:
            leader, follower = pty.openpty()
            fds.append(leader)
            streams[name] = (leader, follower)
    proc = subprocess.Popen(
        [sys.executable, "-c", WORK, str(after), str(steps), "1" if to_stdout else "0"],
        env=subprocess_env(**env),
        stdout=streams["stdout"][1] if "stdout" in streams else subprocess.PIPE,
        stderr=streams["stderr"][1] if "stderr" in streams else subprocess.PIPE,
    )
    for _, follower in streams.values():
        os.close(follower)
    results = {}
    for name in ("stdout", "stderr"):
        if name in streams:
            results[name] = _drain(streams[name][0]).decode()
            os.close(streams[name][0])
        else:
            results[name] = getattr(proc, name).read().decode()
    assert proc.wait(timeout=60) == 0, results["stderr"]
    return results["stdout"], results["stderr"]


def test_a_bar_appears_on_a_terminal():
    out, err = run(TERM="xterm-256color")
    assert "Writing the site" in err
    assert "/20" in err
    assert out.splitlines()[-1] == "done"


def test_no_color_keeps_the_bar_but_draws_no_colour():
    _, err = run(TERM="xterm-256color", NO_COLOR="1")
    assert "Writing the site" in err
    assert not SGR.search(err), repr(err[:200])


def test_the_bar_is_coloured_without_no_color():
    _, err = run(TERM="xterm-256color")
    assert SGR.search(err)


def test_never_on_a_pipe():
    out, err = run(err_tty=False, TERM="xterm-256color")
    assert err == ""
    assert "rich not loaded" in out, "the quiet path imports nothing"


def test_never_when_the_result_goes_to_the_same_terminal():
    # --json (or -o -) on a terminal's stdout: a bar would mix with the result.
    out, err = run(out_tty=True, to_stdout=True, TERM="xterm-256color")
    assert "Writing the site" not in err and "Writing the site" not in out
    assert "rich not loaded" in out


def test_shown_when_the_result_goes_to_a_pipe_and_stderr_is_a_terminal():
    # `loci export --json > list.json`: the person at the terminal still sees the bar.
    _, err = run(to_stdout=True, TERM="xterm-256color")
    assert "Writing the site" in err


def test_short_work_shows_nothing():
    out, err = run(after=5.0, steps=5, TERM="xterm-256color")
    assert "Writing the site" not in err
    assert "rich not loaded" in out, "no bar, no rich"


def test_never_on_a_dumb_terminal():
    out, err = run(TERM="dumb")
    assert "Writing the site" not in err
    assert "rich not loaded" in out


def test_a_stream_that_is_no_terminal_yields_the_quiet_counter():
    env = Environment(environ={}, stdout=io.StringIO(), stderr=io.StringIO())
    assert not shown(env)
    with progress(env, 10, "Work") as advance:
        assert advance is QUIET
        advance(3)
        advance.to(5, 20)


def test_the_counter_keeps_count_before_it_shows():
    # A terminal that never shows a bar here (after=1 hour): the count is still kept for when it does.
    counter = Advance(Environment(environ={}), 10, "Work", after=3600)
    counter(2)
    counter(3)
    assert counter.done == 5
    counter.to(7, 30)
    assert (counter.done, counter.total) == (7, 30)
    counter.close()
