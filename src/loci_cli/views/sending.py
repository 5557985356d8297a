"""What 'export' and 'invite' say they did: a line a file or a copy on stderr, and the same rows as JSON on stdout."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .words import plural

if TYPE_CHECKING:
    from .output import Output
    from .rows import ExportRow, OutboxRow, SendRow


def export_report(out: Output, what: str, where: str | None, row: ExportRow, *, stdout: bytes | None, json_: bool) -> None:
    """``what`` ('14 events') went to ``where`` (None: nowhere, as nothing changed); ``stdout``: the calendar itself."""
    if stdout is not None:
        out.bytes(stdout)
    if where is not None:
        out.message(f"Wrote {what} to {where}")
    if json_:
        out.json(row)


def outbox_report(out: Output, row: OutboxRow, *, json_: bool) -> None:
    for m in row["messages"]:
        state = "already there" if m["status"] == "kept" else m["status"]
        out.message(f"{state:<13} {m['file']}  to {', '.join(m['recipients'])}")
    if json_:
        out.json(row)


def sent_report(out: Output, row: SendRow, *, dry_run: bool, json_: bool) -> None:
    for d in row["deliveries"]:
        reply = f"  ({d['reply']})" if "reply" in d else ""
        out.message(f"{d['status']:<10} {d['file']}  to {d['recipient']}{reply}")
    count = Counter(str(d["status"]) for d in row["deliveries"])
    where = row["server"]
    if dry_run:
        out.message(f"Would send {plural(count['would send'], 'copy', 'copies')} through {where}; {count['skipped']} already sent")
    else:
        out.message(
            f"Sent {plural(count['sent'], 'copy', 'copies')} through {where}: {count['skipped']} sent before, "
            f"{count['refused']} refused, {count['unsent']} not sent"
        )
    if json_:
        out.json(row)
