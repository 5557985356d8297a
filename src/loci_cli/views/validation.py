"""'loci validate' for people: each problem as FILE: PATH: WHAT, or a one-line summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .words import plural

if TYPE_CHECKING:
    from .rows import ValidationRow


def validation_text(check: ValidationRow) -> str:
    """Every problem and warning on its own line, FILE: PATH: WHAT, as compilers print them; and a one-line summary."""
    lines = [f"{check['file']}: {p['path']}: {p['message']}" for p in check["problems"]]
    lines += [f"{check['file']}: {p['path']}: warning: {p['message']}" for p in check["warnings"]]
    if check["valid"]:
        what = "loci agenda" if check["format"] == "loci" else "frab schedule"
        counts = f"{plural(check['days'] or 0, 'day')}, {plural(check['sessions'] or 0, 'session')}"
        if check["rooms"]:
            counts += f" in {plural(check['rooms'], 'room')}"
        # Not counted: they are listed just above, and a count would need its noun in every catalog.
        warned = " with the warnings above" if check["warnings"] else ""
        lines.append(f"{check['file']}: a valid {what}{warned}: {check['title']}, {counts}; event zone {check['timezone']}")
    lines += [f"note: {note}" for note in check["notes"]]
    return "\n".join(lines)
