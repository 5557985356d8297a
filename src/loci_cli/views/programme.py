"""The programme for people: 'sessions' and 'today', a table per day, or blocks on a narrow terminal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..i18n import _
from .output import Output, printable
from .spans import day_heading, event_zone_label, mixed, span, zone_header
from .table import console, fill, flush, grid, overhead, pair, print_lines, say, show

if TYPE_CHECKING:
    from rich.console import Console

    from .rows import DayRow, SessionRow


# The narrowest a session's title may get in a table; below it, sessions are
# drawn as blocks, one under another, so that no title is ever cut or dropped.
TITLE_MIN = 20


def print_programme(out: Output, title: str, days: list[DayRow], on: date | None = None, by_room: bool = False) -> None:
    """One table per day (per day and room with ``by_room``), or stacked blocks on a narrow terminal.

    Rows show their local date when it isn't ``on`` (default: the day's first local date).
    A Room column appears when the sessions name rooms.
    """
    title, days = printable(title), printable(days)
    with console(out) as drawn:
        _print_programme(drawn, title, days, on, by_room)


def _print_programme(console: Console, title: str, days: list[DayRow], on: date | None, by_room: bool) -> None:
    say(console, zone_header(title, days))
    for day in days:
        if by_room:
            groups: dict[str, list[SessionRow]] = {}
            for s in day["sessions"]:
                groups.setdefault(s["room"] or _("(no room)"), []).append(s)
            for room, sessions in groups.items():
                console.print()
                _print_sessions(console, day, sessions, on, f"{day_heading(day)} · {room}", with_room=False)
        else:
            with_room = any(s["room"] for s in day["sessions"])
            console.print()
            _print_sessions(console, day, day["sessions"], on, day_heading(day), with_room)
        flush(console)


def _session_cells(day: DayRow, sessions: list[SessionRow], on: date | None) -> tuple[list[tuple[str, str]], str, bool]:
    """Each session's local and event-zone span, the event column's label, and whether its spans name offsets."""
    reference = on or day["start"].date()
    local_mixed = mixed([m for s in sessions for m in (s["start"], s["end"])])
    event_times = [m for s in sessions for m in (s["event_start"], s["event_end"])]
    event_mixed = mixed(event_times)
    spans = [
        (span(s["start"], s["end"], reference, local_mixed), span(s["event_start"], s["event_end"], day["date"], event_mixed))
        for s in sessions
    ]
    return spans, event_zone_label(*event_times), event_mixed


def _print_sessions(console: Console, day: DayRow, sessions: list[SessionRow], on: date | None, heading: str, with_room: bool) -> None:
    from rich.text import Text

    spans, event, _late = _session_cells(day, sessions, on)
    times = [max([len(day["timezone"])] + [len(a) for a, _b in spans]), max([len(event)] + [len(b) for _a, b in spans])]
    room_width = min(16, max([len(s["room"] or "") for s in sessions] + [4]))
    kind_width = max([4] + [len(s["kind"]) for s in sessions])

    def fits(room: bool, kind: bool) -> bool:
        widths = times + ([room_width] if room else []) + ([kind_width] if kind else [])
        return sum(widths) + TITLE_MIN + overhead(len(widths) + 1) <= console.width

    # Narrower: the kind, then the room, move under the title; narrower still, one block per session.
    layouts = [(True, True), (True, False), (False, False)] if with_room else [(False, True), (False, False)]
    chosen = next((layout for layout in layouts if fits(*layout)), None)
    if chosen is None:
        _print_blocks(console, day, sessions, [local for local, _event in spans], heading)
        return
    room_column, kind_column = chosen
    drawn = grid(console, title=heading, caption=day["theme"], title_justify="left", caption_justify="left")
    drawn.add_column(day["timezone"], no_wrap=True, style="bold")
    drawn.add_column(event, no_wrap=True, style="dim")
    if room_column:
        drawn.add_column(_("Room"), max_width=room_width)
    drawn.add_column(_("Session"), ratio=1, min_width=TITLE_MIN)
    if kind_column:
        drawn.add_column(_("Kind"), style="cyan", no_wrap=True)
    for s, (local, at_event) in zip(sessions, spans, strict=True):
        # Fold rather than cut: the id is what 'loci show' needs, however long.
        cell = Text(s["title"], overflow="fold")
        facts = byline(s)
        if not kind_column:
            facts.insert(1, s["kind"])
        if with_room and not room_column and s["room"]:
            facts.insert(2, _("in {room}").format(room=s["room"]))
        cell.append("\n" + " · ".join(facts), style="dim")
        cells = [local, at_event]
        if room_column:
            cells.append(s["room"] or "")
        drawn.add_row(*cells, cell, *([s["kind"]] if kind_column else []))
    show(console, drawn)


def _print_blocks(console: Console, day: DayRow, sessions: list[SessionRow], spans: list[str], heading: str) -> None:
    """The narrow layout: per session its time, the event zone's, the title, and id, kind and room."""
    width = console.width
    lines = fill(heading, width)
    if day["theme"]:
        lines += fill(day["theme"], width)
    for s, local in zip(sessions, spans, strict=True):
        lines.append("")
        lines += pair(local, span(s["event_start"], s["event_end"], day["date"], marked=True), width)
        lines += fill(s["title"], width, "  ")
        facts = [s["id"], s["kind"]] + ([_("in {room}").format(room=s["room"])] if s["room"] else []) + byline(s)[1:]
        lines += fill(" · ".join(facts), width, "  ")
    print_lines(console, lines, lambda line: "bold" if line and not line.startswith(" ") else None)


def byline(s: SessionRow) -> list[str]:
    """The dim line under a title: id, who leads or speaks, and the track."""
    parts = [s["id"]]
    if s["lead"]:
        parts.append(s["lead"])
    if s["speakers"]:
        parts.append(", ".join(s["speakers"]))
    if s["track"]:
        parts.append(s["track"])
    return parts
