"""The names people give zones: cities, countries, codes, abbreviations, old names.

Countries, their ISO codes, each country's zones and the backward links
(Europe/Kiev -> Europe/Kyiv) are read from the zone database itself (the
``tzdata`` package's iso3166.tab, zone.tab and tzdata.zi), so they follow the
installed tzdata. What tzdata lacks (Cyrillic and older city names,
abbreviations, a few country names) is in ``zone_aliases.json``. All of it is
built on first use only: an exact IANA name never needs it.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True)
class Entry:
    """What one typed name stands for: one zone, or several to choose from."""

    label: str
    zones: tuple[str, ...]
    country: bool = False


def normalize(text: str) -> str:
    """Case, accents, and '-', '_' or spaces don't matter: 'Chișinău' == 'chisinau'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", " ", bare.casefold()).strip()


def _tzdata_text(name: str) -> str:
    """A table shipped with the zone data: the tzdata package's, else the system's."""
    try:
        return files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    except (ImportError, OSError):
        pass
    from pathlib import Path
    from zoneinfo import TZPATH

    for root in TZPATH:
        try:
            return (Path(root) / name).read_text(encoding="utf-8")
        except OSError:
            continue
    return ""


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _tzdata_text(name).splitlines() if line and not line.startswith("#")]


@cache
def aliases() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("loci_cli.core").joinpath("zone_aliases.json").read_text(encoding="utf-8"))
    return data


@cache
def available() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


@cache
def links() -> dict[str, str]:
    """Each backward (link) name and the zone it points to, from tzdata.zi's 'L' lines."""
    found = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, link = line.split()
            found[link] = target
    return found


def canonical(name: str) -> str:
    seen = 0
    while name in links() and seen < 5:
        name, seen = links()[name], seen + 1
    return name


@cache
def listed_zones() -> frozenset[str]:
    return frozenset(row[2] for row in _rows("zone.tab") if len(row) >= 3)


def preferred(name: str) -> str:
    """The name to show for ``name``: itself if it is a country's own zone (Europe/Skopje,
    a link to Europe/Belgrade), else what it links to (Asia/Calcutta -> Asia/Kolkata)."""
    return name if name in listed_zones() else canonical(name)


def first_known(candidates: list[str]) -> str | None:
    """The first of ``candidates`` this zone database has."""
    return next((name for name in candidates if name in available()), None)


@cache
def country_names() -> dict[str, str]:
    """ISO code -> country name ('BA' -> 'Bosnia & Herzegovina')."""
    names = {row[0]: row[1] for row in _rows("iso3166.tab") if len(row) >= 2}
    names.update(aliases()["country_names"])
    return names


@cache
def country_zones() -> dict[str, tuple[str, ...]]:
    """ISO code -> its zones, in zone.tab's order (the most populous region first)."""
    zones: dict[str, list[str]] = {}
    for row in _rows("zone.tab"):
        if len(row) >= 3 and row[2] in available():
            zones.setdefault(row[0], []).append(row[2])
    for code, candidates in aliases()["country_zones"].items():
        known = None if code.startswith("_") else first_known(candidates)
        if known:
            zones[code] = [known]
    return {code: tuple(z) for code, z in zones.items()}


@cache
def zone_countries() -> dict[str, str]:
    """Zone -> the name of the country it belongs to, where tzdata says."""
    found: dict[str, str] = {}
    for code, zones in country_zones().items():
        for zone in zones:
            found.setdefault(zone, country_names().get(code, code))
    return found


@cache
def index() -> dict[str, Entry]:
    """Every name loci understands besides exact IANA names, keyed by normalize()."""
    data = aliases()
    found: dict[str, Entry] = {}

    def add(key: str, entry: Entry, replace: bool = False) -> None:
        if entry.zones and (replace or normalize(key) not in found):
            found[normalize(key)] = entry

    # Later kinds win: hand-written names beat what is derived.
    cities: dict[str, set[str]] = {}
    for name in available():
        if "/" in name and not name.startswith(("Etc/", "SystemV/")):
            cities.setdefault(name.rsplit("/", 1)[-1].replace("_", " "), set()).add(preferred(name))
    for city, in_city in cities.items():
        add(city, Entry(city, tuple(sorted(in_city))))
    for code, name in country_names().items():
        zones = country_zones().get(code, ())
        for key in {name, name.replace("&", "and"), re.sub(r"\s*\(.*\)", "", name), code}:
            add(key, Entry(name, zones, country=True), replace=True)
    for key, code in data["countries"].items():
        add(key, Entry(country_names().get(code, key), country_zones().get(code, ()), country=True), replace=True)
    for section in ("places", "abbreviations"):
        for key, candidates in data[section].items():
            zone = first_known(candidates)
            add(key, Entry(key, (zone,) if zone else ()), replace=True)
    for key, candidates in data["ambiguous"].items():
        add(key, Entry(key, tuple(z for z in candidates if z in available())), replace=True)
    # Renamed zones, both ways: a new name on an old tzdata, an old one on a future tzdata.
    for new, olds in data["renamed"].items():
        for name in (new, *olds):
            zone = first_known([name, *(n for n in (new, *olds) if n != name)])
            add(name, Entry(name, (zone,) if zone else ()), replace=False)
    return found


def abbreviation(text: str) -> str | None:
    """The zone an abbreviation stands for, when the text is one loci lists (EST, PST, CEST…)."""
    if not (2 <= len(text) <= 5 and text.isalpha()):
        return None
    candidates = aliases()["abbreviations"].get(text.upper())
    return first_known(candidates) if candidates else None


def lookup(text: str) -> Entry | None:
    return index().get(normalize(text))


def close_matches(text: str, n: int = 5) -> list[str]:
    """Up to ``n`` names close to ``text``, as a user could type them back."""
    wanted = normalize(text)
    by_lower = {name.lower(): name for name in available()}
    if "/" in wanted:
        return [by_lower[c] for c in difflib.get_close_matches(text.lower(), by_lower, n=n, cutoff=0.6)]
    out: list[str] = []
    for key in difflib.get_close_matches(wanted, index(), n=n * 3, cutoff=0.6):
        entry = index()[key]
        shown = entry.label if entry.country or len(entry.zones) != 1 else entry.zones[0]
        if shown not in out:
            out.append(shown)
    return out[:n]


def search(text: str) -> list[tuple[str, str]]:
    """Zones whose name, city, country, code or alias contains ``text``: (zone, what matched).

    What ``text`` names exactly comes first; the rest by country, then zone name.
    """
    wanted = normalize(text)
    found: dict[str, str] = {}
    if not wanted:
        return []
    exact = index().get(wanted)
    if exact:
        for zone in exact.zones:
            found.setdefault(preferred(zone), exact.label)
    first = len(found)
    for name in sorted(available()):
        # Etc/GMT+6 is UTC-6: only ever show it to someone who typed it.
        if name.startswith("Etc/") and wanted != normalize(name):
            continue
        if wanted == normalize(name) or (len(wanted) > 1 and wanted in normalize(name)):
            found.setdefault(preferred(name), name)
    if len(wanted) > 1:
        for key, entry in sorted(index().items()):
            if wanted in key:
                for zone in entry.zones:
                    found.setdefault(preferred(zone), entry.label)
    hits = list(found.items())
    countries = zone_countries()

    def order(hit: tuple[str, str]) -> tuple[str, str]:
        return countries.get(hit[0]) or "~", hit[0]

    return sorted(hits[:first], key=order) + sorted(hits[first:], key=order)
