"""Options behave the same on every command (issue 18): repeats, contradictions, --format, and hints."""

from __future__ import annotations

import json

import pytest

from helpers import ALMATY, ROOT

AGENDA = str(ROOT / "data" / "agenda.json")


def one_line_usage_error(result, *words: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


REPEATS = [
    (["today", "--tz", "Almaty", "--tz", "Tbilisi"], "--tz"),
    (["today", "--date", "2020-11-10", "--date", "2020-11-11"], "--date"),
    (["today", "--format", "json", "--format", "table"], "--format"),
    (["sessions", "--day", "1", "-d", "2"], "--day"),
    (["sessions", "--tz=Almaty", "--tz", "Almaty"], "--tz"),  # the same value twice is still a mistake somewhere
    (["now", "--at", "2020-11-10 17:10", "--at", "2020-11-10 18:00"], "--at"),
    (["zones", "--day", "1", "--day", "2"], "--day"),
    (["plan", "--between", "09:00-17:00", "--between", "10:00-18:00"], "--between"),
    (["export", "-o", "a.ics", "-o", "b.ics"], "--output"),
    (["diff", AGENDA, AGENDA, "--tz", "UTC", "--tz", "Almaty"], "--tz"),
    (["validate", AGENDA, "--format", "json", "--format", "text"], "--format"),
    (["show", "d1-welcome", "--agenda", AGENDA, "--agenda", AGENDA], "--agenda"),
]


@pytest.mark.parametrize(("args", "option"), REPEATS, ids=[" ".join([*a[:1], o]) for a, o in REPEATS])
def test_a_single_valued_option_given_twice_is_a_usage_error_naming_it(loci, args, option):
    line = one_line_usage_error(loci(*args), f"{option} is given more than once")
    assert line.startswith("loci: error: ")


def test_options_that_take_several_values_still_take_them(loci):
    zones = loci("zones", "--tz", "Almaty", "--tz", "Tbilisi", "--json")
    assert zones.exit_code == 0, zones.stderr
    assert [row["timezone"] for row in json.loads(zones.stdout)["rows"]] == [ALMATY, "Asia/Tbilisi"]
    plan = loci("plan", "--tz", "Almaty", "--tz", "Tbilisi", "--date", "2020-11-10", "--date", "2020-11-11", "--json")
    assert plan.exit_code == 0, plan.stderr
    assert json.loads(plan.stdout)["places"] == 2
    assert json.loads(plan.stdout)["dates"] == ["2020-11-10", "2020-11-11"]


def test_a_flag_given_twice_says_the_same_thing_twice(loci):
    result = loci("days", "--json", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["day"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ["today", "--json", "--format", "table"],
        ["days", "--format", "table", "--json"],
        ["validate", AGENDA, "--json", "--format", "text"],
        ["diff", AGENDA, AGENDA, "--json", "--format", "text"],
        ["plan", "--json", "--format", "table"],
    ],
)
def test_json_contradicting_format_is_a_usage_error(loci, args):
    one_line_usage_error(loci(*args), "--json and --format", "ask for different outputs")


def test_json_agreeing_with_format_is_fine(loci):
    result = loci("days", "--json", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["day"] == 1


def test_diff_takes_format_json_and_text(loci):
    as_json = loci("diff", AGENDA, AGENDA, "--format", "json", "--tz", ALMATY)
    assert as_json.exit_code == 0, as_json.stderr
    row = json.loads(as_json.stdout)
    assert row["timezone"] == ALMATY and row["added"] == [] and row["moved"] == []
    assert loci("diff", AGENDA, AGENDA, "--json", "--tz", ALMATY).stdout == as_json.stdout
    text = loci("diff", AGENDA, AGENDA, "--format", "text")
    assert text.exit_code == 0 and text.stdout.splitlines()[-1] == "No differences."
    assert loci("diff", AGENDA, AGENDA).stdout == text.stdout
    one_line_usage_error(loci("diff", AGENDA, AGENDA, "--format", "xml"), "unknown output format 'xml'")


HINTS = [
    (["--tz", "Almaty", "today"], "no such option: --tz", "options go after the command: loci today --tz Almaty"),
    (["--tz=Almaty", "today", "--json"], "no such option: --tz", "options go after the command: loci today --json --tz=Almaty"),
    (["--timezone", "Almaty", "today"], "no such option: --timezone", "options go after the command: loci today --tz Almaty"),
    (["--json"], "no such option: --json", "options go after the command"),
    (["today", "--timezone", "Almaty"], "no such option: --timezone", "did you mean --tz?"),
    (["zones", "--zone", "Almaty"], "no such option: --zone", "did you mean --tz?"),
    (["today", "--jsn"], "no such option: --jsn", "did you mean --json?"),
    (["sessions", "--serch", "x"], "no such option: --serch", "did you mean --search?"),
    (["--verison"], "no such option: --verison", "did you mean --version?"),
    (["week"], "no such command 'week'", "did you mean 'loci days'?"),
    (["search", "water"], "no such command 'search'", "did you mean 'loci sessions --search TEXT'?"),
    (["sesions"], "no such command 'sesions'", "did you mean 'loci sessions'?"),
    (["tomorrow"], "no such command 'tomorrow'", "'loci today --date tomorrow'"),
    (["help", "week"], "no such command 'week'", "did you mean 'loci days'?"),
    (["frobnicate"], "no such command 'frobnicate'", "the commands are info, days, sessions"),
]


@pytest.mark.parametrize(("args", "error", "hint"), HINTS, ids=[" ".join(a) for a, _, _ in HINTS])
def test_misplaced_misnamed_and_unknown_get_a_hint(loci, args, error, hint):
    line = one_line_usage_error(loci(*args), error)
    assert f"(hint: {hint}" in line or hint in line.split("(hint: ", 1)[1]


def test_an_unknown_option_far_from_any_gets_the_help_to_read(loci):
    line = one_line_usage_error(loci("today", "--xyzzy"), "no such option: --xyzzy")
    assert line.endswith("(hint: see 'loci today -h')")


@pytest.mark.parametrize("option", ["--agenda-tz", "--lang"])
def test_an_empty_value_typed_for_an_option_is_a_usage_error(loci, option):
    result = loci("today", "--date", "2020-11-10", option, "")
    assert result.exit_code == 2 and "is empty" in result.stderr and option in result.stderr


def test_an_empty_loci_agenda_tz_is_unset_as_environment_variables_go(loci):
    assert loci("today", "--date", "2020-11-10", "--json", env={"LOCI_AGENDA_TZ": ""}).exit_code == 0
