"""The published page in the visitor's language: its words from loci's catalogs, embedded for every language.

The page picks the first of the browser's languages it has (``navigator.languages``), offers a
switch that this browser remembers (localStorage), and writes dates with the browser's ``Intl``
in the language chosen. It still loads nothing from the network.

The browser tests open the page from file:// in Debian's headless Chromium (/usr/bin/chromium)
through Playwright, with the language set on the browser context; without Chromium they skip.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from loci_cli import i18n
from loci_cli.formats.load import load_agenda
from loci_cli.formats.page.page import LABELS, WORDS, labels, page_words, render_page
from loci_cli.formats.site import build_site, write_site
from realtools import browser, launch_chromium

STAMP = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
#: The browser's language for each of loci's, as a visitor there would have it.
LOCALES = {"en": "en-GB", "ru": "ru-RU", "uk": "uk-UA", "kk": "kk-KZ", "ka": "ka-GE", "hy": "hy-AM"}
#: Labels that are the same in every language on purpose.
SAME_EVERYWHERE = {"mineFile"}
#: In each language's script: what its text is written in, beside digits, punctuation and names.
SCRIPTS = {"ru": "[А-Яа-яЁё]", "uk": "[А-Яа-яІіЇїЄєҐґ]", "kk": "[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]", "ka": "[\u10a0-\u10ff]", "hy": "[\u0530-\u058f]"}


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="loci-data">(.*?)</script>', html, re.DOTALL)
    assert found
    return json.loads(found.group(1))


def fields(text: str) -> list[str]:
    return sorted(re.findall(r"\{(\w+)\}", text))


def english_fragments(texts: dict[str, str] = LABELS) -> list[str]:
    """The English words of every label, cut at its fields: none may be left on a translated page."""
    pieces = []
    for key, text in texts.items():
        if key in SAME_EVERYWHERE:
            continue
        pieces += [p.strip(" .,:()") for p in re.split(r"\{\w+\}", text)]
    pieces += [p.strip(" .,:()") for form in labels(i18n.get("en"))["mineMissing"].values() for p in re.split(r"\{\w+\}", form)]
    # 'UTC' is the same in every language; 'on' and 'at' alone are too short to look for (their labels' other words are).
    return sorted({p for p in pieces if re.search(r"[A-Za-z]{3,}", p) and p != "UTC"}, key=len, reverse=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("site") / "site"
    write_site(directory, build_site(load_agenda(None, {}), stamp=STAMP))
    return directory


# --- without a browser ----------------------------------------------------------------------------


def test_the_page_carries_its_words_in_every_language_from_the_catalogs():
    data = page_data(render_page(load_agenda(None, {})).decode("utf-8"))
    assert list(data["labels"]) == list(i18n.LANGUAGES)
    assert data["languageNames"] == i18n.NAMES
    english = data["labels"]["en"]
    assert {k: v for k, v in english.items() if k != "mineMissing"} == LABELS
    for code, words in data["labels"].items():
        assert set(words) == set(english), code
        for key, text in words.items():
            if key == "mineMissing":
                assert set(text) == {"one", "few", "many", "other"}
                assert all(fields(form) == ["count"] for form in text.values()), code
                continue
            assert fields(text) == fields(english[key]), (code, key)
            if code != "en" and key not in SAME_EVERYWHERE:
                assert text != english[key], (code, key)
                # In the language's own letters, unless it is only fields and punctuation ('{date}, {time}').
                assert re.search(SCRIPTS[code], text) or not re.search(r"\w", re.sub(r"\{\w+\}", "", text)), (code, key)
    # The page's own words, the same way; the count of days by plural category.
    assert list(data["words"]) == list(i18n.LANGUAGES)
    assert {k: v for k, v in data["words"]["en"].items() if k != "dayCount"} == WORDS
    for code, words in data["words"].items():
        assert set(words) == set(data["words"]["en"]), code
        for key, text in words.items():
            if key != "dayCount":
                assert fields(text) == fields(WORDS[key]), (code, key)
    assert data["words"]["ru"]["dayCount"]["many"] == "{count} дней"
    # The counted phrase by CLDR's plural category: Russian's three forms, Armenian's one for 0 and 1.
    ru = data["labels"]["ru"]["mineMissing"]
    assert ru["one"].startswith("{count} отмеченная") and ru["few"].startswith("{count} отмеченные")
    assert ru["many"].startswith("{count} отмеченных")
    assert data["labels"]["en"]["mineMissing"]["one"] == "{count} starred session is no longer in the programme."


# --- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium(
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
    )


@pytest.fixture
def open_page(chromium, site: Path):
    contexts = []

    def opened(locale: str, zone: str = "Asia/Almaty"):
        context = chromium.new_context(timezone_id=zone, locale=locale, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda err: page.errors.append(f"uncaught: {err}"))
        page.on("console", lambda msg: page.errors.append(msg.text) if msg.type in ("error", "warning") else None)
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector(".t-local:not([hidden])")
        return page

    yield opened
    for context in contexts:
        context.close()


def script_text(page) -> str:
    """Everything the script wrote in words: notes, buttons, lists, labels and the stars' names."""
    page.click("#show-mine")  # the note of an empty list
    return page.evaluate(
        """() => {
        const texts = [];
        for (const sel of ['#zone-note', '#mine-bar', '#mine-note', '.lang-switch label']) {
            for (const el of document.querySelectorAll(sel)) texts.push(el.innerText);
        }
        for (const group of document.querySelectorAll('#tz optgroup')) texts.push(group.label);
        for (const option of document.querySelectorAll('#tz option')) texts.push(option.textContent);
        for (const el of document.querySelectorAll('[aria-label], .daymark[title]')) {
            texts.push(el.getAttribute('aria-label') || '', el.getAttribute('title') || '');
        }
        return texts.join('\\n');
    }"""
    )


