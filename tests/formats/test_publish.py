"""`loci publish`: the site's files, and its page read as a browser shows it.

The browser tests (marked ``browser``) open the page from file:// in Debian's
headless Chromium (/usr/bin/chromium) through Playwright, with the browser's
zone set by TZ as a visitor's machine would set it. Without Chromium they skip;
`scripts/browser-test` installs it and runs them.

Expected times are worked out by hand in the comments: the LOCI meeting's
12:00 in Europe/Amsterdam on 10 Nov 2020 is 11:00 UTC (CET, UTC+1).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import ALMATY, AUCKLAND, FIXTURES, NEW_YORK
from loci_cli.core.errors import OutputExists
from loci_cli.formats.load import load_agenda
from loci_cli.formats.loci.read import parse_agenda
from loci_cli.formats.loci.write import agenda_document as loci_document
from loci_cli.formats.page.page import browser_zone, render_page
from loci_cli.formats.site import build_site, write_site
from realtools import CHROMIUM, browser

NIGHTCON = FIXTURES / "frab-nightcon.json"
STAMP = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def publish(directory: Path, source: Path | None = None, **kwargs) -> list[Path]:
    agenda = load_agenda(source, {})
    return write_site(directory, build_site(agenda, stamp=STAMP, **kwargs))


# --- reading HTML without a browser ------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The page as a browser without JavaScript shows it: text outside hidden elements, scripts and styles.

    Also collects every tag with its attributes, and the text of each element with an id.
    """

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._stack: list[tuple[str, bool, str | None]] = []  # tag, hides its content, id
        self._texts: dict[str, list[str]] = {}
        self._visible: list[str] = []
        self._script: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        hides = tag in ("script", "style", "template") or "hidden" in attributes
        self._stack.append((tag, hides, attributes.get("id")))
        if attributes.get("id"):
            self._texts[attributes["id"]] = []
        if tag == "script":
            self._script = []
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self._stack:
            name, _, _ = self._stack.pop()
            if name == tag:
                break
        if tag == "script" and self._script is not None:
            attributes, _ = self.scripts[-1]
            self.scripts[-1] = (attributes, "".join(self._script))
            self._script = None
        if tag in ("p", "li", "h1", "h2", "h3", "div", "section"):
            self._visible.append("\n")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if any(hides for _, hides, _ in self._stack):
            return
        self._visible.append(data)
        for _, _, ident in self._stack:
            if ident:
                self._texts[ident].append(data)

    @property
    def text(self) -> str:
        return "".join(self._visible)

    def text_of(self, ident: str) -> str:
        return re.sub(r"\s+", " ", "".join(self._texts[ident])).strip()


@pytest.fixture(scope="module")
def loci_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("site") / "site"
    publish(directory)
    return directory


@pytest.fixture(scope="module")
def nightcon_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("nightcon") / "site"
    publish(directory, NIGHTCON)
    return directory


# --- the files ---------------------------------------------------------------------------


def test_publish_writes_the_page_and_every_format_beside_it(loci_site: Path, agenda_data: dict):
    written = {str(p.relative_to(loci_site)) for p in loci_site.rglob("*") if p.is_file()}
    listed = [s for d in agenda_data["days"] for s in d["sessions"] if s["kind"] != "break"]
    expected = {"index.html", "agenda.ics", "agenda.json", "schedule.json"}
    inner = {f"days/{d['id']}.ics" for d in agenda_data["days"]} | {f"sessions/{s['id']}.ics" for s in listed}
    assert written == expected | inner | {".loci-site.json"}
    # The manifest lists what the site wrote in its subfolders: a republish removes only those.
    assert set(json.loads((loci_site / ".loci-site.json").read_text(encoding="utf-8"))["files"]) == inner
    assert len(listed) == 14  # 16 sessions, two of them breaks


