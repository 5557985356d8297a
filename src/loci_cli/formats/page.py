"""The published agenda page: one self-contained ``index.html``, pure (agenda in, bytes out).

Read without JavaScript, the page is a complete programme in the event's zone
and in UTC, written here. With JavaScript the visitor's browser converts the
same instants into the zone it runs in (or one picked from a list), through
``Intl.DateTimeFormat``: the page never guesses a visitor's offset itself, so
the browser's own zone rules and language apply.

Everything that comes from the agenda is escaped: text with ``html.escape``,
the data for the script as JSON in a ``<script type="application/json">`` with
``<``, ``>`` and ``&`` written as JSON escapes (so no ``</script>`` can end it),
and links only when their scheme is one a reader expects (http, https, mailto).
Nothing is loaded from the network: the CSS and the script are inline and the
page uses the system's fonts, so it works from ``file://`` and any static host.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from ..core.model import Agenda, Day, Session

# Schemes a link from the agenda may have: anything else (javascript:, data:) is shown as text.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class Download:
    """A file offered on the page, beside it in the same folder."""

    href: str
    label: str
    note: str = ""


@dataclass(frozen=True)
class PageLinks:
    """Where the page's calendar links point, relative to the page (POSIX paths)."""

    agenda_ics: str | None = None
    #: day id -> that day's .ics
    day_ics: Mapping[str, str] = field(default_factory=dict)
    #: session id -> that session's .ics
    session_ics: Mapping[str, str] = field(default_factory=dict)
    #: the other files offered (frab schedule, agenda data)
    downloads: Sequence[Download] = ()


def render_page(agenda: Agenda, links: PageLinks = PageLinks(), *, generator: str = "loci") -> bytes:
    """The whole ``index.html`` for ``agenda``, as UTF-8 bytes."""
    zone: ZoneInfo = agenda.zone
    day_ids = dom_ids((day.id for day in agenda.days), "day")
    session_ids = dom_ids((session.id for _, session in agenda.sessions()), "session")
    body = "\n".join(
        [
            _header(agenda, zone, links),
            _contents(agenda, day_ids),
            '<main id="programme" tabindex="-1">',
            *(_day(agenda, day, zone, day_ids, session_ids, links) for day in agenda.days),
            "</main>",
            _about(agenda),
            f"<footer><p>Made with {e(generator)}{_revision(agenda)}.</p></footer>",
        ]
    )
    page = _TEMPLATE.format(
        title=e(agenda.title),
        generator=e(generator),
        style=_STYLE,
        body=body,
        data=script_json(_data(agenda, day_ids, session_ids)),
        script=_SCRIPT,
    )
    return page.encode("utf-8")


# --- pieces of the page -------------------------------------------------------------------


def _header(agenda: Agenda, zone: ZoneInfo, links: PageLinks) -> str:
    first, last = agenda.days[0], agenda.days[-1]
    when = _long_date(first.date) if first.date == last.date else f"{_long_date(first.date)} to {_long_date(last.date)}"
    count = len(agenda.days)
    facts = [f"{when} ({count} day{'s' if count != 1 else ''})"]
    if agenda.venue:
        facts.append(e(agenda.venue))
    organisers = [o.name for o in agenda.organisers]
    if organisers:
        facts.append("Organised by " + e(", ".join(organisers)))
    parts = [
        '<a class="skip" href="#programme">Skip to the programme</a>',
        "<header>",
        f"<h1>{e(agenda.title)}</h1>",
    ]
    if agenda.subtitle:
        parts.append(f'<p class="subtitle">{e(agenda.subtitle)}</p>')
    # The dots between facts come from the style sheet, so a narrow screen can break the line between them.
    parts.append('<p class="facts">' + "".join(f"<span>{fact}</span>" for fact in facts) + "</p>")
    sample = first.start_at
    parts += [
        # Rewritten by the script to name the zone the times are shown in.
        (
            f'<p id="zone-note" class="zone-note">Times are in the event\'s zone, {e(zone_title(agenda))} '
            f"({e(zone_label(sample, zone))}), and in UTC. Turn on JavaScript to see them in your own time.</p>"
        ),
        '<form id="zone-form" class="zone-form" hidden>',
        '<label for="tz">Show times in</label>',
        '<select id="tz" name="tz"></select>',
        '<button type="button" id="tz-reset" hidden>Back to my zone</button>',
        "</form>",
        '<p id="status" class="status" role="status" hidden></p>',
    ]
    downloads = []
    if links.agenda_ics:
        downloads.append(Download(links.agenda_ics, "Add every session to your calendar", "iCalendar, .ics"))
    downloads += links.downloads
    if downloads:
        items = "".join(
            f'<li><a href="{href(d.href)}">{e(d.label)}</a>' + (f" ({e(d.note)})" if d.note else "") + "</li>" for d in downloads
        )
        parts.append(f'<nav class="downloads" aria-label="Calendar and data files"><ul>{items}</ul></nav>')
    parts.append("</header>")
    return "\n".join(parts)


