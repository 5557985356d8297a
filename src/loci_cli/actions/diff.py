"""'loci diff OLD NEW': two agendas read and compared session by session, as a row for either renderer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..formats.detect import AgendaFormat

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..environment import Environment
    from ..views.rows import DiffRow


@dataclass(frozen=True)
class Compared:
    """What changed from OLD to NEW, its times in the zone asked for; ``same`` when no session differs."""

    row: DiffRow
    same: bool


def compare_files(
    env: Environment,
    old: str,
    new: str,
    zone: ZoneInfo,
    agenda_format: AgendaFormat = AgendaFormat.auto,
) -> Compared:
    """Read OLD, then NEW (either may be '-' for standard input), and compare them; times in ``zone``."""
    from ..core.diff import compare
    from ..formats.load import load_agenda
    from ..views.rows import diff_row

    before = load_agenda(old, env.environ, agenda_format, stdin=env.input)
    after = load_agenda(new, env.environ, agenda_format, stdin=env.input)
    found = compare(before, after)
    return Compared(diff_row(found, before, after, zone, (old, new)), found.empty)
