"""Turn rows (see present.py) into text: JSON for scripts, tables for people.

The only module that imports rich, and only inside the table functions, so
that --json and plain-text paths never pay for it.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import IO, TYPE_CHECKING, Any, AnyStr, TextIO

from ..core import hours
from ..core.text import plural
from ..core.time import format_offset

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console
    from rich.table import Table

    from .matrix import Cell, MatrixRow, ZoneSearchRow
    from .rows import DayRow, DiffRow, DiffTimesRow, InfoRow, MomentRow, SessionRow, ValidationRow


# Control characters from an agenda must not reach a terminal as commands
# (escape sequences, carriage returns): they are shown as Python-style escapes.
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
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

    _write(out or sys.stdout, json.dumps(data, ensure_ascii=False, indent=2, default=json_value) + "\n")


def write_text(text: str, out: TextIO | None = None) -> None:
    text = printable(text)
    _write(out or sys.stdout, text if text.endswith("\n") else text + "\n")


def message(text: str) -> None:
    """A note for people: always stderr, so stdout stays the result; always one line."""
    sys.stderr.write(text.translate(_ONE_LINE) + "\n")


def span(begin: datetime, finish: datetime, on: date | None = None) -> str:
    """'17:00–17:30', with the date when it isn't ``on`` and '(+1)' when it ends on a later date."""
    text = f"{begin:%H:%M}–{finish:%H:%M}"
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
    lines.append("No differences." if not count else f"{plural(count, 'difference')}: "
                 f"{len(row['added'])} added, {len(row['removed'])} removed, {len(row['moved'])} moved, {len(row['changed'])} changed")
    return "\n".join(lines)


def day_heading(day: DayRow) -> str:
    return f"Day {day['day']} · {day['date']:%a %d %b %Y} · {day['title']}"


def zone_header(title: str, rows: list[DayRow]) -> str:
    first = rows[0]
    offset = format_offset(first["start"].utcoffset())
    return f"{title}\nTimes in {first['timezone']} ({offset}); event zone {first['event_timezone']}"


def event_zone_label(event_start: datetime) -> str:
    """The event zone's abbreviation at a time in it ('CET'), short enough for a column."""
    return event_start.tzname() or format_offset(event_start.utcoffset())


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

    return Table(box=box.SIMPLE_HEAD, pad_edge=False, **options)


def print_programme(title: str, days: list[DayRow], on: date | None = None, by_room: bool = False) -> None:
    """One table per day (per day and room with ``by_room``).

    Rows show their local date when it isn't ``on`` (default: the day's date).
    A Room column appears when the sessions name rooms.
    """
    title, days = printable(title), printable(days)
    with _console() as console:
        _print_programme(console, title, days, on, by_room)


def _print_programme(console: Console, title: str, days: list[DayRow], on: date | None, by_room: bool) -> None:
    console.print(zone_header(title, days), soft_wrap=True)
    for day in days:
        if by_room:
            groups: dict[str, list[SessionRow]] = {}
            for s in day["sessions"]:
                groups.setdefault(s["room"] or "(no room)", []).append(s)
            for room, sessions in groups.items():
                console.print()
                console.print(_programme_table(day, sessions, on, f"{day_heading(day)} · {room}", with_room=False))
        else:
            with_room = any(s["room"] for s in day["sessions"])
            console.print()
            console.print(_programme_table(day, day["sessions"], on, day_heading(day), with_room))


def _programme_table(day: DayRow, sessions: list[SessionRow], on: date | None, heading: str, with_room: bool) -> Table:
    from rich.text import Text

    table = _table(title=heading, caption=day["theme"], title_justify="left", caption_justify="left")
    table.add_column(day["timezone"], no_wrap=True, style="bold")
    table.add_column(event_zone_label(day["event_start"]), no_wrap=True, style="dim")
    if with_room:
        table.add_column("Room")
    table.add_column("Session", ratio=1)
    table.add_column("Kind", style="cyan", no_wrap=True)
    reference = on or day["date"]
    for s in sessions:
        # Fold rather than cut: the id is what 'loci show' needs, however long.
        cell = Text(s["title"], overflow="fold")
        cell.append("\n" + " · ".join(_byline(s)), style="dim")
        cells = [span(s["start"], s["end"], reference), span(s["event_start"], s["event_end"], day["date"])]
        if with_room:
            cells.append(s["room"] or "")
        table.add_row(*cells, cell, s["kind"])
    return table


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


