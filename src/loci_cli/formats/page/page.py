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
Nothing is loaded from the network: the CSS and the script (``page.css`` and
``page.js``, shipped beside this module) are inline and the page uses the
system's fonts, so it works from ``file://`` and any static host.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from ...core.urls import is_safe_url
from ...i18n import LANGUAGES, N_, NAMES, Language, get

if TYPE_CHECKING:
    from ...core.model import Agenda, Day, Session


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
            f"<footer><p>{_made_with(agenda, generator)}</p></footer>",
        ]
    )
    page = _TEMPLATE.format(
        title=e(agenda.title),
        generator=e(generator),
        style=_asset("page.css"),
        body=body,
        data=script_json(_data(agenda, day_ids, session_ids)),
        script=_asset("page.js"),
    )
    return page.encode("utf-8")


# --- pieces of the page -------------------------------------------------------------------


def _header(agenda: Agenda, zone: ZoneInfo, links: PageLinks) -> str:
    first, last = agenda.days[0], agenda.days[-1]
    if first.date == last.date:
        when = _said("oneDate", firstDate=first.date)
    else:
        when = _said("dates", firstDate=first.date, lastDate=last.date)
    count = len(agenda.days)
    facts = [f"{when} ({_said('dayCount', count=count)})"]
    if agenda.venue:
        facts.append(e(agenda.venue))
    organisers = [o.name for o in agenda.organisers]
    if organisers:
        facts.append(_said("organisedBy", names=", ".join(organisers)))
    parts = [
        f'<a class="skip" href="#programme">{_said("skip")}</a>',
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
        f'<label for="tz">{_said("showTimesIn")}</label>',
        '<select id="tz" name="tz"></select>',
        f'<button type="button" id="tz-reset" hidden>{_said("backToMyZone")}</button>',
        "</form>",
        '<p id="status" class="status" role="status" hidden></p>',
        # Filled by the script: which sessions to show (all, the visitor's starred ones, by language).
        '<div id="mine-bar" class="mine-bar" hidden></div>',
        '<p id="mine-note" class="mine-note" role="status" hidden></p>',
    ]
    downloads = []
    if links.agenda_ics:
        downloads.append(Download(links.agenda_ics, WORDS["addEvery"], "iCalendar, .ics"))
    downloads += links.downloads
    if downloads:
        items = "".join(
            f'<li><a href="{href(d.href)}">{_known(d.label)}</a>' + (f" ({_known(d.note)})" if d.note else "") + "</li>" for d in downloads
        )
        parts.append(f'<nav class="downloads" aria-label="{e(WORDS["files"])}" data-wl="files"><ul>{items}</ul></nav>')
    parts.append("</header>")
    return "\n".join(parts)


