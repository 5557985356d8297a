"""Every output readable: narrow terminals, streams that can't take UTF-8, hostile text,
paragraphs, zones ahead of Europe, a repeated hour, zone search, info, help, completion, now."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers import ALMATY, AUCKLAND, FIXTURES, SYDNEY, TBILISI

NIGHTCON = FIXTURES / "frab-nightcon.json"
MINIMAL = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))
BERLIN = "Europe/Berlin"
TIME_SPAN = re.compile(r"\d\d:\d\d–\d\d:\d\d")


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def words(text: str) -> list[str]:
    return text.split()


def agenda_titles(path: Path | None = None) -> list[str]:
    from loci_cli.formats.load import load_agenda

    agenda = load_agenda(str(path) if path else None, {}, cached=False)
    return [s.title for _, s in agenda.sessions()]


# --- narrow terminals ------------------------------------------------------------------


@pytest.mark.parametrize("columns", [40, 50, 60, 80, 100])
@pytest.mark.parametrize(
    "args",
    [
        ["sessions", "--tz", ALMATY],
        ["today", "--tz", SYDNEY, "--date", "2020-11-11"],
        ["sessions", "--tz", ALMATY, "--agenda", str(NIGHTCON)],
        ["sessions", "--by-room", "--agenda", str(NIGHTCON)],
    ],
    ids=["loci", "sydney", "frab-rooms", "frab-by-room"],
)
def test_no_title_is_dropped_or_cut_at_any_width(loci, args, columns):
    text = ok(loci(*args, env={"COLUMNS": str(columns)})).stdout
    assert max(len(line) for line in text.splitlines()) <= columns
    assert "…" not in text
    found = set(words(text))
    shown = json.loads(ok(loci(*args, "--json")).stdout)
    for title in [s["title"] for day in shown for s in day["sessions"]]:
        # A title may wrap, but every word of it is there whole.
        for word in words(title):
            assert word in found, (title, word, columns)


def test_below_the_table_width_sessions_stack_as_blocks(loci):
    text = ok(loci("today", "--tz", ALMATY, "--date", "2020-11-10", env={"COLUMNS": "40"})).stdout
    assert "Session" not in text  # no table header
    blocks = text.split("\n\n")[2:]
    assert len(blocks) == 5
    # The first: local time with the event zone's, then the title, then id and kind.
    # 12:00 CET is 11:00 UTC, 17:00 in Almaty (UTC+6 in 2020).
    assert blocks[0].splitlines() == [
        "17:00–17:30 (12:00–12:30 CET)",
        "  Welcome, setting the tone, and OC",
        "  basics",
        "  d1-welcome · plenary",
    ]


def test_stacked_blocks_name_the_room(loci):
    text = ok(loci("sessions", "--agenda", str(NIGHTCON), "--day", "1", env={"COLUMNS": "40"})).stdout
    assert "OPEN01 · talk · in Hall A" in text


def test_frab_with_rooms_at_80_columns_keeps_titles_readable(loci):
    text = ok(loci("sessions", "--agenda", str(NIGHTCON), "--tz", "UTC", env={"COLUMNS": "80"})).stdout
    # A table still, and the longest titles keep at least 20 characters a line.
    assert "Session" in text
    assert "Writing a frab schedule" in text and "Owls and other late" in text


def test_days_at_40_columns_keeps_day_and_heading(loci):
    text = ok(loci("days", "--tz", ALMATY, env={"COLUMNS": "40"})).stdout
    assert max(len(line) for line in text.splitlines()) <= 40
    for number, heading in [(1, "Showcasing, community building, and networking"), (4, "Spaces for ongoing collaboration")]:
        assert f"Day {number} · " in text
        assert all(word in text for word in words(heading))
    assert "17:00–20:00 (12:00–15:00 CET)" in text


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_zones_matrix_pages_its_columns(loci, columns):
    wide = ok(loci("zones", env={"COLUMNS": "200"})).stdout
    narrow = ok(loci("zones", env={"COLUMNS": str(columns)})).stdout
    assert max(len(line) for line in narrow.splitlines()) <= columns
    # Place names wrap at words but are never cut.
    assert "…" not in narrow
    places = [row["place"] for row in json.loads(ok(loci("zones", "--json")).stdout)["rows"]]
    assert all(word in narrow.split() for place in places for word in place.split())
    # Every cell of the wide table is there, on some page, and every day's header.
    assert len(TIME_SPAN.findall(narrow)) == len(TIME_SPAN.findall(wide)) > 0
    for day in (1, 2, 3, 4):
        assert f"Day {day}" in narrow
    if columns < 80:
        assert narrow.count("Albania") > 1  # the place names repeat on each page


def test_zones_per_session_at_40_columns(loci):
    text = ok(loci("zones", "--day", "1", "--tz", "Kyiv", "--tz", "Almaty", "--tz", "Auckland", env={"COLUMNS": "40"})).stdout
    assert max(len(line) for line in text.splitlines()) <= 40
    # Five sessions, three places: fifteen local starts.
    rows = [line for line in text.splitlines() if line.startswith(("Kyiv", "Almaty", "Auckland"))]
    assert len(re.findall(r"\d\d:\d\d", " ".join(rows))) == 15


TMUX = shutil.which("tmux")
SCRIPT = shutil.which("loci", path=str(Path(sys.executable).parent))


@pytest.mark.slow
@pytest.mark.skipif(TMUX is None or SCRIPT is None, reason="needs tmux and the installed loci script")
@pytest.mark.parametrize("columns", [40, 60, 80])
def test_in_a_real_terminal(tmp_path, columns):
    """tmux gives loci a real terminal of that width: no $COLUMNS, a TTY on stdout."""
    # A server of the test's own (-L), so no other tmux user's sessions or server exits interfere.
    tmux = [TMUX, "-L", f"loci-test-{os.getpid()}-{columns}"]
    out = tmp_path / "done"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TMUX")}
    command = (
        f"{SCRIPT} today --tz {ALMATY} --agenda {NIGHTCON} --date 2024-11-08; "
        f"{SCRIPT} days --tz {ALMATY} --agenda {NIGHTCON}; touch {out}; sleep 30"
    )
    started = subprocess.run(
        [*tmux, "new-session", "-d", "-s", "loci", "-x", str(columns), "-y", "200", command], env=env, capture_output=True, text=True
    )
    assert started.returncode == 0, started.stderr
    try:
        for _ in range(100):
            if out.exists():
                break
            time.sleep(0.1)
        screen = subprocess.run([*tmux, "capture-pane", "-p", "-J", "-S", "-", "-t", "loci"], capture_output=True, text=True).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert out.exists(), screen
    assert "Traceback" not in screen
    assert max(len(line) for line in screen.splitlines()) <= columns
    for title in agenda_titles(NIGHTCON)[:-1]:  # all but the closing party, on Day 2
        assert all(word in screen for word in words(title)), title
    assert "Day 1" in screen and "NightCon" in screen


# --- streams that can't take UTF-8 ------------------------------------------------------


@pytest.mark.parametrize("settings", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}], ids=["ascii", "C-locale"])
@pytest.mark.parametrize(
    "args",
    [
        ["info"],
        ["days"],
        ["sessions", "--day", "1"],
        ["today", "--date", "2020-11-10"],
        ["now", "--at", "2020-11-10T12:10+01:00"],
        ["show", "d1-welcome"],
        ["zones"],
        ["zones", "--day", "1", "--tz", "Auckland"],
        ["zones", "--search", "kazakh"],
        ["validate", "data/agenda.json"],
        ["--help"],
        ["help", "show"],
        ["sessions", "--day", "1", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
@pytest.mark.slow
def test_a_stream_without_utf8_gets_ascii_spellings(settings, args):
    root = Path(__file__).parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(settings, COLUMNS="80", NO_COLOR="1", TZ="UTC")
    result = subprocess.run([sys.executable, "-m", "loci_cli", *args], env=env, cwd=root, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("ascii")  # raises if a byte isn't ASCII
    if args[0] in ("days", "today", "sessions") and "--json" not in args:
        assert "11:00-11:30" in text or "11:00-14:00" in text  # 12:00 CET in UTC, spelt with '-'
    if args[0] == "show":
        assert "Online x The Hague" in text
    if "--json" in args:
        assert json.loads(text)[0]["sessions"][0]["location"] == "Online × The Hague"  # JSON escapes it


@pytest.mark.slow
def test_an_error_on_a_stream_without_utf8(write_agenda):
    path = write_agenda(dict(MINIMAL, title="Démo – “quoted”"))
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONUTF8")}
    env.update(PYTHONIOENCODING="ascii", NO_COLOR="1", TZ="UTC")
    result = subprocess.run([sys.executable, "-m", "loci_cli", "show", "nope–x", "--agenda", str(path)], env=env, capture_output=True)
    assert result.returncode == 2
    line = result.stderr.decode("ascii")
    assert line.startswith("loci: error: there is no session 'nope-x'") and line.count("\n") == 1
    shown = subprocess.run([sys.executable, "-m", "loci_cli", "info", "--agenda", str(path)], env=env, capture_output=True)
    assert shown.returncode == 0 and 'Demo - "quoted"' in shown.stdout.decode("ascii")


# --- control characters ---------------------------------------------------------------


HOSTILE = copy.deepcopy(MINIMAL)
HOSTILE["days"][0]["sessions"][0].update(
    title="Ring\x07 \x1b[31mred\x1b[0m \u202eevil\u202c", description="a\x1bb \u2066c\u2069", location="Room\x1b\u202e"
)


@pytest.mark.parametrize("args", [["sessions"], ["show", "opening"], ["today", "--date", "2021-03-28"]], ids=lambda a: a[0])
def test_bidi_overrides_and_controls_are_shown_escaped(loci, write_agenda, args):
    path = write_agenda(HOSTILE)
    text = ok(loci(*args, "--tz", BERLIN, "--agenda", str(path))).stdout
    for char in "\x07\x1b\u202e\u202c\u2066\u2069":
        assert char not in text
    assert "\\u202eevil\\u202c" in text


def test_ics_text_values_lose_control_characters(loci, write_agenda):
    from icalendar import Calendar

    path = write_agenda(HOSTILE)
    result = ok(loci("export", "--session", "opening", "--agenda", str(path)))
    for char in "\x07\x1b\u202e\u202c\u2066\u2069":
        assert char not in result.stdout
    event = Calendar.from_ical(result.stdout).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Ring [31mred[0m evil"
    assert str(event["LOCATION"]) == "Room"
    assert str(event["DESCRIPTION"]).startswith("ab c\n")


def test_json_keeps_hostile_text_exact(loci, write_agenda):
    path = write_agenda(HOSTILE)
    row = json.loads(ok(loci("show", "opening", "--json", "--agenda", str(path))).stdout)
    # Exact but for the control characters a one-line field loses as it is read (docs/agenda-format.md).
    assert row["title"] == "Ring [31mred[0m \u202eevil\u202c"
    assert row["description"] == HOSTILE["days"][0]["sessions"][0]["description"]


# --- show keeps paragraphs --------------------------------------------------------------


def test_show_keeps_paragraphs_line_breaks_and_lists(loci, write_agenda):
    agenda = copy.deepcopy(MINIMAL)
    agenda["days"][0]["sessions"][0]["description"] = (
        "First paragraph.\nA line of its own.\n\nWe will cover:\n"
        "- the first item, which is long enough that it has to wrap onto a second line at seventy-eight\n"
        "- the second item\n\n1. numbered\n2. too"
    )
    text = ok(loci("show", "opening", "--agenda", str(write_agenda(agenda)), env={"COLUMNS": "100"})).stdout
    tail = re.split(r"ID: +opening\n\n", text, maxsplit=1)[1].splitlines()
    assert tail[:4] == ["First paragraph.", "A line of its own.", "", "We will cover:"]
    assert tail[4].startswith("- the first item") and len(tail[4]) <= 78
    assert tail[5].startswith("  ") and not tail[5].startswith("   ")  # hangs under the item's text
    assert tail[6] == "- the second item"
    assert tail[7:] == ["", "1. numbered", "2. too"]


def test_show_keeps_frab_abstract_and_description_apart(loci):
    text = ok(loci("show", "MIDNT1", "--agenda", str(NIGHTCON))).stdout
    assert "Clocks, calendars and the people who keep them.\n\nA long evening ends after midnight." in text


# --- zones ahead of Europe, a repeated hour ------------------------------------------------


def test_day_heading_shows_the_local_date_in_auckland(loci):
    # Day 1 is 12:00–15:00 CET on Tue 10 Nov: 11:00–14:00 UTC, 00:00–03:00 on Wed 11 Nov at UTC+13.
    text = ok(loci("today", "--tz", AUCKLAND, "--date", "2020-11-11")).stdout
    assert "Day 1 · Wed 11 Nov 2020 · Showcasing" in text
    assert "Tue 10 Nov" not in text


def test_day_heading_names_both_dates_in_sydney(loci):
    # 11:00–14:00 UTC is 22:00 Tue to 01:00 Wed at UTC+11.
    text = ok(loci("today", "--tz", SYDNEY, "--date", "2020-11-11")).stdout
    assert "Day 1 · Tue 10–Wed 11 Nov 2020 · Showcasing" in text


def repeated_hour_agenda() -> dict:
    agenda = copy.deepcopy(MINIMAL)
    agenda["days"][1]["sessions"] = [
        {"id": "before", "start": "2021-10-31T01:30+02:00", "end": "2021-10-31T02:30+02:00", "title": "Before"},
        {"id": "fold", "start": "2021-10-31T02:30+02:00", "end": "2021-10-31T02:30+01:00", "title": "The repeated hour"},
        {"id": "after", "start": "10:00", "end": "11:00", "title": "After"},
    ]
    return agenda


@pytest.mark.parametrize("columns", ["40", "100"])
def test_a_session_in_the_repeated_hour_names_its_offsets(loci, write_agenda, columns):
    path = write_agenda(repeated_hour_agenda())
    text = ok(loci("sessions", "--day", "2", "--tz", BERLIN, "--agenda", str(path), env={"COLUMNS": columns})).stdout
    # 02:30 CEST (00:30 UTC) to 02:30 CET (01:30 UTC): one hour, two readings of 02:30.
    assert "02:30 CEST–02:30 CET" in text
    assert "02:30–02:30" not in text
    assert "UTC+02:00 / UTC+01:00" in " ".join(text.split())
    if columns == "100":
        assert "CEST/CET" in text  # the event column's header, not one row's abbreviation


def test_show_in_the_repeated_hour(loci, write_agenda):
    path = write_agenda(repeated_hour_agenda())
    text = ok(loci("show", "fold", "--tz", BERLIN, "--agenda", str(path))).stdout
    assert "Sun 31 Oct 2021 02:30 CEST–02:30 CET Europe/Berlin" in text
    almaty = ok(loci("show", "fold", "--tz", ALMATY, "--agenda", str(path))).stdout
    # 00:30–01:30 UTC is 06:30–07:30 in Almaty (UTC+6): one offset there, none named.
    assert "06:30–07:30 Asia/Almaty" in almaty


# --- zones --search ---------------------------------------------------------------------


def test_one_letter_search_says_how_to_search(loci):
    result = loci("zones", "--search", "k")
    assert result.exit_code == 2 and result.stdout == ""
    assert "'k' is too short to search for" in result.stderr and "two letters" in result.stderr


def test_search_results_are_sorted(loci):
    rows = json.loads(ok(loci("zones", "--search", "kazakh", "--json")).stdout)
    keys = [r["timezone"] for r in rows]
    assert keys == sorted(keys) and len(keys) == 7
    stans = json.loads(ok(loci("zones", "--search", "stan", "--json")).stdout)
    order = [(r["country"] or "~", r["timezone"]) for r in stans]
    assert order == sorted(order) and {"Kazakhstan", "Pakistan", "Uzbekistan"} <= {c for c, _ in order}


def test_search_country_is_not_cut_while_there_is_room(loci):
    text = ok(loci("zones", "--search", "georgia", env={"COLUMNS": "120"})).stdout
    assert "South Georgia & the South Sandwich Islands" in text


def test_search_today_header_is_not_one_rows_date(loci):
    # At 23:00 UTC on 1 March, Kiritimati (UTC+14) is already on 2 March, Honolulu still on 1 March.
    late = datetime(2026, 3, 1, 23, 0, tzinfo=timezone.utc)
    text = ok(loci("zones", "--search", "pacific", now=late, env={"COLUMNS": "120"})).stdout
    header = next(line for line in text.splitlines() if "Zone" in line)
    assert header.rstrip().endswith("Today")
    assert re.search(r"Pacific/Kiritimati .*UTC\+14:00 \(Mon 02 Mar\)", text)
    assert re.search(r"Pacific/Honolulu .*UTC-10:00 \(Sun 01 Mar\)", text)
    one_day = ok(loci("zones", "--search", "kazakh")).stdout
    assert "Today 01 Mar 2026" in one_day


# --- info --------------------------------------------------------------------------------


def test_info_time_line_shows_each_days_hours_when_they_differ(loci, write_agenda):
    agenda = copy.deepcopy(MINIMAL)
    agenda["days"][0]["sessions"] = [{"id": "a", "start": "10:00", "end": "12:00", "title": "A"}]
    agenda["days"][1]["sessions"] = [{"id": "b", "start": "14:00", "end": "16:30", "title": "B"}]
    text = ok(loci("info", "--tz", BERLIN, "--agenda", str(write_agenda(agenda)))).stdout
    assert "Time:       Day 1 10:00–12:00, Day 2 14:00–16:30 Europe/Berlin" in text
    same = ok(loci("info", "--tz", TBILISI)).stdout
    assert "Time:       15:00–18:00 Asia/Tbilisi" in same
    # 12:00 CET on the meeting's Tuesdays and Thursdays is 00:00 on Wednesdays and Fridays at UTC+13.
    auckland = ok(loci("info", "--tz", AUCKLAND)).stdout
    assert "Dates:      11 Nov, 13 Nov, 18 Nov, 20 Nov 2020\nTime:       00:00–03:00 Pacific/Auckland" in auckland


def test_info_json_keeps_null_keys_and_has_utc_times(loci):
    info = json.loads(ok(loci("info", "--json", "--tz", TBILISI)).stdout)
    assert all(set(o) == {"name", "short_name", "tagline", "url", "email"} for o in info["organisers"])
    assert all(set(c) == {"name", "organisation", "email"} for c in info["contacts"])
    assert info["organisers"][0]["short_name"] is None  # Hivos has none
    # Day 1 starts 12:00 CET (11:00 UTC); Day 4 ends 15:00 CET (14:00 UTC).
    assert (info["start_utc"], info["end_utc"]) == ("2020-11-10T11:00:00Z", "2020-11-19T14:00:00Z")


# --- help --------------------------------------------------------------------------------


def test_loci_help_is_the_same_as_dash_h(loci):
    assert ok(loci("help")).stdout == ok(loci("--help")).stdout
    assert ok(loci("help", "show")).stdout == ok(loci("show", "--help")).stdout
    unknown = loci("help", "frobnicate")
    assert unknown.exit_code == 2 and "no such command 'frobnicate'" in unknown.stderr and "sessions" in unknown.stderr


def test_help_summaries_are_whole_and_usage_shows_plain_metavars(loci):
    text = ok(loci("--help", env={"COLUMNS": "80"})).stdout.split("Commands:", 1)[1]
    assert "..." not in text
    assert "organisers, contacts and" in text and "about text." in text
    assert "Usage: loci show [OPTIONS] ID\n" in ok(loci("show", "-h")).stdout
    assert "Usage: loci validate [OPTIONS] FILE\n" in ok(loci("validate", "-h")).stdout


def test_search_help_names_every_field_searched(loci, write_agenda):
    """Each field, holding a word of its own, is found by --search, and the help names it."""
    fields = {
        "id": "xid",
        "title": "xtitle",
        "description": "xdescription",
        "kind": "xkind",
        "lead": "xlead",
        "speakers": ["xspeakers"],
        "room": "xroom",
        "track": "xtrack",
        "location": "xlocation",
    }
    agenda = copy.deepcopy(MINIMAL)
    agenda["days"][0]["sessions"][0].update(fields)
    path = str(write_agenda(agenda))
    help_text = " ".join(ok(loci("sessions", "-h", env={"COLUMNS": "200"})).stdout.split())
    for field in fields:
        result = ok(loci("sessions", "--json", "--search", f"x{field}", "--agenda", path))
        assert [s["id"] for d in json.loads(result.stdout) for s in d["sessions"]] == ["xid"], field
        assert field in help_text.split("--search TEXT", 1)[1].split("--", 1)[0], field


# --- shell completion ---------------------------------------------------------------------


def complete(words: str, agenda: str | None = None) -> tuple[list[str], float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOCI_AGENDA")}
    env.update(_LOCI_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    begin = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "loci_cli"], env=env, capture_output=True, text=True)
    took = time.perf_counter() - begin
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout.split(), took


@pytest.mark.slow
def test_completion_of_session_ids_days_zones_rooms_and_tracks():
    from loci_cli.formats.load import load_agenda

    ids = [s.id for _, s in load_agenda(None, {}, cached=False).sessions()]
    assert complete("loci show d1-w")[0] == [i for i in ids if i.startswith("d1-w")]
    assert complete("loci sessions --day ")[0] == ["1", "2", "3", "4"]
    assert "Asia/Almaty" in complete("loci today --tz Asia/Al")[0]
    assert complete("loci zones --tz almat")[0] == ["almaty"]  # --tz takes a city in any case
    assert complete(f"loci sessions --agenda {NIGHTCON} --room H")[0] == ["Hall", "A", "Hall", "B"]
    assert complete(f"loci sessions --agenda {NIGHTCON} --track ")[0] == ["Community", "Engineering"]
    assert complete(f"loci sessions --agenda {NIGHTCON} --held-in ")[0] == ["de", "en"]
    assert complete("loci he")[0] == ["help"]


@pytest.mark.slow
def test_completion_is_quick_and_quiet_on_a_broken_agenda(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert complete(f"loci show --agenda {broken} x")[0] == []
    assert complete("loci show --agenda /no/such/file x")[0] == []
    assert complete("loci show d1-")[0]  # a good agenda after the broken ones still completes


# --- now ------------------------------------------------------------------------------------


def test_now_says_less_than_a_minute(loci):
    # d1-welcome runs 12:00–12:30 CET; at 12:29:30 half a minute is left, and the next starts then.
    text = ok(loci("now", "--tz", "Europe/Amsterdam", "--at", "2020-11-10T12:29:30+01:00")).stdout
    assert "less than a minute left" in text and "starts in less than a minute" in text
    assert "0 min" not in text


def test_now_shows_the_year_of_a_date_in_another_year_than_the_clocks(loci):
    at = ["now", "--tz", "Europe/Kyiv", "--at", "2020-11-12 15:20"]
    later = ok(loci(*at)).stdout  # the clock is in 2026
    assert "Next: Tue 17 Nov 2020 13:00–13:30" in later
    then = ok(loci(*at, now=datetime(2020, 11, 12, 13, 20, tzinfo=timezone.utc))).stdout
    assert "Next: Tue 17 Nov 13:00–13:30" in then
