"""The programme across many places at once, and zone search: the data of 'loci zones'.

Returns typed rows (the JSON contract); text.py draws them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, TypedDict
from zoneinfo import ZoneInfo

from ..core.hours import category
from ..core.places import Place, city
from ..core.time import offset_at

if TYPE_CHECKING:
    from ..core.model import Agenda, Day


class Cell(TypedDict):
    start: datetime
    end: datetime
    start_day_offset: int
    end_day_offset: int
    category: str


class Column(TypedDict):
    day: int
    date: date
    session: str | None
    title: str
    start_utc: datetime
    end_utc: datetime
    event_start: datetime
    event_end: datetime


class PlaceRow(TypedDict):
    place: str
    country: str | None
    timezone: str
    cells: list[Cell]


class MatrixRow(TypedDict):
    title: str
    event_timezone: str
    day: int | None
    columns: list[Column]
    rows: list[PlaceRow]
    #: the agenda's note on its data, when the rows are its participants (null for places asked for)
    note: str | None


class DateOffset(TypedDict):
    date: date
    offset: str


class ZoneSearchRow(TypedDict):
    timezone: str
    country: str | None
    matched: str
    offsets: list[DateOffset]
    today: DateOffset


def place_for(zone: ZoneInfo) -> Place:
    """A zone asked for by name, as a row: named after its city, with its country when tzdata knows it."""
    from ..core.zonenames import zone_countries

    return Place(city(zone.key), zone, country=zone_countries().get(zone.key))


def _day_mark(moment: datetime, reference: date) -> int:
    return (moment.date() - reference).days


def cell(start: datetime, end: datetime, zone: ZoneInfo, reference: date) -> Cell:
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return {
        "start": local_start,
        "end": local_end,
        "start_day_offset": _day_mark(local_start, reference),
        "end_day_offset": _day_mark(local_end, reference),
        "category": category(local_start, local_end),
    }


def matrix(agenda: Agenda, places: list[Place], day: Day | None = None, participants: bool = False) -> MatrixRow:
    """Rows per place, columns per day (or per session of ``day``); ``participants``: the places are the agenda's."""
    columns: list[Column] = []
    spans: list[tuple[datetime, datetime, date]] = []
    if day is None:
        for d in agenda.days:
            columns.append(_column(agenda, d, None, d.title, d.start_at, d.end_at))
            spans.append((d.start_at, d.end_at, d.date))
    else:
        for s in day.sessions:
            columns.append(_column(agenda, day, s.id, s.title, s.start_at, s.end_at))
            spans.append((s.start_at, s.end_at, day.date))
    rows: list[PlaceRow] = [
        {
            "place": place.label,
            "country": place.country,
            "timezone": place.zone.key,
            "cells": [cell(start, end, place.zone, on) for start, end, on in spans],
        }
        for place in places
    ]
    return {
        "title": agenda.title,
        "event_timezone": agenda.timezone,
        "day": day.number if day else None,
        "columns": columns,
        "rows": rows,
        "note": agenda.note if participants else None,
    }


def _column(agenda: Agenda, day: Day, session_id: str | None, title: str, start: datetime, end: datetime) -> Column:
    return {
        "day": day.number,
        "date": day.date,
        "session": session_id,
        "title": title,
        "start_utc": start.astimezone(timezone.utc),
        "end_utc": end.astimezone(timezone.utc),
        "event_start": start.astimezone(agenda.zone),
        "event_end": end.astimezone(agenda.zone),
    }


def search_rows(agenda: Agenda, text: str, today: datetime) -> list[ZoneSearchRow]:
    """Zones matching ``text``, each with its offset on every meeting day and today."""
    from ..core.zonenames import listed_zones, search, zone_countries
    from ..core.zones import fixed_zone, get_zone, parse_offset

    minutes = parse_offset(text)
    if minutes is not None:
        # An offset matches every place at it on a meeting day or today.
        moments = [d.start_at for d in agenda.days] + [today]
        wanted = timedelta(minutes=minutes)
        found = [(fixed_zone(minutes).key, text)]
        found += [(key, text) for key in sorted(listed_zones()) if any(m.astimezone(get_zone(key)).utcoffset() == wanted for m in moments)]
    else:
        found = search(text)
    rows: list[ZoneSearchRow] = []
    for key, matched in found:
        zone = get_zone(key)
        rows.append(
            {
                "timezone": key,
                "country": zone_countries().get(key),
                "matched": matched,
                "offsets": [{"date": d.date, "offset": offset_at(d.start_at, zone, "iso")} for d in agenda.days],
                "today": {"date": today.astimezone(zone).date(), "offset": offset_at(today, zone, "iso")},
            }
        )
    return rows
