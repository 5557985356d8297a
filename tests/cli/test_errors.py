"""Bad input gets one clear line on stderr and the documented exit code, never a traceback."""

from __future__ import annotations

import pytest

from helpers import FIXTURES


def one_line_error(result, code: int, *words: str) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("loci: error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr
    return result.stderr


def test_unknown_zone_suggests_close_names(loci):
    one_line_error(loci("today", "--tz", "Asia/Almati"), 2, "unknown time zone 'Asia/Almati'", "Asia/Almaty")
    one_line_error(loci("days", "--tz", "Almati"), 2, "Asia/Almaty")


def test_zone_is_checked_before_the_agenda(loci, tmp_path):
    one_line_error(loci("days", "--tz", "Nowhere/Land", "--agenda", str(tmp_path / "none.json")), 2)


@pytest.mark.parametrize(
    "name, words",
    [
        ("missing.json", ["missing.json: no such file", "--agenda"]),
        ("truncated.json", ["truncated.json", "Invalid JSON", "line 4"]),
    ],
)
def test_bad_agenda_files_exit_1(loci, name, words):
    one_line_error(loci("days", "--agenda", str(FIXTURES / name)), 1, *words)


def test_invalid_agenda_names_the_json_path(loci, write_agenda, agenda_data):
    agenda_data["days"][1]["sessions"][2]["end"] = "13:00"
    path = write_agenda(agenda_data)
    one_line_error(loci("sessions", "--agenda", str(path)), 1, f"{path}: $.days[1].sessions[2].end", "before it starts")


def test_unreadable_agenda(loci, write_agenda, agenda_data):
    import os

    path = write_agenda(agenda_data)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who reads any file (root)")
        one_line_error(loci("days", "--agenda", str(path)), 1, "permission denied")
    finally:
        path.chmod(0o644)


def test_directory_as_agenda(loci, tmp_path):
    one_line_error(loci("days", "--agenda", str(tmp_path)), 1, "is a directory")


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["sessions", "--day", "99"], 2, ["there is no day 99", "1, 2, 3, 4"]),
        (["show", "d1-welcom"], 2, ["no session 'd1-welcom'", "d1-welcome"]),
        (["today", "--date", "someday"], 2, ["cannot read 'someday' as a date"]),
        (["today", "--date", "0001-01-01"], 2, ["out of range"]),
        (["now", "--at", "half past"], 2, ["cannot read 'half past'"]),
    ],
)
def test_bad_values_on_the_command_line(loci, args, code, words):
    one_line_error(loci(*args), code, *words)


def test_click_usage_errors_exit_2(loci):
    result = loci("sessions", "--day", "two")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert loci("frobnicate").exit_code == 2


def test_a_link_loop_given_to_apply_is_one_line(loci, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = loci("plan", "--tz", "Asia/Almaty", "--apply", str(tmp_path / "a"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "loop" in result.stderr


def test_an_error_no_part_of_loci_expected_is_still_one_line(monkeypatch, capsys):
    """The last resort in cli/app.run: a bug of loci's is a line and exit 1; LOCI_DEBUG=1 shows the traceback."""
    import sys

    from loci_cli.cli import app

    def broken(*args, **kwargs):
        def command(**options):
            raise RuntimeError("something loci did not foresee\nsecond line")

        return command

    monkeypatch.setattr(app, "make_app", broken)
    monkeypatch.setattr(sys, "argv", ["loci", "days"])
    monkeypatch.delenv("LOCI_DEBUG", raising=False)
    assert app.run() == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected RuntimeError: something loci did not foresee" in err and "LOCI_DEBUG=1" in err
    monkeypatch.setenv("LOCI_DEBUG", "1")
    with pytest.raises(RuntimeError):
        app.run()


@pytest.mark.parametrize(
    "args",
    [["publish", ""], ["invite", "--outbox", "", "--attendee", "a@example.org", "--organizer", "o@example.org"]],
    ids=["publish ''", "invite --outbox ''"],
)
def test_an_empty_folder_name_is_a_usage_error_not_this_folder(loci, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = loci(*args)
    assert result.exit_code == 2 and "is empty" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written into the current folder