def test_calendars_hold_the_sessions_at_their_instants(loci_site: Path, agenda_data: dict):
    import icalendar

    whole = icalendar.Calendar.from_ical((loci_site / "agenda.ics").read_bytes())
    uids = [str(ev["UID"]) for ev in whole.walk("VEVENT")]
    assert "d1-welcome@loci-eeca-2020" in uids and "d1-break@loci-eeca-2020" not in uids
    assert len(uids) == 14
    day1 = icalendar.Calendar.from_ical((loci_site / "days" / "day-1.ics").read_bytes())
    # Day 1 without its break: welcome, celebrating the gains, OGP, wrap-up.
    assert [str(ev["UID"]).split("@")[0] for ev in day1.walk("VEVENT")] == [
        "d1-welcome",
        "d1-celebrating-gains",
        "d1-ogp-open-contracting",
        "d1-wrap-up",
    ]
    one = icalendar.Calendar.from_ical((loci_site / "sessions" / "d1-welcome.ics").read_bytes())
    (event,) = one.walk("VEVENT")
    # 12:00-12:30 CET (UTC+1) on 10 Nov 2020.
    assert event.decoded("DTSTART") == datetime(2020, 11, 10, 11, 0, tzinfo=timezone.utc)
    assert event.decoded("DTEND") == datetime(2020, 11, 10, 11, 30, tzinfo=timezone.utc)
    assert event.decoded("DTSTAMP") == STAMP


def test_the_calendars_and_frab_schedule_match_loci_export(loci_site: Path, loci, tmp_path: Path):
    # The same builders as `loci export`, so a subscriber's UIDs and guids stay the same.
    out = tmp_path / "export.json"
    result = loci("export", "--format", "frab", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (loci_site / "schedule.json").read_bytes() == out.read_bytes()
    ics = tmp_path / "export.ics"
    assert loci("export", "-o", str(ics), now=STAMP).exit_code == 0
    assert (loci_site / "agenda.ics").read_bytes() == ics.read_bytes()


@pytest.mark.parametrize("source", [None, NIGHTCON], ids=["loci", "frab-nightcon"])
def test_agenda_json_reads_back_to_the_same_programme(source: Path | None, tmp_path: Path):
    agenda = load_agenda(source, {})
    document = loci_document(agenda)
    again = parse_agenda(json.dumps(document))
    assert again.timezone == agenda.timezone

    def programme(a):
        return [(d.id, d.date, s.id, s.title, s.start_at, s.end_at, s.room, s.track, s.kind, tuple(s.speakers)) for d, s in a.sessions()]

    assert programme(again) == programme(agenda)


def test_agenda_json_of_the_loci_agenda_keeps_its_times_of_day(agenda_data: dict):
    document = loci_document(load_agenda(None, {}))
    first = document["days"][0]["sessions"][0]
    assert (first["id"], first["start"], first["end"]) == ("d1-welcome", "12:00", "12:30")
    assert document["participants"] == agenda_data["participants"]


def test_agenda_json_writes_past_midnight_and_repeated_times_with_offsets(write_agenda):
    # 31 Oct 2021: Amsterdam's clocks go from 03:00 CEST back to 02:00 CET, so 02:30 happens twice.
    path = write_agenda(
        {
            "format": "loci-agenda/1",
            "id": "late",
            "title": "Late",
            "timezone": "Europe/Amsterdam",
            "days": [
                {
                    "id": "d",
                    "number": 1,
                    "date": "2021-10-30",
                    "title": "Night",
                    "sessions": [
                        {"id": "a", "start": "23:00", "end": "2021-10-31T02:30+01:00", "title": "Into the night"},
                    ],
                }
            ],
        }
    )
    (session,) = loci_document(load_agenda(path, {}))["days"][0]["sessions"]
    assert session["start"] == "23:00"
    assert session["end"] == "2021-10-31T02:30+01:00"


def test_existing_files_are_not_replaced_without_force(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "agenda.json").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExists) as caught:
        publish(site)
    assert caught.value.where == str(site / "agenda.json")
    # Nothing written, not even the folders for the calendars.
    assert [p.name for p in site.iterdir()] == ["agenda.json"]
    assert (site / "agenda.json").read_text(encoding="utf-8") == "mine"
    write_site(site, build_site(load_agenda(None, {}), stamp=STAMP), force=True)
    assert json.loads((site / "agenda.json").read_text(encoding="utf-8"))["id"] == "loci-eeca-2020"


