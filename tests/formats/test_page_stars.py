"""The published page's personal schedule and its small truths.

- a star on each session, kept in the browser's localStorage per agenda, across reloads;
- "My sessions", and one .ics of exactly the starred sessions, with the published calendars' UIDs,
  read back by icalendar and vobject;
- a language filter when the sessions are held in more than one language;
- the zone's current name where the browser reports an old one (Asia/Katmandu);
- en-US times ("12:00 PM–12:30 PM GMT+1") that stay inside their column.

The browser tests open the page from file:// in Debian's headless Chromium (/usr/bin/chromium)
through Playwright, with the zone and language set on the browser context; without Chromium they skip.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from helpers import FIXTURES
from loci_cli.formats.load import load_agenda
from loci_cli.formats.page.page import LABELS, render_page, zone_links
from loci_cli.formats.site import build_site, write_site
from realtools import KHAL, browser, khal_in, launch_chromium

NIGHTCON = FIXTURES / "frab-nightcon.json"
STAMP = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
PAGE_JS = Path(__file__).parents[2] / "src" / "loci_cli" / "formats" / "page" / "page.js"


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="loci-data">(.*?)</script>', html, re.DOTALL)
    assert found
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def loci_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("site") / "site"
    write_site(directory, build_site(load_agenda(None, {}), stamp=STAMP))
    return directory


@pytest.fixture(scope="module")
def nightcon_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("nightcon") / "site"
    write_site(directory, build_site(load_agenda(NIGHTCON, {}), stamp=STAMP))
    return directory


def published_events(site: Path) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


# --- without a browser ----------------------------------------------------------------------------


def test_the_zone_links_name_each_old_zone_by_its_current_name():
    links = zone_links()
    assert links["Asia/Katmandu"] == "Asia/Kathmandu"
    assert links["Asia/Calcutta"] == "Asia/Kolkata"
    assert links["Europe/Kiev"] == "Europe/Kyiv"
    # A country's own zone keeps its name (a link in tzdata, but the name people there use).
    assert "Europe/Skopje" not in links
    # Names without a region, and Etc/ zones, are left as the page uses them.
    assert "UTC" not in links and not any(v.startswith("Etc/") for v in links.values())


def test_every_session_but_a_break_carries_its_published_event(loci_site: Path):
    data = page_data((loci_site / "index.html").read_text(encoding="utf-8"))
    published = published_events(loci_site)
    events = {s["key"]: s["event"] for d in data["days"] for s in d["sessions"]}
    breaks = {s["key"] for d in data["days"] for s in d["sessions"] if s["break"]}
    assert breaks and all(events[key] is None for key in breaks)
    carried = {e["uid"]: e for e in events.values() if e}
    assert set(carried) == set(published)
    for uid, event in carried.items():
        assert event["summary"] == str(published[uid]["SUMMARY"])
        assert event["description"] == str(published[uid]["DESCRIPTION"])
        assert event["location"] == str(published[uid]["LOCATION"])
    assert data["agenda"] == "loci-eeca-2020"
    assert data["calendar"]["sequence"] == next(iter(published.values())).decoded("SEQUENCE")


def test_the_languages_are_listed_for_the_filter():
    data = page_data(render_page(load_agenda(NIGHTCON, {})).decode("utf-8"))
    assert sorted(data["languages"]) == ["de", "en"]
    assert page_data(render_page(load_agenda(None, {})).decode("utf-8"))["languages"] == []


def test_every_word_the_script_writes_is_in_the_labels():
    """One place for a translation to replace: the script names labels, and every label is used."""
    script = PAGE_JS.read_text(encoding="utf-8")
    used = set(re.findall(r"\bT\.(\w+)", script)) | set(re.findall(r'say\("(\w+)"', script))
    used |= {k for k in LABELS if re.search(rf'"{k}"', script)}
    assert used == set(LABELS)
    # No English sentence is left in the script's strings.
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', script)
    assert not [s for s in strings if s != "use strict" and re.search(r"[A-Za-z]{3,} [a-z]{2,}", s)]


# --- in the browser -------------------------------------------------------------------------------


class Tab:
    """A page in its own browser context (its own localStorage), with its errors and requests recorded."""

    def __init__(self, context, path: Path):
        self.context = context
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(f"uncaught: {err}"))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type in ("error", "warning") else None)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(".t-local:not([hidden])")

    def visible_ids(self) -> list[str]:
        return self.page.eval_on_selector_all("li.session", "els => els.filter(e => !e.hidden && e.offsetParent).map(e => e.id)")

    def star(self, dom_id: str) -> None:
        self.page.click(f"#{dom_id} button.star")

    def assert_clean(self) -> None:
        assert self.errors == []
        # Nothing from the network: the page and, for a download, the blob it made itself.
        assert self.requests and all(url.startswith(("file://", "blob:")) for url in self.requests), self.requests


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium(
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
    )


@pytest.fixture
def tab(chromium):
    contexts = []

    def open_tab(path: Path, *, zone: str = "Europe/Amsterdam", locale: str = "en-GB", width: int = 1280) -> Tab:
        context = chromium.new_context(timezone_id=zone, locale=locale, viewport={"width": width, "height": 900}, accept_downloads=True)
        contexts.append(context)
        return Tab(context, path)

    yield open_tab
    for context in contexts:
        context.close()


@browser
def test_stars_persist_across_reloads_and_my_sessions_shows_only_them(tab, loci_site: Path):
    page = tab(loci_site / "index.html")
    stars = page.page.locator("button.star")
    # Every session but the breaks has a star.
    assert stars.count() == len(published_events(loci_site))
    page.star("session-d1-welcome")
    page.star("session-d3-plenary")
    assert page.page.get_attribute("#session-d1-welcome button.star", "aria-pressed") == "true"
    page.page.reload()
    page.page.wait_for_selector(".t-local:not([hidden])")
    assert page.page.get_attribute("#session-d1-welcome button.star", "aria-pressed") == "true"
    assert page.page.get_attribute("#session-d1-celebrating-gains button.star", "aria-pressed") == "false"
    assert page.page.evaluate("localStorage.getItem('loci.stars.loci-eeca-2020')") == '["d1-welcome","d3-plenary"]'
    assert page.page.inner_text("#show-mine") == "My sessions (2)"
    page.page.click("#show-mine")
    assert page.visible_ids() == ["session-d1-welcome", "session-d3-plenary"]
    assert not page.page.is_visible("#day-day-2")
    # Unstarring in the view takes the session out of it, and out of storage.
    page.star("session-d3-plenary")
    assert page.visible_ids() == ["session-d1-welcome"]
    page.page.click("#show-all")
    assert len(page.visible_ids()) == page.page.locator("li.session").count()
    page.assert_clean()


@browser
def test_my_sessions_with_nothing_starred_says_how(tab, loci_site: Path):
    page = tab(loci_site / "index.html")
    assert page.page.is_disabled("#mine-ics")
    page.page.click("#show-mine")
    assert page.visible_ids() == []
    assert page.page.inner_text("#mine-note") == LABELS["mineEmpty"]


@browser
def test_starred_ids_an_update_dropped_are_kept_and_counted(tab, loci_site: Path):
    page = tab(loci_site / "index.html")
    page.page.evaluate("localStorage.setItem('loci.stars.loci-eeca-2020', JSON.stringify(['d1-welcome', 'gone-in-revision-2']))")
    page.page.reload()
    page.page.click("#show-mine")
    assert page.visible_ids() == ["session-d1-welcome"]
    assert "1 starred session is no longer in the programme" in page.page.inner_text("#mine-note")
    page.star("session-d1-welcome")
    assert page.page.evaluate("localStorage.getItem('loci.stars.loci-eeca-2020')") == '["gone-in-revision-2"]'


@browser
def test_the_my_sessions_calendar_holds_exactly_the_starred_events(tab, loci_site: Path, tmp_path: Path):
    page = tab(loci_site / "index.html", zone="Asia/Almaty")
    for ident in ("session-d1-welcome", "session-d2-plenary", "session-d4-final-thoughts"):
        page.star(ident)
    with page.page.expect_download() as downloading:
        page.page.click("#mine-ics")
    download = downloading.value
    assert download.suggested_filename == LABELS["mineFile"]
    target = tmp_path / "mine.ics"
    download.save_as(target)
    data = target.read_bytes()
    page.assert_clean()

    # RFC 5545's form: CRLF line ends, no line longer than 75 octets, continuation lines start with a space.
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert any(line.startswith(b" ") for line in data.split(b"\r\n"))

    wanted = {"d1-welcome@loci-eeca-2020", "d2-plenary@loci-eeca-2020", "d4-final-thoughts@loci-eeca-2020"}
    calendar = icalendar.Calendar.from_ical(data)
    events: dict[str, Any] = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == wanted
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    published = published_events(loci_site)
    for uid, event in events.items():
        same = published[uid]
        for key in ("SUMMARY", "DESCRIPTION", "LOCATION", "SEQUENCE", "STATUS"):
            assert str(event[key]) == str(same[key]), key
        assert event.decoded("DTSTART") == same.decoded("DTSTART")
        assert event.decoded("DTEND") == same.decoded("DTEND")
        assert event.decoded("DTSTART").tzinfo is not None
        assert event.categories == same.categories and event.categories
    # 11:00 UTC on 10 Nov 2020, whatever zone the browser was in.
    assert events["d1-welcome@loci-eeca-2020"].decoded("DTSTART") == datetime(2020, 11, 10, 11, tzinfo=timezone.utc)

    parsed = vobject.readOne(data.decode("utf-8"))
    read = {e.uid.value: e for e in parsed.vevent_list}
    assert set(read) == wanted
    assert read["d1-welcome@loci-eeca-2020"].summary.value == "Welcome, setting the tone, and OC basics"
    assert read["d1-welcome@loci-eeca-2020"].description.value == str(published["d1-welcome@loci-eeca-2020"]["DESCRIPTION"])


@browser
def test_text_that_needs_escaping_and_folding_round_trips(tab, write_agenda, tmp_path: Path):
    data = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))
    session = data["days"][0]["sessions"][0]
    session["title"] = "Comma, semicolon; backslash \\ and a very long title in Кириллица, ქართული and Հայերեն " * 2
    session["description"] = "Line one\nLine two, with ; and \\ and 🎉 emoji " * 4
    site = tmp_path / "site"
    write_site(site, build_site(load_agenda(write_agenda(data), {}), stamp=STAMP))
    page = tab(site / "index.html")
    (ident,) = page.page.eval_on_selector_all("li.session:not(.break)", "els => els.map(e => e.id)")[:1]
    page.star(ident)
    with page.page.expect_download() as downloading:
        page.page.click("#mine-ics")
    target = tmp_path / "mine.ics"
    downloading.value.save_as(target)
    raw = target.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # no character was cut in two by folding
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == session["title"]
    assert str(event["DESCRIPTION"]).startswith(session["description"].strip())
    (again,) = vobject.readOne(raw.decode("utf-8")).vevent_list
    assert again.summary.value == str(event["SUMMARY"])
    assert again.description.value == str(event["DESCRIPTION"])


@browser
def test_stars_are_kept_per_agenda(tab, loci_site: Path, nightcon_site: Path):
    # Both pages are file:// (one origin, one localStorage): the agenda's id keeps the lists apart.
    page = tab(loci_site / "index.html")
    page.star("session-d1-welcome")
    page.page.goto((nightcon_site / "index.html").as_uri())
    page.page.wait_for_selector(".t-local:not([hidden])")
    assert page.page.inner_text("#show-mine") == "My sessions (0)"
    page.page.goto((loci_site / "index.html").as_uri())
    page.page.wait_for_selector(".t-local:not([hidden])")
    assert page.page.inner_text("#show-mine") == "My sessions (1)"


@browser
def test_the_language_filter_shows_the_sessions_held_in_one_language(tab, nightcon_site: Path):
    page = tab(nightcon_site / "index.html")
    options = page.page.eval_on_selector_all("#held-in option", "os => os.map(o => o.value)")
    assert options == ["", "en", "de"] or options == ["", "de", "en"]
    agenda = load_agenda(NIGHTCON, {})
    german = [s.id for _, s in agenda.sessions() if s.language == "de"]
    page.page.select_option("#held-in", "de")
    visible = page.visible_ids()
    assert len(visible) == len(german) == 1
    page.page.select_option("#held-in", "")
    assert len(page.visible_ids()) == len(agenda.sessions())
    page.assert_clean()


@browser
def test_no_language_filter_with_one_language_or_none(tab, loci_site: Path):
    page = tab(loci_site / "index.html")
    assert page.page.locator("#held-in").count() == 0


@browser
@pytest.mark.parametrize(("reported", "shown"), [("Asia/Katmandu", "Asia/Kathmandu"), ("Asia/Calcutta", "Asia/Kolkata")])
def test_the_zone_is_shown_by_its_current_name(tab, loci_site: Path, reported: str, shown: str):
    page = tab(loci_site / "index.html", zone=reported)
    assert page.page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == reported
    note = page.page.inner_text("#zone-note")
    assert f"your zone, {shown}" in note and reported not in note
    assert page.page.input_value("#tz") == shown
    offered = page.page.eval_on_selector_all("#tz option", "os => os.map(o => o.value)")
    assert reported not in offered and offered.count(shown) == 1
    assert "Asia/Kolkata" in offered and "Asia/Calcutta" not in offered
    # 11:00 UTC is 16:45 in Kathmandu (UTC+05:45), 16:30 in Kolkata.
    assert page.page.inner_text("#session-d1-welcome .t-local time") in ("16:45–17:15", "16:30–17:00")
    page.assert_clean()


@browser
@pytest.mark.parametrize("width", [1280, 900, 700, 360])
def test_en_us_times_stay_inside_their_column(tab, loci_site: Path, width: int):
    page = tab(loci_site / "index.html", zone="Asia/Kolkata", locale="en-US", width=width)
    sample = page.page.inner_text("#session-d1-welcome .t-event")
    assert re.search(r"12:00\s?PM–12:30\s?PM GMT\+1", sample), sample
    overflowing = page.page.evaluate(
        """() => Array.from(document.querySelectorAll("li.session")).filter(li => {
             const when = li.querySelector(".when"), what = li.querySelector(".what");
             const box = when.getBoundingClientRect();
             const inside = Array.from(when.querySelectorAll("*")).every(el => {
               // Labels for screen readers are placed off the page on purpose.
               if (getComputedStyle(el).position === "absolute") return true;
               const r = el.getBoundingClientRect();
               return r.width === 0 || (r.right <= box.right + 0.5 && r.left >= box.left - 0.5);
             });
             const beside = getComputedStyle(li).gridTemplateColumns.split(" ").length > 1;
             return !inside || when.scrollWidth > when.clientWidth + 1
               || (beside && box.right > what.getBoundingClientRect().left + 0.5);
           }).map(li => li.id)"""
    )
    assert overflowing == []
    page.assert_clean()


@browser
@pytest.mark.skipif(KHAL is None, reason="khal is not installed (it is in the test extra: pip install -e '.[test]')")
def test_my_sessions_import_into_khal_and_the_published_update_replaces_them(tab, agenda_data: dict, write_agenda, tmp_path: Path):
    first = tmp_path / "v1"
    write_site(first, build_site(load_agenda(write_agenda(agenda_data, name="v1.json"), {}), stamp=STAMP))
    page = tab(first / "index.html")
    page.star("session-d1-welcome")
    page.star("session-d1-wrap-up")
    with page.page.expect_download() as downloading:
        page.page.click("#mine-ics")
    mine = tmp_path / "mine.ics"
    downloading.value.save_as(mine)

    # Revision 2 moves the wrap-up; its published calendar is what a participant imports next.
    changed = copy.deepcopy(agenda_data)
    changed["revision"] = 2
    wrap = next(s for s in changed["days"][0]["sessions"] if s["id"] == "d1-wrap-up")
    wrap.update(start="15:00", end="15:30", title="Wrap up and next steps")
    second = tmp_path / "v2"
    write_site(second, build_site(load_agenda(write_agenda(changed, name="v2.json"), {}), stamp=STAMP))

    khal = khal_in(tmp_path)

    def listed() -> list[str]:
        return khal("list", "--format", "{start-time}-{end-time} {title}", "2020-11-10", "2d").splitlines()[1:]

    khal("import", "--batch", str(mine))
    # 12:00 and 14:30 in Amsterdam (UTC+1) are 17:00 and 19:30 in Almaty (UTC+6).
    assert listed() == ["17:00-17:30 Welcome, setting the tone, and OC basics", "19:30-20:00 Wrap up"]
    khal("import", "--batch", str(second / "sessions" / "d1-wrap-up.ics"))
    assert listed() == ["17:00-17:30 Welcome, setting the tone, and OC basics", "20:00-20:30 Wrap up and next steps"]
    assert sorted(p.name for p in (tmp_path / "calendar").glob("*.ics")) == [
        "d1-welcome@loci-eeca-2020.ics",
        "d1-wrap-up@loci-eeca-2020.ics",
    ]
