"""plan, validate, export, publish, help and the shared notes in Russian; in English, the bytes they always had.

Each command runs whole through the real app (the ``loci`` fixture) on the real
agenda: once with ``--lang ru``, and in English with and without ``--lang en``,
the English pinned as loci wrote it before it spoke other languages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from helpers import ROOT, SCRIPT
from helpers import subprocess_env as environ
from loci_cli import i18n

ROTATE = ("plan", "--rotate", "--tz", "Asia/Almaty", "--tz", "Europe/Kyiv", "--tz", "America/New_York", "--time-limit", "1")


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """The language is the process's, as in a real run: each test starts and ends in English."""
    i18n.set_language("en", {})
    yield
    i18n.set_language("en", {})


def english(loci, *args: str, env: dict[str, str | None] | None = None):
    """The command in English, checked to be the same bytes with --lang en as without it."""
    plain = loci(*args, env=env)
    said = loci(*args, "--lang", "en", env=env)
    assert (said.exit_code, said.stdout, said.stderr) == (plain.exit_code, plain.stdout, plain.stderr)
    return plain


# --- plan -------------------------------------------------------------------------------


def test_plan_in_russian(loci):
    done = loci("plan", "--lang", "ru")
    assert done.exit_code == 0, done.stderr
    text = done.stdout
    # CLDR's narrow no-break space before 'г.'.
    assert text.startswith(
        "LOCI Regional Meeting: самое справедливое окно длиной 3 ч в даты 10, 12, 17 и 19\nнояб. 2020\u202fг. для 18 мест"
    )
    assert "Ранг  Europe/Amsterdam  UTC" in text and "Хуже всех (первая дата)" in text
    assert "все в рабочее время" in text and "← сейчас" in text
    # A rank is a number in Russian (an English ordinal is '25th').
    assert "Сейчас 12:00–15:00: место 25 из 96 вариантов начала; лучший — 08:00–11:00." in text
    assert text.rstrip().endswith("◑ рано или вечером   ☾ ночь (22:00–06:00)")


def test_plan_in_english_is_as_before(loci):
    text = english(loci, "plan").stdout
    assert text.startswith(
        "LOCI Regional Meeting: the fairest 3-hour slot on 10, 12, 17 and 19 Nov 2020 for\n18 places (18 people). Score:"
    )
    assert "Rank  Europe/Amsterdam  UTC          Night  Early  Evening  Worst off (first date)" in text
    assert "Now 12:00–15:00 ranks 25th of 96 start times; the best is 08:00–11:00.\n" in text
    assert text.endswith("◑ early or evening   ☾ night (22:00–06:00)\n")


def test_plan_rotation_in_russian_and_in_english(loci):
    russian = loci(*ROTATE, "--lang", "ru").stdout
    assert "Ротация: своё начало для каждой даты" in russian
    assert "вт, 10 нояб.  12:00–15:00" in russian
    assert "Минуты по местам за все даты (ночь / рано / вечер): с ротацией и в 12:00 каждый\nдень" in russian
    assert "(1 другое место: ни в одном варианте)" in russian
    assert "Ни одна ротация не оценивается выше, чем 12:00 каждый день (перебор был полным)." in russian
    text = english(loci, *ROTATE).stdout
    assert "Tue 10 Nov  12:00–15:00" in text
    assert (
        "Place          Rotating       At 12:00\nAlmaty    0 /   0 / 480  0 /   0 / 480\nNew York  0 / 480 /   0  0 / 480 /   0\n"
        "(1 other place: none either way)\nNo rotation ranks before 12:00 every day (the search was exhaustive).\n"
    ) in text


def test_plan_outside_the_window_in_russian_and_in_english(loci):
    russian = " ".join(loci("plan", "--between", "13:00-18:00", "--lang", "ru").stdout.split())
    assert "Сейчас 12:00–15:00: вне --between 13:00-18:00, поэтому это не один из" in russian
    assert "место 1. Лучший — 13:00–16:00." in russian
    text = " ".join(english(loci, "plan", "--between", "13:00-18:00").stdout.split())
    assert "its score would rank it 1st among them. The best is 13:00–16:00." in text


