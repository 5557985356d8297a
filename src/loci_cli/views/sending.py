"""What 'export' and 'invite' say they did: a line a file or a copy on stderr, and the same rows as JSON on stdout."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..i18n import N_, _
from .words import plural

if TYPE_CHECKING:
    from .output import Output
    from .rows import ExportRow, OutboxRow, SendRow

#: Each copy's status as people read it; JSON keeps the key.
_STATUS = {
    "written": N_("written"),
    "would write": N_("would write"),
    "kept": N_("already there"),
    "sent": N_("sent"),
    "would send": N_("would send"),
    "skipped": N_("skipped"),
    "unsent": N_("unsent"),
    "refused": N_("refused"),
}


def _status(key: str) -> str:
    return _(_STATUS[key]) if key in _STATUS else key


def export_report(out: Output, what: str, where: str | None, row: ExportRow, *, stdout: bytes | None, json_: bool) -> None:
    """``what`` ('14 events') went to ``where`` (None: nowhere, as nothing changed); ``stdout``: the calendar itself."""
    if stdout is not None:
        out.bytes(stdout)
    if where is not None:
        out.message(_("Wrote {what} to {where}").format(what=what, where=where))
    if json_:
        out.json(row)


def outbox_report(out: Output, row: OutboxRow, *, json_: bool) -> None:
    for m in row["messages"]:
        state = _status(m["status"])
        recipients = _("to {recipients}").format(recipients=", ".join(m["recipients"]))
        out.message(f"{state:<13} {m['file']}  {recipients}")
    if json_:
        out.json(row)


def sent_report(out: Output, row: SendRow, *, dry_run: bool, json_: bool) -> None:
    for d in row["deliveries"]:
        reply = f"  ({d['reply']})" if "reply" in d else ""
        recipient = _("to {recipients}").format(recipients=d["recipient"])
        out.message(f"{_status(d['status']):<10} {d['file']}  {recipient}{reply}")
    count = Counter(str(d["status"]) for d in row["deliveries"])
    where = row["server"]
    if dry_run:
        out.message(
            _("Would send {copies} through {server}; {skipped} already sent").format(
                copies=plural(count["would send"], "copy", "copies"), server=where, skipped=count["skipped"]
            )
        )
    else:
        out.message(
            _("Sent {copies} through {server}: {skipped} sent before, {refused} refused, {unsent} not sent").format(
                copies=plural(count["sent"], "copy", "copies"),
                server=where,
                skipped=count["skipped"],
                refused=count["refused"],
                unsent=count["unsent"],
            )
        )
    if json_:
        out.json(row)
