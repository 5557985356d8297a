"""'loci plan' as rows (the JSON contract) and as one screen of plain text.

The rows hold datetimes and dates; ``text.write_json`` spells them. The text
is plain: a ranking reads the same with or without colour, so this module
needs no rich.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, datetime, timezone
from typing import TypedDict
from zoneinfo import ZoneInfo

from ..core import hours
from ..core.plan import Candidate, Minutes, PlaceScore, Ranking, Rotation
from .words import plural


class MinutesRow(TypedDict):
    working: int
    early: int
    evening: int
    night: int


class PlaceMinutesRow(TypedDict):
    place: str
    timezone: str
    weight: int
    #: over every planned date, multiplied by the weight
    minutes: MinutesRow


class SlotRow(TypedDict):
    date: date
    #: in the event zone, with its offset
    start: datetime
    end: datetime
    start_utc: datetime
    end_utc: datetime


class WorstRow(TypedDict):
    place: str
    timezone: str
    #: the block in that place's local time, on the first planned date
    start: datetime
    end: datetime
    minutes: MinutesRow


class CandidateRow(TypedDict):
    rank: int
    #: 'HH:MM' in the event zone
    start: str
    end: str
    end_day_offset: int
    #: every place's minutes added up
    minutes: MinutesRow
    worst: WorstRow
    places: list[PlaceMinutesRow]
    slots: list[SlotRow]


class RotationDayRow(TypedDict):
    date: date
    start: str
    end: str
    start_utc: datetime
    end_utc: datetime
    minutes: MinutesRow


class RotationPlaceRow(TypedDict):
    place: str
    timezone: str
    weight: int
    minutes: MinutesRow
    #: the same place at the best fixed time
    fixed_minutes: MinutesRow


class RotationRow(TypedDict):
    days: list[RotationDayRow]
    places: list[RotationPlaceRow]
    #: the largest burden (minutes outside working hours) any place carries over all dates
    heaviest: int
    fixed_start: str
    fixed_heaviest: int
    #: false when the search stopped at its step budget: the best found, no heavier than the fixed time
    exhaustive: bool


class AppliedRow(TypedDict):
    file: str
    revision: int
    starts: list[str]


class PlanRow(TypedDict):
    title: str
    event_timezone: str
    duration_minutes: int
    dates: list[date]
    places: int
    people: int
    start_times: int
    current: CandidateRow | None
    candidates: list[CandidateRow]
    rotation: RotationRow | None
    applied: AppliedRow | None


def minutes_row(minutes: Minutes) -> MinutesRow:
    return {"working": minutes.working, "early": minutes.early, "evening": minutes.evening, "night": minutes.night}


def _hm(moment: datetime, zone: ZoneInfo | timezone) -> str:
    return f"{moment.astimezone(zone):%H:%M}"


def _place_row(score: PlaceScore) -> PlaceMinutesRow:
    place = score.place
    return {"place": place.label, "timezone": place.zone.key, "weight": place.weight, "minutes": minutes_row(score.minutes)}


def candidate_row(candidate: Candidate) -> CandidateRow:
    zone = candidate.zone
    worst = candidate.worst
    first = candidate.blocks[0]
    local_start, local_end = worst.span(first)
    return {
        "rank": candidate.rank,
        "start": f"{candidate.start:%H:%M}",
        "end": f"{candidate.end:%H:%M}",
        "end_day_offset": candidate.end_day_offset,
        "minutes": minutes_row(candidate.minutes),
        "worst": {
            "place": worst.place.label,
            "timezone": worst.place.zone.key,
            "start": local_start,
            "end": local_end,
            "minutes": minutes_row(worst.minutes),
        },
        "places": [_place_row(p) for p in candidate.places],
        "slots": [
            {
                "date": block.date,
                "start": block.start.astimezone(zone),
                "end": block.end.astimezone(zone),
                "start_utc": block.start,
                "end_utc": block.end,
            }
            for block in candidate.blocks
        ],
    }


def rotation_row(rotation: Rotation, zone: ZoneInfo) -> RotationRow:
    return {
        "days": [
            {
                "date": day.block.date,
                "start": f"{day.start:%H:%M}",
                "end": _hm(day.block.end, zone),
                "start_utc": day.block.start,
                "end_utc": day.block.end,
                "minutes": minutes_row(sum(day.minutes, Minutes())),
            }
            for day in rotation.days
        ],
        "places": [
            {
                "place": p.place.label,
                "timezone": p.place.zone.key,
                "weight": p.place.weight,
                "minutes": minutes_row(p.minutes),
                "fixed_minutes": minutes_row(fixed.minutes),
            }
            # Both list every place in the plan's order.
            for p, fixed in zip(rotation.places, rotation.fixed.places, strict=True)
        ],
        "heaviest": rotation.heaviest,
        "fixed_start": f"{rotation.fixed.start:%H:%M}",
        "fixed_heaviest": rotation.fixed.heaviest,
        "exhaustive": rotation.exhaustive,
    }


def plan_row(title: str, planned: Ranking, top: int, rotation: Rotation | None = None, applied: AppliedRow | None = None) -> PlanRow:
    return {
        "title": title,
        "event_timezone": planned.zone.key,
        "duration_minutes": int(planned.duration.total_seconds() // 60),
        "dates": list(planned.dates),
        "places": len(planned.places),
        "people": sum(p.weight for p in planned.places),
        "start_times": len(planned.candidates),
        "current": candidate_row(planned.current) if planned.current else None,
        "candidates": [candidate_row(c) for c in planned.candidates[:top]],
        "rotation": rotation_row(rotation, planned.zone) if rotation else None,
        "applied": applied,
    }


# --- text ---------------------------------------------------------------------------

_MARK = {"working": "", "early": " ◑", "evening": " ◑", "night": " ☾"}


def _length(minutes: int) -> str:
    hours_, rest = divmod(minutes, 60)
    return f"{hours_} h {rest:02d} min" if rest else f"{hours_}-hour"


def _dates(dates: list[date]) -> str:
    """'10, 12, 17 and 19 Nov 2020'; a month or year is said where it changes."""
    if len(dates) == 1:
        return f"{dates[0]:%a %d %b %Y}"
    said = []
    for n, on in enumerate(dates):
        after = dates[n + 1] if n + 1 < len(dates) else None
        text = str(on.day)
        if after is None or (after.year, after.month) != (on.year, on.month):
            text += f" {on:%b}"
        if after is None or after.year != on.year:
            text += f" {on.year}"
        said.append(text)
    return ", ".join(said[:-1]) + f" and {said[-1]}"


def _span(start: str, end: str, offset: int = 0) -> str:
    return f"{start}–{end}" + (f"+{offset}" if offset else "")


def _worst(row: CandidateRow) -> str:
    worst = row["worst"]
    if not Minutes(**worst["minutes"]).burden:
        return "everyone in working hours"
    start, end = worst["start"], worst["end"]
    kind = hours.category(start, end)
    offset = (end.date() - start.date()).days
    return f"{worst['place']} {_span(f'{start:%H:%M}', f'{end:%H:%M}', offset)}{_MARK[kind]}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plan_text(data: PlanRow) -> str:
    """The ranking, the current slot's place in it, and the rotation when asked for."""
    zone = data["event_timezone"]
    working = hours.BOUNDS["working"]
    heading = (
        f"{data['title']}: the fairest {_length(data['duration_minutes'])} slot on {_dates(data['dates'])} for "
        f"{plural(data['places'], 'place')} ({plural(data['people'], 'person', 'people')}). Score: minutes outside "
        f"working hours ({working[0]:%H:%M}–{working[1]:%H:%M} local) over all dates and people, ranked by the "
        "worst-off place's night, then its early and evening, then everyone's."
    )
    lines = [*textwrap.wrap(heading, 80), ""]
    rows = list(data["candidates"])
    current = data["current"]
    if current is not None and all(r["rank"] != current["rank"] for r in rows):
        rows.append(current)
    table = [("Rank", zone, "UTC", "Night", "Early", "Evening", "Worst off (first date)")]
    for row in rows:
        first = row["slots"][0]
        utc_offset = (first["end_utc"].date() - first["start_utc"].date()).days
        now = "  ← now" if current is not None and row["rank"] == current["rank"] else ""
        table.append(
            (
                str(row["rank"]),
                _span(row["start"], row["end"], row["end_day_offset"]),
                _span(_hm(first["start_utc"], timezone.utc), _hm(first["end_utc"], timezone.utc), utc_offset),
                str(row["minutes"]["night"]),
                str(row["minutes"]["early"]),
                str(row["minutes"]["evening"]),
                _worst(row) + now,
            )
        )
    lines += _columns(table, right=(0, 3, 4, 5))
    lines.append("")
    if current is None:
        lines.append("The agenda's days start at different times, so it has no one current slot to rank.")
    else:
        best = data["candidates"][0]
        lines.append(
            f"Now {_span(current['start'], current['end'], current['end_day_offset'])} ranks {_ordinal(current['rank'])} "
            f"of {data['start_times']} start times"
            + ("." if current["rank"] == 1 else f"; the best is {_span(best['start'], best['end'], best['end_day_offset'])}.")
        )
    rotation = data["rotation"]
    if rotation is not None:
        lines += ["", *_rotation_text(rotation, zone)]
    applied = data["applied"]
    if applied is not None:
        starts = applied["starts"]
        when = f"every day starts at {starts[0]}" if len(set(starts)) == 1 else f"the days start at {', '.join(starts)}"
        lines += ["", f"Wrote {applied['file']} (revision {applied['revision']}): {when} {zone}."]
    lines.append(f"◑ early or evening   ☾ {hours.describe('night')}")
    return "\n".join(lines)


