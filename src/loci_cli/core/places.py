"""Where people attend from: a place is a name for people, a zone and a headcount.

'loci plan' scores places and 'loci zones' draws a row for each; both take the
agenda's participants through ``agenda_places``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from .model import Agenda


@dataclass(frozen=True)
class Place:
    """Where some of the participants attend from: a name for people, the zone, a headcount and the country when known."""

    label: str
    zone: ZoneInfo
    weight: int = 1
    country: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.zone, str):
            object.__setattr__(self, "zone", ZoneInfo(self.zone))
        if isinstance(self.weight, bool) or not isinstance(self.weight, int) or self.weight < 1:
            raise ValueError(f"a place's weight is a headcount of at least 1, not {self.weight!r}")


def city(key: str) -> str:
    """'Asia/Ulaanbaatar' -> 'Ulaanbaatar', 'America/Argentina/Buenos_Aires' -> 'Buenos Aires'."""
    return key.rsplit("/", 1)[-1].replace("_", " ")


def agenda_places(agenda: Agenda, zones: Mapping[str, ZoneInfo] | None = None) -> list[Place]:
    """The agenda's participant zones as places, ordered by their offset on the first day.

    A zone missing from ``zones`` comes from the bundled tzdata, as everywhere in
    loci. A country listed with several zones counts its weight (headcount, 1
    when not given) in each of them: loci cannot know how its people divide
    between them, and the worst-off rules should not assume the kinder split.
    """
    from .zones import get_zone

    places = []
    for group in agenda.participants:
        for key in group.zones:
            label = group.country if len(group.zones) == 1 else f"{group.country} ({city(key)})"
            zone = zones[key] if zones and key in zones else get_zone(key)
            places.append(Place(label, zone, group.weight, group.country))
    first = agenda.days[0].start_at
    return sorted(places, key=lambda p: (first.astimezone(p.zone).utcoffset(), p.label))


def zone_places(zones: Iterable[ZoneInfo], weights: Mapping[str, int] | None = None) -> list[Place]:
    """One place per zone (repeats merged, their weights added), named after its city."""
    counted: dict[str, tuple[ZoneInfo, int]] = {}
    for zone in zones:
        key = zone.key
        add = (weights or {}).get(key, 1)
        counted[key] = (zone, counted[key][1] + add) if key in counted else (zone, add)
    return [Place(city(key), zone, weight) for key, (zone, weight) in counted.items()]
