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
    # views/validation.py
    N_("loci agenda"),
    N_("frab schedule"),
    N_("{file}: a valid {what}: {title}, {counts}; event zone {zone}"),
    N_("{counts} in {rooms}"),
    N_("note: {note}"),
    # views/plan.py (a rank is an English ordinal, '2nd'; in other languages pass the number)
    N_("{hours}-hour"),
    N_("{first} and {last}"),
    N_("everyone in working hours"),
    N_(
        "{title}: the fairest {length} slot on {dates} for {places} ({people}). Score: minutes outside "
        "working hours ({start}–{end} local) over all dates and people, ranked by the "
        "worst-off place's night, then its early and evening, then everyone's."
    ),
    N_("Rank"),
    N_("Night"),
    N_("Early"),
    N_("Evening"),
    N_("Worst off (first date)"),
    N_("← now"),
    N_("The agenda's days start at different times, so it has no one current slot to rank."),
    N_("Now {span} ranks {rank} of {count} start times."),
    N_("Now {span} ranks {rank} of {count} start times; the best is {best}."),
    N_("every day starts at {start}"),
    N_("the days start at {starts}"),
    N_("Wrote {file} (revision {revision}): {when} {zone}."),
    N_("◑ early or evening   ☾ {night}"),
    N_("Rotation: one start per date, so that no place carries the burden every day"),
    N_("Rotating"),
    N_("At {time}"),
    N_("Minutes outside working hours over all dates, per place: rotating, and at {time} every day"),
    N_("({places}: none either way)"),
    N_("(the best found within the search's limit)"),
    N_("Heaviest for any place: {heaviest} rotating{found}, {fixed_heaviest} at {time}."),
    # actions/programme.py (notes), export.py, invite.py, plan.py, publish.py (messages on stderr)
    N_("loci: note: {zone} is a fixed offset, not a place: times are written in UTC"),
    N_("loci: nothing changed since {since}: no update to write"),
    N_("loci: note: {missing} of {total} attendees in {path} have no zone and are not counted"),
    N_("Wrote {files} to {directory}; open {index}"),
)
