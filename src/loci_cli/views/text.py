"""Turn rows (see present.py) into text: JSON for scripts, tables for people.

The only module that imports rich, and only inside the table functions, so
that --json and plain-text paths never pay for it.
"""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager, suppress
from datetime import date, datetime, time, timedelta
from typing import IO, TYPE_CHECKING, Any, AnyStr, TextIO

from ..core import hours
from ..core.time import format_offset
from .words import plural

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console
    from rich.table import Table

    from .matrix import Cell, MatrixRow, ZoneSearchRow
    from .rows import DayRow, DiffRow, DiffTimesRow, InfoRow, MomentRow, SessionRow, ValidationRow


# Control characters from an agenda must not reach a terminal as commands
# (escape sequences, carriage returns), nor may bidirectional overrides turn the
# rest of a line around: they are shown as Python-style escapes ('\x1b', '\u202e').
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI]
_SHOWN = {c: repr(chr(c))[1:-1] for c in _CONTROLS if chr(c) not in "\n\t"}
_ONE_LINE = {c: repr(chr(c))[1:-1] for c in _CONTROLS}


def printable(data: Any) -> Any:
    """``data`` (a row, a list of rows or a string) with control characters made visible."""
    if isinstance(data, str):
        return data.translate(_SHOWN)
    if isinstance(data, dict):
        return {key: printable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [printable(value) for value in data]
    return data


# What loci's own punctuation becomes on a stream that can't take it (LC_ALL=C,
# PYTHONIOENCODING=ascii); other letters lose their accents, and the rest is '?'.
_ASCII = str.maketrans(
    {
        "–": "-",
        "—": "--",
        "−": "-",
        "─": "-",
        "━": "-",
        "│": "|",
        "×": "x",
        "…": "...",
        "·": "-",
        "◑": "o",
        "☾": "*",
        "→": "->",
        "←": "<-",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "•": "*",
        "\u00a0": " ",
    }
)


def ascii_spelling(text: str) -> str:
    """``text`` in ASCII: '17:00–18:00 · Online × The Hague…' -> '17:00-18:00 - Online x The Hague...'."""
    import unicodedata

    text = text.translate(_ASCII)
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?" for ch in text)


def _spell_in_ascii(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return ascii_spelling(err.object[err.start : err.end]), err.end


def guard_streams(*streams: Any) -> None:
    """Let stdout and stderr take any text: what their encoding can't hold is spelt in ASCII, never a crash."""
    import codecs

    codecs.register_error("loci-ascii", _spell_in_ascii)
    for stream in streams:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "–×…".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            with suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="loci-ascii")


def _takes(stream: Any, text: str) -> bool:
    """Whether ``stream``'s encoding holds ``text`` as it is."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _ascii_only() -> bool:
    return not _takes(sys.stdout, "─")


def write_bytes(data: bytes) -> None:
    """Bytes made elsewhere (a calendar, a schedule) to stdout, in flushed pieces (see ``_write``)."""
    stream = sys.stdout
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (some test runners): the data is UTF-8 by construction
        _write(stream, data.decode("utf-8"), 65536, flush=True)
    else:
        _write(buffer, data, 65536, flush=True)


def _write(out: IO[AnyStr], text: AnyStr, piece: int = 8192, *, flush: bool = False) -> None:
    # In pieces: when the reader goes away during one large write, CPython can
    # return from the short write without an error, and loci would exit 0 with
    # its output cut; a later piece meets the closed pipe and ends as one (141).
    for start in range(0, len(text), piece):
        out.write(text[start : start + piece])
        if flush:
            out.flush()


def write_json(data: Any, out: TextIO | None = None) -> None:
    from .rows import json_value

    out = out or sys.stdout
    text = json.dumps(data, ensure_ascii=False, indent=2, default=json_value) + "\n"
    if not _takes(out, text):
        # JSON must stay exact: on a stream that can't hold the text, \u escapes say the same in ASCII.
        text = json.dumps(data, ensure_ascii=True, indent=2, default=json_value) + "\n"
    _write(out, text)


def write_text(text: str, out: TextIO | None = None) -> None:
    text = printable(text)
    _write(out or sys.stdout, text if text.endswith("\n") else text + "\n")


def message(text: str) -> None:
    """A note for people: always stderr, so stdout stays the result; always one line."""
    sys.stderr.write(text.translate(_ONE_LINE) + "\n")


def _abbreviation(moment: datetime) -> str:
    return moment.tzname() or format_offset(moment.utcoffset())


def span(begin: datetime, finish: datetime, on: date | None = None, marked: bool = False) -> str:
    """'17:00–17:30', with the date when it isn't ``on`` and '(+1)' when it ends on a later date.

    ``marked`` names the offsets, for a column whose times are not all at one:
    '02:30 CEST–02:30 CET' tells the two 02:30s of a repeated hour apart.
    """
    start_mark = end_mark = ""
    if marked:
        if _abbreviation(begin) != _abbreviation(finish) or begin.utcoffset() != finish.utcoffset():
            start_mark, end_mark = f" {_abbreviation(begin)}", f" {_abbreviation(finish)}"
        else:
            end_mark = f" {_abbreviation(finish)}"
    text = f"{begin:%H:%M}{start_mark}–{finish:%H:%M}{end_mark}"
    extra_days = (finish.date() - begin.date()).days
    if finish.time() == time(0):
        extra_days -= 1
    if extra_days > 0:
        text += f" (+{extra_days})"
    if on is not None and begin.date() != on:
        text = f"{begin:%a %d %b} {text}"
    return text


def diff_text(row: DiffRow) -> str:
    """'loci diff' for people: one line per session, its times in the row's zone."""
    header = f"{row['old']} (revision {row['old_revision']}) -> {row['new']} (revision {row['new_revision']}), times in {row['timezone']}"
    lines = [header]

    def when(t: DiffTimesRow) -> str:
        return f"{t['start']:%a %d %b} {span(t['start'], t['end'])} (UTC{format_offset(t['start'].utcoffset(), 'short')})"

    width = max([len(s["id"]) for kind in ("added", "removed", "moved", "changed") for s in row[kind]] + [2])
    for item in row["added"]:
        lines.append(f"added    {item['id']:<{width}}  Day {item['day']}  {when(item)}  {item['title']}")
    for item in row["removed"]:
        lines.append(f"removed  {item['id']:<{width}}  Day {item['day']}  {when(item)}  {item['title']}")
    for moved in row["moved"]:
        old, new = moved["old"], moved["new"]
        lines.append(f"moved    {moved['id']:<{width}}  Day {old['day']}  {when(old)}  ->  Day {new['day']}  {when(new)}")
    for changed in row["changed"]:
        lines.append(f"changed  {changed['id']:<{width}}  Day {changed['day']}  {', '.join(changed['fields'])}  {changed['title']}")
    count = sum(len(row[kind]) for kind in ("added", "removed", "moved", "changed"))
    lines.append(
        "No differences."
        if not count
        else f"{plural(count, 'difference')}: "
        f"{len(row['added'])} added, {len(row['removed'])} removed, {len(row['moved'])} moved, {len(row['changed'])} changed"
    )
    return "\n".join(lines)


def _mixed(moments: list[datetime]) -> bool:
    """Whether the times of one column are at more than one offset (a DST change among them)."""
    return len({m.utcoffset() for m in moments}) > 1


def local_dates(start: datetime, end: datetime) -> str:
    """The local date or dates a span covers: 'Wed 11 Nov 2020', 'Tue 10–Wed 11 Nov 2020'."""
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    first = start.date()
    if last == first:
        return f"{first:%a %d %b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%a %d}–{last:%a %d %b %Y}"
    if first.year == last.year:
        return f"{first:%a %d %b}–{last:%a %d %b %Y}"
    return f"{first:%a %d %b %Y}–{last:%a %d %b %Y}"


def day_heading(day: DayRow) -> str:
    """'Day 1 · Tue 10 Nov 2020 · Heading', with the dates the day covers in the viewer's zone."""
    return f"Day {day['day']} · {local_dates(day['start'], day['end'])} · {day['title']}"


def zone_header(title: str, rows: list[DayRow]) -> str:
    first = rows[0]
    moments = [m for day in rows for m in (day["start"], day["end"])]
    moments += [m for day in rows for s in day.get("sessions", []) for m in (s["start"], s["end"])]
    offsets = " / ".join(dict.fromkeys(format_offset(m.utcoffset()) for m in sorted(moments)))
    return f"{title}\nTimes in {first['timezone']} ({offsets}); event zone {first['event_timezone']}"


def event_zone_label(*event_times: datetime) -> str:
    """The event zone's abbreviation at these times ('CET'; 'CEST/CET' across a change), short enough for a column."""
    return "/".join(dict.fromkeys(_abbreviation(m) for m in sorted(event_times)))


def terminal_width() -> int:
    """The terminal's width ($COLUMNS first), as Rich reckons it."""
    import shutil

    return max(20, shutil.get_terminal_size((80, 24)).columns)


def _fill(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    import textwrap

    return textwrap.wrap(
        text,
        width=max(width, len(first) + 10),
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [first.rstrip()]


def _say(console: Console, text: str, style: str | None = None) -> None:
    """Lines of text wrapped at words to the console's width (Rich would wrap inside them)."""
    for line in text.splitlines():
        for part in _fill(line, console.width):
            console.print(part, soft_wrap=True, style=style)


@contextmanager
def _console() -> Iterator[Console]:
    """A Rich console whose output is written, when done, in pieces to stdout (see ``_write``)."""
    import os

    from rich.console import Console

    # Rich drops only colours for NO_COLOR; a user asking for none wants no escapes at all.
    plain = bool(os.environ.get("NO_COLOR"))
    # markup=False: an agenda's '[live]' is text, not a style (and '[/x]' is not an error).
    console = Console(highlight=False, markup=False, color_system=None if plain else "auto")
    with console.capture() as captured:
        yield console
    _write(sys.stdout, captured.get())


def _table(**options: Any) -> Table:
    from rich import box
    from rich.table import Table

    # Rich swaps a box it thinks the stream can't show for a full ASCII grid; keep
    # the same plain layout, ruled with '-'.
    rule = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True) if _ascii_only() else box.SIMPLE_HEAD
    return Table(box=rule, pad_edge=False, **options)


def _overhead(columns: int) -> int:
    """What a table of ``_table()`` adds to its columns' text: a space either side of each, a divider
    between them, and an edge each side, less the padding at the edges."""
    return 3 * columns - 1


# The narrowest a session's title may get in a table; below it, sessions are
# drawn as blocks, one under another, so that no title is ever cut or dropped.
TITLE_MIN = 20


def print_programme(title: str, days: list[DayRow], on: date | None = None, by_room: bool = False) -> None:
    """One table per day (per day and room with ``by_room``), or stacked blocks on a narrow terminal.

    Rows show their local date when it isn't ``on`` (default: the day's first local date).
    A Room column appears when the sessions name rooms.
    """
    title, days = printable(title), printable(days)
    with _console() as console:
        _print_programme(console, title, days, on, by_room)


def _print_programme(console: Console, title: str, days: list[DayRow], on: date | None, by_room: bool) -> None:
    _say(console, zone_header(title, days))
    for day in days:
        if by_room:
            groups: dict[str, list[SessionRow]] = {}
            for s in day["sessions"]:
                groups.setdefault(s["room"] or "(no room)", []).append(s)
            for room, sessions in groups.items():
                console.print()
                _print_sessions(console, day, sessions, on, f"{day_heading(day)} · {room}", with_room=False)
        else:
            with_room = any(s["room"] for s in day["sessions"])
            console.print()
            _print_sessions(console, day, day["sessions"], on, day_heading(day), with_room)


def _session_cells(day: DayRow, sessions: list[SessionRow], on: date | None) -> tuple[list[tuple[str, str]], str, bool]:
    """Each session's local and event-zone span, the event column's label, and whether its spans name offsets."""
    reference = on or day["start"].date()
    local_mixed = _mixed([m for s in sessions for m in (s["start"], s["end"])])
    event_times = [m for s in sessions for m in (s["event_start"], s["event_end"])]
    event_mixed = _mixed(event_times)
    spans = [
        (span(s["start"], s["end"], reference, local_mixed), span(s["event_start"], s["event_end"], day["date"], event_mixed))
        for s in sessions
    ]
    return spans, event_zone_label(*event_times), event_mixed


def _print_sessions(console: Console, day: DayRow, sessions: list[SessionRow], on: date | None, heading: str, with_room: bool) -> None:
    from rich.text import Text

    spans, event, _ = _session_cells(day, sessions, on)
    times = [max([len(day["timezone"])] + [len(a) for a, _ in spans]), max([len(event)] + [len(b) for _, b in spans])]
    room_width = min(16, max([len(s["room"] or "") for s in sessions] + [4]))
    kind_width = max([4] + [len(s["kind"]) for s in sessions])

    def fits(room: bool, kind: bool) -> bool:
        widths = times + ([room_width] if room else []) + ([kind_width] if kind else [])
        return sum(widths) + TITLE_MIN + _overhead(len(widths) + 1) <= console.width

    # Narrower: the kind, then the room, move under the title; narrower still, one block per session.
    layouts = [(True, True), (True, False), (False, False)] if with_room else [(False, True), (False, False)]
    chosen = next((layout for layout in layouts if fits(*layout)), None)
    if chosen is None:
        _print_blocks(console, day, sessions, [local for local, _ in spans], heading)
        return
    room_column, kind_column = chosen
    table = _table(title=heading, caption=day["theme"], title_justify="left", caption_justify="left")
    table.add_column(day["timezone"], no_wrap=True, style="bold")
    table.add_column(event, no_wrap=True, style="dim")
    if room_column:
        table.add_column("Room", max_width=room_width)
    table.add_column("Session", ratio=1, min_width=TITLE_MIN)
    if kind_column:
        table.add_column("Kind", style="cyan", no_wrap=True)
    for s, (local, at_event) in zip(sessions, spans, strict=True):
        # Fold rather than cut: the id is what 'loci show' needs, however long.
        cell = Text(s["title"], overflow="fold")
        byline = _byline(s)
        if not kind_column:
            byline.insert(1, s["kind"])
        if with_room and not room_column and s["room"]:
            byline.insert(2, f"in {s['room']}")
        cell.append("\n" + " · ".join(byline), style="dim")
        cells = [local, at_event]
        if room_column:
            cells.append(s["room"] or "")
        table.add_row(*cells, cell, *([s["kind"]] if kind_column else []))
    console.print(table)


def _pair(local: str, at_event: str, width: int, indent: str = "") -> list[str]:
    """'17:00–17:30 (12:00–12:30 CET)', the event's time on a line of its own when both don't fit."""
    both = f"{indent}{local} ({at_event})"
    if len(both) <= width:
        return [both]
    return _fill(local, width, indent) + _fill(f"({at_event})", width, indent)


def _print_blocks(console: Console, day: DayRow, sessions: list[SessionRow], spans: list[str], heading: str) -> None:
    """The narrow layout: per session its time, the event zone's, the title, and id, kind and room."""
    width = console.width
    lines = _fill(heading, width)
    if day["theme"]:
        lines += _fill(day["theme"], width)
    for s, local in zip(sessions, spans, strict=True):
        lines.append("")
        lines += _pair(local, span(s["event_start"], s["event_end"], day["date"], marked=True), width)
        lines += _fill(s["title"], width, "  ")
        facts = [s["id"], s["kind"]] + ([f"in {s['room']}"] if s["room"] else []) + _byline(s)[1:]
        lines += _fill(" · ".join(facts), width, "  ")
    for line in lines:
        console.print(line, soft_wrap=True, style="bold" if line and not line.startswith(" ") else None)


def _byline(s: SessionRow) -> list[str]:
    """The dim line under a title: id, who leads or speaks, and the track."""
    parts = [s["id"]]
    if s["lead"]:
        parts.append(s["lead"])
    if s["speakers"]:
        parts.append(", ".join(s["speakers"]))
    if s["track"]:
        parts.append(s["track"])
    return parts


HEADING_MIN = 16


def print_days(title: str, days: list[DayRow]) -> None:
    title, days = printable(title), printable(days)
    with _console() as console:
        _print_days(console, title, days)


def _print_days(console: Console, title: str, days: list[DayRow]) -> None:
    _say(console, zone_header(title, days))
    local_mixed = _mixed([m for d in days for m in (d["start"], d["end"])])
    event_times = [m for d in days for m in (d["event_start"], d["event_end"])]
    event_mixed = _mixed(event_times)
    event = event_zone_label(*event_times)
    rows = [
        (
            str(d["day"]),
            f"{d['date']:%a %d %b %Y}",
            span(d["start"], d["end"], d["date"], local_mixed),
            span(d["event_start"], d["event_end"], None, event_mixed),
            d["title"],
        )
        for d in days
    ]
    at_event = [span(d["event_start"], d["event_end"], None, marked=True) for d in days]
    fixed = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(("Day", "Date", days[0]["timezone"], event))]
    if sum(fixed) + HEADING_MIN + _overhead(len(fixed) + 1) > console.width:
        width = console.width
        lines: list[str] = []
        for (number, on, local, _, heading), there in zip(rows, at_event, strict=True):
            lines += ["", f"Day {number} · {on}"]
            lines += _pair(local, there, width, "  ")
            lines += _fill(heading, width, "  ")
        for line in lines:
            console.print(line, soft_wrap=True)
        return
    table = _table()
    table.add_column("Day", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column(days[0]["timezone"], no_wrap=True, style="bold")
    table.add_column(event, no_wrap=True, style="dim")
    table.add_column("Heading", min_width=HEADING_MIN)
    for row in rows:
        table.add_row(*row)
    console.print(table)


_ITEM = re.compile(r"(\s*)([-*•‣◦]|\d{1,3}[.)]|[a-z][.)])\s+")


def _wrap(text: str, indent: str = "  ", width: int | None = None) -> str:
    """Wrap ``text`` keeping its paragraphs, line breaks and list items (an item's lines hang under its text)."""
    width = min(78, width or terminal_width())
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        item = _ITEM.match(line)
        if item:
            first = indent + item.group(1) + item.group(2) + " "
            out += _fill(line[item.end() :], width, first, " " * len(first))
        else:
            margin = indent + line[: len(line) - len(line.lstrip())]
            out += _fill(line.strip(), width, margin)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _field(name: str, value: str, width: int | None = None) -> list[str]:
    """'Venue:      Online × The Hague', wrapped under its value."""
    return _fill(value, min(78, width or terminal_width()), f"{name + ':':<12}", " " * 12)


def _day_times(days: list[DayRow]) -> str:
    """'12:00–15:00' when every day keeps the same hours; else each day's: 'Day 1 17:00–20:00, Days 2–4 …'."""
    spans = [span(d["start"], d["end"]) for d in days]
    if len(set(spans)) == 1:
        return spans[0]
    groups: list[tuple[list[int], str]] = []
    for d in days:
        text = span(d["start"], d["end"])
        if groups and groups[-1][1] == text:
            groups[-1][0].append(d["day"])
        else:
            groups.append(([d["day"]], text))

    def name(numbers: list[int]) -> str:
        if len(numbers) == 1:
            return f"Day {numbers[0]}"
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"Days {numbers[0]}–{numbers[-1]}"
        return "Days " + ", ".join(map(str, numbers))

    return ", ".join(f"{name(numbers)} {text}" for numbers, text in groups)


def info_text(info: InfoRow, days: list[DayRow] | None = None) -> str:
    first = info["start"]
    # The dates in the viewer's zone, as the times beside them (in Auckland the meeting's Tuesdays are Wednesdays).
    local = list(dict.fromkeys(d["start"].date() for d in days)) if days else info["dates"]
    dates = ", ".join(f"{d:%d %b}" for d in local)
    organisers = ", ".join(o["name"] for o in info["organisers"])
    contacts = ", ".join(c["name"] + (f" ({c['organisation']})" if c.get("organisation") else "") for c in info["contacts"])
    hours = _day_times(days) if days else span(info["start"], info["end"])
    lines = [info["title"]]
    if info["subtitle"]:
        lines.append(info["subtitle"])
    lines.append("")
    fields = [
        ("Dates", f"{dates} {first:%Y}"),
        ("Time", f"{hours} {info['timezone']} (event zone {info['event_timezone']})"),
        ("Venue", info["venue"]),
        ("Region", info["region"]),
        ("Organisers", organisers),
        ("Contacts", contacts),
        ("Web", info["url"]),
    ]
    for name, value in fields:
        if value:
            lines += _field(name, value)
    if info["participants"]:
        # Said as what it is: where the agenda says people attend from, not a record of who came.
        listed = f"{plural(len(info['participants']), 'country', 'countries')} in the agenda's participant list"
        lines += _field("Countries", listed + (" (see the note below)" if info["note"] else ""))
    if info["about"]:
        lines += ["", "About", _wrap(info["about"])]
    if info["note"]:
        lines += ["", "Note on the data", _wrap(info["note"])]
    return "\n".join(lines)


def session_text(s: SessionRow, day: DayRow) -> str:
    marked = s["start"].utcoffset() != s["end"].utcoffset()
    event_marked = s["event_start"].utcoffset() != s["event_end"].utcoffset()
    lines = [
        *_fill(s["title"], min(78, terminal_width())),
        "",
        *_field("When", f"{s['start']:%a %d %b %Y} {span(s['start'], s['end'], s['start'].date(), marked)} {s['timezone']}"),
        *_fill(
            f"{span(s['event_start'], s['event_end'], None, event_marked)} {s['event_timezone']} (event zone)",
            min(78, terminal_width()),
            " " * 12,
        ),
        *_field("Day", day_heading(day)),
        *_field("Kind", s["kind"]),
    ]
    if s["speakers"]:
        lines += _field("Speakers", ", ".join(s["speakers"]))
    details = (
        ("Lead", s["lead"]),
        ("Room", s["room"]),
        ("Where", s["location"]),
        ("Track", s["track"]),
        ("Language", s["language"]),
        ("Link", s["url"]),
    )
    for label, value in details:
        if value:
            lines += _field(label, value)
    for link in s["links"]:
        lines += _field("Link", link["url"] + (f" ({link['title']})" if link.get("title") else ""))
    lines += _field("ID", s["id"])
    if s["description"]:
        lines += ["", _wrap(s["description"], "")]
    return "\n".join(lines)


def duration(seconds: int) -> str:
    """'less than a minute', '45 min', '2 h 05 min', '3 days 4 h'."""
    if seconds < 60:
        return "less than a minute"
    minutes = seconds // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{plural(days, 'day')} {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def _when(s: SessionRow, at: datetime, year: int | None) -> str:
    """A span seen from ``at``: its date when another, and the year too when not ``year`` (the clock's)."""
    text = span(s["start"], s["end"], at.date(), s["start"].utcoffset() != s["end"].utcoffset())
    if s["start"].date() != at.date() and year is not None and s["start"].year != year:
        text = f"{s['start']:%a %d %b %Y}" + text[len(f"{s['start']:%a %d %b}") :]
    return text


def moment_text(now: MomentRow, year: int | None = None) -> str:
    """What runs at ``now['at']`` and what is next; dates in another year than ``year`` (the clock's) show it."""
    at = now["at"]
    lines = [f"At {at:%a %d %b %Y %H:%M} in {now['timezone']}:"]
    current = now["current_all"] or ([now["current"]] if now["current"] else [])
    following = now["next_all"] or ([now["next"]] if now["next"] else [])
    for i, s in enumerate(current):
        left = int((s["end"] - at).total_seconds())
        label = "Now:" if i == 0 else ""
        lines.append(f"  {label:<6}{_when(s, at, year)}  {_named(s)}, {duration(left)} left")
    if not current:
        lines.append("  Now:  nothing is on")
    for i, s in enumerate(following):
        label = "Next:" if i == 0 else ""
        lines.append(f"  {label:<6}{_when(s, at, year)}  {_named(s)}, starts in {duration(now['next_starts_in_seconds'] or 0)}")
    if not following:
        lines.append("  Next: nothing; the programme is over")
    return "\n".join(lines)


def _named(s: SessionRow) -> str:
    return f"{s['title']} [{s['id']}]" + (f" in {s['room']}" if s["room"] else "")


def validation_text(check: ValidationRow) -> str:
    """Every problem on its own line, FILE: PATH: WHAT, as compilers print them; or a one-line summary."""
    lines = [f"{check['file']}: {p['path']}: {p['message']}" for p in check["problems"]]
    if check["valid"]:
        what = "loci agenda" if check["format"] == "loci" else "frab schedule"
        counts = f"{plural(check['days'] or 0, 'day')}, {plural(check['sessions'] or 0, 'session')}"
        if check["rooms"]:
            counts += f" in {plural(check['rooms'], 'room')}"
        lines.append(f"{check['file']}: a valid {what}: {check['title']}, {counts}; event zone {check['timezone']}")
    lines += [f"note: {note}" for note in check["notes"]]
    return "\n".join(lines)


# How each kind of local hour looks in 'loci zones': a colour, and a mark that
# survives NO_COLOR and pipes.
_CATEGORY_STYLE = {"working": ("green", ""), "early": ("yellow", " ◑"), "evening": ("yellow", " ◑"), "night": ("bold red", " ☾")}
_WORKING = hours.BOUNDS["working"]
LEGEND = f"◑ before {_WORKING[0]:%H:%M} or after {_WORKING[1]:%H:%M} local time   ☾ {hours.describe('night')}"


def _mark(days: int) -> str:
    return f"{days:+d}" if days else ""


def matrix_cell(cell: Cell, with_end: bool = True) -> str:
    """'17:00–20:00'; each time on another date than the column's carries it: '22:00–01:00+1',
    '00:00+1–03:00+1'; the start alone when ``with_end`` is false; then the mark of its kind of hour."""
    start, end = cell["start"], cell["end"]
    text = f"{start:%H:%M}{_mark(cell['start_day_offset'])}"
    if with_end:
        text += f"–{end:%H:%M}{_mark(cell['end_day_offset'])}"
    return text + _CATEGORY_STYLE[cell["category"]][1]


def _short_offset(moment: datetime) -> str:
    """'+6', '+5:30', '-3': the UTC offset of a local time, for a narrow column."""
    return format_offset(moment.utcoffset(), "short")


def print_matrix(data: MatrixRow) -> None:
    data = printable(data)
    with _console() as console:
        _print_matrix(console, data)


PLACE_MIN = 8


def _print_matrix(console: Console, data: MatrixRow) -> None:
    from rich.text import Text

    columns = data["columns"]
    per_session = data["day"] is not None
    event = event_zone_label(columns[0]["event_start"])
    first = columns[0]
    if per_session:
        heading = f"Day {data['day']} · {first['date']:%a %d %b %Y}: each session's local start"
    else:
        heading = f"The meeting days, local start–end ({span(first['event_start'], first['event_end'])} {event} on Day 1)"
    _say(console, f"{data['title']}\n{heading}")
    if data.get("note"):
        _say(console, f"Note: {data['note']}")
    texts = [[matrix_cell(c, not per_session) for c in row["cells"]] for row in data["rows"]]
    offsets = [_short_offset(row["cells"][0]["start"]) for row in data["rows"]]
    headers = [
        f"{c['event_start']:%H:%M}\n{event_zone_label(c['event_start'])}" if per_session else f"Day {c['day']}\n{c['date']:%a %d %b}"
        for c in columns
    ]
    # Rich shares out a narrow terminal by ratio, splitting times; give every time column
    # its full width and let only the place names wrap into what is left.
    widths = [max([len(line) for line in h.splitlines()] + [len(row[i]) for row in texts]) for i, h in enumerate(headers)]
    utc_width = max(len(o) for o in [*offsets, "UTC"])
    longest = max(len(row["place"]) for row in data["rows"])

    # One space and the box's divider between columns, no edges: four days fit 80 columns.
    # Place names may wrap at words, never inside one; the time columns that don't fit
    # beside them go to further tables below (pages), each with the place names again.
    def width_of(times: list[int], place: int) -> int:
        return place + utc_width + sum(times) + 2 * (len(times) + 2) - 1

    place_width = max([PLACE_MIN] + [len(word) for row in data["rows"] for word in row["place"].split()])
    pages: list[list[int]] = []
    for i in range(len(widths)):
        if pages and width_of([widths[j] for j in [*pages[-1], i]], place_width) <= console.width:
            pages[-1].append(i)
        else:
            pages.append([i])
    for page in pages:
        left = console.width - width_of([widths[i] for i in page], 0)
        table = _table(show_edge=False, padding=(0, 1, 0, 0))
        table.add_column("Place", width=max(PLACE_MIN, min(longest, left)))
        table.add_column("UTC", width=utc_width, no_wrap=True)
        for i in page:
            table.add_column(headers[i], width=widths[i], no_wrap=True)
        for row, cells, utc in zip(data["rows"], texts, offsets, strict=True):
            styles = [_CATEGORY_STYLE[row["cells"][i]["category"]][0] for i in page]
            place = Text(row["place"], overflow="fold")
            table.add_row(place, utc, *(Text(cells[i], style=style) for i, style in zip(page, styles, strict=True)))
        console.print()
        console.print(table)
    if per_session:
        for column in columns:
            line = f"  {column['event_start']:%H:%M} {event_zone_label(column['event_start'])}  {column['title']}"
            for text in _fill(line, console.width, "", " " * 13):
                console.print(text, soft_wrap=True)
    # The legend's two parts on lines of their own when the line won't hold both.
    _say(console, LEGEND if len(LEGEND) <= console.width else LEGEND.replace("   ", "\n"))


def print_zone_search(rows: list[ZoneSearchRow]) -> None:
    rows = printable(rows)
    with _console() as console:
        _print_zone_search(console, rows)


def _print_zone_search(console: Console, rows: list[ZoneSearchRow]) -> None:
    first, last = rows[0]["offsets"][0]["date"], rows[0]["offsets"][-1]["date"]
    meeting = f"Meeting {first:%d %b}–{last:%d %b %Y}"
    # 'Today' is a date per zone: one in the header only when every row agrees.
    todays = {row["today"]["date"] for row in rows}
    today = f"Today {next(iter(todays)):%d %b %Y}" if len(todays) == 1 else "Today"
    cells = []
    for row in rows:
        seen = list(dict.fromkeys(o["offset"] for o in row["offsets"]))
        now = f"UTC{row['today']['offset']}" + ("" if len(todays) == 1 else f" ({row['today']['date']:%a %d %b})")
        cells.append((row["timezone"], row["country"] or "", " / ".join(f"UTC{o}" for o in seen), now))
    widths = [max(len(header), *(len(c[i]) for c in cells)) for i, header in enumerate(("Zone", "Country", "", today))]
    meeting_min = max(len("UTC+00:00"), *(len(part) for c in cells for part in c[2].split(" / ")))
    # The country keeps its whole width while the meeting's offsets can wrap; it wraps only when nothing else can.
    room = console.width - widths[0] - widths[3] - _overhead(4)
    country_width = min(widths[1], room - meeting_min)
    if country_width < min(widths[1], 12):
        for zone, country, then, now in cells:
            _say(console, zone + (f" ({country})" if country else ""), style="bold")
            for text in _fill(f"meeting {then}; today {now}", console.width, "  "):
                console.print(text, soft_wrap=True)
        return
    meeting_width = min(max(len(meeting), widths[2]), room - country_width)
    table = _table()
    table.add_column("Zone", no_wrap=True, style="bold")
    table.add_column("Country", width=country_width)
    table.add_column(meeting, width=meeting_width)
    table.add_column(today, no_wrap=True)
    for cell in cells:
        table.add_row(*cell)
    console.print(table)