def test_plan_json_is_the_same_in_every_language(loci):
    assert loci("plan", "--json", "--lang", "ru").stdout == loci("plan", "--json").stdout


# --- validate ---------------------------------------------------------------------------


def test_validate_in_russian_and_in_english(loci, write_agenda):
    agenda = str(ROOT / "data" / "agenda.json")
    said = loci("validate", agenda, "--lang", "ru").stdout
    assert said == (f"{agenda}: программа loci без ошибок: LOCI Regional Meeting, 4 дня, 16 сессий; пояс мероприятия Europe/Amsterdam\n")
    assert english(loci, "validate", agenda).stdout == (
        f"{agenda}: a valid loci agenda: LOCI Regional Meeting, 4 days, 16 sessions; event zone Europe/Amsterdam\n"
    )
    minimal = json.loads((ROOT / "tests" / "fixtures" / "minimal.json").read_text(encoding="utf-8"))
    minimal["days"][0]["sessions"][1]["start"] = "10:30"
    overlapping = str(write_agenda(minimal))
    russian = loci("validate", overlapping, "--lang", "ru").stdout
    assert f"{overlapping}: $.days[0].sessions[1].start: предупреждение: " in russian
    assert "без ошибок, но с предупреждениями выше:" in russian
    text = english(loci, "validate", overlapping).stdout
    assert f"{overlapping}: $.days[0].sessions[1].start: warning: starts at 10:30" in text
    assert ": a valid loci agenda with the warnings above: " in text


# --- export and publish -------------------------------------------------------------------


def test_export_notes_in_russian_and_in_english(loci, tmp_path):
    out = str(tmp_path / "fixed.ics")
    done = loci("export", "--tzid", "--tz", "UTC+06:00", "-o", out, "--lang", "ru")
    assert done.stderr.splitlines()[0] == "loci: примечание: UTC+06:00 — фиксированное смещение, а не место: время записано в UTC"
    russian_ics = (tmp_path / "fixed.ics").read_bytes()
    done = english(loci, "export", "--tzid", "--tz", "UTC+06:00", "-o", out, "--force")
    assert done.stderr.splitlines()[0] == "loci: note: UTC+06:00 is a fixed offset, not a place: times are written in UTC"
    # The calendar is the same whatever the language, but for its stamp's second (fixed by the fixture's clock).
    assert (tmp_path / "fixed.ics").read_bytes() == russian_ics


def test_export_split_says_its_files_in_russian_and_in_english(loci, tmp_path):
    done = loci("export", "--split", str(tmp_path / "ru"), "--lang", "ru")
    assert done.exit_code == 0, done.stderr
    assert done.stderr == f"Записано: 14 событий в {tmp_path / 'ru'} (14 файлов)\n"
    plain = loci("export", "--split", str(tmp_path / "en"))
    again = loci("export", "--split", str(tmp_path / "en2"), "--lang", "en")
    assert plain.stderr == f"Wrote 14 events to 14 files in {tmp_path / 'en'}\n"
    assert again.stderr == f"Wrote 14 events to 14 files in {tmp_path / 'en2'}\n"
    assert sorted(p.name for p in (tmp_path / "ru").iterdir()) == sorted(p.name for p in (tmp_path / "en").iterdir())


def test_publish_in_russian_and_in_english(loci, tmp_path):
    done = loci("publish", str(tmp_path / "ru"), "--lang", "ru")
    assert done.exit_code == 0, done.stderr
    assert done.stderr == f"Записано: 23 файла в {tmp_path / 'ru'}; откройте {tmp_path / 'ru' / 'index.html'}\n"
    plain = loci("publish", str(tmp_path / "en"))
    again = loci("publish", str(tmp_path / "en"), "--force", "--lang", "en")
    assert plain.stderr == f"Wrote 23 files to {tmp_path / 'en'}; open {tmp_path / 'en' / 'index.html'}\n"
    assert again.stderr == plain.stderr


# --- the shared options' notes, help, and the filter's words ---------------------------------