def test_published_files_are_readable_by_others(loci_site: Path):
    # The site is for a web server: not the 0600 of a private temporary file.
    assert (loci_site / "index.html").stat().st_mode & 0o044 == 0o044


def test_the_xml_schedule_is_written_when_a_writer_is_given(tmp_path: Path):
    seen = []

    def writer(frab: dict) -> bytes:
        seen.append(frab["schedule"]["conference"]["title"])
        return b"<schedule/>"

    publish(tmp_path / "site", frab_xml=writer)
    assert seen == ["LOCI Regional Meeting"]
    assert (tmp_path / "site" / "schedule.xml").read_bytes() == b"<schedule/>"
    assert 'href="schedule.xml"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


# --- the command ------------------------------------------------------------------------


def test_loci_publish_writes_the_site_and_says_where(loci, tmp_path: Path):
    site = tmp_path / "site"
    result = loci("publish", str(site))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Wrote 23 files to {site}; open {site / 'index.html'}\n"  # 5 files + 4 days + 14 sessions
    assert (site / "index.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_loci_publish_refuses_to_replace_files_without_force(loci, tmp_path: Path):
    site = tmp_path / "site"
    assert loci("publish", str(site)).exit_code == 0
    (site / "index.html").write_text("edited", encoding="utf-8")
    again = loci("publish", str(site))
    assert again.exit_code == 1
    assert again.stderr == f"loci: error: {site / 'index.html'}: already exists (hint: use --force to overwrite it)\n"
    assert (site / "index.html").read_text(encoding="utf-8") == "edited"
    forced = loci("publish", str(site), "--force", "--json")
    assert forced.exit_code == 0, forced.stderr
    listed = json.loads(forced.stdout)
    assert listed["directory"] == str(site) and str(site / "index.html") in listed["files"]
    assert (site / "index.html").read_text(encoding="utf-8") != "edited"


def test_loci_publish_reads_any_agenda_and_refuses_a_file_as_the_folder(loci, tmp_path: Path):
    result = loci("publish", str(tmp_path / "night"), "--agenda", str(NIGHTCON))
    assert result.exit_code == 0, result.stderr
    assert "Writing a frab schedule by hand" in (tmp_path / "night" / "index.html").read_text(encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    refused = loci("publish", str(blocker))
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"loci: error: {blocker}: is a file, not a directory")
    assert loci("publish").exit_code == 2


# --- the page without a browser ----------------------------------------------------------


def test_the_page_is_self_contained(loci_site: Path, nightcon_site: Path):
    for site in (loci_site, nightcon_site):
        html = (site / "index.html").read_text(encoding="utf-8")
        page = Page(html)
        for tag, attributes in page.tags:
            if tag in ("script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"):
                for name in ("src", "href", "data", "srcset"):
                    value = attributes.get(name) or ""
                    assert not re.match(r"\s*(https?:)?//", value, re.IGNORECASE), f"<{tag} {name}={value!r}> leaves the page"
        assert not [a for t, a in page.tags if t == "script" and a.get("src")]
        assert not [a for t, a in page.tags if t == "link" and a.get("rel") == "stylesheet"]
        style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
        assert "@import" not in style and "url(" not in style
        assert [a.get("lang") for t, a in page.tags if t == "html"] == ["en"]


def test_without_javascript_the_page_shows_event_zone_and_utc_times(loci_site: Path):
    page = Page((loci_site / "index.html").read_text(encoding="utf-8"))
    welcome = page.text_of("session-d1-welcome")
    # 12:00-12:30 CET is 11:00-11:30 UTC.
    assert "12:00–12:30 CET" in welcome
    assert "11:00–11:30 UTC" in welcome
    assert "Your time" not in welcome  # filled in by the script only
    assert "Europe/Amsterdam" in page.text_of("zone-note")
    assert "Tuesday 10 November 2020" in page.text_of("day-day-1")


def test_without_javascript_summer_times_and_numeric_zones_are_right(write_agenda):
    # 1 Jul 2021 in Amsterdam is CEST, UTC+2; Almaty was UTC+6 in 2021 and tzdata names it "+06".
    summer = write_agenda(
        {
            "format": "loci-agenda/1",
            "id": "summer",
            "title": "Summer",
            "timezone": "Europe/Amsterdam",
            "days": [
                {
                    "id": "d",
                    "number": 1,
                    "date": "2021-07-01",
                    "title": "One",
                    "sessions": [
                        {"id": "a", "start": "12:00", "end": "13:00", "title": "Noon"},
                        {"id": "b", "start": "23:30", "end": "2021-07-02T00:30", "title": "Late"},
                    ],
                }
            ],
        },
        "summer.json",
    )
    page = Page(render_page(load_agenda(summer, {})).decode("utf-8"))
    assert "12:00–13:00 CEST" in page.text_of("session-a") and "10:00–11:00 UTC" in page.text_of("session-a")
    # 23:30 CEST is 21:30 UTC, still on 1 Jul; it ends after midnight in Amsterdam.
    assert "23:30–00:30 CEST" in page.text_of("session-b") and "21:30–22:30 UTC" in page.text_of("session-b")
    almaty = write_agenda(
        {
            "format": "loci-agenda/1",
            "id": "steppe",
            "title": "Steppe",
            "timezone": "Asia/Almaty",
            "days": [
                {
                    "id": "d",
                    "number": 1,
                    "date": "2021-03-01",
                    "title": "One",
                    "sessions": [
                        {"id": "a", "start": "03:00", "end": "04:00", "title": "Dawn"},
                    ],
                }
            ],
        },
        "almaty.json",
    )
    page = Page(render_page(load_agenda(almaty, {})).decode("utf-8"))
    # 03:00 at UTC+6 is 21:00 UTC on the day before, so the UTC line shows that date.
    assert "03:00–04:00 UTC+06:00" in page.text_of("session-a")
    assert "21:00–22:00 UTC (Sun 28 Feb)" in page.text_of("session-a")


def test_fixed_offsets_get_names_that_browsers_know():
    # Etc/GMT names count the POSIX way: Etc/GMT-2 is two hours ahead of UTC.
    assert browser_zone("UTC+02:00") == "Etc/GMT-2"
    assert browser_zone("UTC-03:00") == "Etc/GMT+3"
    assert browser_zone("UTC+05:30") == "+05:30"
    assert browser_zone("UTC+00:00") == "UTC"
    assert browser_zone("Asia/Almaty") == "Asia/Almaty"


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)> & \"quotes\" 'single'"


