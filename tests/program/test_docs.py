"""The README and docs/ are checked: their examples are real output, their commands are the CI's,
the CLI reference is what the commands print, and the version is written once."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.core import TyperGroup
from typer.main import get_command

from helpers import SCRIPT, subprocess_env
from loci_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The pages whose examples are run: the README's tutorial and the reference pages in docs/.
PAGES = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
}


def console_examples() -> list[tuple[str, str]]:
    """Each ```console block of every page: its '$ loci …' line and the output under it."""
    examples = []
    for text in PAGES.values():
        for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
            command, _, output = block.partition("\n")
            assert re.match(r"\$ ([A-Z_]+=\S+ )*loci ", command), command
            examples.append((command[2:], output))
    return examples


@pytest.mark.parametrize(
    "command, expected", console_examples(), ids=lambda v: "".join(c if c.isascii() else "_" for c in v[:40].replace("\n", " "))
)
def test_readme_examples_are_real_output(loci, monkeypatch, command, expected):
    """stdout, then whatever the command says on stderr: a block shows both, as a terminal would.

    'COLUMNS=40 loci …' sets the terminal's width; examples name files by their path in the repository.
    """
    words = shlex.split(command)
    settings = dict(w.split("=", 1) for w in words[: words.index("loci")])
    monkeypatch.chdir(ROOT)
    result = loci(*words[words.index("loci") + 1 :], env={"COLUMNS": "80", **settings})
    assert result.exit_code == 0, result.stderr
    got = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    assert got == [line.rstrip() for line in expected.splitlines()]


def shell_block(after: str) -> list[str]:
    """The commands of the first ```sh block after the text ``after``, comments dropped."""
    block = re.search(r"```sh\n(.*?)```", README.split(after, 1)[1], flags=re.S)
    assert block is not None
    return [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_frab_shell_block_works_as_written(loci, tmp_path, monkeypatch):
    """Every command of the frab section's block, run in order in an empty directory, succeeds."""
    monkeypatch.chdir(tmp_path)
    commands = shell_block("writes any agenda, the LOCI")
    assert commands and all(c.startswith("loci ") for c in commands)
    for command in commands:
        result = loci(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)
        assert "error" not in result.stderr, (command, result.stderr)


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_test_one():
    commands = quick_start()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "loci " in commands[0] and "pip install ." in commands[0]
    assert "[test]" in commands[1] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    group = get_command(app)
    assert isinstance(group, TyperGroup)
    for name in group.commands:
        assert f"`loci {name}" in README, name


def test_every_exit_code_is_documented():
    from loci_cli.cli.status import ExitCode

    table = PAGES["docs/exit-codes.md"]
    summary = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ExitCode:
        assert f"| {int(code)} |" in table, code
        assert re.search(rf"\b{int(code)} ", summary), code


def test_the_readme_points_to_every_page_in_docs():
    for page in PAGES:
        if page.startswith("docs/"):
            assert f"]({page})" in README, page


def json_blocks(page: str) -> list[Any]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", PAGES[page], flags=re.S)]


def test_the_json_page_shows_a_real_session_and_day(loci):
    """docs/json.md's session and day are real output, but for the description shortened there and the day's sessions."""
    session, day, *_ = json_blocks("docs/json.md")
    real = json.loads(loci("show", "d4-ocp-support", "--tz", "Asia/Tbilisi", "--json").stdout)
    assert real.pop("description").startswith(session.pop("description").removesuffix("…").rstrip())
    assert session == real
    real_day = json.loads(loci("sessions", "--tz", "Asia/Almaty", "--json").stdout)[0]
    assert list(day) == list(real_day)
    assert {k: v for k, v in day.items() if k != "sessions"} == {k: v for k, v in real_day.items() if k != "sessions"}


def test_the_agenda_format_page_shows_a_valid_agenda(loci, write_agenda):
    (example,) = json_blocks("docs/agenda-format.md")
    result = loci("validate", str(write_agenda(example)))
    assert result.exit_code == 0, result.stdout + result.stderr


# --- the CLI reference ------------------------------------------------------------------

REGENERATE = ".venv/bin/python scripts/cli_reference.py"


def cli_reference() -> ModuleType:
    """scripts/cli_reference.py, which writes docs/cli-reference.md."""
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_reference_is_current():
    """docs/cli-reference.md holds every command's --help as the commands print it now."""
    assert PAGES["docs/cli-reference.md"] == cli_reference().render(), f"docs/cli-reference.md is not current: run {REGENERATE}"


def test_the_cli_reference_names_every_command():
    page = PAGES["docs/cli-reference.md"]
    for name in cli_reference().commands():
        assert f"\n## loci {name}\n" in page and f"Usage: loci {name} " in page, name


@pytest.mark.slow
@pytest.mark.skipif(SCRIPT is None, reason="the loci console script is not installed")
@pytest.mark.parametrize("args", [[], ["export"]], ids=lambda a: " ".join(["loci", *a]))
def test_the_cli_reference_is_what_an_80_column_terminal_shows(args):
    """The in-process help the reference is made from wraps as the installed script does at COLUMNS=80."""
    env = subprocess_env(NO_COLOR="1") | {"COLUMNS": "80"}
    real = subprocess.run([SCRIPT, *args, "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert real.returncode == 0, real.stderr
    expected = "\n".join(line.rstrip() for line in real.stdout.splitlines()).strip("\n")
    assert cli_reference().help_text(*args) == expected


# --- the version and the changelog ------------------------------------------------------


def test_one_version_read_by_the_package_metadata():
    """pyproject.toml takes the version from __init__.py; an editable install shows it after reinstalling."""
    from importlib.metadata import version

    from loci_cli import __version__

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and not re.search(r"(?m)^version = ", pyproject)
    assert version("loci-cli") == __version__, "reinstall: .venv/bin/pip install -e '.[test]'"


def test_the_changelog_is_by_version_with_dates():
    """Unreleased first, then each release newest first, dated (khal's CHANGELOG.rst is the model)."""
    from loci_cli import __version__

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"(?m)^## (.+)$", changelog)
    assert headings[0] == "Unreleased"
    releases = [re.fullmatch(r"(\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)", h) for h in headings[1:]]
    assert releases and all(releases), headings
    versions = [tuple(int(n) for n in m.group(1).split(".")) for m in releases if m]
    dates = [m.group(2) for m in releases if m]
    assert versions == sorted(versions, reverse=True) and dates == sorted(dates, reverse=True)
    assert f"## {__version__} (" in changelog
    assert not re.search(r"\bissue \d+", changelog, flags=re.I), "say what changed for users, not which issue asked for it"
