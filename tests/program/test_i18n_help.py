"""The command line's own words in the reader's language: help, headings, usage errors, hints (the loci-help domain).

The catalogs are read as gettext and Babel read them; the template is what
scripts/help_strings.py writes from the real command tree (make_app()); the
commands run are the real app's, in-process, with the language from --lang on
the same line, $LOCI_LANG or the locale.
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from typer.testing import CliRunner, Result

from loci_cli import i18n
from loci_cli.cli import helptext
from loci_cli.cli.app import FAMILIES, make_app
from loci_cli.environment import Environment

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.ENGLISH]
COMMANDS = [c for commands in FAMILIES.values() for c in commands]
RUNNER = CliRunner()


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """Each test starts and ends in English: the language is the process's, as in a real run."""
    i18n.set_language("en", {})
    yield
    i18n.set_language("en", {})


def help_strings() -> ModuleType:
    spec = importlib.util.spec_from_file_location("help_strings", ROOT / "scripts" / "help_strings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def po_path(code: str) -> Path:
    return i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{helptext.DOMAIN}.po"


def read_catalog(code: str) -> Catalog:
    with po_path(code).open("rb") as f:
        return read_po(f, locale=code)


def tr(catalog: Catalog, message: str) -> str:
    """The catalog's translation of ``message``."""
    string = catalog[message].string
    assert isinstance(string, str) and string, message
    return string


def fields(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}", text))


def flat(text: str) -> str:
    """Text with its wrapping undone: Click wraps help to the terminal."""
    return " ".join(text.split())


def run(*args: str, environ: dict[str, str] | None = None, width: int = 100) -> Result:
    env = Environment(environ={"NO_COLOR": "1", "TZ": "UTC", **(environ or {})}, columns=width)
    return RUNNER.invoke(make_app(), list(args), obj=env, prog_name="loci", terminal_width=width)


# --- the catalogs ------------------------------------------------------------------------


def test_the_template_is_what_the_command_tree_and_the_marked_strings_say_now():
    """A help text changed, or a string marked H_ anywhere, and the template not rewritten: run scripts/i18n.sh."""
    script = help_strings()
    made = script.template()
    assert (i18n.LOCALE_DIR / "loci-help.pot").read_bytes() == made
    ids = script.messages(made)
    assert "Show one session in full." in ids and "Usage: " in ids and "no such option: {name}" in ids
    # Every option's help of every command is in it.
    tree = {message for message, _where in script.from_tree()}
    assert tree <= ids and len(tree) > 80


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_holds_the_templates_strings_all_translated_with_the_same_fields(code):
    with (i18n.LOCALE_DIR / "loci-help.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    catalog = read_catalog(code)
    assert not catalog.fuzzy
    messages = [m for m in catalog if m.id]
    assert {m.id for m in messages} == template
    for m in messages:
        assert "fuzzy" not in m.flags, m.id
        assert isinstance(m.id, str) and isinstance(m.string, str) and m.string, f"{code}: untranslated {m.id!r}"
        assert fields(m.string) == fields(m.id), f"{code}: {m.id!r} -> {m.string!r}"
        # Paragraphs stay paragraphs, and a trailing space (as in 'Usage: ') stays.
        assert m.string.count("\n\n") == m.id.count("\n\n") and m.string.endswith(" ") == m.id.endswith(" "), m.id
    assert not list(catalog.check())
    # Both domains count alike: the loci domain's plural rule.
    with (i18n.LOCALE_DIR / code / "LC_MESSAGES" / "loci.po").open("rb") as f:
        assert catalog.plural_forms == read_po(f, locale=code).plural_forms


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_compiled_catalog_is_its_po_as_it_is_now(code):
    """The .mo in the package says what the .po says: run scripts/i18n.sh after editing a .po."""
    with (i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{helptext.DOMAIN}.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for m in read_catalog(code):
        if isinstance(m.id, str) and m.id:
            assert compiled.gettext(m.id) == m.string, m.id
    assert compiled.info()["language"] == code


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_compiles_with_msgfmt_without_a_warning(code, tmp_path):
    done = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "h.mo"), str(po_path(code))], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", done.stderr), done.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_command_s_first_sentence_is_whole_in_the_commands_list(code):
    """Click cuts a command's short help at the first word ending in '.': an abbreviation ('см.') would cut it short."""
    from typer.main import get_command

    catalog = read_catalog(code)
    click_group = get_command(make_app())
    for name, command in click_group.commands.items():  # type: ignore[attr-defined]
        translated = tr(catalog, command.help)
        first = translated.split("\n\n")[0]
        words = first.split()
        assert not any(w.endswith(".") for w in words[:-1]), (code, name, first)


# --- help in the reader's language -----------------------------------------------------


def test_today_s_help_in_russian_shows_russian_option_help():
    done = run("today", "--help", "--lang", "ru")
    assert done.exit_code == 0, done.output
    ru = read_catalog("ru")
    text = flat(done.stdout)
    assert done.stdout.startswith(tr(ru, "Usage: ") + "loci today [OPTIONS]\n")
    assert f"\n{tr(ru, 'Options')}:\n" in done.stdout
    for english in ("Another date, e.g. 2020-11-10 or '10 Nov 2020'. [default: today]", "Show this message and exit."):
        assert flat(tr(ru, english)) in text and english not in text
    assert "Показать эту справку и выйти." in text
    assert done.stderr == ""


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_s_help_is_in_every_language(command, code):
    """Every help string the command shows is its translation, and no English help string is left."""
    from typer.main import get_command

    catalog = read_catalog(code)
    done = run(command, "--help", "--lang", code, width=400)
    assert done.exit_code == 0, done.output
    text = flat(done.stdout)
    clicked = get_command(make_app())
    sub = clicked.commands[command]  # type: ignore[attr-defined]
    shown = [sub.help] + [p.help for p in sub.params if getattr(p, "help", None) and not getattr(p, "hidden", False)]
    for english in shown:
        assert flat(tr(catalog, english)) in text, (code, command, english)
        if len(english) > 30:
            assert flat(english) not in text, (code, command, english)


@pytest.mark.parametrize("code", TRANSLATED)
def test_loci_s_own_help_lists_the_commands_in_the_language(code):
    catalog = read_catalog(code)
    done = run("--help", environ={"LOCI_LANG": code}, width=400)
    assert done.exit_code == 0, done.output
    assert f"\n{tr(catalog, 'Commands')}:\n" in done.stdout
    show = next(line for line in done.stdout.splitlines() if line.strip().startswith("show "))
    assert show.split(None, 1)[1] == tr(catalog, "Show one session in full.")
    assert tr(catalog, "Show loci's and tzdata's versions.") in done.stdout
    assert flat(tr(catalog, make_app().info.epilog or "")) in flat(done.stdout)


@pytest.mark.parametrize(
    "args, environ, expected",
    [
        (["days", "--help"], {"LOCI_LANG": "uk"}, "uk"),
        (["days", "--help"], {"LANG": "kk_KZ.UTF-8"}, "kk"),
        (["days", "--help", "--lang", "ka"], {"LOCI_LANG": "uk"}, "ka"),  # --lang on the line first
        (["days", "--lang=hy", "--help"], {}, "hy"),
        (["help", "days", "--lang", "ru"], {}, "ru"),  # 'loci help COMMAND' speaks it too
        (["days", "--help", "--lang", "en"], {"LOCI_LANG": "ru"}, "en"),
        (["days", "--help"], {"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_help_speaks_lang_on_the_line_then_loci_lang_then_the_locale(args, environ, expected):
    done = run(*args, environ=environ)
    assert done.exit_code == 0, done.output
    english = "List the meeting days with their start and end in your zone."
    said = english if expected == "en" else tr(read_catalog(expected), english)
    assert flat(said) in flat(done.stdout)


def test_english_help_is_click_s_own_and_stays_so_after_another_language():
    """The hook puts the English back: a run in Russian leaves the command tree as Click built it."""
    from typer.main import get_command

    app = make_app()
    env = {"NO_COLOR": "1"}
    before = RUNNER.invoke(app, ["export", "--help"], obj=Environment(environ=env, columns=80), terminal_width=78)
    russian = RUNNER.invoke(app, ["export", "--help", "--lang", "ru"], obj=Environment(environ=env, columns=80), terminal_width=78)
    after = RUNNER.invoke(app, ["export", "--help"], obj=Environment(environ=env, columns=80), terminal_width=78)
    assert before.exit_code == russian.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout and russian.stdout != before.stdout
    assert before.stdout.startswith("Usage: loci export [OPTIONS]\n") and "\nOptions:\n" in before.stdout
    # The page the docs hold is this help, byte for byte (tests/program/test_docs.py checks the page).
    page = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert "\n".join(line.rstrip() for line in before.stdout.splitlines()).strip("\n") in page
    clicked = get_command(make_app())
    assert clicked.commands["export"].help.startswith("Write the agenda as an iCalendar")  # type: ignore[attr-defined]


def test_english_help_reads_no_catalog():
    helptext._catalogs.clear()
    loaded = dict(i18n._loaded)
    i18n._loaded.clear()
    i18n._loaded["en"] = loaded["en"]
    try:
        for args in (["--help"], ["today", "--help"], ["today", "--tzz", "x"], ["frob"]):
            run(*args, environ={"LANG": "C.UTF-8"})
        assert helptext._catalogs == {} and sorted(i18n._loaded) == ["en"]
    finally:
        i18n._loaded.update(loaded)


# --- usage errors and hints -------------------------------------------------------------


def test_a_usage_error_in_russian():
    done = run("today", "--tzz", "Asia/Almaty", "--lang", "ru")
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr == "loci: ошибка: нет такого параметра: --tzz (подсказка: может быть, --tz? см. 'loci today -h')\n"


@pytest.mark.parametrize(
    "args, english",
    [
        (["show"], "loci: error: missing argument 'ID' (hint: see 'loci show -h')\n"),
        (
            ["today", "--tz"],
            "loci: error: option '--tz' requires an argument (hint: give it a value, e.g. --tz ZONE; see 'loci today -h')\n",
        ),
        (["plan", "--top", "x"], "loci: error: invalid value for '--top': 'x' is not a whole number (hint: see 'loci plan -h')\n"),
        (["today", "a", "b"], "loci: error: got unexpected extra argument(s) (a b) (hint: see 'loci today -h')\n"),
        (["week"], "loci: error: no such command 'week' (hint: did you mean 'loci days'? see 'loci -h')\n"),
        (
            ["--tz", "Asia/Almaty", "today"],
            "loci: error: no such option: --tz (hint: options go after the command: loci today --tz Asia/Almaty)\n",
        ),
        (
            ["today", "--tz", "A", "--tz", "B"],
            "loci: error: --tz is given more than once; it takes one value (hint: see 'loci today -h')\n",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
@pytest.mark.parametrize("code", TRANSLATED)
def test_click_s_usage_errors_are_in_the_language_and_english_stays(args, english, code):
    plain = run(*args)
    assert (plain.exit_code, plain.stderr) == (2, english)
    done = run(*args, environ={"LOCI_LANG": code})
    assert done.exit_code == 2 and done.stderr.count("\n") == 1
    loci = i18n.get(code)
    frame = loci.gettext("loci: error: {message}").split("{message}")[0]
    hint = loci.gettext("{message} (hint: {hint})").split("{hint}")[0].replace("{message}", "")
    assert done.stderr.startswith(frame) and hint in done.stderr, done.stderr
    # Only the names, values, metavars and commands stay as typed.
    typed = {"loci", "today", "show", "plan", "days", "week", "almaty", "asia", "zone"}
    words = {w.lower() for w in re.findall(r"\b[a-zA-Z]{4,}\b", done.stderr)} - typed
    assert not words, done.stderr


def test_a_hint_from_messages_py_in_ukrainian():
    done = run("show", "no-such-session", "--lang", "uk")
    assert done.exit_code == run("show", "no-such-session").exit_code != 0
    uk = i18n.get("uk")
    expected = uk.gettext("see the ids with '{command}'").format(command="loci sessions")
    assert done.stderr.startswith(uk.gettext("loci: error: {message}").split("{message}")[0])
    assert done.stderr.endswith(f"{expected})\n"), done.stderr


def test_messages_py_hints_are_the_loci_domain_s_translations():
    from loci_cli.cli.messages import command_hint, line, option_hint
    from loci_cli.core import errors

    with i18n.language("ru"):
        said = line(errors.OutputExists("out.ics"))
        assert said.endswith("(подсказка: " + i18n._("use --force to overwrite it") + ")"), said
        assert command_hint("sesions", ["sessions", "days"]) == "может быть, 'loci sessions'? см. 'loci -h'"
        assert option_hint("--timezone", ["--tz"]) == "может быть, --tz?"
    with i18n.language("en"):
        assert line(errors.OutputExists("out.ics")).endswith("(hint: use --force to overwrite it)")


# --- diff --------------------------------------------------------------------------------


def test_diff_in_russian_keeps_its_columns(tmp_path):
    agenda = json.loads((ROOT / "data" / "agenda.json").read_text(encoding="utf-8"))
    old = tmp_path / "old.json"
    old.write_text(json.dumps(agenda), encoding="utf-8")
    agenda["revision"] = agenda.get("revision", 0) + 1
    sessions = agenda["days"][0]["sessions"]
    sessions[0]["title"] = "Welcome, renamed"
    removed = sessions.pop(1)
    new = tmp_path / "new.json"
    new.write_text(json.dumps(agenda), encoding="utf-8")
    english = run("diff", str(old), str(new), "--tz", "Asia/Almaty")
    russian = run("diff", str(old), str(new), "--tz", "Asia/Almaty", "--lang", "ru")
    assert english.exit_code == russian.exit_code == 3, english.output
    assert f"removed  {removed['id']}" in english.stdout and english.stdout.splitlines()[-1].startswith("2 differences: 0 added, 1 removed")
    ru = i18n.get("ru")
    lines = russian.stdout.splitlines()
    assert lines[-1].startswith("2 различия: ")
    body = [line for line in lines[1:-1] if line.strip()]
    labels = [ru.gettext(kind) for kind in ("removed", "changed")]
    assert [line.split()[0] for line in body] == labels
    # The ids start in one column whatever the labels' lengths.
    assert len({line.index(" d1-") for line in body}) == 1
    assert "День 1" in russian.stdout


def test_peek_lang_reads_the_line_as_click_will():
    assert helptext.peek_lang(["today", "--lang", "ru"]) == "ru"
    assert helptext.peek_lang(["today", "--lang=uk", "--help"]) == "uk"
    assert helptext.peek_lang(["show", "--", "--lang", "ru"]) is None
    assert helptext.peek_lang(["today", "--lang"]) is None


def test_the_script_runs_as_scripts_i18n_sh_runs_it():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "help_strings.py"), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