def test_hostile_agenda_text_is_escaped_everywhere(write_agenda):
    path = write_agenda(
        {
            "format": "loci-agenda/1",
            "id": "evil",
            "title": HOSTILE,
            "subtitle": HOSTILE,
            "venue": HOSTILE,
            "timezone": "Europe/Amsterdam",
            "about": HOSTILE,
            "contacts": [{"name": HOSTILE, "email": 'a@example.org"><script>alert(3)</script>'}],
            "days": [
                {
                    "id": "d",
                    "number": 1,
                    "date": "2021-03-01",
                    "title": HOSTILE,
                    "theme": HOSTILE,
                    "sessions": [
                        {
                            "id": "s",
                            "start": "10:00",
                            "end": "11:00",
                            "title": HOSTILE,
                            "description": HOSTILE,
                            "lead": HOSTILE,
                            "room": HOSTILE,
                            "track": HOSTILE,
                            "speakers": [HOSTILE],
                            "links": [{"url": 'https://example.org/"onmouseover="alert(5)', "title": HOSTILE}],
                        },
                    ],
                }
            ],
        }
    )
    agenda = load_agenda(path, {})
    # An agenda file with a javascript: link is refused when read (test_survey.py); the page
    # guards against one anyway, so it is planted in the checked model here.
    from loci_cli.core.model import Link

    day = agenda.days[0]
    planted = day.sessions[0]._replace(url="javascript:alert(4)", links=(*day.sessions[0].links, Link(" JavaScript:alert(6)", "click")))
    agenda = agenda._replace(days=(day._replace(sessions=(planted,)),))
    html = render_page(agenda).decode("utf-8")
    page = Page(html)
    # Only the page's own two scripts, and no element or handler from the agenda.
    assert len(page.scripts) == 2
    assert not [t for t, _ in page.tags if t == "img"]
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    assert "alert(4)" not in "".join(a.get("href") or "" for _, a in page.tags)
    assert not [a for _, a in page.tags if (a.get("href") or "").strip().lower().startswith("javascript:")]
    # The text reads as written.
    assert HOSTILE in page.text_of("session-s")
    assert page.text.count(HOSTILE) >= 8
    # The data for the script holds the title unchanged once parsed.
    (data,) = [text for attributes, text in page.scripts if attributes.get("type") == "application/json"]
    assert "</" not in data
    assert json.loads(data)["days"][0]["sessions"][0]["title"] == HOSTILE