def print_days(title: str, days: list[DayRow]) -> None:
    title, days = printable(title), printable(days)
    with _console() as console:
        _print_days(console, title, days)


def _print_days(console: Console, title: str, days: list[DayRow]) -> None:
    console.print(zone_header(title, days), soft_wrap=True)
    table = _table()
    table.add_column("Day", justify="right")
    table.add_column("Date", no_wrap=True)
    table.add_column(days[0]["timezone"], no_wrap=True, style="bold")
    table.add_column(event_zone_label(days[0]["event_start"]), no_wrap=True, style="dim")
    table.add_column("Heading")
    for day in days:
        table.add_row(
            str(day["day"]),
            f"{day['date']:%a %d %b %Y}",
            span(day["start"], day["end"], day["date"]),
            span(day["event_start"], day["event_end"]),
            day["title"],
        )
    console.print(table)


def _wrap(text: str, indent: str = "  ") -> str:
    import textwrap

    return textwrap.fill(text, width=78, initial_indent=indent, subsequent_indent=indent)


def info_text(info: InfoRow) -> str:
    first, last = info["start"], info["end"]
    dates = ", ".join(f"{d:%d %b}" for d in info["dates"])
    organisers = ", ".join(o["name"] for o in info["organisers"])
    contacts = ", ".join(
        c["name"] + (f" ({c['organisation']})" if c.get("organisation") else "") for c in info["contacts"]
    )
    lines = [info["title"]]
    if info["subtitle"]:
        lines.append(info["subtitle"])
    lines.append("")
    fields = [
        ("Dates", f"{dates} {first:%Y}"),
        ("Time", f"{first:%H:%M}–{last:%H:%M} {info['timezone']} (event zone {info['event_timezone']})"),
        ("Venue", info["venue"]),
        ("Region", info["region"]),
        ("Organisers", organisers),
        ("Contacts", contacts),
        ("Web", info["url"]),
    ]
    lines += [f"{name + ':':<12}{value}" for name, value in fields if value]
    if info["participants"]:
        # Said as what it is: where the agenda says people attend from, not a record of who came.
        listed = f"{plural(len(info['participants']), 'country', 'countries')} in the agenda's participant list"
        lines.append(f"{'Countries:':<12}{listed}" + (" (see the note below)" if info["note"] else ""))
    if info["about"]:
        lines += ["", "About", _wrap(info["about"])]
    if info["note"]:
        lines += ["", "Note on the data", _wrap(info["note"])]
    return "\n".join(lines)


def session_text(s: SessionRow, day: DayRow) -> str:
    lines = [
        s["title"],
        "",
        f"{'When:':<12}{s['start']:%a %d %b %Y} {span(s['start'], s['end'], s['start'].date())} {s['timezone']}",
        f"{'':<12}{span(s['event_start'], s['event_end'])} {s['event_timezone']} (event zone)",
        f"{'Day:':<12}{day_heading(day)}",
        f"{'Kind:':<12}{s['kind']}",
    ]
    if s["speakers"]:
        lines.append(f"{'Speakers:':<12}{', '.join(s['speakers'])}")
    details = (("Lead:", s["lead"]), ("Room:", s["room"]), ("Where:", s["location"]), ("Track:", s["track"]),
               ("Language:", s["language"]), ("Link:", s["url"]))
    lines += [f"{label:<12}{value}" for label, value in details if value]
    for link in s["links"]:
        lines.append(f"{'Link:':<12}{link['url']}" + (f" ({link['title']})" if link.get("title") else ""))
    lines.append(f"{'ID:':<12}{s['id']}")
    if s["description"]:
        lines += ["", _wrap(s["description"], "")]
    return "\n".join(lines)


