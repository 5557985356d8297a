"""'loci diff' for people: a line per session that was added, removed, moved or changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.time import format_offset
from .spans import span
from .words import plural

if TYPE_CHECKING:
    from .rows import DiffRow, DiffTimesRow


def diff_text(row: DiffRow) -> str:
    """'loci diff' for people: one line per session, its times in the row's zone."""
    header = f"{row['old']} (revision {row['old_revision']}) -> {row['new']} (revision {row['new_revision']}), times in {row['timezone']}"
    lines = [header]

    def when(t: DiffTimesRow) -> str:
        return f"{t['start']:%a %d %b} {span(t['start'], t['end'])} (UTC{format_offset(t['start'].utcoffset(), 'short')})"

    width = max([len(s["id"]) for kind in ("added", "removed", "moved", "changed") for s in row[kind]] + [2])
    for item in row["added"]:
        lines.append(f"added    {item['id']:<{width}}  Day {item['day']}  {when(item)}  {item['title']}")
    for item in row["removed"]:
        lines.append(f"removed  {item['id']:<{width}}  Day {item['day']}  {when(item)}  {item['title']}")
    for moved in row["moved"]:
        old, new = moved["old"], moved["new"]
        lines.append(f"moved    {moved['id']:<{width}}  Day {old['day']}  {when(old)}  ->  Day {new['day']}  {when(new)}")
    for changed in row["changed"]:
        lines.append(f"changed  {changed['id']:<{width}}  Day {changed['day']}  {', '.join(changed['fields'])}  {changed['title']}")
    count = sum(len(row[kind]) for kind in ("added", "removed", "moved", "changed"))
    lines.append(
        "No differences."
        if not count
        else f"{plural(count, 'difference')}: "
        f"{len(row['added'])} added, {len(row['removed'])} removed, {len(row['moved'])} moved, {len(row['changed'])} changed"
    )
    return "\n".join(lines)
