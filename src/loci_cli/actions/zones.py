"""'loci zones': the programme side by side in many places, and zone search.

The cli resolves the zones the user named (and says on stderr what they may not
expect about them); these take the zones, the agenda and the Environment's clock,
and return the rows, with any note for people, for the cli to render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import UsageProblem
from ..core.places import agenda_places
from ..core.queries import find_day
from ..views.matrix import MatrixRow, ZoneSearchRow, matrix, place_for, search_rows

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..core.model import Agenda
    from ..environment import Environment


@dataclass(frozen=True)
class Found:
    """The zones a search found, and what to tell people when it found none."""

    rows: list[ZoneSearchRow]
    notes: tuple[str, ...] = ()


def search(agenda: Agenda, env: Environment, text: str) -> Found:
    """The zones matching ``text``, each with its offsets on the meeting days and today (the clock's)."""
    from ..core.zones import suggest

    rows = search_rows(agenda, text, env.clock())
    if not rows and len(text.strip()) == 1:
        raise UsageProblem(
            f"'{text.strip()}' is too short to search for",
            hint="give two letters or more of a city, country or zone name, a country code (KZ) or an offset (UTC+6)",
        )
    return Found(rows, () if rows else (f"No zone matches '{text}' ({suggest(text)})",))


def side_by_side(agenda: Agenda, zones: list[ZoneInfo], day: int | None, here: Callable[[], ZoneInfo]) -> MatrixRow:
    """The meeting days (or day ``day``'s sessions) in each zone asked for.

    None asked: the agenda's participant zones; when it lists none, ``here()``, the user's own zone.
    """
    places = [place_for(zone) for zone in zones]
    if not places:
        places = agenda_places(agenda) or [place_for(here())]
    chosen = find_day(agenda, day) if day is not None else None
    return matrix(agenda, places, chosen, participants=not zones and bool(agenda.participants))
