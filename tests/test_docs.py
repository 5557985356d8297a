"""The README is checked: its examples are real output, its commands are the CI's."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.core import TyperGroup
from typer.main import get_command

from loci_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_examples() -> list[tuple[str, str]]:
    """Each ```console block: its '$ loci …' line and the output under it."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        command, _, output = block.partition("\n")
        assert re.match(r"\$ ([A-Z_]+=\S+ )*loci ", command), command
        examples.append((command[2:], output))
    return examples


@pytest.mark.parametrize("command, expected", console_examples(), ids=lambda v: v[:40].replace("\n", " "))
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

    table = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ExitCode:
        assert f"| {int(code)} |" in table, code
