"""'loci zones' for people: the matrix of places by day or session, coloured by the hour, and zone search results."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .. import i18n
from ..core import hours
from ..core.time import format_offset
from ..i18n import _
from .output import Output, printable
from .spans import event_zone_label, span
from .table import console, fill, flush, grid, overhead, say, show

if TYPE_CHECKING:
    from rich.console import Console

    from .matrix import Cell, MatrixRow, ZoneSearchRow


# How each kind of local hour looks in 'loci zones': a colour, and a mark that
# survives NO_COLOR and pipes.
_CATEGORY_STYLE = {"working": ("green", ""), "early": ("yellow", " ◑"), "evening": ("yellow", " ◑"), "night": ("bold red", " ☾")}


_WORKING = hours.BOUNDS["working"]


def legend() -> str:
    """The matrix's legend, in the language spoken (so made when drawn, not when imported)."""
    night_start, night_end = hours.BOUNDS["night"]
    night = _("{name} ({start}–{end})").format(name=_("night"), start=f"{night_start:%H:%M}", end=f"{night_end:%H:%M}")
    return _("◑ before {start} or after {end} local time   ☾ {night}").format(
        start=f"{_WORKING[0]:%H:%M}", end=f"{_WORKING[1]:%H:%M}", night=night
    )


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


def print_matrix(out: Output, data: MatrixRow) -> None:
    data = printable(data)
    with console(out) as drawn:
        _print_matrix(drawn, data)


PLACE_MIN = 8


def _print_matrix(console: Console, data: MatrixRow) -> None:
    from rich.text import Text

    columns = data["columns"]
    per_session = data["day"] is not None
    event = event_zone_label(columns[0]["event_start"])
    first = columns[0]
    if per_session:
        heading = _("Day {number} · {date}: each session's local start").format(number=data["day"], date=i18n.format_day(first["date"]))
    else:
        heading = _("The meeting days, local start–end ({span} {zone} on Day 1)").format(
            span=span(first["event_start"], first["event_end"]), zone=event
        )
    say(console, f"{data['title']}\n{heading}")
    if data.get("note"):
        say(console, _("Note: {note}").format(note=data["note"]))
    texts = [[matrix_cell(c, not per_session) for c in row["cells"]] for row in data["rows"]]
    offsets = [_short_offset(row["cells"][0]["start"]) for row in data["rows"]]
    headers = [
        f"{c['event_start']:%H:%M}\n{event_zone_label(c['event_start'])}"
        if per_session
        else _("Day {number}").format(number=c["day"]) + f"\n{i18n.format_day_short(c['date'])}"
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
        drawn = grid(console, show_edge=False, padding=(0, 1, 0, 0))
        drawn.add_column(_("Place"), width=max(PLACE_MIN, min(longest, left)))
        drawn.add_column("UTC", width=utc_width, no_wrap=True)
        for i in page:
            drawn.add_column(headers[i], width=widths[i], no_wrap=True)
        for row, cells, utc in zip(data["rows"], texts, offsets, strict=True):
            styles = [_CATEGORY_STYLE[row["cells"][i]["category"]][0] for i in page]
            place = Text(row["place"], overflow="fold")
            drawn.add_row(place, utc, *(Text(cells[i], style=style) for i, style in zip(page, styles, strict=True)))
        console.print()
        show(console, drawn)
        flush(console)
    if per_session:
        for column in columns:
            line = f"  {column['event_start']:%H:%M} {event_zone_label(column['event_start'])}  {column['title']}"
            for text in fill(line, console.width, "", " " * 13):
                console.print(text, soft_wrap=True)
    # The legend's two parts on lines of their own when the line won't hold both.
    text = legend()
    say(console, text if len(text) <= console.width else text.replace("   ", "\n"))


def print_zone_search(out: Output, rows: list[ZoneSearchRow]) -> None:
    rows = printable(rows)
    with console(out) as drawn:
        _print_zone_search(drawn, rows)


def _print_zone_search(console: Console, rows: list[ZoneSearchRow]) -> None:
    first, last = rows[0]["offsets"][0]["date"], rows[0]["offsets"][-1]["date"]
    meeting = _("Meeting {first}–{last}").format(first=i18n.format_date_short(first), last=i18n.format_date(last))
    # 'Today' is a date per zone: one in the header only when every row agrees.
    todays = {row["today"]["date"] for row in rows}
    today = _("Today {date}").format(date=i18n.format_date(next(iter(todays)))) if len(todays) == 1 else _("Today")
    cells = []
    for row in rows:
        seen = list(dict.fromkeys(o["offset"] for o in row["offsets"]))
        now = f"UTC{row['today']['offset']}" + ("" if len(todays) == 1 else f" ({i18n.format_day_short(row['today']['date'])})")
        cells.append((row["timezone"], row["country"] or "", " / ".join(f"UTC{o}" for o in seen), now))
    widths = [max(len(header), *(len(c[i]) for c in cells)) for i, header in enumerate((_("Zone"), _("Country"), "", today))]
    meeting_min = max(len("UTC+00:00"), *(len(part) for c in cells for part in c[2].split(" / ")))
    # The country keeps its whole width while the meeting's offsets can wrap; it wraps only when nothing else can.
    room = console.width - widths[0] - widths[3] - overhead(4)
    country_width = min(widths[1], room - meeting_min)
    if country_width < min(widths[1], 12):
        for zone, country, then, now in cells:
            say(console, zone + (f" ({country})" if country else ""), style="bold")
            for text in fill(_("meeting {then}; today {now}").format(then=then, now=now), console.width, "  "):
                console.print(text, soft_wrap=True)
        return
    meeting_width = min(max(len(meeting), widths[2]), room - country_width)
    drawn = grid(console)
    drawn.add_column(_("Zone"), no_wrap=True, style="bold")
    drawn.add_column(_("Country"), width=country_width)
    drawn.add_column(meeting, width=meeting_width)
    drawn.add_column(today, no_wrap=True)
    for cell in cells:
        drawn.add_row(*cell)
    show(console, drawn)
