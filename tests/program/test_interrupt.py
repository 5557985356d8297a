"""Ctrl-C in loci's first milliseconds: exit 130, never a traceback (issue 10).

The signal is sent at known points, not after a sleep that races the start:
a ``sitecustomize`` on PYTHONPATH raises SIGINT inside the process either
when a chosen module is first imported, or when a chosen line of
``loci_cli/launch.py`` (the console script's target) is about to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import loci_cli.launch

SCRIPT = shutil.which("loci", path=os.path.dirname(sys.executable))
LAUNCH = Path(loci_cli.launch.__file__).resolve()

HOOK = """
import os, signal, sys

_MODULE = os.environ.get("INTERRUPT_AT_MODULE")
_LINE = int(os.environ.get("INTERRUPT_AT_LINE") or 0)
_FILE = os.environ["INTERRUPT_FILE"]
_SEEN = os.environ.get("INTERRUPT_RECORD")


class _AtImport:
    def find_spec(self, name, path=None, target=None):
        if name == _MODULE:
            sys.meta_path.remove(self)
            signal.raise_signal(signal.SIGINT)
        return None


def _lines(frame, event, arg):
    if event == "line":
        if _SEEN:
            with open(_SEEN, "a") as out:
                out.write(f"{frame.f_lineno}\\n")
        elif frame.f_lineno == _LINE:
            sys.settrace(None)
            frame.f_trace = None
            signal.raise_signal(signal.SIGINT)
    return _lines


def _calls(frame, event, arg):
    if event == "call" and os.path.realpath(frame.f_code.co_filename) == _FILE:
        return _lines
    return None


if _MODULE:
    sys.meta_path.insert(0, _AtImport())
if _LINE or _SEEN:
    sys.settrace(_calls)
"""


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(HOOK)
    environ = {**os.environ, "PYTHONPATH": str(hook), "INTERRUPT_FILE": str(LAUNCH), "TZ": "UTC", **env}
    environ.pop("LOCI_TZ", None)
    return subprocess.run([SCRIPT, "days"], env=environ, capture_output=True, text=True, timeout=60)


def _lines_after_the_handler(tmp_path: Path) -> list[int]:
    """Every line of launch.py a run executes once the quiet handler is installed."""
    record = tmp_path / "lines"
    assert _run(tmp_path, INTERRUPT_RECORD=str(record)).returncode == 0
    install = next(i for i, text in enumerate(LAUNCH.read_text().splitlines(), 1) if "_quit_quietly)" in text)
    return sorted({int(n) for n in record.read_text().split()} - set(range(install + 1)))


pytestmark = [
    pytest.mark.skipif(SCRIPT is None, reason="the loci console script is not installed next to this Python"),
    pytest.mark.slow,  # a dozen fresh interpreters
]


def test_the_hook_interrupts_where_it_is_told(tmp_path):
    """The hook itself works: SIGINT before loci's first line is Python's own, traceback and all."""
    result = _run(tmp_path, INTERRUPT_AT_MODULE="loci_cli")
    assert result.returncode in (130, -2) and "KeyboardInterrupt" in result.stderr


def test_ctrl_c_on_every_line_of_the_launcher_exits_130_quietly(tmp_path):
    lines = _lines_after_the_handler(tmp_path)
    assert len(lines) >= 3, lines  # the handler's line, main()'s import, run()
    for line in lines:
        result = _run(tmp_path, INTERRUPT_AT_LINE=str(line))
        # After run() the table may be out already; what matters is 130 and not a word on stderr.
        assert (line, result.returncode, result.stderr) == (line, 130, "")


@pytest.mark.parametrize(
    "module",
    [
        "loci_cli.cli",
        "loci_cli.cli.app",
        "typer",
        "loci_cli.formats.load",
        "loci_cli.core.zones",
        "json",
        "loci_cli.views.programme",
        "rich",
    ],
)
def test_ctrl_c_while_importing_exits_130_quietly(tmp_path, module):
    result = _run(tmp_path, INTERRUPT_AT_MODULE=module)
    assert (result.returncode, result.stderr, result.stdout) == (130, "", "")