def _contents(agenda: Agenda, day_ids: Mapping[str, str]) -> str:
    if len(agenda.days) < 2:
        return ""
    items = "".join(
        f'<li><a href="#{day_ids[day.id]}">{_said("day", number=day.number)}<span class="toc-date" data-day="{day_ids[day.id]}">'
        f" · {_short_date(day.date)}</span></a></li>"
        for day in agenda.days
    )
    return f'<nav class="contents" aria-label="{e(WORDS["days"])}" data-wl="days"><ol>{items}</ol></nav>'


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
            f'<h2 id="{ident}-h">{_said("day", css="day-number", number=day.number)}'
            f'<span class="sep" aria-hidden="true"> · </span>'
            f'<time class="day-date" datetime="{day.date.isoformat()}">{_long_date(day.date)}</time>'
            f'<span class="sep" aria-hidden="true"> · </span><span class="day-title">{e(day.title)}</span></h2>'
        ),
        # Shown by the script when the visitor's dates differ from the event's.
        f'<p class="day-event-date" hidden>{_said("eventDate", zone=zone_title(agenda), eventDate=day.date)}</p>',
    ]
    if day.theme:
        parts.append(f'<p class="theme">{e(day.theme)}</p>')
    if day.id in links.day_ics:
        parts.append(f'<p class="day-ics"><a href="{href(links.day_ics[day.id])}">{_said("addDay", number=day.number)}</a> (.ics)</p>')
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
        event_date = f' <span class="event-daymark">({_said("shortDate", shortDate=local_start.date())})</span>'
    utc_start, utc_end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    utc_date = ""
    if utc_start.date() != day.date:
        utc_date = f' <span class="utc-daymark">({_said("shortDate", shortDate=utc_start.date())})</span>'
    kind = session.kind
    classes = "session break" if session.is_break else "session"
    when = [
        '<div class="when">',
        # Filled by the script: the time in the visitor's zone.
        (
            f'<p class="t-local" hidden>{_said("yourTime", css="label")}'
            f'<time datetime="{_iso_utc(start)}"></time> <span class="daymark" hidden></span></p>'
        ),
        (
            f'<p class="t-event">{_said("eventTime", css="label")}'
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
        meta.append(_said("room", css="room", room=session.room))
    if session.track:
        meta.append(_said("track", css="track", track=session.track))
    if session.language:
        meta.append(_said("language", css="language", language=session.language))
    if session.location:
        meta.append(_said("where", css="location", where=session.location))
    if meta:
        what.append('<p class="meta">' + '<span class="sep" aria-hidden="true"> · </span>'.join(meta) + "</p>")
    what += [f'<p class="description">{_lines(paragraph)}</p>' for paragraph in _paragraphs(session.description)]
    people = []
    if session.lead:
        people.append(_said("ledBy", lead=session.lead))
    if session.speakers:
        people.append(_said("with", speakers=", ".join(session.speakers)))
    if people:
        what.append(f'<p class="people">{". ".join(people)}.</p>')
    actions = []
    if session.id in links.session_ics:
        actions.append(
            f'<li><a href="{href(links.session_ics[session.id])}" aria-describedby="{ident}-h">{_said("addToCalendar")}</a> (.ics)</li>'
        )
    if session.url:
        actions.append(f"<li>{_link(session.url, WORDS['moreAbout'], _said('moreAbout'))}</li>")
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
    parts = ['<section class="about" aria-labelledby="about-h">', f'<h2 id="about-h">{_said("about")}</h2>']
    parts += [f"<p>{_lines(paragraph)}</p>" for paragraph in _paragraphs(about)]
    if contacts:
        parts.append(f"<h3>{_said('contacts')}</h3>")
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


def _made_with(agenda: Agenda, generator: str) -> str:
    if agenda.revision:
        return _said("madeWithRevision", generator=generator, revision=agenda.revision, agenda=agenda.id)
    return _said("madeWith", generator=generator, agenda=agenda.id)


def _data(agenda: Agenda, day_ids: Mapping[str, str], session_ids: Mapping[str, str]) -> dict[str, Any]:
    """What the script needs: instants in UTC, element ids, the zones to offer first, and its words."""
    from ...core.queries import Slot, languages
    from .. import ical

    participants = []
    for group in agenda.participants:
        participants.append({"country": group.country, "zones": [browser_zone(z) for z in group.zones]})

    def event(day: Day, session: Session) -> dict[str, Any] | None:
        # What the published calendars say of the session (formats/ical.py), so that the
        # visitor's own .ics carries the same UIDs and a later import replaces its events.
        if session.is_break:
            return None
        entry = ical.session_entry(agenda, Slot(day, session))
        return {
            "uid": entry.uid,
            "summary": ical.ical_text(entry.summary),
            "description": ical.ical_text(entry.description),
            "location": ical.ical_text(entry.location),
            "url": entry.url if entry.url and is_safe_url(entry.url) else None,
            "category": ical.ical_text(entry.category),
        }

    return {
        # The visitor's stars are kept under the agenda's id, which survives revisions.
        "agenda": agenda.id,
        "calendar": {"prodid": ical.PRODID, "name": ical.ical_text(agenda.title), "sequence": agenda.revision},
        "zone": browser_zone(agenda.timezone),
        "zoneTitle": zone_title(agenda),
        "zoneLinks": zone_links(),
        "participants": participants,
        "languages": languages(agenda),
        # Every language's words, from the same catalogs as the CLI's: the script picks the visitor's.
        "labels": {code: labels(get(code)) for code in LANGUAGES},
        "languageNames": {code: NAMES[code] for code in LANGUAGES},
        "words": {code: page_words(get(code)) for code in LANGUAGES},
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
                        "key": session.id,
                        "title": session.title,
                        "start": _iso_utc(session.start_at),
                        "end": _iso_utc(session.end_at),
                        "break": session.is_break,
                        "language": session.language,
                        "event": event(day, session),
                    }
                    for session in day.sessions
                ],
            }
            for day in agenda.days
        ],
    }


