"""loci in other languages: the catalogs, the choice of language, CLDR's dates, and what never changes.

The catalogs are read as gettext and Babel read them (the .mo through the standard
library, the .po through Babel, msgfmt where installed); the commands run are the
real ones (``cli/programme.py``'s days and info) with ``--lang`` put on them by
``cli/lang.py``'s decorator, on the real agenda.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from typer.testing import CliRunner, Result

from loci_cli import i18n
from loci_cli.cli import programme, stars
from loci_cli.cli.lang import lang_option
from loci_cli.core import headings
from loci_cli.environment import Environment
from loci_cli.views.words import _COUNTED, plural

ROOT = Path(__file__).resolve().parents[2]


def wall(name: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock time in a zone (this file is also imported by a bare subprocess, without tests/helpers.py)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(name))


TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.ENGLISH]
RUNNER = CliRunner()


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """Each test starts and ends in English: the language is the process's, as in a real run."""
    i18n.set_language("en", {})
    yield
    i18n.set_language("en", {})


def po_path(code: str) -> Path:
    return i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def read_catalog(code: str) -> Catalog:
    with po_path(code).open("rb") as f:
        return read_po(f, locale=code)


def fields(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}", text))


# --- the catalogs ------------------------------------------------------------------------


def test_every_language_has_a_catalog_and_every_catalog_a_language():
    there = sorted(p.name for p in i18n.LOCALE_DIR.iterdir() if p.is_dir())
    assert there == TRANSLATED
    assert set(i18n.NAMES) == set(i18n.LANGUAGES)


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_is_complete_with_no_fuzzy_entry_and_the_same_fields(code):
    catalog = read_catalog(code)
    assert not catalog.fuzzy
    messages = [m for m in catalog if m.id]
    assert len(messages) > 100
    for m in messages:
        assert "fuzzy" not in m.flags, m.id
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        strings = (m.string,) if isinstance(m.string, str) else tuple(m.string)
        assert all(strings), f"{code}: untranslated {m.id!r}"
        # A translation names the same fields as the source, or .format() fails (or drops a value).
        for string in strings:
            assert fields(string) == fields(ids[0]), f"{code}: {m.id!r} -> {string!r}"
    assert not list(catalog.check())


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_has_its_languages_plural_forms(code):
    catalog = read_catalog(code)
    expected = get_plural(code)
    assert (catalog.num_plurals, catalog.plural_expr) == (expected.num_plurals, expected.plural_expr)
    assert catalog.num_plurals == (3 if code in ("ru", "uk") else 2)
    for m in catalog:
        if isinstance(m.id, tuple):
            assert len(m.string) == catalog.num_plurals, m.id


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_compiles_with_msgfmt_without_a_warning(code, tmp_path):
    done = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "loci.mo"), str(po_path(code))], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", done.stderr), done.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_compiled_catalog_is_its_po_as_it_is_now(code):
    """The .mo in the package says what the .po says: run scripts/i18n.sh after editing a .po."""
    with (i18n.LOCALE_DIR / code / "LC_MESSAGES" / "loci.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for m in read_catalog(code):
        if not m.id:
            continue
        if isinstance(m.id, str):
            assert compiled.gettext(m.id) == m.string, m.id
        else:
            for n in (1, 2, 5, 11, 21, 22):
                index = gettext.c2py(read_catalog(code).plural_expr)(n)
                assert compiled.ngettext(m.id[0], m.id[1], n) == m.string[index], (m.id, n)
    assert compiled.info()["plural-forms"] == read_catalog(code).plural_forms


def extracted() -> set[str | tuple[str, str]]:
    """What `pybabel extract -F babel.cfg` finds today: every marked string in the package, and the pending ones."""
    method_map, options_map = parse_mapping_cfg(io.StringIO((ROOT / "babel.cfg").read_text(encoding="utf-8")))
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def test_the_template_and_every_catalog_hold_exactly_the_marked_strings():
    """A string marked in the source (or pending) and missing from the catalogs fails here: run scripts/i18n.sh."""
    marked = extracted()
    assert "Day {number} · {dates} · {title}" in marked and ("{count} session", "{count} sessions") in marked
    with (i18n.LOCALE_DIR / "loci.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    assert template == marked
    for code in TRANSLATED:
        assert {m.id for m in read_catalog(code) if m.id} == marked, code


# --- plurals and words ------------------------------------------------------------------

SESSIONS = {
    "ru": ["1 сессия", "2 сессии", "5 сессий", "11 сессий", "21 сессия", "22 сессии"],
    "uk": ["1 сесія", "2 сесії", "5 сесій", "11 сесій", "21 сесія", "22 сесії"],
    "en": ["1 session", "2 sessions", "5 sessions", "11 sessions", "21 sessions", "22 sessions"],
    "kk": ["1 сессия", "2 сессия", "5 сессия", "11 сессия", "21 сессия", "22 сессия"],
}


@pytest.mark.parametrize("code", sorted(SESSIONS))
def test_counted_sessions_take_the_languages_plural_forms(code):
    with i18n.language(code):
        assert [plural(n, "session") for n in (1, 2, 5, 11, 21, 22)] == SESSIONS[code]


def test_russian_and_ukrainian_decline_every_counted_noun_in_three_forms():
    for code in ("ru", "uk"):
        with i18n.language(code):
            for noun in _COUNTED:
                one, few, many = plural(1, noun), plural(2, noun), plural(5, noun)
                assert plural(21, noun) == one.replace("1", "21", 1)
                assert plural(22, noun) == few.replace("2", "22", 1)
                assert plural(11, noun) == many.replace("5", "11", 1)
                assert len({one.replace("1", "N", 1), many.replace("5", "N", 1)}) == 2 or noun == "person" or code == "uk", (code, noun)


def test_english_counts_are_as_they_always_were():
    assert [plural(1, "copy", "copies"), plural(2, "copy", "copies"), plural(0, "session"), plural(3, "person", "people")] == [
        "1 copy",
        "2 copies",
        "0 sessions",
        "3 people",
    ]
    assert plural(2, "widget") == "2 widgets"  # a noun the catalogs don't know stays English


def test_every_noun_loci_counts_is_in_the_catalogs():
    """words.plural's nouns, as the source passes them: a new one must be added to words._COUNTED."""
    used = set()
    for path in (ROOT / "src" / "loci_cli").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= {noun for _, noun in re.findall(r"plural\(((?:[^()]|\([^()]*\))*?),\s*['\"]([a-z ]+)['\"]", text)}
    assert {"session", "day", "room", "copy", "more problem"} <= used
    # The nouns named through a variable: export's Made.noun, and NotFound.what in the hints.
    used |= {"event", "track"}
    assert used <= set(_COUNTED)


# --- choosing the language -------------------------------------------------------------


@pytest.mark.parametrize(
    "given, environ, expected",
    [
        ("ru", {"LOCI_LANG": "uk", "LANG": "kk_KZ.UTF-8"}, "ru"),  # --lang first
        (None, {"LOCI_LANG": "uk", "LANG": "kk_KZ.UTF-8"}, "uk"),  # then $LOCI_LANG
        (None, {"LANGUAGE": "ka", "LC_ALL": "hy_AM.UTF-8", "LANG": "ru_RU.UTF-8"}, "ka"),  # then gettext's order
        (None, {"LC_ALL": "hy_AM.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "uk_UA.UTF-8"}, "hy"),
        (None, {"LC_MESSAGES": "ru_RU.UTF-8", "LANG": "uk_UA.UTF-8"}, "ru"),
        (None, {"LANG": "uk_UA.UTF-8"}, "uk"),
        (None, {"LANGUAGE": "de:uk:ru", "LANG": "de_DE.UTF-8"}, "uk"),  # the first LANGUAGE entry loci speaks
        (None, {"LANG": "C.UTF-8", "LANGUAGE": ""}, "en"),
        (None, {"LC_ALL": "POSIX", "LANG": "ru_RU.UTF-8"}, "en"),  # C and POSIX mean English
        (None, {"LANG": "de_DE.UTF-8"}, "en"),  # a locale loci doesn't speak: English, quietly
        (None, {}, "en"),
        ("RU-ru", {}, "ru"),
        ("kk_KZ.UTF-8", {}, "kk"),
        ("C", {"LANG": "ru_RU.UTF-8"}, "en"),
        ("", {"LOCI_LANG": "hy"}, "hy"),
    ],
)
def test_the_language_comes_from_lang_then_loci_lang_then_the_locale(given, environ, expected, capsys):
    assert i18n.set_language(given, environ).code == expected
    assert i18n.current().code == expected
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("given, environ", [("xx", {}), (None, {"LOCI_LANG": "de"}), ("fr", {"LANG": "ru_RU.UTF-8"})])
def test_a_language_asked_for_by_name_that_loci_lacks_gives_english_and_one_note(given, environ):
    err = io.StringIO()
    assert i18n.set_language(given, environ, err).code == "en"
    note = err.getvalue()
    assert note.count("\n") == 1 and note.startswith("loci: note: no translation for ") and "using English" in note
    assert "en, hy, ka, kk, ru, uk" in note


def test_a_language_inside_a_block_is_spoken_there_only():
    with i18n.language("ru") as ru:
        assert ru.code == "ru" and i18n._("Venue") == "Место"
        with i18n.language("en"):
            assert i18n._("Venue") == "Venue"
        assert i18n.format_day(date(2020, 11, 10)) == "вт, 10 нояб. 2020\u202fг."
    assert i18n._("Venue") == "Venue"
    with pytest.raises(ValueError, match="no 'xx' translation"):
        i18n.get("xx")


# --- dates and times -------------------------------------------------------------------

DATES = [date(2020, 11, 10), date(2020, 12, 31), date(2021, 1, 1), date(2024, 2, 29), date(2020, 3, 8)]


@pytest.mark.parametrize("on", DATES)
def test_english_dates_are_loci_s_own_strftime(on):
    english = i18n.get("en")
    at = datetime.combine(on, time(9, 5))
    assert english.format_day(on) == on.strftime("%a %d %b %Y")
    assert english.format_day_short(on) == on.strftime("%a %d %b")
    assert english.format_date(on) == on.strftime("%d %b %Y")
    assert english.format_date_short(on) == on.strftime("%d %b")
    assert (english.format_month(on), english.format_year(on)) == (on.strftime("%b"), on.strftime("%Y"))
    assert english.format_time(at) == "09:05" and english.format_day_time(at) == at.strftime("%a %d %b %Y %H:%M")


def test_english_date_ranges_are_the_headings_they_always_were():
    english = i18n.get("en")
    assert english.format_days(date(2020, 11, 10), date(2020, 11, 11)) == "Tue 10–Wed 11 Nov 2020"
    assert english.format_days(date(2020, 11, 30), date(2020, 12, 1)) == "Mon 30 Nov–Tue 01 Dec 2020"
    assert english.format_days(date(2020, 12, 31), date(2021, 1, 1)) == "Thu 31 Dec 2020–Fri 01 Jan 2021"
    start, end = wall("Pacific/Auckland", 2020, 11, 10, 23), wall("Pacific/Auckland", 2020, 11, 11, 2)
    assert headings.day_heading(1, "Showcasing", start, end) == "Day 1 · Tue 10–Wed 11 Nov 2020 · Showcasing"


@pytest.mark.parametrize(
    "code, expected",
    [
        ("ru", "вт, 10 нояб. 2020\u202fг."),  # CLDR keeps the year and its mark together (U+202F)
        ("uk", "вт, 10 лист. 2020\u202fр."),
        ("kk", "2020\u202fж. 10 қар., сс"),
        ("ka", "სამ, 10 ნოე. 2020"),
        ("hy", "2020 թ. նոյ 10, երք"),
    ],
)
def test_other_languages_take_cldr_s_names_and_patterns(code, expected):
    with i18n.language(code):
        assert i18n.format_day(date(2020, 11, 10)) == expected


def test_georgian_and_armenian_dates_are_written_in_their_scripts():
    with i18n.language("ka"):
        georgian = i18n.format_day(date(2020, 11, 10))
    with i18n.language("hy"):
        armenian = i18n.format_day(date(2020, 11, 10))
    assert re.search("[\u10d0-\u10ff]{3}", georgian) and not re.search("[A-Za-z]", georgian)
    assert re.search("[\u0531-\u058f]{3}", armenian) and not re.search("[A-Za-z]", armenian)


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_times_stay_24_hour_in_every_language(code):
    """CLDR's short time is 'HH:mm' for every language loci speaks; an aware time keeps its own wall clock."""
    evening = wall("Asia/Almaty", 2020, 11, 10, 17, 30)
    with i18n.language(code):
        assert i18n.format_time(evening) == "17:30"
        assert i18n.format_time(time(0, 5)) == "00:05"
        assert i18n.format_day_time(evening).endswith("17:30")
        assert i18n.format_days(date(2020, 11, 10), date(2020, 11, 10)) == i18n.format_day(date(2020, 11, 10))


def test_a_day_heading_in_russian_and_the_calendars_in_english():
    start, end = wall("Asia/Almaty", 2020, 11, 10, 17), wall("Asia/Almaty", 2020, 11, 11, 1)
    russian = headings.day_heading(1, "Showcasing", start, end, i18n.get("ru"))
    assert russian == "День 1 · вт, 10 нояб.\xa0— ср, 11 нояб. 2020\u202fг. · Showcasing"
    # Without a language, a heading is English whatever the reader speaks: published calendars must not change.
    with i18n.language("ru"):
        assert headings.day_heading(1, "Showcasing", start, end) == "Day 1 · Tue 10–Wed 11 Nov 2020 · Showcasing"


# --- the commands ----------------------------------------------------------------------


def lang_app() -> typer.Typer:
    """The real days and info commands with --lang, as cli/app.py will attach it."""
    app = typer.Typer()
    app.command("days")(lang_option(programme.days))
    app.command("info")(lang_option(programme.info))
    app.command("days-en")(programme.days)
    app.command("info-en")(programme.info)
    for name, command in (("show", programme.show), ("now", programme.now), ("today", programme.today), ("starred", stars.starred)):
        app.command(name)(lang_option(command))
        app.command(f"{name}-en")(command)
    app.command("star")(lang_option(stars.star))
    return app


def run(*args: str, environ: dict[str, str] | None = None) -> Result:
    env = Environment(environ={"NO_COLOR": "1", **(environ or {})}, columns=100)
    return RUNNER.invoke(lang_app(), list(args), obj=env)


@pytest.mark.parametrize("command", ["days", "info"])
@pytest.mark.parametrize("environ", [{}, {"LANG": "en_GB.UTF-8"}, {"LANG": "C"}, {"LOCI_LANG": "en"}])
def test_english_output_is_byte_identical_to_the_command_without_lang(command, environ):
    plain = run(f"{command}-en", "--tz", "Asia/Almaty")
    english = run(command, "--tz", "Asia/Almaty", environ=environ)
    assert plain.exit_code == english.exit_code == 0
    assert english.stdout == plain.stdout and english.stderr == ""
    assert "Day" in plain.stdout or "Dates:" in plain.stdout


def test_days_in_russian():
    done = run("days", "--tz", "Asia/Almaty", "--lang", "ru")
    assert done.exit_code == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[3].split() == ["День", "Дата", "Asia/Almaty", "CET", "Тема"]
    assert "1   вт, 10 нояб. 2020\u202fг.   17:00–20:00   12:00–15:00   Showcasing" in done.stdout
    assert "4   чт, 19 нояб. 2020\u202fг.   17:00–20:00" in done.stdout


def test_info_in_ukrainian_counts_its_countries_in_ukrainian():
    done = run("info", "--tz", "Asia/Almaty", environ={"LOCI_LANG": "uk"})
    assert done.exit_code == 0
    assert "Дати:       10 лист., 12 лист., 17 лист., 19 лист. 2020\n" in done.stdout
    assert "Час:        17:00–20:00 Asia/Almaty (пояс заходу Europe/Amsterdam)\n" in done.stdout
    assert re.search(r"Країни:     \d+ країн(а|и)? у списку учасників програми", done.stdout)


@pytest.mark.parametrize("code", ["ka", "hy"])
def test_georgian_and_armenian_runs_render_their_scripts(code):
    done = run("days", "--tz", "Asia/Tbilisi" if code == "ka" else "Asia/Yerevan", "--lang", code)
    assert done.exit_code == 0
    script = "[\u10d0-\u10ff]" if code == "ka" else "[\u0531-\u058f]"
    header = done.stdout.splitlines()[3]
    assert len(re.findall(script, header)) >= 6
    day_one = next(line for line in done.stdout.splitlines() if line.strip().startswith("1 "))
    assert re.search(script + "{2}", day_one), day_one


@pytest.mark.parametrize("command", ["days", "info"])
@pytest.mark.parametrize("code", TRANSLATED)
def test_json_is_the_same_bytes_in_every_language(command, code):
    english = run(command, "--json", "--tz", "Asia/Almaty")
    other = run(command, "--json", "--tz", "Asia/Almaty", "--lang", code)
    assert english.exit_code == other.exit_code == 0
    assert other.stdout == english.stdout and english.stdout.startswith(("[", "{"))


def test_an_unknown_lang_gives_english_and_one_note_on_stderr():
    done = run("days", "--tz", "Asia/Almaty", "--lang", "xx")
    assert done.exit_code == 0
    assert done.stdout == run("days-en", "--tz", "Asia/Almaty").stdout
    assert done.stderr == "loci: note: no translation for 'xx'; using English (there are: en, hy, ka, kk, ru, uk)\n"


def test_lang_is_in_the_help_and_the_command_never_sees_it():
    done = RUNNER.invoke(lang_app(), ["days", "--help"], env={"COLUMNS": "200"})
    assert done.exit_code == 0 and "--lang" in done.stdout and "en, hy, ka, kk, ru, uk" in done.stdout

    def taken(lang: str) -> None: ...

    with pytest.raises(TypeError, match="already has a parameter named 'lang'"):
        lang_option(taken)


@pytest.mark.parametrize(
    "args",
    [
        ("show", "d2-plenary"),
        ("now", "--at", "2020-11-10 17:10"),
        ("now", "--at", "2019-11-10 17:10"),
        ("today", "--date", "2020-11-11"),
        ("today", "--date", "2020-11-10", "--search", "no such words"),
    ],
    ids=["show", "now", "now-a-year-before", "today-nothing-on", "today-nothing-matches"],
)
def test_english_show_now_and_notes_are_byte_identical_to_the_commands_without_lang(args):
    command, *rest = args
    plain = run(f"{command}-en", *rest, "--tz", "Asia/Almaty")
    english = run(command, *rest, "--tz", "Asia/Almaty", environ={"LANG": "C"})
    assert plain.exit_code == english.exit_code == 0
    assert (english.stdout, english.stderr) == (plain.stdout, plain.stderr)
    assert plain.stdout or plain.stderr


def test_show_in_russian():
    done = run("show", "d2-plenary", "--tz", "Asia/Almaty", "--lang", "ru")
    assert done.exit_code == 0, done.stderr
    assert "Когда:      чт, 12 нояб. 2020 г. 17:00–17:30 Asia/Almaty\n" in done.stdout
    assert "            12:00–12:30 Europe/Amsterdam (пояс мероприятия)\n" in done.stdout
    assert "\nДень:       " in done.stdout and "\nТип:        " in done.stdout
    assert "ID:         d2-plenary" in done.stdout


def test_now_in_ukrainian():
    done = run("now", "--at", "2020-11-10 17:10", "--tz", "Asia/Almaty", "--lang", "uk")
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "вт, 10 лист. 2020 р., 17:10, пояс Asia/Almaty:"
    assert lines[1].startswith("  Зараз: 17:00–17:30  Welcome, setting the tone, and OC basics [d1-welcome], залишилося ")
    # The labels' column is as wide as the longer label and a space.
    assert lines[2].startswith("  Далі:  17:30–18:30  Celebrating the gains [d1-celebrating-gains], початок через ")
    assert not re.search(r"\b(Now|Next|left|starts in)\b", done.stdout)


def test_a_note_on_stderr_in_russian():
    done = run("today", "--date", "2020-11-11", "--tz", "Asia/Almaty", "--lang", "ru")
    assert done.exit_code == 0
    assert done.stderr.startswith(
        "ср, 11 нояб. 2020 г. в поясе Asia/Almaty ничего нет. Следующий день встречи — день 2, чт, 12 нояб. 2020 г."
    )


def test_the_star_commands_in_russian(tmp_path):
    environ = {"XDG_CONFIG_HOME": str(tmp_path)}
    done = run("star", "d1-welcome", "d2-plenary", "--lang", "ru", environ=environ)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Отмечено: d1-welcome, d2-plenary.\n")
    again = run("star", "d1-welcome", "--lang", "ru", environ=environ)
    assert again.stdout == "Отмечено для «LOCI Regional Meeting»: 2 (список покажет 'loci starred').\n"
    assert again.stderr == "loci: примечание: d1-welcome уже отмечена\n"
    listed = run("starred", "--tz", "Asia/Almaty", "--lang", "ru", environ=environ)
    assert listed.exit_code == 0 and listed.stdout.startswith("LOCI Regional Meeting: отмеченные")
    assert (
        run("starred", "--json", "--tz", "Asia/Almaty", "--lang", "ru", environ=environ).stdout
        == run("starred-en", "--json", "--tz", "Asia/Almaty", environ=environ).stdout
    )


def test_field_labels_fit_the_label_column_in_every_language():
    """views/table.py's field() gives a label 12 columns, its colon and a space included."""
    labels = ["Dates", "Time", "Venue", "Region", "Organisers", "Contacts", "Web", "Countries"]
    labels += ["When", "Day", "Kind", "Speakers", "Lead", "Room", "Where", "Track", "Language", "Link", "ID"]
    for code in i18n.LANGUAGES:
        long = [text for text in (i18n.get(code).gettext(label) for label in labels) if len(text) > 10]
        assert not long, code


# --- start-up --------------------------------------------------------------------------

PROBE = """
import sys
import typer
from typer.testing import CliRunner
from loci_cli import i18n
from loci_cli.cli import programme
from loci_cli.cli.lang import lang_option
from loci_cli.environment import Environment
app = typer.Typer()
app.command("days")(lang_option(programme.days))
app.command("info")(lang_option(programme.info))
done = CliRunner().invoke(app, sys.argv[1:], obj=Environment(environ={environ!r}, columns=100))
assert done.exit_code == 0, done.output
print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'babel', 'rich'}}), sorted(i18n._loaded))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, environ, expected",
    [
        (["days", "--tz", "Asia/Almaty"], {}, "['rich'] ['en']"),
        (["days", "--tz", "Asia/Almaty"], {"LANG": "en_US.UTF-8"}, "['rich'] ['en']"),
        (["days", "--tz", "Asia/Almaty", "--json", "--lang", "en"], {}, "[] ['en']"),
        (["days", "--tz", "Asia/Almaty"], {"LANG": "ru_RU.UTF-8"}, "['babel', 'rich'] ['en', 'ru']"),
    ],
)
def test_english_never_imports_babel_nor_reads_a_catalog(args, environ, expected):
    code = PROBE.format(environ=environ)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "LANG", "LC_"))}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == expected


@pytest.mark.slow
def test_the_installed_script_never_imports_babel_in_english():
    script = shutil.which("loci", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the loci console script is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "LANG", "LC_"))}
    env.update(TZ="UTC", COLUMNS="100", LOCI_CACHE_DIR=os.environ["LOCI_CACHE_DIR"], LANG="C.UTF-8")
    for args in (["days", "--tz", "Asia/Almaty"], ["today", "--tz", "Asia/Almaty", "--date", "2020-11-10"]):
        done = subprocess.run([sys.executable, "-X", "importtime", script, *args], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
        modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
        assert "loci_cli.core.headings" in modules or "loci_cli.views.days" in modules
        assert not {m for m in modules if m.split(".")[0] == "babel"}


# --- every command, as cli/app.py will attach --lang -------------------------------------


def every_command_with_lang() -> typer.Typer:
    """cli/app.py's make_app with ``lang_option`` put on each command: the one line the lead adds there."""
    from importlib import import_module

    from loci_cli.cli.app import FAMILIES, LociCommand

    made = typer.Typer()
    for name in FAMILIES:
        for command in import_module(f"loci_cli.cli.{name}").COMMANDS:
            made.command(cls=LociCommand)(lang_option(command))
    return made


def test_every_command_takes_lang():
    from loci_cli.cli.app import FAMILIES

    app = every_command_with_lang()
    for command in (c for commands in FAMILIES.values() for c in commands):
        done = RUNNER.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert done.exit_code == 0 and "--lang" in done.stdout, command


@pytest.mark.parametrize(
    "args",
    [
        ["today", "--json", "--tz", "Asia/Almaty", "--date", "2020-11-10"],
        ["sessions", "--json", "--tz", "Europe/Kyiv"],
        ["now", "--json", "--at", "2020-11-10T12:10+01:00"],
        ["zones", "--json"],
        ["plan", "--json"],
        ["export"],
        ["export", "--format", "frab-xml"],
        ["export", "--tzid", "--tz", "Asia/Almaty", "--day", "1"],
        ["export", "--per-day", "--tz", "Pacific/Auckland"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("code", ["ru", "ka"])
def test_json_and_files_are_the_same_bytes_in_another_language(args, code):
    app = every_command_with_lang()
    later = datetime(2026, 3, 1, 9, tzinfo=ZoneInfo("UTC"))

    def run_in(environ: dict[str, str]) -> Result:
        env = Environment(environ={"NO_COLOR": "1", "TZ": "UTC", **environ}, clock=lambda: later, columns=100)
        return RUNNER.invoke(app, args, obj=env)

    english, other = run_in({}), run_in({"LOCI_LANG": code})
    assert english.exit_code == other.exit_code == 0, english.output
    assert other.stdout_bytes == english.stdout_bytes and len(english.stdout_bytes) > 100
