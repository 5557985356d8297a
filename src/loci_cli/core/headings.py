"""How a day is headed wherever loci writes one: the terminal's views and the calendar's descriptions.

'Day 1 · Tue 10 Nov 2020 · Showcasing': the number, the local date or dates
the day covers, and its title. One wording, so that a day that runs past
midnight where the reader is ('Tue 10–Wed 11 Nov 2020') reads the same in
both.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def local_dates(start: datetime, end: datetime) -> str:
    """The local date or dates [start, end) covers, in the zone they are given in: 'Wed 11 Nov 2020', 'Tue 10–Wed 11 Nov 2020'.

    A span that ends where it starts covers its start's date.
    """
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    first = start.date()
    if last == first:
        return f"{first:%a %d %b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%a %d}–{last:%a %d %b %Y}"
    if first.year == last.year:
        return f"{first:%a %d %b}–{last:%a %d %b %Y}"
    return f"{first:%a %d %b %Y}–{last:%a %d %b %Y}"


def day_heading(number: int, title: str, start: datetime, end: datetime) -> str:
    """'Day 1 · Tue 10 Nov 2020 · Title', with the dates the day's [start, end) covers in the zone they are given in."""
    return f"Day {number} · {local_dates(start, end)} · {title}"
