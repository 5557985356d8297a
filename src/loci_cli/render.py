"""Turn rows (see present.py) into text: JSON for scripts, tables for people.

The only module that imports rich, and only inside the table functions, so
that --json and plain-text paths never pay for it.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .present import Row


# Control characters from an agenda must not reach a terminal as commands
# (escape sequences, carriage returns): they are shown as Python-style escapes.
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
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


def _write(out: TextIO, text: str, piece: int = 8192) -> None:
    # In pieces: when the reader goes away during one large write, CPython can
    # return from the short write without an error, and loci would exit 0 with
    # its output cut; a later piece meets the closed pipe and ends as one (141).
    for start in range(0, len(text), piece):
        out.write(text[start : start + piece])


def write_json(data: Any, out: TextIO | None = None) -> None:
    _write(out or sys.stdout, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_text(text: str, out: TextIO | None = None) -> None:
    text = printable(text)
    _write(out or sys.stdout, text if text.endswith("\n") else text + "\n")


def message(text: str) -> None:
    """A note for people: always stderr, so stdout stays the result; always one line."""
    sys.stderr.write(text.translate(_ONE_LINE) + "\n")


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def span(start: str, end: str, on: date | None = None) -> str:
    """'17:00–17:30', with the date when it isn't ``on`` and '(+1)' when it ends on a later date."""
    begin, finish = _at(start), _at(end)
    text = f"{begin:%H:%M}–{finish:%H:%M}"
    extra_days = (finish.date() - begin.date()).days
    if finish.time() == time(0):
        extra_days -= 1
    if extra_days > 0:
        text += f" (+{extra_days})"
    if on is not None and begin.date() != on:
        text = f"{begin:%a %d %b} {text}"
    return text


def day_heading(day: Row) -> str:
    return f"Day {day['day']} · {date.fromisoformat(day['date']):%a %d %b %Y} · {day['title']}"


def zone_header(title: str, rows: list[Row]) -> str:
    first = rows[0]
    offset = _at(first["start"]).strftime("%z")
    return f"{title}\nTimes in {first['timezone']} (UTC{offset[:3]}:{offset[3:]}); event zone {first['event_timezone']}"


def event_zone_label(row: Row) -> str:
    """The event zone's abbreviation on that date ('CET'), short enough for a column."""
    from .timezones import get_zone

    return _at(row["event_start"]).astimezone(get_zone(row["event_timezone"])).tzname() or row["event_timezone"]


@contextmanager
def _console():
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


def _table(**options):
    from rich import box
    from rich.table import Table

    return Table(box=box.SIMPLE_HEAD, pad_edge=False, **options)


def print_programme(title: str, days: list[Row], on: date | None = None) -> None:
    """One table per day. Rows show their local date when it isn't ``on`` (default: the day's date)."""
    title, days = printable(title), printable(days)
    with _console() as console:
        _print_programme(console, title, days, on)


def _print_programme(console, title: str, days: list[Row], on: date | None) -> None:
    from rich.text import Text

    console.print(zone_header(title, days), soft_wrap=True)
    for day in days:
        table = _table(title=day_heading(day), caption=day["theme"], title_justify="left", caption_justify="left")
        table.add_column(day["timezone"], no_wrap=True, style="bold")
        table.add_column(event_zone_label(day), no_wrap=True, style="dim")
        table.add_column("Session", ratio=1)
        table.add_column("Kind", style="cyan", no_wrap=True)
        reference = on or date.fromisoformat(day["date"])
        for s in day["sessions"]:
            cell = Text(s["title"])
            cell.append("\n" + s["id"] + (f" · {s['lead']}" if s["lead"] else ""), style="dim")
            table.add_row(
                span(s["start"], s["end"], reference),
                span(s["event_start"], s["event_end"], date.fromisoformat(day["date"])),
                cell,
                s["kind"],
            )
        console.print()
        console.print(table)


def print_days(title: str, days: list[Row]) -> None:
    title, days = printable(title), printable(days)
    with _console() as console:
        _print_days(console, title, days)


def _print_days(console, title: str, days: list[Row]) -> None:
    console.print(zone_header(title, days), soft_wrap=True)
    table = _table()
    table.add_column("Day", justify="right")
    table.add_column("Date", no_wrap=True)
    table.add_column(days[0]["timezone"], no_wrap=True, style="bold")
    table.add_column(event_zone_label(days[0]), no_wrap=True, style="dim")
    table.add_column("Heading")
    for day in days:
        table.add_row(
            str(day["day"]),
            f"{date.fromisoformat(day['date']):%a %d %b %Y}",
            span(day["start"], day["end"], date.fromisoformat(day["date"])),
            span(day["event_start"], day["event_end"]),
            day["title"],
        )
    console.print(table)


def _wrap(text: str, indent: str = "  ") -> str:
    import textwrap

    return textwrap.fill(text, width=78, initial_indent=indent, subsequent_indent=indent)


def info_text(info: Row) -> str:
    first, last = _at(info["start"]), _at(info["end"])
    dates = ", ".join(f"{date.fromisoformat(d):%d %b}" for d in info["dates"])
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
    if info["about"]:
        lines += ["", "About", _wrap(info["about"])]
    return "\n".join(lines)


def session_text(s: Row, day: Row) -> str:
    lines = [
        s["title"],
        "",
        f"{'When:':<12}{_at(s['start']):%a %d %b %Y} {span(s['start'], s['end'], _at(s['start']).date())} {s['timezone']}",
        f"{'':<12}{span(s['event_start'], s['event_end'])} {s['event_timezone']} (event zone)",
        f"{'Day:':<12}{day_heading(day)}",
        f"{'Kind:':<12}{s['kind']}",
    ]
    for label, key in (("Lead:", "lead"), ("Where:", "location"), ("Link:", "url")):
        if s[key]:
            lines.append(f"{label:<12}{s[key]}")
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
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def moment_text(now: Row) -> str:
    at = _at(now["at"])
    lines = [f"At {at:%a %d %b %Y %H:%M} in {now['timezone']}:"]
    current, following = now["current"], now["next"]
    if current:
        left = int((_at(current["end"]) - at).total_seconds())
        lines.append(
            f"  Now:  {span(current['start'], current['end'], at.date())}  {current['title']} "
            f"[{current['id']}], {duration(left)} left"
        )
    else:
        lines.append("  Now:  nothing is on")
    if following:
        lines.append(
            f"  Next: {span(following['start'], following['end'], at.date())}  {following['title']} "
            f"[{following['id']}], starts in {duration(now['next_starts_in_seconds'])}"
        )
    else:
        lines.append("  Next: nothing; the programme is over")
    return "\n".join(lines)
