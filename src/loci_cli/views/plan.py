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
from ..core.plan import TIME_LIMIT, Candidate, Minutes, PlaceScore, Ranking, Rotation
from ..i18n import _, current, format_date, format_date_short, format_day, format_day_short
from .table import columns, fill
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


class CurrentRow(CandidateRow):
    #: whether the current start is one of the starts every ``step_minutes`` from midnight
    on_grid: bool
    #: whether the current block fits inside --between (true without it)
    in_window: bool
    #: whether it is one of the ranked start times; when not, ``rank`` is where its score would rank it
    candidate: bool


class ScoreRow(TypedDict):
    """The figures that rank, over all dates: the worst-off place's night, its early and evening, everyone's."""

    night: int
    early_evening: int
    total: int


class RotationDayRow(TypedDict):
    date: date
    start: str
    end: str
    #: 1 when the block ends after midnight in the event zone
    end_day_offset: int
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
    #: the rotation's figures in the ranking's order, and the best fixed time's
    score: ScoreRow
    fixed_score: ScoreRow
    #: false when no rotation ranks before the best fixed time: every day then starts at ``fixed_start``
    rotates: bool
    #: false when the search stopped at its time limit: the best found, never behind the fixed time
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
    #: minutes between candidate starts, and the --between window ('HH:MM-HH:MM') or null
    step_minutes: int
    between: str | None
    #: the start every agenda day shares ('HH:MM'), or null
    current_start: str | None
    current: CurrentRow | None
    candidates: list[CandidateRow]
    rotation: RotationRow | None
    applied: AppliedRow | None
    #: false when a search stopped at its time limit (only --rotate searches)
    exhaustive: bool
    time_limit_seconds: float


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


def _score_row(key: tuple[int, int, int]) -> ScoreRow:
    return {"night": key[0], "early_evening": key[1], "total": key[2]}


def current_row(planned: Ranking) -> CurrentRow | None:
    if planned.current is None:
        return None
    row = candidate_row(planned.current)
    return {
        **row,
        "on_grid": planned.current_on_grid,
        "in_window": planned.current_in_window,
        "candidate": planned.current_is_candidate,
    }