def test_ids_with_odd_characters_make_plain_file_names_and_links(write_agenda, tmp_path: Path):
    path = write_agenda(
        {
            "format": "loci-agenda/1",
            "id": "odd",
            "title": "Odd",
            "timezone": "UTC",
            "days": [
                {
                    "id": "day:1",
                    "number": 1,
                    "date": "2021-03-01",
                    "title": "One",
                    "sessions": [
                        {"id": "talk:1@room", "start": "10:00", "end": "11:00", "title": "A"},
                        {"id": "Talk-1-room", "start": "11:00", "end": "12:00", "title": "B"},
                        {"id": "talk-1-room", "start": "12:00", "end": "13:00", "title": "C"},
                    ],
                }
            ],
        }
    )
    site = tmp_path / "site"
    write_site(site, build_site(load_agenda(path, {}), stamp=STAMP))
    names = sorted(p.name for p in (site / "sessions").iterdir())
    # Three files whatever the file system's letter case: none replaces another.
    assert len({n.lower() for n in names}) == 3
    page = Page((site / "index.html").read_text(encoding="utf-8"))
    hrefs = [a["href"] for t, a in page.tags if t == "a" and (a.get("href") or "").endswith(".ics")]
    for link in hrefs:
        assert ":" not in link and (site / link).is_file()


# --- in the browser ----------------------------------------------------------------------


OFFLINE_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def playwright():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium (scripts/browser-test does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extra: pip install -e '.[test]'")
    with sync_api.sync_playwright() as driver:
        yield driver


class Visit:
    """One page opened in Chromium under a zone: its errors and every request it made."""

    def __init__(
        self,
        driver,
        path: Path,
        zone: str,
        tmp_path: Path,
        *,
        javascript: bool = True,
        now: datetime | None = None,
        width: int = 1280,
        locale: str = "en-GB",
    ):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.browser = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            # The zone as a visitor's machine sets it; nothing is emulated.
            env={"TZ": zone, "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
            args=[*OFFLINE_FLAGS, f"--lang={locale}"],
        )
        context = self.browser.new_context(java_script_enabled=javascript, locale=locale, viewport={"width": width, "height": 900})
        self.page = context.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(f"uncaught: {err}"))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type in ("error", "warning") else None)
        self.page.on("request", lambda request: self.requests.append(request.url))
        if now is not None:
            self.page.clock.set_fixed_time(now)
        self.page.goto(path.as_uri())
        if javascript:
            self.page.wait_for_selector("#session-d1-welcome .t-local:not([hidden]), .t-local:not([hidden])")
            assert self.page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone

    def text(self, selector: str) -> str:
        return re.sub(r"\s+", " ", self.page.inner_text(selector)).strip()

    def close(self) -> None:
        self.browser.close()

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.requests and all(url.startswith("file://") for url in self.requests), self.requests


@pytest.fixture
def visit(playwright, tmp_path: Path):
    opened: list[Visit] = []

    def open_page(path: Path, zone: str, **kwargs) -> Visit:
        page = Visit(playwright, path, zone, tmp_path, **kwargs)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


