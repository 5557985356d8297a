"""How a day is headed wherever loci writes one: the terminal's views and the calendar's descriptions.

'Day 1 · Tue 10 Nov 2020 · Showcasing': the number, the local date or dates
the day covers, and its title. One wording, so that a day that runs past
midnight where the reader is ('Tue 10–Wed 11 Nov 2020') reads the same in
both.

In English unless given a language: a published calendar's text must not
follow the language of whoever ran the export, so the views pass the reader's
(``i18n.current()``) and the calendars pass none.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..i18n import ENGLISH, Language, get


def local_dates(start: datetime, end: datetime, lang: Language | None = None) -> str:
    """The local date or dates [start, end) covers, in the zone they are given in: 'Wed 11 Nov 2020', 'Tue 10–Wed 11 Nov 2020'.

    A span that ends where it starts covers its start's date.
    """
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    return (lang or get(ENGLISH)).format_days(start.date(), last)


def day_heading(number: int, title: str, start: datetime, end: datetime, lang: Language | None = None) -> str:
    """'Day 1 · Tue 10 Nov 2020 · Title', with the dates the day's [start, end) covers in the zone they are given in."""
    lang = lang or get(ENGLISH)
    # Translators: a day's heading, 'Day 1 · Tue 10 Nov 2020 · Showcasing'.
    return lang.gettext("Day {number} · {dates} · {title}").format(number=number, dates=local_dates(start, end, lang), title=title)
