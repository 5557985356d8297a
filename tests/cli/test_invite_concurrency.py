"""Parallel `loci invite` processes on one outbox: each copy goes exactly once, and no run fails for another.

Real processes (the venv's `loci`), a real aiosmtpd on 127.0.0.1, real flock.
Runs that meet the outbox's lock wait for it, then find in the journal what
the first run sent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from smtpserver import PASSWORD, USER, Inbox, controller, message_id

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

LOCI = Path(sys.executable).with_name("loci")
PARALLEL = 12
ROUNDS = 10
PEOPLE = "name,email,zone\nAigerim,aigerim@example.kz,Almaty\nJan,jan@example.nl,\nAnna,anna@example.ge,\n"


def command(people: Path, box: Path, *more: str) -> list[str]:
    loci = [str(LOCI)] if LOCI.exists() else [sys.executable, "-m", "loci_cli"]
    return [
        *loci,
        "invite",
        "--organizer",
        "katria@example.org",
        "--attendees",
        str(people),
        "--session",
        "d1-welcome",
        "--outbox",
        str(box),
        *more,
    ]


def run_together(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command before waiting for any, so they meet at the outbox."""
    env = {**os.environ, "LOCI_SMTP_PASSWORD": PASSWORD, "NO_COLOR": "1", "TZ": "UTC"}
    started = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for c in commands]
    done = []
    for process, args in zip(started, commands, strict=False):
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(args, process.returncode, out, err))
    return done


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


@pytest.mark.slow
def test_twelve_parallel_smtp_runs_send_each_copy_exactly_once(tmp_path, people):
    inbox = Inbox()
    server = controller(inbox, auth_require_tls=False)
    server.start()
    try:
        for round_ in range(ROUNDS):
            box = tmp_path / f"box-{round_}"
            before = len(inbox.received)
            smtp = ("--smtp", f"127.0.0.1:{server.port}", "--smtp-user", USER)
            results = run_together([command(people, box, *smtp) for _ in range(PARALLEL)])
            for result in results:
                assert result.returncode == 0, result.stderr
                assert "Traceback" not in result.stderr
            copies = Counter((message_id(content), r) for _, rcpts, content in inbox.received[before:] for r in rcpts)
            # Aigerim's own message and Jan's and Anna's shared one: three copies, each exactly once.
            assert sorted(r for _, r in copies) == ["aigerim@example.kz", "anna@example.ge", "jan@example.nl"], round_
            assert set(copies.values()) == {1}, (round_, copies)
            # One run sent them; the other eleven found them in the journal.
            assert sum("Sent 0 copies" in r.stderr for r in results) == PARALLEL - 1, round_
    finally:
        server.stop()


@pytest.mark.slow
def test_parallel_first_runs_without_smtp_all_succeed_and_write_each_file_once(tmp_path, people):
    box = tmp_path / "fresh" / "outbox"
    results = run_together([command(people, box) for _ in range(PARALLEL)])
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "already exists" not in result.stderr and "--force" not in result.stderr
    written = [r.stderr for r in results if "Wrote 2 messages" in r.stderr]
    kept = [r.stderr for r in results if "Wrote 0 messages" in r.stderr and "(2 already there)" in r.stderr]
    assert (len(written), len(kept)) == (1, PARALLEL - 1)
    assert len(list(box.glob("*.eml"))) == 2
    assert not list(box.glob(".*.tmp")) and not list(box.glob("*.tmp"))