@browser
@pytest.mark.parametrize(
    ("zone", "local", "date_mark", "heading"),
    [
        # 11:00 UTC on 10 Nov 2020: UTC+6 in Almaty (before its 2024 change to UTC+5).
        (ALMATY, "17:00–17:30", None, "Tuesday 10 November 2020"),
        # EST, UTC-5: the US left summer time on 1 Nov.
        (NEW_YORK, "06:00–06:30", None, "Tuesday 10 November 2020"),
        # NZDT, UTC+13: midnight, already the 11th.
        (AUCKLAND, "00:00–00:30", "Wed 11 Nov", "Wednesday 11 November 2020"),
    ],
)
def test_each_visitor_sees_day_1_welcome_in_their_own_time(visit, loci_site: Path, zone, local, date_mark, heading):
    page = visit(loci_site / "index.html", zone)
    assert page.text("#session-d1-welcome .t-local time") == local
    mark = page.page.locator("#session-d1-welcome .daymark")
    if date_mark:
        assert mark.inner_text() == f"({date_mark})"
    else:
        assert not mark.is_visible()
    # The event's own time beside it, in its zone.
    assert page.text("#session-d1-welcome .t-event").endswith("12:00–12:30 CET")
    weekday, day_month_year = heading.split(" ", 1)
    assert weekday in page.text("#day-day-1-h") and day_month_year in page.text("#day-day-1-h")
    assert f"your zone, {zone}" in page.text("#zone-note")
    assert page.page.input_value("#tz") == zone
    page.assert_clean()


@browser
def test_the_zone_picker_lists_participants_first_and_converts_on_change(visit, loci_site: Path, agenda_data: dict):
    page = visit(loci_site / "index.html", NEW_YORK)
    offered = page.page.eval_on_selector_all("#tz option", "options => options.map(o => o.value)")
    participants = list(dict.fromkeys(z for p in agenda_data["participants"] for z in p["zones"]))
    assert offered[: len(participants)] == participants
    assert NEW_YORK in offered and "UTC" in offered and len(offered) == len(set(offered))
    # Tbilisi was UTC+4: 11:00 UTC is 15:00.
    page.page.select_option("#tz", "Asia/Tbilisi")
    assert page.text("#session-d1-welcome .t-local time").startswith("15:00–15:30")
    assert page.page.is_visible("#tz-reset")
    page.page.click("#tz-reset")
    assert page.text("#session-d1-welcome .t-local time").startswith("06:00–06:30")
    page.assert_clean()


@browser
def test_the_page_works_by_keyboard(visit, loci_site: Path):
    page = visit(loci_site / "index.html", ALMATY)
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.textContent") == "Skip to the programme"
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "programme"
    page.page.focus("#tz")
    before = page.page.input_value("#tz")
    page.page.keyboard.press("ArrowUp")
    after = page.page.input_value("#tz")
    assert after != before
    # Whatever zone the key chose, the welcome now shows its own time for 11:00 UTC.
    expected = page.page.evaluate(
        "z => new Intl.DateTimeFormat('en-GB', {timeZone: z, hour: '2-digit', minute: '2-digit'})"
        ".format(new Date(Date.UTC(2020, 10, 10, 11)))",
        after,
    )
    assert page.text("#session-d1-welcome .t-local time").startswith(expected)
    page.assert_clean()


@browser
def test_now_and_next_are_marked_in_words_while_the_meeting_runs(visit, loci_site: Path):
    # 11:10 UTC on 10 Nov 2020 is 12:10 in Amsterdam: the welcome runs, the panel is next.
    page = visit(loci_site / "index.html", ALMATY, now=datetime(2020, 11, 10, 11, 10, tzinfo=timezone.utc))
    # Words, not colour alone (the style sheet shows them in capitals).
    assert page.page.text_content("#session-d1-welcome .badge") == "Now"
    assert page.page.get_attribute("#session-d1-welcome", "aria-current") == "time"
    assert page.page.text_content("#session-d1-celebrating-gains .badge") == "Next"
    # Until 17:30 in Almaty (11:30 UTC); the panel at 17:30.
    status = page.text("#status")
    assert "Now: Welcome, setting the tone, and OC basics (until 17:30)" in status
    assert "Next: Celebrating the gains at 17:30" in status
    assert not page.page.is_visible("#session-d2-welcome .badge")
    page.assert_clean()


