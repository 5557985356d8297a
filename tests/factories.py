"""Agendas made to order, as loci JSON dicts: for the tests and for benchmarks/bench.py.

Standard library only, and no loci import: bench.py runs it from a clean clone
with whatever Python it was started with, before loci is installed anywhere,
and no pytest is needed. It lives in tests/ because that is what it is (test
data); bench.py puts this folder on sys.path, and the sdist ships tests/.

    from factories import agenda, day, session, make_agenda

    agenda([day(1, "2020-11-10", [session("a", "12:00", "13:00")])], timezone=BERLIN)
    make_agenda(10_000, zone="Europe/Amsterdam", rooms=("Main", "Side"))
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

#: A loci agenda (or a part of one) as its JSON object.
Json = dict[str, Any]

FORMAT = "loci-agenda/1"


def session(id: str, start: str, end: str, title: str | None = None, kind: str = "talk", **fields: Any) -> Json:
    """One session; ``start``/``end`` as loci writes them: '12:00', '2020-11-11T00:30' or with an offset."""
    return {"id": id, "start": start, "end": end, "title": title or f"Session {id}", "kind": kind, **fields}


def day(number: int, on: date | str, sessions: list[Json], id: str | None = None, title: str | None = None, **fields: Any) -> Json:
    return {
        "id": id or f"day-{number}",
        "number": number,
        "date": str(on),
        "title": title or f"Day {number}",
        "sessions": sessions,
        **fields,
    }


def agenda(
    days: list[Json], timezone: str = "Europe/Amsterdam", id: str = "test-agenda", title: str = "Test agenda", **fields: Any
) -> Json:
    return {"format": FORMAT, "id": id, "title": title, "timezone": timezone, "days": days, **fields}


def one_session(start: str, end: str, on: date | str, timezone: str, **fields: Any) -> Json:
    """An agenda of one day holding one session called 's1': the smallest question to ask a zone."""
    return agenda([day(1, on, [session("s1", start, end, **fields)])], timezone=timezone)


def make_agenda(
    sessions: int, zone: str = "Europe/Amsterdam", per_day: int = 20, first: date = date(2021, 3, 1), rooms: tuple[str, ...] = ()
) -> Json:
    """A valid agenda of ``sessions`` half-hour sessions, ``per_day`` a day from 08:00, on consecutive days from ``first``.

    From 1 March 2021, the larger agendas cross their zone's DST changes; the
    last session of each day runs past local midnight, to 00:30. With ``rooms``,
    sessions take the rooms in turn (they never overlap, so any room order is valid).
    """
    days = []
    number = 0
    while number * per_day < sessions:
        on = first + timedelta(days=number)
        count = min(per_day, sessions - number * per_day)
        items = []
        for i in range(count):
            start = datetime(on.year, on.month, on.day, 8) + timedelta(minutes=30 * i)
            item = session(
                f"d{number + 1}-s{i + 1}",
                f"{start:%H:%M}",
                f"{start + timedelta(minutes=30):%H:%M}",
                title=f"Session {i + 1} of day {number + 1}",
            )
            if i == count - 1:
                item.update(start="23:30", end=f"{on + timedelta(days=1)}T00:30", title="Late session")
            if rooms:
                item["room"] = rooms[i % len(rooms)]
            items.append(item)
        days.append(day(number + 1, on, items))
        number += 1
    return agenda(days, timezone=zone, id=f"bench-{sessions}", title=f"Benchmark, {sessions} sessions", venue="Online")


def write(path: Path, data: Json | str | bytes) -> Path:
    """Write an agenda (a dict, or raw text or bytes, which may be broken on purpose) to ``path``."""
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
