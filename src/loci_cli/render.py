"""Turn rows (see present.py) into text: JSON for scripts, tables for people.

The only module that imports rich, and only inside the table functions, so
that --json and plain-text paths never pay for it.
"""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import date, datetime, time
from typing import Any, TextIO

from .present import Row


def write_json(data: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=2))
    out.write("\n")


def write_text(text: str, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(text if text.endswith("\n") else text + "\n")


def message(text: str) -> None:
    """A note for people: always stderr, so stdout stays the result."""
    sys.stderr.write(text + "\n")


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


def _console():
    import os

    from rich.console import Console

    # Rich drops only colours for NO_COLOR; a user asking for none wants no escapes at all.
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(highlight=False, color_system=None if plain else "auto")


def _table(**options):
    from rich import box
    from rich.table import Table

    return Table(box=box.SIMPLE_HEAD, pad_edge=False, **options)


def print_programme(title: str, days: list[Row], on: date | None = None, by_room: bool = False) -> None:
    """One table per day (per day and room with ``by_room``).

    Rows show their local date when it isn't ``on`` (default: the day's date).
    A Room column appears when the sessions name rooms.
    """
    console = _console()
    console.print(zone_header(title, days), soft_wrap=True)
    for day in days:
        if by_room:
            groups: dict[str, list[Row]] = {}
            for s in day["sessions"]:
                groups.setdefault(s["room"] or "(no room)", []).append(s)
            for room, sessions in groups.items():
                console.print()
                console.print(_programme_table(day, sessions, on, f"{day_heading(day)} · {room}", with_room=False))
        else:
            with_room = any(s["room"] for s in day["sessions"])
            console.print()
            console.print(_programme_table(day, day["sessions"], on, day_heading(day), with_room))


def _programme_table(day: Row, sessions: list[Row], on: date | None, heading: str, with_room: bool):
    from rich.text import Text

    table = _table(title=heading, caption=day["theme"], title_justify="left", caption_justify="left")
    table.add_column(day["timezone"], no_wrap=True, style="bold")
    table.add_column(event_zone_label(day), no_wrap=True, style="dim")
    if with_room:
        table.add_column("Room")
    table.add_column("Session", ratio=1)
    table.add_column("Kind", style="cyan", no_wrap=True)
    reference = on or date.fromisoformat(day["date"])
    for s in sessions:
        # Fold rather than cut: the id is what 'loci show' needs, however long.
        cell = Text(s["title"], overflow="fold")
        cell.append("\n" + " · ".join(_byline(s)), style="dim")
        cells = [span(s["start"], s["end"], reference), span(s["event_start"], s["event_end"], date.fromisoformat(day["date"]))]
        if with_room:
            cells.append(s["room"] or "")
        table.add_row(*cells, cell, s["kind"])
    return table


def _byline(s: Row) -> list[str]:
    """The dim line under a title: id, who leads or speaks, and the track."""
    parts = [s["id"]]
    if s["lead"]:
        parts.append(s["lead"])
    if s["speakers"]:
        parts.append(", ".join(s["speakers"]))
    if s["track"]:
        parts.append(s["track"])
    return parts


def print_days(title: str, days: list[Row]) -> None:
    console = _console()
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
    if s["speakers"]:
        lines.append(f"{'Speakers:':<12}{', '.join(s['speakers'])}")
    for label, key in (("Lead:", "lead"), ("Room:", "room"), ("Where:", "location"), ("Track:", "track"),
                       ("Language:", "language"), ("Link:", "url")):
        if s[key]:
            lines.append(f"{label:<12}{s[key]}")
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
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def moment_text(now: Row) -> str:
    at = _at(now["at"])
    lines = [f"At {at:%a %d %b %Y %H:%M} in {now['timezone']}:"]
    current = now["current_all"] or ([now["current"]] if now["current"] else [])
    following = now["next_all"] or ([now["next"]] if now["next"] else [])
    for i, s in enumerate(current):
        left = int((_at(s["end"]) - at).total_seconds())
        label = "Now:" if i == 0 else ""
        lines.append(f"  {label:<6}{span(s['start'], s['end'], at.date())}  {_named(s)}, {duration(left)} left")
    if not current:
        lines.append("  Now:  nothing is on")
    for i, s in enumerate(following):
        label = "Next:" if i == 0 else ""
        lines.append(
            f"  {label:<6}{span(s['start'], s['end'], at.date())}  {_named(s)}, "
            f"starts in {duration(now['next_starts_in_seconds'])}"
        )
    if not following:
        lines.append("  Next: nothing; the programme is over")
    return "\n".join(lines)


def _named(s: Row) -> str:
    return f"{s['title']} [{s['id']}]" + (f" in {s['room']}" if s["room"] else "")


def validation_text(check: Row) -> str:
    """Every problem on its own line, FILE: PATH: WHAT, as compilers print them; or a one-line summary."""
    lines = [f"{check['file']}: {p['path']}: {p['message']}" for p in check["problems"]]
    if check["valid"]:
        what = "loci agenda" if check["format"] == "loci" else "frab schedule"
        counts = f"{check['days']} day{'s' if check['days'] != 1 else ''}, {check['sessions']} sessions"
        if check["rooms"]:
            counts += f" in {check['rooms']} room{'s' if check['rooms'] != 1 else ''}"
        lines.append(f"{check['file']}: a valid {what}: {check['title']}, {counts}; event zone {check['timezone']}")
    lines += [f"note: {note}" for note in check["notes"]]
    return "\n".join(lines)