@browser
@pytest.mark.parametrize("code", list(LOCALES))
def test_the_page_opens_in_the_browsers_language_with_no_english_left(open_page, code):
    page = open_page(LOCALES[code])
    assert page.evaluate("document.documentElement.lang") == code
    assert page.input_value("#page-lang") == code
    written = script_text(page)
    words = labels(i18n.get(code))
    assert words["mineEmpty"] in written
    assert words["showAll"] in written
    if code != "en":
        left = [fragment for fragment in english_fragments() if re.search(rf"\b{re.escape(fragment)}\b", written)]
        assert left == []
        # The dates are the browser's Intl in the same language, when this browser has its CLDR data
        # (Debian's Chromium has none for Kazakh, Georgian or Armenian dates): else in English, never ICU's "M11".
        date = page.inner_text("#day-day-1 .day-date")
        if page.evaluate(f"!/M\\d/.test(new Intl.DateTimeFormat('{code}', {{month: 'long'}}).format(new Date()))"):
            assert re.search(SCRIPTS[code], date), date
        else:
            assert date == "Tuesday, November 10, 2020"
    else:
        assert page.inner_text("#day-day-1 .day-date") == "Tuesday, 10 November 2020"
    # The page's own words too (headings, labels, links), the agenda's text left as it is.
    own = page.evaluate("[...document.querySelectorAll('[data-w]')].map(el => el.textContent).join('\\n')")
    assert page_words(i18n.get(code))["addToCalendar"] in own
    if code != "en":
        assert [fragment for fragment in english_fragments(WORDS) if re.search(rf"\b{re.escape(fragment)}\b", own)] == []
    assert page.errors == []
    assert page.requests and all(url.startswith("file://") for url in page.requests), page.requests


@browser
def test_the_switch_changes_the_language_and_this_browser_keeps_it(open_page):
    page = open_page("en-GB")
    assert page.inner_text("#show-all") == LABELS["showAll"]
    page.select_option("#page-lang", "ru")
    russian = labels(i18n.get("ru"))
    assert page.inner_text("#show-all") == russian["showAll"]
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.evaluate("localStorage.getItem('loci.lang')") == "ru"
    assert "ноября" in page.inner_text("#day-day-1 .day-date")
    assert page.inner_text(".lang-switch label") == russian["language"]
    assert page.text_content("#day-day-1 .day-number") == "День 1"
    assert page.inner_text("#session-d1-welcome .actions a") == "Добавить в календарь"
    # The files beside the page, and the lists' names for screen readers.
    assert page.inner_text(".downloads li:nth-child(2) a") == "Расписание для приложений конференций"
    assert page.get_attribute("nav.contents", "aria-label") == "Дни"
    # The zone picker's groups are said again in the new language.
    assert russian["groupHere"] in page.evaluate("[...document.querySelectorAll('#tz optgroup')].map(g => g.label)")
    page.reload()
    page.wait_for_selector(".t-local:not([hidden])")
    assert page.input_value("#page-lang") == "ru"
    assert page.inner_text("#show-all") == russian["showAll"]
    # Counted by the language's plural rules: 2 and 5 take different forms in Russian.
    for missing, form in ((["gone-1", "gone-2"], "few"), (["a", "b", "c", "d", "e"], "many")):
        page.evaluate(f"localStorage.setItem('loci.stars.loci-eeca-2020', {json.dumps(json.dumps(missing))})")
        page.reload()
        page.wait_for_selector(".t-local:not([hidden])")
        page.click("#show-mine")
        assert russian["mineMissing"][form].format(count=len(missing)) in page.inner_text("#mine-note")
    # Back to English: the page's words and dates follow.
    page.select_option("#page-lang", "en")
    assert page.inner_text("#show-all") == LABELS["showAll"]
    assert page.inner_text("#day-day-1 .day-date") == "Tuesday, 10 November 2020"
    assert page.text_content("#day-day-1 .day-number") == "Day 1"
    # The facts' dots stand between facts, not between the words of one.
    assert page.inner_text(".facts").startswith("Tuesday, 10 November 2020 to Thursday, 19 November 2020 (4 days)")
    dots = "sel => getComputedStyle(document.querySelector(sel), '::before').content"
    assert page.evaluate(f"({dots})('.facts [data-w=dayCount]')") == "none"
    assert page.evaluate(f"({dots})('.facts > span + span')") == '" · "'
    assert page.errors == []