def _contents(agenda: Agenda, day_ids: Mapping[str, str]) -> str:
    if len(agenda.days) < 2:
        return ""
    items = "".join(
        f'<li><a href="#{day_ids[day.id]}">Day {day.number}<span class="toc-date" data-day="{day_ids[day.id]}">'
        f" · {_short_date(day.date)}</span></a></li>"
        for day in agenda.days
    )
    return f'<nav class="contents" aria-label="Days"><ol>{items}</ol></nav>'


def _day(
    agenda: Agenda,
    day: Day,
    zone: ZoneInfo,
    day_ids: Mapping[str, str],
    session_ids: Mapping[str, str],
    links: PageLinks,
) -> str:
    ident = day_ids[day.id]
    parts = [
        f'<section class="day" id="{ident}" aria-labelledby="{ident}-h">',
        (
            f'<h2 id="{ident}-h"><span class="day-number">Day {day.number}</span>'
            f'<span class="sep" aria-hidden="true"> · </span>'
            f'<time class="day-date" datetime="{day.date.isoformat()}">{_long_date(day.date)}</time>'
            f'<span class="sep" aria-hidden="true"> · </span><span class="day-title">{e(day.title)}</span></h2>'
        ),
        # Shown by the script when the visitor's dates differ from the event's.
        f'<p class="day-event-date" hidden>In the event\'s zone ({e(zone_title(agenda))}): {_long_date(day.date)}</p>',
    ]
    if day.theme:
        parts.append(f'<p class="theme">{e(day.theme)}</p>')
    if day.id in links.day_ics:
        parts.append(f'<p class="day-ics"><a href="{href(links.day_ics[day.id])}">Add day {day.number} to your calendar</a> (.ics)</p>')
    parts.append('<ol class="sessions">')
    parts += [_session(agenda, day, session, zone, session_ids, links) for session in day.sessions]
    parts += ["</ol>", "</section>"]
    return "\n".join(parts)


