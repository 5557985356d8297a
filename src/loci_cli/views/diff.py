"""'loci diff' for people: a line per session that was added, removed, moved or changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..core.time import format_offset
from ..i18n import _, format_day_short
from .spans import span
from .words import plural

if TYPE_CHECKING:
    from .rows import DiffRow, DiffTimesRow

KINDS: Final = ("added", "removed", "moved", "changed")


def diff_text(row: DiffRow) -> str:
    """'loci diff' for people: one line per session, its times in the row's zone."""
    header = _("{old} (revision {old_revision}) -> {new} (revision {new_revision}), times in {zone}").format(
        old=row["old"], old_revision=row["old_revision"], new=row["new"], new_revision=row["new_revision"], zone=row["timezone"]
    )
    lines = [header]

    def when(t: DiffTimesRow) -> str:
        return f"{format_day_short(t['start'])} {span(t['start'], t['end'])} (UTC{format_offset(t['start'].utcoffset(), 'short')})"

    def day(number: object) -> str:
        return _("Day {number}").format(number=number)

    # Each kind's word, padded to the longest in the reader's language ('removed  ' and 'added    ' in English).
    said = {"added": _("added"), "removed": _("removed"), "moved": _("moved"), "changed": _("changed")}
    pad = max(len(word) for word in said.values())
    label = {kind: f"{word:<{pad}}" for kind, word in said.items()}
    width = max([len(s["id"]) for kind in KINDS for s in row[kind]] + [2])
    for item in row["added"]:
        lines.append(f"{label['added']}  {item['id']:<{width}}  {day(item['day'])}  {when(item)}  {item['title']}")
    for item in row["removed"]:
        lines.append(f"{label['removed']}  {item['id']:<{width}}  {day(item['day'])}  {when(item)}  {item['title']}")
    for moved in row["moved"]:
        old, new = moved["old"], moved["new"]
        lines.append(f"{label['moved']}  {moved['id']:<{width}}  {day(old['day'])}  {when(old)}  ->  {day(new['day'])}  {when(new)}")
    for changed in row["changed"]:
        lines.append(
            f"{label['changed']}  {changed['id']:<{width}}  {day(changed['day'])}  {', '.join(changed['fields'])}  {changed['title']}"
        )
    count = sum(len(row[kind]) for kind in KINDS)
    lines.append(
        _("No differences.")
        if not count
        else _("{differences}: {added} added, {removed} removed, {moved} moved, {changed} changed").format(
            differences=plural(count, "difference"),
            added=len(row["added"]),
            removed=len(row["removed"]),
            moved=len(row["moved"]),
            changed=len(row["changed"]),
        )
    )
    return "\n".join(lines)
