"""'loci info' for people: the meeting's facts, wrapped to the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, format_date_short, format_year
from .spans import span
from .table import field, wrap
from .words import plural

if TYPE_CHECKING:
    from .rows import DayRow, InfoRow


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
            return _("Day {number}").format(number=numbers[0])
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return _("Days {first}–{last}").format(first=numbers[0], last=numbers[-1])
        return _("Days {numbers}").format(numbers=", ".join(map(str, numbers)))

    return ", ".join(f"{name(numbers)} {text}" for numbers, text in groups)


def info_text(info: InfoRow, days: list[DayRow] | None, width: int) -> str:
    first = info["start"]
    # The dates in the viewer's zone, as the times beside them (in Auckland the meeting's Tuesdays are Wednesdays).
    local = list(dict.fromkeys(d["start"].date() for d in days)) if days else info["dates"]
    dates = ", ".join(format_date_short(d) for d in local)
    organisers = ", ".join(o["name"] for o in info["organisers"])
    contacts = ", ".join(c["name"] + (f" ({c['organisation']})" if c.get("organisation") else "") for c in info["contacts"])
    hours = _day_times(days) if days else span(info["start"], info["end"])
    lines = [info["title"]]
    if info["subtitle"]:
        lines.append(info["subtitle"])
    lines.append("")
    fields = [
        (_("Dates"), f"{dates} {format_year(first)}"),
        (
            _("Time"),
            _("{hours} {zone} (event zone {event_zone})").format(hours=hours, zone=info["timezone"], event_zone=info["event_timezone"]),
        ),
        (_("Venue"), info["venue"]),
        (_("Region"), info["region"]),
        (_("Organisers"), organisers),
        (_("Contacts"), contacts),
        (_("Web"), info["url"]),
    ]
    for name, value in fields:
        if value:
            lines += field(name, value, width)
    if info["participants"]:
        # Said as what it is: where the agenda says people attend from, not a record of who came.
        countries = plural(len(info["participants"]), "country", "countries")
        if info["note"]:
            listed = _("{countries} in the agenda's participant list (see the note below)").format(countries=countries)
        else:
            listed = _("{countries} in the agenda's participant list").format(countries=countries)
        lines += field(_("Countries"), listed, width)
    if info["about"]:
        lines += ["", _("About"), wrap(info["about"], width)]
    if info["note"]:
        lines += ["", _("Note on the data"), wrap(info["note"], width)]
    return "\n".join(lines)
