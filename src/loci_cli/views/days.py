"""'loci days' for people: the meeting days, local and event-zone hours side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, format_day
from .output import Output, printable
from .spans import event_zone_label, mixed, span, zone_header
from .table import console, fill, overhead, pair, say, table

if TYPE_CHECKING:
    from rich.console import Console

    from .rows import DayRow


HEADING_MIN = 16


def print_days(out: Output, title: str, days: list[DayRow]) -> None:
    title, days = printable(title), printable(days)
    with console(out) as drawn:
        _print_days(drawn, title, days)


def _print_days(console: Console, title: str, days: list[DayRow]) -> None:
    say(console, zone_header(title, days))
    local_mixed = mixed([m for d in days for m in (d["start"], d["end"])])
    event_times = [m for d in days for m in (d["event_start"], d["event_end"])]
    event_mixed = mixed(event_times)
    event = event_zone_label(*event_times)
    rows = [
        (
            str(d["day"]),
            format_day(d["date"]),
            span(d["start"], d["end"], d["date"], local_mixed),
            span(d["event_start"], d["event_end"], None, event_mixed),
            d["title"],
        )
        for d in days
    ]
    at_event = [span(d["event_start"], d["event_end"], None, marked=True) for d in days]
    day_header, date_header = _("Day"), _("Date")
    fixed = [
        max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate((day_header, date_header, days[0]["timezone"], event))
    ]
    if sum(fixed) + HEADING_MIN + overhead(len(fixed) + 1) > console.width:
        width = console.width
        lines: list[str] = []
        for (number, on, local, _event, heading), there in zip(rows, at_event, strict=True):
            lines += ["", _("Day {number} · {date}").format(number=number, date=on)]
            lines += pair(local, there, width, "  ")
            lines += fill(heading, width, "  ")
        for line in lines:
            console.print(line, soft_wrap=True)
        return
    drawn = table(console)
    drawn.add_column(day_header, justify="right", no_wrap=True)
    drawn.add_column(date_header, no_wrap=True)
    drawn.add_column(days[0]["timezone"], no_wrap=True, style="bold")
    drawn.add_column(event, no_wrap=True, style="dim")
    drawn.add_column(_("Heading"), min_width=HEADING_MIN)
    for row in rows:
        drawn.add_row(*row)
    console.print(drawn)
