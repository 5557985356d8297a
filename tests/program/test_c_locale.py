"""The C locale gets ASCII, as the README says, although Python's UTF-8 mode gives its streams UTF-8 there.

Through the installed script, with the locale set as a user would (``LC_ALL=C``)
and PYTHONUTF8 left alone, so Python turns its UTF-8 mode on (PEP 540).
"""

from __future__ import annotations

import io
import json
import os
import subprocess

import pytest

from helpers import SCRIPT
from loci_cli.environment import Environment

LOCALE_VARIABLES = ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8")


def run(args: list[str], **settings: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES and not k.startswith(("LOCI_", "NO_COLOR", "FORCE_COLOR"))}
    env.update(settings, COLUMNS="80", TZ="UTC", LOCI_CACHE_DIR=os.environ["LOCI_CACHE_DIR"])
    return subprocess.run([SCRIPT, *args], env=env, capture_output=True, timeout=60)


needs_script = pytest.mark.skipif(SCRIPT is None, reason="needs the installed loci script")


@needs_script
@pytest.mark.slow
@pytest.mark.parametrize("locale", [{"LC_ALL": "C"}, {"LC_ALL": "POSIX"}, {"LANG": "C"}], ids=["LC_ALL=C", "LC_ALL=POSIX", "LANG=C"])
@pytest.mark.parametrize(
    "args",
    [["today", "--date", "2020-11-10"], ["show", "d4-ocp-support"], ["days"], ["zones", "--day", "1", "--tz", "Auckland"], ["--help"]],
    ids=lambda a: " ".join(a),
)
def test_the_c_locale_gets_ascii_without_forcing_python_out_of_utf8_mode(locale, args):
    done = run(args, **locale)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("ascii")  # raises on any byte that is not ASCII
    assert "Traceback" not in done.stderr.decode("ascii")
    if args[0] in ("today", "days"):
        assert "11:00-11:30" in text or "11:00-14:00" in text
        assert "------" in text or args[0] == "days"
    if args[0] == "show":
        assert "Online x The Hague" in text


@needs_script
def test_a_table_in_the_c_locale_is_ruled_and_spelt_in_ascii():
    done = run(["today", "--date", "2020-11-10"], LC_ALL="C")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("ascii")
    assert "Day 1 - Tue 10 Nov 2020" in text and "11:00-11:30" in text and " ------" in text


@needs_script
def test_json_in_the_c_locale_is_ascii_and_exact():
    done = run(["show", "d4-ocp-support", "--json"], LC_ALL="C")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("ascii"))["location"] == "Online × The Hague"


@needs_script
def test_messages_in_the_c_locale_are_ascii():
    done = run(["show", "nope–x"], LC_ALL="C")
    assert done.returncode == 2
    assert done.stderr.decode("ascii").startswith("loci: error: there is no session 'nope-x'")


@needs_script
def test_a_calendar_stays_utf8_in_the_c_locale():
    # Data is not text for people: an .ics on stdout keeps its UTF-8.
    done = run(["export", "-o", "-"], LC_ALL="C")
    assert done.returncode == 0, done.stderr
    assert "Online × The Hague" in done.stdout.decode("utf-8").replace("\r\n ", "")


@needs_script
def test_a_utf8_locale_keeps_its_punctuation():
    done = run(["today", "--date", "2020-11-10"], LC_ALL="C.UTF-8")
    assert done.returncode == 0 and "11:00–11:30" in done.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("environ", "ascii_only"),
    [
        ({"LC_ALL": "C"}, True),
        ({"LC_ALL": "POSIX"}, True),
        ({"LANG": "C"}, True),
        ({"LC_CTYPE": "C", "LANG": "en_GB.UTF-8"}, True),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "C"}, False),  # LC_ALL wins
        ({"LC_ALL": "C.UTF-8"}, False),
        ({"LANG": "kk_KZ.UTF-8"}, False),
        ({"LC_ALL": "C", "PYTHONIOENCODING": "utf-8"}, False),  # the user's own say on the stream
        ({"LC_CTYPE": "C.UTF-8", "LANG": "C"}, True),  # Python's own coercion of LANG=C (PEP 538)
        ({"LC_CTYPE": "C.UTF-8", "LANG": "kk_KZ.UTF-8"}, False),
        ({}, False),
    ],
)
def test_ascii_only_reads_the_locale_in_posix_order(environ, ascii_only):
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert Environment(environ=environ, stdout=utf8).ascii_only is ascii_only


def test_a_stream_that_cannot_hold_utf8_is_ascii_whatever_the_locale():
    latin = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert Environment(environ={"LANG": "en_GB.UTF-8"}, stdout=latin).ascii_only