def _session(agenda: Agenda, day: Day, session: Session, zone: ZoneInfo, session_ids: Mapping[str, str], links: PageLinks) -> str:
    ident = session_ids[session.id]
    start, end = session.start_at, session.end_at
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    event_date = ""
    if local_start.date() != day.date:
        event_date = f' <span class="event-daymark">({_short_date(local_start.date())})</span>'
    utc_start, utc_end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    utc_date = ""
    if utc_start.date() != day.date:
        utc_date = f' <span class="utc-daymark">({_short_date(utc_start.date())})</span>'
    kind = session.kind
    classes = "session break" if session.is_break else "session"
    when = [
        '<div class="when">',
        # Filled by the script: the time in the visitor's zone.
        (
            '<p class="t-local" hidden><span class="label">Your time: </span>'
            f'<time datetime="{_iso_utc(start)}"></time> <span class="daymark" hidden></span></p>'
        ),
        (
            '<p class="t-event"><span class="label">Event time </span>'
            f'<span class="nowrap"><time datetime="{local_start.isoformat(timespec="minutes")}">{_hm(local_start)}–{_hm(local_end)}</time> '
            f'<abbr class="ev-zone" title="{e(agenda.timezone)}, {e(offset_label(local_start.utcoffset()))}">'
            f"{e(zone_label(start, zone))}</abbr></span>{event_date}</p>"
        ),
        f'<p class="t-utc"><time datetime="{_iso_utc(start)}">{_hm(utc_start)}–{_hm(utc_end)}</time> UTC{utc_date}</p>',
        "</div>",
    ]
    what = [
        '<div class="what">',
        f'<h3 id="{ident}-h"><span class="title">{e(session.title)}</span> <strong class="badge" hidden></strong></h3>',
    ]
    # A kind that only repeats the title ("Break", "break") is left out.
    meta = [] if kind.casefold() == session.title.casefold() else [f'<span class="kind">{e(kind)}</span>']
    if session.room:
        meta.append(f'<span class="room">Room: {e(session.room)}</span>')
    if session.track:
        meta.append(f'<span class="track">Track: {e(session.track)}</span>')
    if session.language:
        meta.append(f'<span class="language">Language: {e(session.language)}</span>')
    if session.location:
        meta.append(f'<span class="location">Where: {e(session.location)}</span>')
    if meta:
        what.append('<p class="meta">' + '<span class="sep" aria-hidden="true"> · </span>'.join(meta) + "</p>")
    what += [f'<p class="description">{_lines(paragraph)}</p>' for paragraph in _paragraphs(session.description)]
    people = []
    if session.lead:
        people.append(f"Led by {e(session.lead)}")
    if session.speakers:
        people.append("With " + e(", ".join(session.speakers)))
    if people:
        what.append(f'<p class="people">{". ".join(people)}.</p>')
    actions = []
    if session.id in links.session_ics:
        actions.append(f'<li><a href="{href(links.session_ics[session.id])}" aria-describedby="{ident}-h">Add to calendar</a> (.ics)</li>')
    if session.url:
        actions.append(f"<li>{_link(session.url, 'More about this session')}</li>")
    for link in session.links:
        actions.append(f"<li>{_link(link.url, link.title or link.url)}</li>")
    if actions:
        what.append('<ul class="actions">' + "".join(actions) + "</ul>")
    what.append("</div>")
    return "\n".join([f'<li class="{classes}" id="{ident}" data-kind="{e(kind)}">', *when, *what, "</li>"])