#: Every word the script writes on the page, in one place, marked for the same catalogs as the CLI's:
#: the page carries them in every language loci speaks (``labels``). ``{name}`` marks a value the script puts in.
LABELS: dict[str, str] = {
    "zoneNote": N_(
        "Times are in {where} ({offset}), with the event's own time in {event} beside them. Dates and times follow your browser's language."
    ),
    "yourZoneNamed": N_("your zone, {zone}"),
    "yourZone": N_("your zone"),
    "eventZone": N_("the event's zone"),
    "groupParticipants": N_("Where participants are"),
    "groupHere": N_("This browser, the event and UTC"),
    "groupEvery": N_("Every zone"),
    "dayLater": N_("a day later than in the event's zone"),
    "dayEarlier": N_("a day earlier than in the event's zone"),
    "now": N_("Now"),
    "next": N_("Next"),
    "nowList": N_("Now: {sessions}"),
    "until": N_("{title} (until {time})"),
    "nextList": N_("Next: {sessions} at {time}"),
    "nextOn": N_("{time} on {date}"),
    "show": N_("Show"),
    "showAll": N_("All sessions"),
    "showMine": N_("My sessions ({count})"),
    "star": N_("Star"),
    "starLabel": N_("Add to my sessions: {title}"),
    "unstarLabel": N_("Remove from my sessions: {title}"),
    "heldIn": N_("Held in"),
    "anyLanguage": N_("Any language"),
    "addMine": N_("Add my sessions to calendar"),
    # A file name: the same in every language.
    "mineFile": "my-sessions.ics",
    "mineEmpty": N_("You have starred no session. Press ☆ beside a session to keep it here."),
    "mineNone": N_("None of your sessions is held in that language."),
    "noneInLanguage": N_("No session is held in that language."),
    "language": N_("Language of this page"),
}


#: The page's own words, written here in English, each in a ``data-w`` element (``_said``) that the
#: script says again in the visitor's language. A field named ``…Date`` is an ISO date the script
#: writes with the browser's Intl; ``shortDate`` is an abbreviated one.
WORDS: dict[str, str] = {
    "skip": N_("Skip to the programme"),
    "oneDate": "{firstDate}",
    "dates": N_("{firstDate} to {lastDate}"),
    "organisedBy": N_("Organised by {names}"),
    "showTimesIn": N_("Show times in"),
    "backToMyZone": N_("Back to my zone"),
    "addEvery": N_("Add every session to your calendar"),
    "day": N_("Day {number}"),
    "eventDate": N_("In the event's zone ({zone}): {eventDate}"),
    "addDay": N_("Add day {number} to your calendar"),
    "shortDate": "{shortDate}",
    "yourTime": N_("Your time: "),
    "eventTime": N_("Event time "),
    "room": N_("Room: {room}"),
    "track": N_("Track: {track}"),
    "language": N_("Language: {language}"),
    "where": N_("Where: {where}"),
    "ledBy": N_("Led by {lead}"),
    "with": N_("With {speakers}"),
    "addToCalendar": N_("Add to calendar"),
    "moreAbout": N_("More about this session"),
    "about": N_("About"),
    "contacts": N_("Contacts"),
    # The files publish offers beside the page (formats/site.py's labels), and the lists' names for screen readers.
    "frabJson": N_("Schedule for conference apps"),
    "frabXml": N_("Schedule as frab XML"),
    "agendaData": N_("The agenda's data"),
    "lociJson": N_("loci's JSON format"),
    "files": N_("Calendar and data files"),
    "days": N_("Days"),
    "madeWith": N_("Made with {generator} from agenda {agenda}."),
    "madeWithRevision": N_("Made with {generator} from revision {revision} of agenda {agenda}."),
}