@browser
def test_after_the_meeting_nothing_is_marked(visit, loci_site: Path):
    page = visit(loci_site / "index.html", ALMATY, now=datetime(2021, 1, 1, tzinfo=timezone.utc))
    assert page.page.locator(".is-now, .is-next").count() == 0
    assert not page.page.is_visible("#status")
    page.assert_clean()


@browser
def test_without_javascript_chromium_shows_event_and_utc_times(visit, loci_site: Path):
    page = visit(loci_site / "index.html", AUCKLAND, javascript=False)
    welcome = page.text("#session-d1-welcome")
    assert "12:00–12:30 CET" in welcome and "11:00–11:30 UTC" in welcome
    assert not page.page.is_visible("#zone-form")
    assert page.requests == [(loci_site / "index.html").as_uri()]


@browser
def test_a_frab_schedule_with_several_rooms(visit, nightcon_site: Path):
    page = visit(nightcon_site / "index.html", NEW_YORK)
    # "Owls" starts 2024-11-09T00:15+02:00 = 22:15 UTC on the 8th; New York is EST (UTC-5) by then: 17:15.
    owls = page.text("#session-nightcon-105-owls")
    assert page.text("#session-nightcon-105-owls .t-local time") == "17:15–18:00"
    assert "Room: Hall B" in owls
    # The closing party, 22:00+02:00 on the 9th = 20:00 UTC = 15:00 in New York.
    assert page.text("#session-CLOSE1 .t-local time").startswith("15:00–")
    rooms = {page.text(f"#{ident} .room") for ident in ("session-OPEN01", "session-ZONES1", "session-WORK01")}
    assert rooms == {"Room: Hall A", "Room: Hall B", "Room: Workshop Room"}
    page.assert_clean()
    page.close()
    # Almaty has been UTC+5 since March 2024: 22:15 UTC is 03:15 on the 9th.
    page = visit(nightcon_site / "index.html", ALMATY)
    owls = page.text("#session-nightcon-105-owls .t-local")
    assert "03:15–04:00 (Sat 9 Nov)" in owls
    page.assert_clean()


@browser
def test_an_agenda_in_a_fixed_part_hour_offset(visit, write_agenda, tmp_path: Path):
    path = write_agenda(
        {
            "format": "loci-agenda/1",
            "id": "fixed",
            "title": "Fixed",
            "timezone": "UTC+05:30",
            "days": [
                {
                    "id": "d",
                    "number": 1,
                    "date": "2021-01-15",
                    "title": "One",
                    "sessions": [
                        {"id": "a", "start": "10:00", "end": "11:00", "title": "Morning"},
                    ],
                }
            ],
        }
    )
    write_site(tmp_path / "site", build_site(load_agenda(path, {}), stamp=STAMP))
    page = visit(tmp_path / "site" / "index.html", NEW_YORK)
    # 10:00 at UTC+05:30 is 04:30 UTC, and 23:30 the evening before in New York (EST, UTC-5).
    assert page.text("#session-a .t-local").endswith("23:30–00:30 (Thu 14 Jan)")
    assert page.text("#session-a .t-event").endswith("10:00–11:00 GMT+5:30")
    page.assert_clean()


@browser
def test_printing_leaves_out_the_controls(visit, loci_site: Path):
    page = visit(loci_site / "index.html", ALMATY)
    page.page.emulate_media(media="print")
    assert not page.page.is_visible("#zone-form")
    assert page.page.is_visible("#session-d1-welcome .t-local")
    page.assert_clean()


@browser
def test_a_phone_sized_page_needs_no_sideways_scrolling(visit, loci_site: Path, nightcon_site: Path):
    for site in (loci_site, nightcon_site):
        page = visit(site / "index.html", AUCKLAND, width=360)
        assert page.page.evaluate("document.documentElement.scrollWidth") <= 360
        page.assert_clean()