def _about(agenda: Agenda) -> str:
    about, contacts = agenda.about, agenda.contacts
    if not about and not contacts:
        return ""
    parts = ['<section class="about" aria-labelledby="about-h">', '<h2 id="about-h">About</h2>']
    parts += [f"<p>{_lines(paragraph)}</p>" for paragraph in _paragraphs(about)]
    if contacts:
        parts.append("<h3>Contacts</h3>")
        items = []
        for contact in contacts:
            text = e(contact.name)
            if contact.organisation:
                text += f", {e(contact.organisation)}"
            if contact.email:
                text += f" ({_link('mailto:' + contact.email, contact.email)})"
            items.append(f"<li>{text}</li>")
        parts.append('<ul class="contacts">' + "".join(items) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _revision(agenda: Agenda) -> str:
    revision = agenda.revision
    return f" from revision {revision} of agenda {e(agenda.id)}" if revision else f" from agenda {e(agenda.id)}"


def _data(agenda: Agenda, day_ids: Mapping[str, str], session_ids: Mapping[str, str]) -> dict[str, Any]:
    """What the script needs: instants in UTC, element ids, and the zones to offer first."""
    participants = []
    for group in agenda.participants:
        participants.append({"country": group.country, "zones": [browser_zone(z) for z in group.zones]})
    return {
        "zone": browser_zone(agenda.timezone),
        "zoneTitle": zone_title(agenda),
        "participants": participants,
        "days": [
            {
                "id": day_ids[day.id],
                "number": day.number,
                "date": day.date.isoformat(),
                "start": _iso_utc(day.start_at),
                "end": _iso_utc(day.end_at),
                "sessions": [
                    {
                        "id": session_ids[session.id],
                        "title": session.title,
                        "start": _iso_utc(session.start_at),
                        "end": _iso_utc(session.end_at),
                        "break": session.is_break,
                    }
                    for session in day.sessions
                ],
            }
            for day in agenda.days
        ],
    }


# --- small helpers ------------------------------------------------------------------------


def e(text: object) -> str:
    """Text for HTML content or a quoted attribute."""
    return escape(str(text), quote=True)


def script_json(data: object) -> str:
    """JSON to place inside <script type="application/json">: no '<' can close the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON.parse reads these escapes back as the same characters.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def href(path: str) -> str:
    """A relative link to a file beside the page, percent-encoded (a ':' could otherwise read as a scheme)."""
    return e(quote(path, safe="/"))


def is_safe_url(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


def _link(url: str, text: str) -> str:
    if is_safe_url(url):
        return f'<a href="{e(url.strip())}">{e(text)}</a>'
    return e(text if text == url else f"{text}: {url}")


def dom_ids(values: Iterable[str], prefix: str) -> dict[str, str]:
    """Element ids for agenda ids: only letters, digits, '-' and '_', and unique."""
    found: dict[str, str] = {}
    used: set[str] = set()
    for value in values:
        base = f"{prefix}-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-") or "x")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        found[value] = candidate
    return found


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _lines(paragraph: str) -> str:
    return "<br>".join(e(line) for line in paragraph.splitlines())


def offset_label(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours:02d}:{rest:02d}"


# loci's own names for fixed offsets ('UTC+02:00'), which browsers don't know.
_FIXED = re.compile(r"UTC([+-])(\d\d):(\d\d)")


def browser_zone(name: str) -> str:
    """The zone's name as a browser's Intl knows it: a fixed offset as Etc/GMT∓H, or '+05:30' for part hours."""
    fixed = _FIXED.fullmatch(name)
    if not fixed:
        return name
    sign, hours, minutes = fixed.group(1), int(fixed.group(2)), int(fixed.group(3))
    if minutes:
        # ECMA-402's offset zones; a browser without them keeps the page as written.
        return f"{sign}{hours:02d}:{minutes:02d}"
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"  # POSIX signs: Etc/GMT-2 is two hours ahead of UTC


def zone_title(agenda: Agenda) -> str:
    """The event's zone as a reader knows it: its IANA name, or its offset for a fixed one ('Etc/GMT-2' is UTC+2)."""
    name: str = agenda.timezone
    if name.startswith("Etc/") or name == "UTC":
        return offset_label(agenda.days[0].start_at.astimezone(agenda.zone).utcoffset())
    return name


def zone_label(moment: datetime, zone: ZoneInfo) -> str:
    """The zone's abbreviation then (CET), or its offset where tzdata has only a number ('+06')."""
    local = moment.astimezone(zone)
    name = local.tzname() or ""
    return name if re.fullmatch(r"[A-Za-z]{2,6}", name) else offset_label(local.utcoffset())


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hm(moment: datetime) -> str:
    return f"{moment:%H:%M}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


# English names by hand: strftime's follow the process's locale.
def _long_date(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _short_date(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1][:3]}"


# --- the page's frame, style and script ---------------------------------------------------

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{generator}">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
{body}
<script type="application/json" id="loci-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

_STYLE = """
:root {
  --ink: #1b1b1f; --muted: #55575e; --paper: #ffffff; --soft: #f3f4f7; --line: #d5d8df;
  --accent: #0b5cad; --now: #0b6b3a; --now-bg: #e7f5ec; --next-bg: #fdf6e3; --next: #7a5200;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #ececf1; --muted: #b3b6bf; --paper: #16171b; --soft: #22242a; --line: #3a3d46;
    --accent: #8cc4ff; --now: #7fdca4; --now-bg: #173524; --next-bg: #3a3113; --next: #f2cf7a;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 62rem; padding: 0 1rem 2rem;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--paper);
}
a { color: var(--accent); text-underline-offset: 0.15em; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; margin: 0.5rem 0; }
header { padding: 1.25rem 0 0.5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.4rem; }
.subtitle { margin: 0 0 0.4rem; color: var(--muted); }
.facts { margin: 0 0 0.75rem; }
.facts span + span::before { content: " · "; }
.zone-note { margin: 0.5rem 0; }
.zone-form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
.zone-form label { font-weight: 600; }
.zone-form select, .zone-form button {
  font: inherit; padding: 0.35rem 0.5rem; max-width: 100%; min-height: 2.5rem;
  color: var(--ink); background: var(--paper); border: 1px solid var(--muted); border-radius: 0.3rem;
}
.status { margin: 0.5rem 0; padding: 0.5rem 0.75rem; background: var(--now-bg); border-left: 0.3rem solid var(--now); }
.downloads ul, .actions, .contents ol {
  list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem;
}
.contents { border-bottom: 1px solid var(--line); }
.contents a { display: inline-block; padding: 0.4rem 0; }
.day { margin-top: 1.5rem; }
.day h2 { font-size: 1.4rem; line-height: 1.3; margin: 0 0 0.25rem; padding-top: 0.5rem; }
.day-number { display: block; font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.day h2 .sep { display: none; }
.day-title { display: block; font-weight: 500; font-size: 1.15rem; }
.day-event-date, .theme, .day-ics { margin: 0.2rem 0; color: var(--muted); }
.sessions { list-style: none; padding: 0; margin: 0.75rem 0 0; border-top: 1px solid var(--line); }
.session {
  display: grid; grid-template-columns: minmax(9.5rem, 12rem) 1fr; gap: 0.25rem 1.25rem;
  padding: 0.75rem 0.5rem; border-bottom: 1px solid var(--line); border-left: 0.3rem solid transparent;
}
.session.break { background: var(--soft); }
.session.break .what h3 { font-weight: 500; }
.when p, .what p { margin: 0 0 0.25rem; }
.when .label { position: absolute; left: -999rem; }
.t-local { font-size: 1.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.t-event, .t-utc { color: var(--muted); font-variant-numeric: tabular-nums; }
html:not(.js) .t-event { font-size: 1.1rem; font-weight: 700; color: var(--ink); }
.js .t-utc { display: none; }
.js .t-event .label { position: static; font-size: 0.85rem; }
abbr { text-decoration: none; }
.nowrap { white-space: nowrap; }
.daymark { font-size: 0.9rem; font-weight: 600; white-space: nowrap; }
.what h3 { font-size: 1.1rem; line-height: 1.35; margin: 0 0 0.25rem; }
.meta { color: var(--muted); font-size: 0.92rem; }
.kind { text-transform: capitalize; }
.description { max-width: 42rem; }
.actions { margin: 0.25rem 0 0; font-size: 0.95rem; }
.badge {
  display: inline-block; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em;
  padding: 0.05rem 0.45rem; border-radius: 0.25rem; border: 2px solid currentColor; vertical-align: 0.15em;
}
.session.is-now { border-left-color: var(--now); background: var(--now-bg); }
.session.is-now .badge { color: var(--now); }
.session.is-next { border-left: 0.3rem dashed var(--next); background: var(--next-bg); }
.session.is-next .badge { color: var(--next); }
.about { margin-top: 2rem; border-top: 1px solid var(--line); }
.about p { max-width: 42rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.9rem; }
[hidden] { display: none !important; }
@media (max-width: 40rem) {
  body { padding: 0 0.75rem 1.5rem; }
  h1 { font-size: 1.5rem; }
  .session { grid-template-columns: 1fr; padding: 0.75rem 0.25rem; }
  .when { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.75rem; }
}
@media print {
  :root { --ink: #000; --muted: #333; --paper: #fff; --soft: #fff; --line: #999; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .skip, .zone-form, .status, .contents, .downloads, .actions, .day-ics { display: none !important; }
  .session { break-inside: avoid; background: none !important; }
  .day { break-before: auto; }
  .day h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("loci-data").textContent);
  var root = document.documentElement;
  var eventZone = data.zone;

  function works(zone) {
    try { new Intl.DateTimeFormat("en-US", {timeZone: zone}); return true; } catch (err) { return false; }
  }
  if (!works(eventZone)) return;  // a browser without this zone keeps the page as written
  var browserZone = "UTC";
  try { browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (err) {}
  if (!works(browserZone)) browserZone = "UTC";
  root.classList.add("js");

  var formats = {};
  function fmt(zone, options, locale) {
    var key = zone + "|" + (locale || "") + "|" + JSON.stringify(options);
    if (!formats[key]) {
      var all = {timeZone: zone};
      for (var name in options) all[name] = options[name];
      formats[key] = new Intl.DateTimeFormat(locale, all);
    }
    return formats[key];
  }
  // Two-digit hours where the language counts 0-23 ("09:00"), as such clocks are read; else "9:00 AM".
  var TIME = {hour: "numeric", minute: "2-digit"};
  var cycle = new Intl.DateTimeFormat(undefined, TIME).resolvedOptions().hourCycle;
  if (cycle === "h23" || cycle === "h24") TIME.hour = "2-digit";
  var SHORT_DATE = {weekday: "short", day: "numeric", month: "short"};
  var LONG_DATE = {weekday: "long", day: "numeric", month: "long", year: "numeric"};

  function part(format, moment, type) {
    var found = "";
    format.formatToParts(moment).forEach(function (p) { if (p.type === type) found = p.value; });
    return found;
  }
  // The calendar date of a moment in a zone, as YYYY-MM-DD.
  function isoDate(moment, zone) {
    var f = fmt(zone, {year: "numeric", month: "2-digit", day: "2-digit"}, "en-US");
    return part(f, moment, "year") + "-" + part(f, moment, "month") + "-" + part(f, moment, "day");
  }
  function offsetName(moment, zone) {
    var text = part(fmt(zone, {timeZoneName: "longOffset", hour: "numeric"}, "en-US"), moment, "timeZoneName");
    return text === "GMT" || text === "" || /^GMT[+-]00:00$/.test(text) ? "UTC" : text.replace("GMT", "UTC");
  }
  function zoneName(moment, zone) {
    return part(fmt(zone, {timeZoneName: "short", hour: "numeric"}), moment, "timeZoneName") || offsetName(moment, zone);
  }
  function clock(moment, zone) { return fmt(zone, TIME).format(moment); }
  function span(start, end, zone) { return clock(start, zone) + "\u2013" + clock(end, zone); }
  function dateRange(start, end, zone) {
    var f = fmt(zone, LONG_DATE);
    if (isoDate(start, zone) === isoDate(end, zone)) return f.format(start);
    return typeof f.formatRange === "function" ? f.formatRange(start, end) : f.format(start) + " \u2013 " + f.format(end);
  }

  var sessions = [];
  data.days.forEach(function (day) {
    day.el = document.getElementById(day.id);
    day.sessions.forEach(function (s) {
      sessions.push({
        el: document.getElementById(s.id), title: s.title, day: day,
        start: new Date(s.start), end: new Date(s.end), isBreak: s["break"]
      });
    });
  });
  var meetingStart = Math.min.apply(null, sessions.map(function (s) { return s.start.getTime(); }));
  var meetingEnd = Math.max.apply(null, sessions.map(function (s) { return s.end.getTime(); }));
  var sample = new Date(meetingStart);

  // The zone picker: the agenda's participant zones first, then this browser's, the event's and UTC, then every zone.
  var select = document.getElementById("tz");
  var reset = document.getElementById("tz-reset");
  var listed = {};
  function label(zone, extra) {
    // Etc/GMT-2 reads backwards (POSIX signs): such zones go by their offset alone.
    var text = /^(Etc\/|[+-]\d)/.test(zone) ? offsetName(sample, zone)
      : zone.replace(/_/g, " ") + " (" + offsetName(sample, zone) + ")";
    if (extra) text += " \u2013 " + extra;
    if (zone === browserZone) text += " \u2013 your zone";
    return text;
  }
  function group(name, zones) {
    var box = document.createElement("optgroup");
    box.label = name;
    zones.forEach(function (item) {
      if (listed[item.zone] || !works(item.zone)) return;
      listed[item.zone] = true;
      var option = document.createElement("option");
      option.value = item.zone;
      option.textContent = label(item.zone, item.extra);
      box.appendChild(option);
    });
    if (box.children.length) select.appendChild(box);
  }
  var byZone = {}, order = [];
  data.participants.forEach(function (p) {
    p.zones.forEach(function (zone) {
      if (!byZone[zone]) { byZone[zone] = []; order.push(zone); }
      if (byZone[zone].indexOf(p.country) < 0) byZone[zone].push(p.country);
    });
  });
  group("Where participants are", order.map(function (zone) { return {zone: zone, extra: byZone[zone].join(", ")}; }));
  group("This browser, the event and UTC", [
    {zone: browserZone}, {zone: eventZone, extra: "the event's zone"}, {zone: "UTC"}
  ]);
  var every = [];
  try { every = Intl.supportedValuesOf("timeZone"); } catch (err) {}
  group("Every zone", every.map(function (zone) { return {zone: zone}; }));

  var note = document.getElementById("zone-note");
  var status = document.getElementById("status");
  var current = browserZone;

  function render(zone) {
    current = zone;
    select.value = zone;
    reset.hidden = zone === browserZone;
    var where = zone === browserZone ? "your zone, " + zone : zone;
    note.textContent = "Times are in " + where + " (" + offsetName(sample, zone) + "), with the event's own time in " +
      data.zoneTitle + " beside them. Dates and times follow your browser's language.";
    data.days.forEach(function (day) {
      var start = new Date(day.start), last = new Date(new Date(day.end).getTime() - 1);
      var heading = day.el.querySelector(".day-date");
      heading.textContent = dateRange(start, last, zone);
      heading.setAttribute("datetime", isoDate(start, zone));
      var same = isoDate(start, zone) === day.date && isoDate(last, zone) === day.date;
      day.el.querySelector(".day-event-date").hidden = same;
      var toc = document.querySelector('.toc-date[data-day="' + day.id + '"]');
      if (toc) toc.textContent = " \u00b7 " + fmt(zone, SHORT_DATE).format(start);
    });
    sessions.forEach(function (s) {
      var local = s.el.querySelector(".t-local");
      local.querySelector("time").textContent = span(s.start, s.end, zone);
      var mark = local.querySelector(".daymark");
      var shown = isoDate(s.start, zone);
      if (shown !== s.day.date) {
        // The date beside the time whenever it is not the event's date for that day.
        mark.textContent = "(" + fmt(zone, SHORT_DATE).format(s.start) + ")";
        mark.title = (shown > s.day.date ? "a day later" : "a day earlier") + " than in the event's zone";
        mark.hidden = false;
      } else {
        mark.hidden = true;
      }
      local.hidden = false;
      var ev = s.el.querySelector(".t-event");
      ev.querySelector("time").textContent = span(s.start, s.end, eventZone);
      ev.querySelector(".ev-zone").textContent = zoneName(s.start, eventZone);
    });
    tick();
  }

  // "Now" and "Next" while the meeting runs (from an hour before it starts), checked every 30 seconds.
  function tick() {
    var now = Date.now();
    var running = now >= meetingStart - 3600000 && now < meetingEnd;
    var on = [], next = null;
    sessions.forEach(function (s) {
      if (s.start.getTime() <= now && now < s.end.getTime()) on.push(s);
      else if (s.start.getTime() > now && (!next || s.start < next.start)) next = s;
    });
    var upcoming = next ? sessions.filter(function (s) { return s.start.getTime() === next.start.getTime(); }) : [];
    sessions.forEach(function (s) {
      var isNow = running && on.indexOf(s) >= 0, isNext = running && upcoming.indexOf(s) >= 0;
      s.el.classList.toggle("is-now", isNow);
      s.el.classList.toggle("is-next", isNext);
      if (isNow) s.el.setAttribute("aria-current", "time"); else s.el.removeAttribute("aria-current");
      var badge = s.el.querySelector(".badge");
      badge.textContent = isNow ? "Now" : isNext ? "Next" : "";
      badge.hidden = !(isNow || isNext);
    });
    if (!running) { status.hidden = true; return; }
    var words = [];
    if (on.length) {
      words.push("Now: " + on.map(function (s) { return s.title + " (until " + clock(s.end, current) + ")"; }).join("; "));
    }
    if (upcoming.length) {
      words.push("Next: " + upcoming.map(function (s) { return s.title; }).join("; ") + " at " +
        clock(upcoming[0].start, current) + (isoDate(upcoming[0].start, current) !== isoDate(new Date(now), current)
          ? " on " + fmt(current, SHORT_DATE).format(upcoming[0].start) : ""));
    }
    status.textContent = words.join(". ") + ".";
    status.hidden = false;
  }

  select.addEventListener("change", function () { render(select.value); });
  reset.addEventListener("click", function () { render(browserZone); select.focus(); });
  document.getElementById("zone-form").hidden = false;
  render(browserZone);
  setInterval(tick, 30000);
})();
"""