def _said(key: str, /, css: str = "", **values: object) -> str:
    """``WORDS[key]`` in English with its ``values``, in a span (of class ``css``) that carries them for the script to say it again."""
    english = {name: _english(name, value) for name, value in values.items()}
    if key == "dayCount":
        count = int(str(values["count"]))
        text = f"{count} day" if count == 1 else f"{count} days"
    else:
        text = WORDS[key].format(**english)
    fields = "".join(f' data-{_kebab(name)}="{e(v.isoformat() if isinstance(v, date) else v)}"' for name, v in values.items())
    classes = f' class="{css}"' if css else ""
    return f'<span{classes} data-w="{key}"{fields}>{e(text)}</span>'


def _known(text: str) -> str:
    """``text`` as a word of the page's own when it is one (a file's label from site.py), else as it is."""
    key = next((key for key, english in WORDS.items() if english == text and "{" not in english), None)
    return _said(key) if key else e(text)


def _english(name: str, value: object) -> object:
    """A field's value as the page's English says it: a date in words, anything else as it is."""
    if isinstance(value, date):
        return _short_date(value) if name == "shortDate" else _long_date(value)
    return value


def _kebab(name: str) -> str:
    """A field's name as a data attribute's: 'firstDate' -> 'first-date' (the script's dataset.firstDate)."""
    return re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), name)


def page_words(lang: Language) -> dict[str, Any]:
    """The page's own words in ``lang``; the count of days as its form per plural category."""
    words: dict[str, Any] = {key: lang.gettext(text) for key, text in WORDS.items()}
    words["dayCount"] = {category: lang.ngettext("{count} day", "{count} days", n) for category, n in _PLURAL_SAMPLES.items()}
    return words


#: A whole number of each CLDR plural category (what the browser's ``Intl.PluralRules`` names), for the
#: languages loci speaks: the catalog's form for that number is the category's.
_PLURAL_SAMPLES = {"one": 1, "few": 2, "many": 5, "other": 5}


def labels(lang: Language) -> dict[str, Any]:
    """The page's words in ``lang``; a counted one as its form per plural category (``{"one": …, "few": …}``)."""
    words: dict[str, Any] = {key: lang.gettext(text) for key, text in LABELS.items()}
    words["mineMissing"] = {
        category: lang.ngettext(
            "{count} starred session is no longer in the programme.", "{count} starred sessions are no longer in the programme.", n
        )
        for category, n in _PLURAL_SAMPLES.items()
    }
    return words


def zone_links() -> dict[str, str]:
    """Old zone names (IANA's backward links) and the name loci shows for each (Asia/Katmandu -> Asia/Kathmandu).

    A browser reports its zone by ICU's name, often the old one; the page shows the
    name the CLI does. Names without a region (UTC, GMT) and Etc/ zones are left as they are.
    """
    from ...core.zonenames import links, preferred

    found = {}
    for old in links():
        new = preferred(old)
        if new != old and "/" in old and "/" in new and not new.startswith("Etc/"):
            found[old] = new
    return dict(sorted(found.items()))


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


def _link(url: str, text: str, html: str | None = None) -> str:
    """A link to ``url`` saying ``text`` (``html``: the same, already marked up), or the text alone for an unsafe scheme."""
    if is_safe_url(url):
        return f'<a href="{e(url.strip())}">{html or e(text)}</a>'
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


def _asset(name: str) -> str:
    """A file shipped beside this module (page.css, page.js): code that linters, formatters and browsers read as what it is."""
    from importlib.resources import files

    return files("loci_cli.formats.page").joinpath(name).read_text(encoding="utf-8")


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{generator}">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<style>
{style}</style>
</head>
<body>
{body}
<script type="application/json" id="loci-data">{data}</script>
<script>
{script}</script>
</body>
</html>
"""
