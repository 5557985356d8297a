"""A run builds only the command family it names (cli/app.py, make_app): the same answers as the full app."""

from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from loci_cli.cli.app import FAMILIES, app, family_of, make_app

RUNNER = CliRunner()
EVERY = [(family, command) for family, commands in FAMILIES.items() for command in commands]


def test_every_command_of_the_full_app_has_a_family_and_no_other():
    names = list(get_command(app).commands)  # type: ignore[attr-defined]
    assert sorted(names) == sorted(command for _, command in EVERY)


@pytest.mark.parametrize("family, command", EVERY)
def test_a_narrow_app_gives_the_same_help(family, command):
    full = RUNNER.invoke(app, [command, "--help"], prog_name="loci", env={"COLUMNS": "100"})
    narrow = RUNNER.invoke(make_app(family), [command, "--help"], prog_name="loci", env={"COLUMNS": "100"})
    alone = RUNNER.invoke(make_app(family, command), [command, "--help"], prog_name="loci", env={"COLUMNS": "100"})
    assert (narrow.exit_code, narrow.stdout) == (full.exit_code, full.stdout) == (0, full.stdout)
    assert (alone.exit_code, alone.stdout) == (0, full.stdout)
    assert f"loci {command}" in narrow.stdout


@pytest.mark.parametrize(
    "argv, environ, family",
    [
        (["today", "--json"], {}, "programme"),
        (["validate", "x.json"], {}, "validate"),
        (["plan"], {}, "plan"),
        ([], {}, None),
        (["--version"], {}, None),
        (["help", "today"], {}, None),  # 'help' lists every command
        (["frobnicate"], {}, None),  # 'no such command' names the ones there are
        (["today"], {"_LOCI_COMPLETE": "complete_bash"}, None),  # completion may complete any command
    ],
)
def test_which_family_a_run_needs(argv, environ, family):
    assert family_of(argv, environ) == family


def test_a_narrow_app_answers_like_the_full_one(loci):
    args = ["today", "--json", "--tz", "Asia/Almaty", "--date", "2020-11-10"]
    narrow = RUNNER.invoke(make_app("programme"), args, prog_name="loci")
    assert narrow.exit_code == 0 and narrow.stdout == loci(*args).stdout
    alone = RUNNER.invoke(make_app("programme", "today"), args, prog_name="loci")
    assert alone.exit_code == 0 and alone.stdout == narrow.stdout
    assert list(get_command(make_app("programme", "today")).commands) == ["today"]  # type: ignore[attr-defined]
    assert '"start": "2020-11-10T17:00:00+06:00"' in narrow.stdout