def rotation_row(rotation: Rotation, zone: ZoneInfo) -> RotationRow:
    return {
        "days": [
            {
                "date": day.block.date,
                "start": f"{day.start:%H:%M}",
                "end": _hm(day.block.end, zone),
                "end_day_offset": (day.block.end.astimezone(zone).date() - day.block.date).days,
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
        "score": _score_row(rotation.key),
        "fixed_score": _score_row(rotation.fixed.key),
        "rotates": any(day.start != rotation.fixed.start for day in rotation.days),
        "exhaustive": rotation.exhaustive,
    }


def plan_row(
    title: str,
    planned: Ranking,
    top: int,
    rotation: Rotation | None = None,
    applied: AppliedRow | None = None,
    time_limit: float = TIME_LIMIT,
) -> PlanRow:
    between = planned.between
    return {
        "title": title,
        "event_timezone": planned.zone.key,
        "duration_minutes": int(planned.duration.total_seconds() // 60),
        "dates": list(planned.dates),
        "places": len(planned.places),
        "people": sum(p.weight for p in planned.places),
        "start_times": len(planned.candidates),
        "step_minutes": int(planned.step.total_seconds() // 60),
        "between": f"{between[0]:%H:%M}-{between[1]:%H:%M}" if between else None,
        "current_start": f"{planned.current_start:%H:%M}" if planned.current_start is not None else None,
        "current": current_row(planned),
        "candidates": [candidate_row(c) for c in planned.candidates[:top]],
        "rotation": rotation_row(rotation, planned.zone) if rotation else None,
        "applied": applied,
        "exhaustive": rotation is None or rotation.exhaustive,
        "time_limit_seconds": time_limit,
    }


# --- text ---------------------------------------------------------------------------

_MARK = {"working": "", "early": " ◑", "evening": " ◑", "night": " ☾"}


def _length(minutes: int) -> str:
    hours_, rest = divmod(minutes, 60)
    if rest:
        return _("{hours} h {minutes} min").format(hours=hours_, minutes=f"{rest:02d}")
    return _("{hours}-hour").format(hours=hours_)


def _dates(dates: list[date]) -> str:
    """'10, 12, 17 and 19 Nov 2020'; a month or year is said where it changes."""
    if len(dates) == 1:
        return format_day(dates[0])
    english = current().english
    said = []
    for n, on in enumerate(dates):
        after = dates[n + 1] if n + 1 < len(dates) else None
        new_month = after is None or (after.year, after.month) != (on.year, on.month)
        new_year = after is None or after.year != on.year
        if english:
            said.append(str(on.day) + (f" {on:%b}" if new_month else "") + (f" {on.year}" if new_year else ""))
        else:
            # CLDR's own order for a day with its month, or its month and year.
            said.append(format_date(on) if new_year else format_date_short(on) if new_month else str(on.day))
    return _("{first} and {last}").format(first=", ".join(said[:-1]), last=said[-1])


def _span(start: str, end: str, offset: int = 0) -> str:
    return f"{start}–{end}" + (f"+{offset}" if offset else "")


def _worst(row: CandidateRow) -> str:
    worst = row["worst"]
    if not Minutes(**worst["minutes"]).burden:
        return _("everyone in working hours")
    start, end = worst["start"], worst["end"]
    kind = hours.category(start, end)
    offset = (end.date() - start.date()).days
    return f"{worst['place']} {_span(f'{start:%H:%M}', f'{end:%H:%M}', offset)}{_MARK[kind]}"


def _ordinal(n: int) -> str:
    """'2nd' in English; other languages say the number (their ordinals agree with a noun loci doesn't write)."""
    if not current().english:
        return str(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: The width the plan was laid out for before it followed the terminal: at it and wider the text is
#: as it always was (the golden files and README pin it), tables never wrapped and prose at 80.
_LAID_OUT = 80


def _prose(text: str, width: int, always: bool = False) -> list[str]:
    """A paragraph wrapped to a terminal narrower than the layout; at its width only the ``always`` ones wrap, at 80."""
    if width >= _LAID_OUT:
        return textwrap.wrap(text, _LAID_OUT) if always else [text]
    return fill(text, width)


def _table(rows: Sequence[Sequence[str]], width: int, right: tuple[int, ...] = (), flexible: int | None = None) -> list[str]:
    return columns(rows, right=right, width=width if width < _LAID_OUT else None, flexible=flexible)


def plan_text(data: PlanRow, width: int = _LAID_OUT) -> str:
    """The ranking, the current slot's place in it, and the rotation when asked for, fitted to ``width`` columns."""
    zone = data["event_timezone"]
    working = hours.BOUNDS["working"]
    heading = _(
        "{title}: the fairest {length} slot on {dates} for {places} ({people}). Score: minutes outside "
        "working hours ({start}–{end} local) over all dates and people, ranked by the "
        "worst-off place's night, then its early and evening, then everyone's."
    ).format(
        title=data["title"],
        length=_length(data["duration_minutes"]),
        dates=_dates(data["dates"]),
        places=plural(data["places"], "place"),
        people=plural(data["people"], "person", "people"),
        start=f"{working[0]:%H:%M}",
        end=f"{working[1]:%H:%M}",
    )
    lines = [*_prose(heading, width, always=True), ""]
    current = data["current"]
    rows: list[tuple[str, CandidateRow, str]] = [(str(row["rank"]), row, "") for row in data["candidates"]]
    now_mark = "  " + _("← now")
    if current is not None:
        if current["candidate"]:
            # Marked on its own row, found by its start: a rank alone can be shared by a start scored beside them.
            shown = next((n for n, (_rank, row, _now) in enumerate(rows) if row["start"] == current["start"]), None)
            if shown is None:
                rows.append((str(current["rank"]), current, now_mark))
            else:
                rows[shown] = (rows[shown][0], rows[shown][1], now_mark)
        else:
            # Not a candidate: its own row, its rank in brackets (where its score would rank it), placed there.
            at = next((n for n, (_rank, row, _now) in enumerate(rows) if row["rank"] >= current["rank"]), len(rows))
            rows.insert(at, (f"({current['rank']})", current, now_mark))
    table = [(_("Rank"), zone, "UTC", _("Night"), _("Early"), _("Evening"), _("Worst off (first date)"))]
    for rank_text, row, now in rows:
        first = row["slots"][0]
        utc_offset = (first["end_utc"].date() - first["start_utc"].date()).days
        table.append(
            (
                rank_text,
                _span(row["start"], row["end"], row["end_day_offset"]),
                _span(_hm(first["start_utc"], timezone.utc), _hm(first["end_utc"], timezone.utc), utc_offset),
                str(row["minutes"]["night"]),
                str(row["minutes"]["early"]),
                str(row["minutes"]["evening"]),
                _worst(row) + now,
            )
        )
    lines += _table(table, width, right=(0, 3, 4, 5), flexible=6)
    lines.append("")
    # The sentences written before the planner said why a slot is no candidate stay on one line, as the golden files have them.
    lines += _prose(_now_text(data), width, always=current is not None and not current["candidate"])
    rotation = data["rotation"]
    if rotation is not None:
        lines += ["", *_rotation_text(rotation, zone, width, data["time_limit_seconds"])]
    applied = data["applied"]
    if applied is not None:
        starts = applied["starts"]
        if len(set(starts)) == 1:
            when = _("every day starts at {start}").format(start=starts[0])
        else:
            when = _("the days start at {starts}").format(starts=", ".join(starts))
        wrote = _("Wrote {file} (revision {revision}): {when} {zone}.").format(
            file=applied["file"], revision=applied["revision"], when=when, zone=zone
        )
        lines += ["", *_prose(wrote, width)]
    night_start, night_end = hours.BOUNDS["night"]
    # hours.describe('night'), in the reader's language.
    night = _("{name} ({start}–{end})").format(name=_("night"), start=f"{night_start:%H:%M}", end=f"{night_end:%H:%M}")
    lines += _prose(_("◑ early or evening   ☾ {night}").format(night=night), width)
    return "\n".join(lines)


def _now_text(data: PlanRow) -> str:
    """Where the current slot stands: a candidate's rank, or why it is none and where its score would rank it."""
    current, best = data["current"], data["candidates"][0]
    best_span = _span(best["start"], best["end"], best["end_day_offset"])
    if current is None:
        if data["current_start"] is None:
            return _("The agenda's days start at different times, so it has no one current slot to rank.")
        return _("Now {start} is skipped or repeated by a clock change on a planned date, so it is not ranked.").format(
            start=data["current_start"]
        )
    span = _span(current["start"], current["end"], current["end_day_offset"])
    rank, count = _ordinal(current["rank"]), data["start_times"]
    if current["candidate"]:
        if current["rank"] == 1:
            return _("Now {span} ranks {rank} of {count} start times.").format(span=span, rank=rank, count=count)
        return _("Now {span} ranks {rank} of {count} start times; the best is {best}.").format(
            span=span, rank=rank, count=count, best=best_span
        )
    reasons = []
    if not current["in_window"]:
        reasons.append(_("outside --between {between}").format(between=data["between"]))
    if not current["on_grid"]:
        reasons.append(_("not on the {step}-minute grid of start times").format(step=data["step_minutes"]))
    if len(reasons) == 2:
        why = _("{first} and {last}").format(first=reasons[0], last=reasons[1])
    else:
        why = reasons[0] if reasons else _("skipped by a clock change")
    return _(
        "Now {span} is {why}, so it is not one of the {count} start times ranked; its score would rank it "
        "{rank} among them. The best is {best}."
    ).format(span=span, why=why, count=count, rank=rank, best=best_span)


def _triples(rows: list[MinutesRow]) -> list[str]:
    """'night / early / evening' for each row, each figure padded to line up with the rows' widest."""
    names = ("night", "early", "evening")
    widths = [max(len(str(row[name])) for row in rows) for name in names]  # type: ignore[literal-required]
    return [" / ".join(f"{row[name]:>{w}}" for name, w in zip(names, widths, strict=True)) for row in rows]  # type: ignore[literal-required]


def _rotation_text(rotation: RotationRow, zone: str, width: int, limit: float) -> list[str]:
    lines = _prose(_("Rotation: one start per date, so that no place carries the burden every day"), width)
    table = [(_("Date"), zone, "UTC")]
    for day in rotation["days"]:
        offset = (day["end_utc"].date() - day["start_utc"].date()).days
        table.append(
            (
                format_day_short(day["date"]),
                _span(day["start"], day["end"], day["end_day_offset"]),
                _span(_hm(day["start_utc"], timezone.utc), _hm(day["end_utc"], timezone.utc), offset),
            )
        )
    lines += _table(table, width)
    fixed = rotation["fixed_start"]
    # Each place's night, early and evening minutes rotating, and at the fixed time.
    burdened = [p for p in rotation["places"] if Minutes(**p["minutes"]).burden or Minutes(**p["fixed_minutes"]).burden]
    if burdened:
        heading = _("Minutes per place over all dates (night / early / evening): rotating, and at {time} every day").format(time=fixed)
        table = [(_("Place"), _("Rotating"), _("At {time}").format(time=fixed))]
        figures = _triples([p["minutes"] for p in burdened] + [p["fixed_minutes"] for p in burdened])
        table += [(p["place"], figures[n], figures[n + len(burdened)]) for n, p in enumerate(burdened)]
        spared = len(rotation["places"]) - len(burdened)
        lines += ["", *_prose(heading, width, always=True), *_table(table, width, right=(1, 2), flexible=0)]
        if spared:
            lines += _prose(_("({places}: none either way)").format(places=plural(spared, "other place")), width)
    score, at_fixed = rotation["score"], rotation["fixed_score"]
    if rotation["exhaustive"]:
        found = " " + _("(the search was exhaustive)")
    else:
        found = " " + _("(the best found in the {limit}-second time limit; the search was not exhaustive)").format(limit=f"{limit:g}")
    if not rotation["rotates"]:
        lines += _prose(_("No rotation ranks before {time} every day{found}.").format(time=fixed, found=found), width, always=True)
    else:
        said = _(
            "Worst-off night: {night} rotating, {fixed_night} at {time}; worst-off early and evening: "
            "{early_evening} and {fixed_early_evening}; everyone's: {total} and {fixed_total}{found}."
        ).format(
            night=score["night"],
            fixed_night=at_fixed["night"],
            time=fixed,
            early_evening=score["early_evening"],
            fixed_early_evening=at_fixed["early_evening"],
            total=score["total"],
            fixed_total=at_fixed["total"],
            found=found,
        )
        lines += _prose(said, width, always=True)
    return lines
