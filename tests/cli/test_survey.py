"""The survey of bad input: every option and agenda defect, and the one line each gets.

Each row is an input and the answer it must get: the exit code and words of
the single stderr line. stdout stays empty and no traceback is ever shown.
The agenda rows start from tests/fixtures/minimal.json (Europe/Berlin, on
the days the clocks change) and break one thing.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from factories import make_agenda
from helpers import FIXTURES

MINIMAL = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))


def assert_one_line_error(result, code: int, words: list[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("loci: error: "), result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def edit(change: Callable[[dict], object]) -> dict:
    agenda = copy.deepcopy(MINIMAL)
    change(agenda)
    return agenda


def session(agenda: dict, day: int = 0, index: int = 0) -> dict:
    return agenda["days"][day]["sessions"][index]


S0 = "$.days[0].sessions[0]"

# (id, agenda content: dict edited from MINIMAL, str or bytes; words in the error line)
BAD_AGENDAS = [
    ("empty file", b"", ["the file is empty"]),
    ("only whitespace", b"  \n\t\n", ["the file is empty"]),
    ("broken JSON", b'{"id": "x", "days": [', ["$: Invalid JSON", "line 1"]),
    ("trailing garbage", json.dumps(MINIMAL) + " }", ["$: Invalid JSON"]),
    ("JSON null", "null", ["$: Input should be an object"]),
    ("JSON array", "[]", ["$: Input should be an object"]),
    ("JSON string", '"agenda"', ["$: Input should be an object"]),
    ("empty object", "{}", ["$.id: Field required", "and 3 more problems"]),
    ("NUL bytes", b"\x00\x00", ["$: Invalid JSON"]),
    ("lone surrogate escape", '{"id": "\\ud800"}', ["Invalid JSON"]),
    ("nesting 100,000 deep", "[" * 100_000 + "]" * 100_000, ["$: Invalid JSON", "recursion limit"]),
    (
        "Latin-1 bytes",
        json.dumps(edit(lambda a: a.update(title="Démo")), ensure_ascii=False).encode("latin-1"),
        ["not UTF-8 text", "byte 0xe9", "save the agenda as UTF-8"],
    ),
    ("UTF-16", json.dumps(MINIMAL).encode("utf-16"), ["not UTF-8 text", "byte 0xff at offset 0"]),
    ("missing timezone", edit(lambda a: a.pop("timezone")), ["$.timezone: Field required"]),
    ("missing session start", edit(lambda a: session(a).pop("start")), [f"{S0}.start: Field required"]),
    ("number as a string", edit(lambda a: a["days"][0].update(number="1")), ["$.days[0].number", "valid integer"]),
    ("days as an object", edit(lambda a: a.update(days={})), ["$.days", "valid array"]),
    ("title as a list", edit(lambda a: a.update(title=["x"])), ["$.title", "valid string"]),
    ("empty title", edit(lambda a: a.update(title="")), ["$.title: must not be empty"]),
    ("NaN revision", json.dumps(edit(lambda a: a.update(revision=float("nan")))), ["$.revision", "valid integer"]),
    ("negative revision", edit(lambda a: a.update(revision=-1)), ["$.revision", "greater than or equal to 0"]),
    ("unknown top-level key", edit(lambda a: a.update(colour="red")), ["$.colour: unknown key", "spelling"]),
    ("unknown session key", edit(lambda a: session(a).update(speaker="x")), [f"{S0}.speaker: unknown key"]),
    ("unknown key with a newline", edit(lambda a: a.update({"a\nb\x1b[2J": 1})), ["$.a\\nb\\x1b[2J: unknown key"]),
    ("wrong format", edit(lambda a: a.update(format="loci-agenda/2")), ["$.format", "'loci-agenda/1'"]),
    ("no days", edit(lambda a: a.update(days=[])), ["$.days: the list is empty; it needs at least one day"]),
    (
        "a day without sessions",
        edit(lambda a: a["days"][0].update(sessions=[])),
        ["$.days[0].sessions: the list is empty; it needs at least one session"],
    ),
    (
        "participants without zones",
        edit(lambda a: a.update(participants=[{"country": "X", "zones": []}])),
        ["$.participants[0].zones: the list is empty; it needs at least one zone"],
    ),
    ("empty speaker name", edit(lambda a: session(a).update(speakers=[""])), [f"{S0}.speakers[0]: must not be empty"]),
    ("day number 0", edit(lambda a: a["days"][0].update(number=0)), ["$.days[0].number", "greater than or equal to 1"]),
    (
        "id with a space",
        edit(lambda a: session(a).update(id="has space")),
        [f"{S0}.id: 'has space' is not a valid id: use letters, digits and . _ : @ -"],
    ),
    ("kind in capitals", edit(lambda a: session(a).update(kind="Talk")), [f"{S0}.kind: 'Talk' is not a valid kind", "lower-case"]),
    ("id 201 characters long", edit(lambda a: a.update(id="x" * 201)), ["$.id: is too long: at most 200 characters"]),
    (
        "javascript: link",
        edit(lambda a: session(a).update(url="javascript:alert(1)")),
        [f"{S0}.url: 'javascript:alert(1)' is not a web or mail address", "https://"],
    ),
    (
        "file: link",
        edit(lambda a: session(a).update(links=[{"url": "file:///etc/passwd"}])),
        [f"{S0}.links[0].url: 'file:///etc/passwd' is not a web or mail address"],
    ),
    ("data: link on the agenda", edit(lambda a: a.update(url="data:text/html,<b>x</b>")), ["$.url: 'data:text/html"]),
    (
        "relative link",
        edit(lambda a: a.update(organisers=[{"name": "Org", "url": "/about"}])),
        ["$.organisers[0].url: '/about' is not a web or mail address"],
    ),
    (
        "session before its day",
        edit(lambda a: session(a).update(start="2021-03-27T23:00")),
        [f"{S0}.start: starts on 2021-03-27, before its day's date 2021-03-28"],
    ),
    (
        "session id used twice",
        edit(lambda a: session(a, 1).update(id="opening")),
        ["$.days[1].sessions[0].id: session id 'opening' is used twice (also $.days[0].sessions[0])"],
    ),
    ("day number used twice", edit(lambda a: a["days"][1].update(number=1)), ["$.days[1].number: day number 1 is used twice"]),
    ("days out of order", edit(lambda a: a["days"].reverse()), ["$.days[1].date", "list days in order"]),
    ("end before start", edit(lambda a: session(a).update(end="09:00")), [f"{S0}.end: the session ends (09:00) before it starts (10:00)"]),
    ("unknown zone", edit(lambda a: a.update(timezone="Mars/Olympus")), ["$.timezone: unknown time zone 'Mars/Olympus'"]),
    (
        "zone in lower case",
        edit(lambda a: a.update(timezone="europe/berlin")),
        ["$.timezone: unknown time zone 'europe/berlin'", "did you mean Europe/Berlin?"],
    ),
    (
        "participant zone in lower case",
        edit(lambda a: a.update(participants=[{"country": "Kazakhstan", "zones": ["asia/almaty"]}])),
        ["$.participants[0].zones[0]: unknown time zone 'asia/almaty'", "did you mean Asia/Almaty?"],
    ),
    ("empty zone", edit(lambda a: a.update(timezone="")), ["$.timezone: unknown time zone ''"]),
    ("zone that is a path", edit(lambda a: a.update(timezone="/etc/localtime")), ["unknown time zone '/etc/localtime'"]),
    ("zone climbing out", edit(lambda a: a.update(timezone="../../etc/passwd")), ["unknown time zone '../../etc/passwd'"]),
    ("zone with a NUL", edit(lambda a: a.update(timezone="Europe/Ber\x00lin")), ["unknown time zone 'Europe/Ber\\x00lin'"]),
    (
        "time in the spring-forward gap",
        edit(lambda a: session(a).update(start="02:30")),
        [f"{S0}.start: 2021-03-28 02:30 does not exist in Europe/Berlin (clocks skip it)"],
    ),
    (
        "time in the autumn fold",
        edit(lambda a: session(a, 1).update(start="02:30", end="03:30")),
        ["$.days[1].sessions[0].start: 2021-10-31 02:30 happens twice in Europe/Berlin", "2021-10-31T02:30+02:00"],
    ),
    (
        "date-time in the fold",
        edit(lambda a: session(a, 1).update(start="2021-10-31T02:15")),
        ["$.days[1].sessions[0].start: 2021-10-31 02:15 happens twice"],
    ),
    ("time of day with an offset", edit(lambda a: session(a).update(start="10:00+01:00")), ["a time of day takes no offset"]),
    ("hour 25", edit(lambda a: session(a).update(start="25:00")), [f"{S0}.start: '25:00' is not a real time"]),
    ("bare number as text", edit(lambda a: session(a).update(start="10")), [f"{S0}.start: expected a time 'HH:MM'"]),
    ("seconds since 1970", edit(lambda a: session(a).update(start=1616925600)), [f"{S0}.start: expected a time 'HH:MM'"]),
    ("a date for a time", edit(lambda a: session(a).update(start="2021-03-28")), [f"{S0}.start: expected a time"]),
    ("30 February", edit(lambda a: a["days"][0].update(date="2021-02-30")), ["$.days[0].date", "day value is outside expected range"]),
    ("day in the year 1", edit(lambda a: a["days"][0].update(date="0001-01-01")), ["$.days[0].date", "between the years 1900 and 2999"]),
    (
        "day in the year 9999",
        edit(lambda a: a.update(days=[dict(a["days"][0], date="9999-12-31")])),
        ["$.days[0].date", "between the years 1900 and 2999"],
    ),
    ("session at datetime.min", edit(lambda a: session(a).update(start="0001-01-01T00:00")), [f"{S0}.start: 0001-01-01 is out of range"]),
    (
        "session ending at datetime.max",
        edit(lambda a: session(a, 1).update(end="9999-12-31T23:59-12:00")),
        ["$.days[1].sessions[0].end: 9999-12-31 is out of range"],
    ),
    ("revision past SEQUENCE", edit(lambda a: a.update(revision=2**70)), ["$.revision: must be at most 2147483646", "SEQUENCE"]),
    ("revision a cancel cannot raise", edit(lambda a: a.update(revision=2**31 - 1)), ["$.revision: must be at most 2147483646"]),
    ("a title of line breaks only", edit(lambda a: session(a).update(title="\r\n")), [f"{S0}.title: holds only line breaks"]),
    ("an HTML page", b"<!DOCTYPE html>\n<html><head><title>x</title></head></html>", ["an HTML page, not an agenda", "frab"]),
    ("an HTML page in XHTML", b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>', ["an HTML page"]),
    ("an iCalendar file", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", ["an iCalendar file, not an agenda", "loci's JSON"]),
    (
        "a schedule with no zone",
        b"<schedule><conference><title>C</title></conference><day date='2024-05-02'><room name='A'>"
        b"<event id='1'><start>10:00</start><duration>01:00</duration><title>T</title></event></room></day></schedule>",
        ["no UTC offset and it names no time zone", "--agenda-tz ZONE"],
    ),
]


@pytest.mark.parametrize("content, words", [pytest.param(c, w, id=i) for i, c, w in BAD_AGENDAS])
def test_bad_agenda(loci, write_agenda, content, words):
    path = write_agenda(content)
    assert_one_line_error(loci("sessions", "--agenda", str(path)), 1, [f"{path}: ", *words])


@pytest.mark.parametrize("command", [["info"], ["days"], ["sessions", "--day", "1"], ["today"], ["now"], ["show", "x"]])
def test_every_command_checks_the_agenda(loci, write_agenda, command):
    path = write_agenda(edit(lambda a: session(a).update(end="09:00")))
    assert_one_line_error(loci(*command, "--json", "--agenda", str(path)), 1, [f"{S0}.end"])


def _symlink_loop(tmp_path: Path) -> str:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    return str(loop)


def _through_a_file(tmp_path: Path) -> str:
    (tmp_path / "plain").write_text("{}")
    return str(tmp_path / "plain" / "agenda.json")


# (id, path made in tmp_path, words). An unreadable file can't be made by chmod
# when the tests run as root, so these are files no one can read: a symlink
# loop, and (on Linux) /proc/self/mem, which fails with EIO when read whole.
BAD_PATHS = [
    pytest.param(lambda tmp: str(tmp / "missing.json"), ["missing.json: no such file", "--agenda"], id="missing file"),
    pytest.param(lambda tmp: str(tmp), ["is a directory, not an agenda file"], id="directory"),
    pytest.param(_symlink_loop, ["loop.json: cannot read"], id="symlink loop"),
    pytest.param(_through_a_file, ["cannot read: Not a directory"], id="path through a file"),
    pytest.param(
        lambda tmp: "/proc/self/mem",
        ["/proc/self/mem: cannot read"],
        id="unreadable /proc/self/mem",
        marks=pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="Linux only"),
    ),
]


def _sparse_70_mb(tmp_path: Path) -> str:
    path = tmp_path / "huge.json"
    with open(path, "wb") as out:
        out.truncate(70 * 1024 * 1024)
    return str(path)


# Over the 64 MB limit: refused after reading at most the limit and one byte,
# whatever the file is (a sparse file is refused by its size, before any read).
BAD_PATHS += [
    pytest.param(_sparse_70_mb, ["huge.json: larger than 64 MB"], id="file over 64 MB"),
    pytest.param(
        lambda tmp: "/dev/zero",
        ["/dev/zero: larger than 64 MB"],
        id="/dev/zero",
        marks=pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero"),
    ),
    pytest.param(
        lambda tmp: "/dev/urandom",
        ["/dev/urandom: larger than 64 MB"],
        id="/dev/urandom",
        marks=pytest.mark.skipif(not os.path.exists("/dev/urandom"), reason="no /dev/urandom"),
    ),
]


@pytest.mark.parametrize("make, words", BAD_PATHS)
def test_bad_agenda_path(loci, tmp_path, make, words):
    assert_one_line_error(loci("days", "--agenda", make(tmp_path)), 1, words)


# (args, exit code, words). The embedded agenda, the fixture's clock (1 March 2026 09:00 UTC).
BAD_OPTIONS = [
    (["days", "--agenda-tz", "Mars/Olympus"], 2, ["unknown time zone 'Mars/Olympus' for the agenda's local times", "--agenda-tz ZONE"]),
    (["days", "--tz", "Asia/Almati"], 2, ["unknown time zone 'Asia/Almati'", "Asia/Almaty"]),
    (["days", "--tz", ""], 2, ["unknown time zone ''"]),
    (["days", "--tz", "/etc/localtime"], 2, ["unknown time zone '/etc/localtime'"]),
    (["days", "--tz", "+25:00"], 2, ["no place is at UTC+25:00"]),
    (["days", "--agenda", ""], 2, ["--agenda is empty"]),
    # The offsets of the meeting's dates (Almaty was UTC+6 in 2020), not the clock's (UTC+5 in 2026).
    (["days", "--tz", "Kazakhstan"], 2, ["Asia/Almaty (UTC+06:00)", "offsets on 10 Nov 2020", "--tz Asia/Almaty"]),
    (["zones", "--tz", "Kazakhstan"], 2, ["Asia/Almaty (UTC+06:00)", "offsets on 10 Nov 2020"]),
    (["export", "--tz", "Kazakhstan", "--tzid"], 2, ["Asia/Almaty (UTC+06:00)", "offsets on 10 Nov 2020"]),
    (["plan", "--tz", "Kazakhstan"], 2, ["Asia/Almaty (UTC+06:00)", "offsets on 10 Nov 2020"]),
    (["zones", "--search", " "], 2, ["--search is empty"]),
    (["validate", "/no/such/agenda.json"], 1, ["/no/such/agenda.json: no such file", "check the file's path"]),
    (["diff", "/no/such/old.json", "/no/such/new.json"], 1, ["/no/such/old.json: no such file", "(hint: check the file's path)"]),
    (["days", "--agenda", "/no/such/agenda.json"], 1, ["no such file", "without --agenda or $LOCI_AGENDA, loci reads its embedded agenda"]),
    # Every command reading --agenda says so, not only the views: the hint travels on the error (cli/messages.py, Hinted).
    (["export", "--agenda", "/no/such/agenda.json"], 1, ["no such file", "without --agenda or $LOCI_AGENDA"]),
    (
        ["invite", "--agenda", "/no/such/agenda.json", "--attendee", "a@example.org"],
        1,
        ["no such file", "without --agenda or $LOCI_AGENDA"],
    ),
    (["plan", "--agenda", "/no/such/agenda.json"], 1, ["no such file", "without --agenda or $LOCI_AGENDA"]),
    (["zones", "--agenda", "/no/such/agenda.json"], 1, ["no such file", "without --agenda or $LOCI_AGENDA"]),
    (["sessions", "--day", "99"], 2, ["there is no day 99", "the days are 1, 2, 3, 4"]),
    (["sessions", "--day", "0"], 2, ["there is no day 0"]),
    (["sessions", "--day", "-1"], 2, ["there is no day -1"]),
    (["sessions", "--day", "9" * 30], 2, ["there is no day 999"]),
    (["sessions", "--day", ""], 2, ["invalid value for '--day'", "'' is not a whole number", "loci sessions -h"]),
    (["sessions", "--day", "two"], 2, ["'two' is not a whole number"]),
    (["sessions", "--day", "1.5"], 2, ["'1.5' is not a whole number"]),
    (["export", "--alarm", "1.5"], 2, ["invalid value for '--alarm': '1.5' is not a whole number"]),
    (["export", "--alarm", "-5"], 2, ["-5 is not between 0 and 40320"]),
    (["export", "--alarm", "40321"], 2, ["40321 is not between 0 and 40320"]),
    (["export", "--alarm", "9" * 14], 2, ["is not between 0 and 40320"]),
    (["export", "--tz", "Asia/Almaty"], 2, ["--tz applies only with --tzid or --per-day"]),
    (["sessions", "--day"], 2, ["option '--day' requires an argument", "e.g. --day N", "loci sessions -h"]),
    (["today", "--date"], 2, ["option '--date' requires an argument", "e.g. --date DATE", "loci today -h"]),
    (["zones", "--search", "k"], 2, ["'k' is too short to search for", "two letters or more"]),
    (["help", "frobnicate"], 2, ["no such command 'frobnicate'", "the commands are info, days"]),
    (["show", "d1-welcom"], 2, ["there is no session 'd1-welcom'", "did you mean d1-welcome"]),
    (["show", ""], 2, ["there is no session ''"]),
    (["show"], 2, ["missing argument 'ID'", "loci show -h"]),
    (["show", "d1-welcome", "extra"], 2, ["unexpected extra argument", "extra"]),
    (["today", "--date", ""], 2, ["cannot read '' as a date"]),
    (["today", "--date", "someday"], 2, ["cannot read 'someday' as a date"]),
    (["today", "--date", "-1"], 2, ["cannot read '-1' as a date", "give a day and a month"]),
    (["today", "--date", "10"], 2, ["cannot read '10' as a date"]),
    (["today", "--date", "Feb 30 2020"], 2, ["cannot read 'Feb 30 2020'"]),
    (["today", "--date", "0001-01-01"], 2, ["'0001-01-01' is out of range", "1900 and 2999"]),
    (["today", "--date", "9999-12-31"], 2, ["out of range"]),
    (["today", "--date", "99999999999"], 2, ["cannot read '99999999999'"]),
    (["today", "--date", "2020-13-01"], 2, ["'2020-13-01' is not a real date", "month must be in 1..12"]),
    (["today", "--date", "2020/02/30"], 2, ["'2020/02/30' is not a real date"]),
    (["today", "--date", "2020-11"], 2, ["cannot read '2020-11' as a date", "2020-11-10"]),
    # A date with a designator is that date (issue 18); a week without its day is no date.
    (["today", "--date", "2020-W46"], 2, ["cannot read '2020-W46' as a date"]),
    (["today", "--date", "202011"], 2, ["cannot read '202011' as a date"]),
    (["today", "--date", "2021-W53-1"], 2, ["'2021-W53-1' is not a real date"]),
    (["today", "--date", "2021-366"], 2, ["'2021-366' is not a real date"]),
    (["today", "--date", "11/10/2020"], 2, ["can be read as two dates", "2020-10-11 or 2020-11-10"]),
    (["today", "--date", "10-11-2020"], 2, ["can be read as two dates"]),
    (["today", "--date", "2020-11-10T24:30"], 2, ["not a real time of day"]),
    (["now", "--at", "11/10/2020 17:10"], 2, ["can be read as two dates"]),
    (["now", "--at", "2020/13/10 10:00"], 2, ["not a real date"]),
    (["now", "--at", ""], 2, ["cannot read '' as a date and time"]),
    (["now", "--at", "half past"], 2, ["cannot read 'half past'"]),
    (["now", "--at", "25:00"], 2, ["cannot read '25:00'"]),
    (["now", "--at", "2020-11-10T12:00+25:00"], 2, ["impossible UTC offset"]),
    (["now", "--at", "9999-12-31T23:59"], 2, ["out of range"]),
    (["now", "--at", "2021-03-28 02:30", "--tz", "Europe/Berlin"], 2, ["2021-03-28 02:30 does not exist in Europe/Berlin"]),
    (["now", "--at", "2021-10-31 02:30", "--tz", "Europe/Berlin"], 2, ["happens twice in Europe/Berlin", "+02:00"]),
    (["export", "-o", ""], 2, ["-o is empty"]),
    (["export", "--split", ""], 2, ["--split is empty"]),
    (["export", "--split", " "], 2, ["--split is empty"]),
    (["info", "--bogus"], 2, ["no such option: --bogus", "loci info -h"]),
    (["--json"], 2, ["no such option: --json", "options go after the command"]),
    (["--tz", "Almaty", "today"], 2, ["no such option: --tz", "options go after the command: loci today --tz Almaty"]),
    (["today", "--timezone", "Almaty"], 2, ["no such option: --timezone", "did you mean --tz?"]),
    (["week"], 2, ["no such command 'week'", "did you mean 'loci days'?"]),
    (["today", "--tz", "Almaty", "--tz", "Tbilisi"], 2, ["--tz is given more than once"]),
    (["today", "--json", "--format", "table"], 2, ["--json and --format table ask for different outputs"]),
    (["frobnicate"], 2, ["no such command 'frobnicate'"]),
    (
        ["export", "--invite", "--organizer", "o@example.org", "--attendee", "a@example.org"],
        2,
        ["14 events chosen", "one REQUEST may hold only one event (RFC 5546 §3.2.2", "--split DIR"],
    ),
    (["export", "--cancel", "--organizer", "o@example.org", "--session", "d1-welcome"], 2, ["--cancel needs at least one attendee"]),
    (["export", "--since", "old.json"], 2, ["--since needs --invite"]),
    (["invite", "--organizer", "o@example.org", "--dry-run"], 2, ["loci invite needs at least one attendee", "--attendees FILE"]),
    (["invite", "--attendee", "a@example.org", "--ssl"], 2, ["--ssl needs --smtp HOST"]),
    (["invite", "--attendee", "a@example.org", "--smtp", "mail.example.org:smtp"], 2, ["'smtp' is not a port"]),
    (["invite", "--attendee", "a@example.org", "--smtp", ":25"], 2, ["names no host"]),
    (["invite", "--attendee", "a@example.org", "--smtp", "h", "--ssl", "--starttls"], 2, ["--starttls and --ssl cannot be combined"]),
    (["invite", "--attendee", "a@example.org", "--since", "old.json", "--cancel"], 2, ["--since and --cancel cannot be combined"]),
    (["diff", "/no/such/old.json", "/no/such/new.json"], 1, ["/no/such/old.json: no such file"]),
    (["diff", "old.json"], 2, ["missing argument 'NEW'"]),
]


@pytest.mark.parametrize("args, code, words", [pytest.param(a, c, w, id=" ".join(a) or "''") for a, c, w in BAD_OPTIONS])
def test_bad_option(loci, args, code, words):
    assert_one_line_error(loci(*args), code, words)


@pytest.mark.parametrize(
    "env, code, words",
    [
        ({"LOCI_TZ": "Nope/Zone"}, 2, ["$LOCI_TZ: unknown time zone 'Nope/Zone'"]),
        ({"LOCI_AGENDA": "/nonexistent/agenda.json"}, 1, ["/nonexistent/agenda.json: no such file", "$LOCI_AGENDA"]),
    ],
    ids=["LOCI_TZ", "LOCI_AGENDA"],
)
def test_bad_environment(loci, env, code, words):
    assert_one_line_error(loci("days", env=env), code, words)


def test_no_command_shows_help_on_stderr_and_exits_2(loci):
    result = loci()
    assert result.exit_code == 2 and result.stdout == ""
    assert "Usage: loci" in result.stderr and "Commands" in result.stderr


def test_a_byte_order_mark_is_accepted(loci, write_agenda):
    path = write_agenda(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode())
    result = loci("show", "opening", "--json", "--agenda", str(path))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["start_utc"] == "2021-03-28T08:00:00Z"


HOSTILE = edit(
    lambda a: (
        a.update(title="Summit [live] [/oops]"),
        a["days"][0].update(title="Day [bold]one[/]", theme="[/x]"),
        session(a).update(title="Ring\x07 \x1b[31mred\x1b[0m \x1b]0;pwned\x07 \u202edesrever", lead="\x9b2J"),
    )
)


@pytest.mark.parametrize(
    "args",
    [["sessions"], ["days"], ["today", "--date", "2021-03-28"], ["info"], ["show", "opening"], ["now", "--at", "2021-03-28 10:30"]],
    ids=lambda a: a[0],
)
def test_agenda_text_is_shown_as_text(loci, write_agenda, args):
    """Brackets are not Rich markup, and control characters cannot drive the terminal."""
    path = write_agenda(HOSTILE)
    result = loci(*args, "--tz", "Europe/Berlin", "--agenda", str(path))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x9b" not in result.stdout
    assert "\u202e" not in result.stdout  # a bidi override would turn the rest of the line around
    if args[0] in ("sessions", "days", "today", "info"):
        assert "Summit [live] [/oops]" in result.stdout
    if args[0] in ("sessions", "today", "show"):
        # A one-line field is flattened as it is read: its control characters are gone, the rest is shown.
        assert "Ring [31mred[0m ]0;pwned" in result.stdout


def test_json_keeps_agenda_text_exact(loci, write_agenda):
    path = write_agenda(HOSTILE)
    result = loci("show", "opening", "--json", "--agenda", str(path))
    # Exact but for the control characters a one-line field cannot hold (see docs/agenda-format.md).
    assert json.loads(result.stdout)["title"] == "Ring [31mred[0m ]0;pwned \u202edesrever"


@pytest.mark.slow
def test_huge_agenda_is_read(loci, write_agenda):
    path = write_agenda(make_agenda(5000))
    result = loci("sessions", "--json", "--tz", "Asia/Almaty", "--agenda", str(path))
    assert result.exit_code == 0, result.stderr
    assert sum(len(day["sessions"]) for day in json.loads(result.stdout)) == 5000


# The outbox's journal and control characters in addresses (issue 17): (id, journal bytes or a directory,
# extra args, exit code, words). Each run names an SMTP server that is never reached: the journal is read first.
JOURNAL_FAILURES = [
    (
        "journal invalid UTF-8",
        b'{"message_id": "<a@b>", "recipient": "x@y.z"}\n\xff\n',
        [],
        1,
        ["sent.jsonl:2: not UTF-8 text", "delete that line"],
    ),
    ("journal bad line", b"garbage\n", [], 1, ["sent.jsonl:1: not a JSON record of what was sent", "restore the file"]),
    ("journal a directory", None, [], 1, ["sent.jsonl: is a directory", "loci keeps this file itself"]),
    ("journal on a dry run", b"garbage\n", ["--dry-run"], 1, ["sent.jsonl:1: not a JSON record"]),
]


@pytest.mark.parametrize(("journal", "more", "code", "words"), [pytest.param(*row[1:], id=row[0]) for row in JOURNAL_FAILURES])
def test_a_damaged_journal_is_one_line(loci, tmp_path, journal, more, code, words):
    box = tmp_path / "box"
    box.mkdir()
    if journal is None:
        (box / "sent.jsonl").mkdir()
    else:
        (box / "sent.jsonl").write_bytes(journal)
    args = ["invite", "--organizer", "o@example.org", "--attendee", "a@example.org", "--session", "d1-welcome"]
    result = loci(*args, "--outbox", str(box), "--smtp", "127.0.0.1:9", *more)
    assert_one_line_error(result, code, words)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--attendee", "a@exa\rmple.org"], 2, ["--attendee: 'a@exa\\rmple.org' is not a valid e-mail address", "U+000D"]),
        (["--attendee", "a@example.org\nBcc: b@example.org"], 2, ["--attendee:", "is not a valid e-mail address"]),
        (["--attendee", "Ann <a@exa\nmple.org>"], 2, ["--attendee:", "is not a valid e-mail address"]),
        (["--organizer", "o@example.org\r\n"], 0, []),  # outer whitespace is only trimmed
        (["--organizer", "o@ex\x1bample.org"], 2, ["--organizer:", "is not a valid e-mail address"]),
    ],
    ids=["CR in --attendee", "LF and a header in --attendee", "LF in a named --attendee", "CRLF around --organizer", "ESC in --organizer"],
)
def test_control_characters_in_an_address_are_one_line(loci, tmp_path, args, code, words):
    base = {"--organizer": ["--organizer", "o@example.org"], "--attendee": ["--attendee", "a@example.org"]}
    given = {args[0]: args}
    full = [*given.get("--organizer", base["--organizer"]), *given.get("--attendee", base["--attendee"])]
    result = loci("invite", *full, "--session", "d1-welcome", "--outbox", str(tmp_path / "box"), "--dry-run")
    if code == 0:
        assert result.exit_code == 0, result.stderr
        return
    assert_one_line_error(result, code, words)


def test_control_characters_in_an_attendee_file_address_name_its_line(loci, tmp_path):
    people = tmp_path / "people.csv"
    people.write_bytes(b'name,email\nAnn,ann@example.org\n"Bo\nb",b\rob@example.org\n')
    result = loci("invite", "--organizer", "o@example.org", "--attendees", str(people), "--outbox", str(tmp_path / "box"), "--dry-run")
    assert_one_line_error(result, 1, [f"{people}:3:", "is not a valid e-mail address"])


# --- where loci writes: every OSError from a path the user gave is one line (issue 17) ----------


def _output_loop(tmp_path: Path) -> list[str]:
    (tmp_path / "loop.ics").symlink_to(tmp_path / "loop.ics")
    return ["export", "-o", str(tmp_path / "loop.ics")]


def _site_with_a_link(tmp_path: Path) -> list[str]:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sessions").symlink_to(tmp_path)
    return ["publish", str(tmp_path / "site"), "--force"]


# (id, the command made in tmp_path, words)
BAD_OUTPUTS = [
    ("-o a loop of links", _output_loop, ["loop.ics: is a loop of symbolic links", "hint: point it at a file"]),
    ("-o a name too long", lambda t: ["export", "-o", str(t / ("x" * 300))], ["is a name longer than the file system allows"]),
    ("-o a folder", lambda t: ["export", "-o", str(t), "--force"], ["is a directory", "hint: give a file name"]),
    ("--split a loop of links", lambda t: ["export", "--split", _output_loop(t)[2]], ["is a loop of symbolic links"]),
    ("publish a name too long", lambda t: ["publish", str(t / ("x" * 300))], ["is a name longer than the file system allows"]),
    ("publish a link inside DIR", _site_with_a_link, ["sessions: is a symbolic link", "hint: remove the link"]),
    ("publish a mount point", lambda t: ["publish", "/proc", "--force"], ["/proc: is a mount point", "hint: publish into a folder"]),
]


@pytest.mark.parametrize(("make", "words"), [pytest.param(m, w, id=i) for i, m, w in BAD_OUTPUTS])
def test_bad_output_path(loci, tmp_path, make, words):
    assert_one_line_error(loci(*make(tmp_path)), 1, words)