def _rotation_text(rotation: RotationRow, zone: str) -> list[str]:
    lines = ["Rotation: one start per date, so that no place carries the burden every day"]
    table = [("Date", zone, "UTC")]
    for day in rotation["days"]:
        offset = (day["end_utc"].date() - day["start_utc"].date()).days
        table.append(
            (
                f"{day['date']:%a %d %b}",
                f"{day['start']}–{day['end']}",
                _span(_hm(day["start_utc"], timezone.utc), _hm(day["end_utc"], timezone.utc), offset),
            )
        )
    lines += _columns(table)
    fixed = rotation["fixed_start"]
    # Each place's burden rotating, and at the fixed time.
    burdens = [(p["place"], Minutes(**p["minutes"]).burden, Minutes(**p["fixed_minutes"]).burden) for p in rotation["places"]]
    burdened = [(place, rotating, at_fixed) for place, rotating, at_fixed in burdens if rotating or at_fixed]
    if burdened:
        heading = f"Minutes outside working hours over all dates, per place: rotating, and at {fixed} every day"
        table = [("Place", "Rotating", f"At {fixed}")]
        table += [(place, str(rotating), str(at_fixed)) for place, rotating, at_fixed in burdened]
        spared = len(rotation["places"]) - len(burdened)
        lines += ["", *textwrap.wrap(heading, 80), *_columns(table, right=(1, 2))]
        if spared:
            lines.append(f"({plural(spared, 'other place')}: none either way)")
    found = "" if rotation["exhaustive"] else " (the best found within the search's limit)"
    lines.append(f"Heaviest for any place: {rotation['heaviest']} rotating{found}, {rotation['fixed_heaviest']} at {fixed}.")
    return lines


def _columns(rows: Sequence[Sequence[str]], right: tuple[int, ...] = ()) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        out.append("  ".join(cells).rstrip())
    return out
