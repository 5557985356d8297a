"""'loci validate' for people: each problem as FILE: PATH: WHAT, or a one-line summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from .words import plural

if TYPE_CHECKING:
    from .rows import ValidationRow


def validation_text(check: ValidationRow) -> str:
    """Every problem and warning on its own line, FILE: PATH: WHAT, as compilers print them; and a one-line summary."""
    lines = [f"{check['file']}: {p['path']}: {p['message']}" for p in check["problems"]]
    warning = _("warning: {message}")
    lines += [f"{check['file']}: {p['path']}: " + warning.format(message=p["message"]) for p in check["warnings"]]
    if check["valid"]:
        what = _("loci agenda") if check["format"] == "loci" else _("frab schedule")
        counts = f"{plural(check['days'] or 0, 'day')}, {plural(check['sessions'] or 0, 'session')}"
        if check["rooms"]:
            counts = _("{counts} in {rooms}").format(counts=counts, rooms=plural(check["rooms"], "room"))
        # Not counted: they are listed just above, and a count would need its noun in every catalog.
        if check["warnings"]:
            said = _("{file}: a valid {what} with the warnings above: {title}, {counts}; event zone {zone}")
        else:
            said = _("{file}: a valid {what}: {title}, {counts}; event zone {zone}")
        lines.append(said.format(file=check["file"], what=what, title=check["title"], counts=counts, zone=check["timezone"]))
    lines += [_("note: {note}").format(note=note) for note in check["notes"]]
    return "\n".join(lines)