def test_option_notes_in_russian_and_in_english(loci):
    said = loci("days", "--format", "loci", "--lang", "ru").stderr
    assert said == "loci: примечание: --format loci задаёт формат программы; так писать устарело, пишите --agenda-format loci\n"
    assert english(loci, "days", "--format", "loci").stderr == (
        "loci: note: --format loci names the agenda's format; that use is deprecated, write --agenda-format loci\n"
    )
    said = loci("days", "--tz", "Europe/Kiev", "--lang", "ru").stderr
    assert said == "loci: примечание: Europe/Kiev — старое название Europe/Kyiv; время то же самое\n"
    assert english(loci, "days", "--tz", "Europe/Kiev").stderr == (
        "loci: note: Europe/Kiev is the old name of Europe/Kyiv; the times are the same\n"
    )
    said = loci("days", "--lang", "ru", env={"TZ": "Nowhere/Land"}).stderr
    assert said.startswith("loci: примечание: $TZ равна 'Nowhere/Land', такого пояса loci не знает; используется ")
    assert english(loci, "days", env={"TZ": "Nowhere/Land"}).stderr.startswith(
        "loci: note: $TZ is 'Nowhere/Land', which names no zone loci knows; using "
    )


def test_help_for_no_such_command_in_russian_and_in_english(loci):
    done = loci("help", "nosuch", "--lang", "ru")
    assert done.exit_code == 2
    assert done.stderr.startswith("loci: ошибка: нет такой команды 'nosuch' (подсказка: команды: info, days,")
    done = english(loci, "help", "nosuch")
    assert done.exit_code == 2
    assert done.stderr.startswith("loci: error: no such command 'nosuch' (hint: the commands are info, days,")


def test_a_filter_is_described_in_russian_and_in_english(loci):
    said = loci("sessions", "--search", "zzzz", "--lang", "ru")
    assert "Ни одна сессия не подходит под условие: поиск 'zzzz'." in said.stdout + said.stderr
    plain = english(loci, "sessions", "--search", "zzzz")
    assert "No session matches search 'zzzz'." in plain.stdout + plain.stderr
    frab = str(ROOT / "tests" / "fixtures" / "frab-nightcon.json")
    said = loci("sessions", "--agenda", frab, "--room", "Hall A", "--search", "zzzz", "--lang", "ru")
    assert "Ни одна сессия не подходит под условие: зал 'Hall A', поиск 'zzzz'." in said.stdout + said.stderr
    plain = english(loci, "sessions", "--agenda", frab, "--room", "Hall A", "--search", "zzzz")
    assert "No session matches room 'Hall A', search 'zzzz'." in plain.stdout + plain.stderr


# --- a standard stream that fails -------------------------------------------------------------