def duration(seconds: int) -> str:
    """'45 min', '2 h 05 min', '3 days 4 h'."""
    minutes = max(0, seconds) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{plural(days, 'day')} {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def moment_text(now: MomentRow) -> str:
    at = now["at"]
    lines = [f"At {at:%a %d %b %Y %H:%M} in {now['timezone']}:"]
    current = now["current_all"] or ([now["current"]] if now["current"] else [])
    following = now["next_all"] or ([now["next"]] if now["next"] else [])
    for i, s in enumerate(current):
        left = int((s["end"] - at).total_seconds())
        label = "Now:" if i == 0 else ""
        lines.append(f"  {label:<6}{span(s['start'], s['end'], at.date())}  {_named(s)}, {duration(left)} left")
    if not current:
        lines.append("  Now:  nothing is on")
    for i, s in enumerate(following):
        label = "Next:" if i == 0 else ""
        lines.append(
            f"  {label:<6}{span(s['start'], s['end'], at.date())}  {_named(s)}, "
            f"starts in {duration(now['next_starts_in_seconds'] or 0)}"
        )
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
    console.print(f"{data['title']}\n{heading}", soft_wrap=True)
    if data.get("note"):
        console.print(f"Note: {data['note']}")
    # One space and the box's divider between columns, no edges: four days fit 80 columns.
    table = _table(show_edge=False, padding=(0, 1, 0, 0))
    texts = [[matrix_cell(c, not per_session) for c in row["cells"]] for row in data["rows"]]
    offsets = [_short_offset(row["cells"][0]["start"]) for row in data["rows"]]
    headers = [
        f"{c['event_start']:%H:%M}\n{event}" if per_session else f"Day {c['day']}\n{c['date']:%a %d %b}"
        for c in columns
    ]
    # Rich shares out a narrow terminal by ratio, splitting times; give every time column
    # its full width and let only the place names wrap into what is left.
    widths = [max([len(line) for line in h.splitlines()] + [len(row[i]) for row in texts]) for i, h in enumerate(headers)]
    utc_width = max(len(o) for o in [*offsets, "UTC"])
    left = console.width - sum(widths) - utc_width - 2 * (len(widths) + 1) - 1
    longest = max(len(row["place"]) for row in data["rows"])
    table.add_column("Place", width=max(8, min(longest, left)))
    table.add_column("UTC", width=utc_width, no_wrap=True)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, width=width, no_wrap=True)
    for row, cells, utc in zip(data["rows"], texts, offsets, strict=True):
        styles = [_CATEGORY_STYLE[c["category"]][0] for c in row["cells"]]
        table.add_row(row["place"], utc, *(Text(text, style=style) for text, style in zip(cells, styles, strict=True)))
    console.print()
    console.print(table)
    if per_session:
        for column in columns:
            console.print(f"  {column['event_start']:%H:%M} {event}  {column['title']}", soft_wrap=True)
    console.print(LEGEND, soft_wrap=True)


def print_zone_search(rows: list[ZoneSearchRow]) -> None:
    rows = printable(rows)
    with _console() as console:
        _print_zone_search(console, rows)


def _print_zone_search(console: Console, rows: list[ZoneSearchRow]) -> None:
    table = _table()
    table.add_column("Zone", no_wrap=True, style="bold")
    table.add_column("Country")
    first, last = rows[0]["offsets"][0]["date"], rows[0]["offsets"][-1]["date"]
    table.add_column(f"Meeting {first:%d %b}–{last:%d %b %Y}", no_wrap=True)
    table.add_column(f"Today {rows[0]['today']['date']:%d %b %Y}", no_wrap=True)
    for row in rows:
        seen = list(dict.fromkeys(o["offset"] for o in row["offsets"]))
        table.add_row(row["timezone"], row["country"] or "", " / ".join(f"UTC{o}" for o in seen), f"UTC{row['today']['offset']}")
    console.print(table)
