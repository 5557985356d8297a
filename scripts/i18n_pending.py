"""Text for people that the catalogs already translate but the source does not yet mark.

``scripts/i18n.sh`` extracts this file with the package, so these msgids stay in
the catalogs (translated) until the modules that say them wrap them in ``_()``
or ``ngettext()``. When a module marks one, delete its line here: extraction
then finds it in the module instead, and the translation stays as it is.
The f-strings of the source become named fields: f"Day {d['day']}" is
``_("Day {number}").format(number=d["day"])``. Nothing imports this file.
"""

from __future__ import annotations

from loci_cli.i18n import N_, ngettext

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
    # views/session.py (field labels; 'Day', 'Room', 'Kind' as above)
    N_("When"),
    N_("Speakers"),
    N_("Lead"),
    N_("Where"),
    N_("Track"),
    N_("Language"),
    N_("Link"),
    N_("ID"),
    N_("{span} {zone} (event zone)"),
    # views/moment.py ('in {room}' as above)
    N_("At {moment} in {zone}:"),
    N_("Now:"),
    N_("Next:"),
    N_("nothing is on"),
    N_("nothing; the programme is over"),
    N_("{session}, {duration} left"),
    N_("{session}, starts in {duration}"),
    # views/validation.py
    N_("loci agenda"),
    N_("frab schedule"),
    N_("{file}: a valid {what}: {title}, {counts}; event zone {zone}"),
    N_("{counts} in {rooms}"),
    N_("note: {note}"),
    # views/diff.py
    N_("{old} (revision {old_revision}) -> {new} (revision {new_revision}), times in {zone}"),
    N_("added"),
    N_("removed"),
    N_("moved"),
    N_("changed"),
    N_("No differences."),
    N_("{differences}: {added} added, {removed} removed, {moved} moved, {changed} changed"),
    # views/sending.py
    N_("Wrote {what} to {where}"),
    N_("already there"),
    N_("to {recipients}"),
    N_("Would send {copies} through {server}; {skipped} already sent"),
    N_("Sent {copies} through {server}: {skipped} sent before, {refused} refused, {unsent} not sent"),
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
    N_("No session matches {filter}."),
    N_("Nothing matches {filter} on {date} in {zone}."),
    N_("Nothing on {date} in {zone}. The next meeting day is Day {number}, {day} from {time} (try: {command})."),
    N_("Nothing on {date} in {zone}. The last meeting day is Day {number}, {day} from {time} (try: {command})."),
    N_("loci: note: {zone} is a fixed offset, not a place: times are written in UTC"),
    N_("loci: nothing changed since {since}: no update to write"),
    N_("loci: nothing changed since {since}: no message to send"),
    N_("({count} already there)"),
    N_("loci: note: {missing} of {total} attendees in {path} have no zone and are not counted"),
    N_("Wrote {files} to {directory}; open {index}"),
    # cli/stars.py (and its counted notes below)
    N_("{title}: starred"),
    N_("Starred {ids}."),
    N_("Unstarred {ids}."),
    N_("{total} starred for {title} (see them with '{command}')."),
    # cli/messages.py
    N_("loci: error: {message}"),
    N_("{message} (hint: {hint})"),
    N_("and {more} after it: list them all by piping the agenda into '{command}'"),
    N_("and {more} after it: list them all with '{command}'"),
    N_("check the file's path (without --agenda or $LOCI_AGENDA, loci reads its embedded agenda)"),
    N_("check the file's path"),
    N_("run the same command again to send the rest; the outbox {outbox} records what went"),
    N_("fix the addresses or the server, then run the same command again: only the refused copies go"),
    N_("use --force to overwrite it"),
    N_("give a directory for --split"),
    N_("give a file name, or use --split DIR for one file per event"),
    N_('set "revision": {revision} (or more) in the new agenda, so calendars take its updates'),
    N_("add --include-breaks"),
    N_("pick one, e.g. --tz {zone}"),
    N_("the days are {days}; see '{command}'"),
    N_("see the ids with '{command}'"),
    N_("{there_are}; see them with '{command}'"),
)


def _plurals(n: int) -> tuple[str, ...]:
    """Never called: extraction reads the forms."""
    return (
        # cli/messages.py, _there_are: {count} is words.plural(n, noun)
        ngettext("there is {count}", "there are {count}", n),
        # cli/stars.py: n is the number of ids
        ngettext("loci: note: {ids} was already starred", "loci: note: {ids} were already starred", n),
        ngettext("loci: note: {ids} was not starred", "loci: note: {ids} were not starred", n),
        # actions/stars.py, missing_notes
        ngettext(
            "loci: note: {count} starred session is no longer in the agenda: {ids} (clear it with '{command}')",
            "loci: note: {count} starred sessions are no longer in the agenda: {ids} (clear them with '{command}')",
            n,
        ),
    )
