"""Text for people that the catalogs already translate but the source does not yet mark.

``scripts/i18n.sh`` extracts this file with the package, so these msgids stay in
the catalogs (translated) until the modules that say them wrap them in ``_()``
or ``ngettext()``. When a module marks one, delete its line here: extraction
then finds it in the module instead, and the translation stays as it is.
The f-strings of the source become named fields: f"Day {d['day']}" is
``_("Day {number}").format(number=d["day"])``. Nothing imports this file.
"""

from __future__ import annotations

from loci_cli.i18n import N_

PENDING = (
    # views/spans.py (dates: format_day_short, times: format_time; day_heading passes i18n.current())
    N_("Times in {zone} ({offsets}); event zone {event_zone}"),
    N_("less than a minute"),
    N_("{days} {hours} h"),
    N_("{hours} h {minutes} min"),
    N_("{minutes} min"),
    # views/programme.py
    N_("(no room)"),
    N_("Room"),
    N_("Session"),
    N_("Kind"),
    N_("in {room}"),
    # views/zones.py (and core/hours.py's describe: '{name} ({start}–{end})')
    N_("◑ before {start} or after {end} local time   ☾ {night}"),
    N_("night"),
    N_("{name} ({start}–{end})"),
    N_("Day {number} · {date}: each session's local start"),
    N_("The meeting days, local start–end ({span} {zone} on Day 1)"),
    N_("Note: {note}"),
    N_("Place"),
    N_("Zone"),
    N_("Country"),
    N_("Meeting {first}–{last}"),
    N_("Today {date}"),
    N_("Today"),
    N_("meeting {then}; today {now}"),
)