@pytest.mark.skipif(
    SCRIPT is None or shutil.which("sh") is None or not os.path.exists("/dev/full"),
    reason="needs the loci script, a POSIX shell and /dev/full",
)
@pytest.mark.parametrize(
    ("redirect", "russian", "english_line"),
    [
        (
            ">/dev/full",
            "loci: ошибка: не удаётся писать в стандартный вывод: No space left on device "
            "(подсказка: проверьте, куда идёт вывод, например, не переполнен ли диск)",
            "loci: error: cannot write to standard output: No space left on device (hint: check where the output goes, e.g. a full disk)",
        ),
        (
            ">&-",
            "loci: ошибка: standard output is closed (подсказка: направьте вывод куда-нибудь, например '> FILE' или '| less')",
            "loci: error: standard output is closed (hint: give the output somewhere to go, e.g. '> FILE' or '| less')",
        ),
    ],
)
def test_a_failing_stdout_in_russian_and_in_english(redirect, russian, english_line):
    def stderr(lang: str) -> str:
        command = f"'{SCRIPT}' days {lang} {redirect}"
        done = subprocess.run([shutil.which("sh") or "sh", "-c", command], env=environ(), capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        return done.stderr

    assert stderr("--lang ru") == russian + "\n"
    assert stderr("") == stderr("--lang en") == english_line + "\n"


# --- usage errors the actions and options find ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "russian", "english_line"),
    [
        (
            ("plan", "--duration", "5x"),
            "loci: ошибка: не удаётся прочитать '5x' как длительность (подсказка: пишите так: 3h, 90m, 1h30m или 1:30)",
            "loci: error: cannot read '5x' as a length (hint: write it like 3h, 90m, 1h30m or 1:30)",
        ),
        (
            ("export", "-o", "x.ics", "--split", "d"),
            "loci: ошибка: -o и --split нельзя использовать вместе (подсказка: --split DIR записывает каждое событие в отдельный файл в DIR)",
            "loci: error: -o and --split cannot be combined (hint: --split DIR writes one file per event into DIR)",
        ),
        (
            ("export", "--format", "frab", "--day", "1", "--tzid"),
            "loci: ошибка: --day, --tzid не применяются к --format frab (подсказка: расписание frab всегда содержит всю программу, включая перерывы)",
            "loci: error: --day, --tzid do not apply to --format frab (hint: a frab schedule always holds the whole programme, breaks included)",
        ),
        (
            ("export", "--format", "frab", "--day", "1"),
            "loci: ошибка: --day не применяется к --format frab (подсказка: расписание frab всегда содержит всю программу, включая перерывы)",
            "loci: error: --day does not apply to --format frab (hint: a frab schedule always holds the whole programme, breaks included)",
        ),
        (
            ("days", "--format", "nonsense"),
            "loci: ошибка: неизвестный формат вывода 'nonsense' (подсказка: используйте --format table или --format json)",
            "loci: error: unknown output format 'nonsense' (hint: use --format table or --format json)",
        ),
    ],
)
def test_usage_errors_in_russian_and_in_english(loci, args, russian, english_line):
    said = loci(*args, "--lang", "ru")
    assert (said.exit_code, said.stderr) == (2, russian + "\n")
    done = english(loci, *args)
    assert (done.exit_code, done.stderr) == (2, english_line + "\n")


def test_publish_into_a_file_in_russian_and_in_english(loci, tmp_path):
    (tmp_path / "afile").write_text("")
    said = loci("publish", str(tmp_path / "afile"), "--lang", "ru").stderr
    assert said == f"loci: ошибка: {tmp_path / 'afile'}: это файл, а не папка (подсказка: укажите папку для сайта)\n"
    done = english(loci, "publish", str(tmp_path / "afile"))
    assert done.stderr == f"loci: error: {tmp_path / 'afile'}: is a file, not a directory (hint: give a folder for the site)\n"


# --- what a filter or an id names that the agenda has not (core/queries.py) -------------------

FRAB = str(ROOT / "tests" / "fixtures" / "frab-nightcon.json")


@pytest.mark.parametrize(
    ("args", "russian", "english_line"),
    [
        (
            ("show", "nosuch"),
            "loci: ошибка: нет сессии 'nosuch' (подсказка: идентификаторы покажет 'loci sessions')",
            "loci: error: there is no session 'nosuch' (hint: see the ids with 'loci sessions')",
        ),
        (
            ("sessions", "--agenda", FRAB, "--room", "Hal A"),
            "loci: ошибка: нет зала 'Hal A' (подсказка: может быть, 'Hall A', 'Hall B'?)",
            "loci: error: there is no room 'Hal A' (hint: did you mean 'Hall A', 'Hall B'?)",
        ),
        (
            ("export", "--agenda", FRAB, "--held-in", "fr", "-o", "-"),
            "loci: ошибка: нет языка сессий 'fr' (подсказка: языки сессий: 'de', 'en')",
            "loci: error: there is no session language 'fr' (hint: the session languages are 'de', 'en')",
        ),
        (
            ("sessions", "--room", "X"),
            "loci: ошибка: нет зала 'X' (подсказка: в этой программе залы не указаны)",
            "loci: error: there is no room 'X' (hint: this agenda names no rooms)",
        ),
    ],
)
def test_what_the_agenda_has_not_in_russian_and_in_english(loci, args, russian, english_line):
    said = loci(*args, "--lang", "ru")
    assert said.stderr == russian + "\n"
    done = english(loci, *args)
    assert done.stderr == english_line + "\n" and done.exit_code == said.exit_code != 0
