"""A conference of a few thousand sessions in a dozen rooms, generated here, stays correct."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

import pytest

pytestmark = pytest.mark.slow  # thousands of sessions, generated and validated per test

ROOMS = [f"Room {n}" for n in range(1, 13)]
DAYS = 4
SLOTS = 50  # per room and day: 20-minute talks with 5-minute gaps, 10:00 to 06:50 the next morning
FIRST = datetime.fromisoformat("2025-06-10T10:00:00+02:00")


def generated_frab() -> dict:
    days = []
    for d in range(DAYS):
        start = FIRST + timedelta(days=d)
        rooms = {}
        for r, room in enumerate(ROOMS):
            rooms[room] = [
                {
                    "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"big/{d}/{r}/{s}")),
                    "id": 1 + d * 10000 + r * 100 + s,
                    "date": (start + timedelta(minutes=25 * s)).isoformat(),
                    "start": f"{start + timedelta(minutes=25 * s):%H:%M}",
                    "duration": "00:20",
                    "room": room,
                    "slug": f"big-{d + 1}-{r + 1}-{s + 1}",
                    "url": f"https://big.example/talk/{d}-{r}-{s}",
                    "title": f"Talk {s + 1} in {room}",
                    "subtitle": "",
                    "track": f"Track {s % 5}",
                    "type": "talk",
                    "language": "en",
                    "abstract": "",
                    "description": "",
                    "persons": [{"name": f"Speaker {d}-{r}-{s}"}],
                    "links": [],
                }
                for s in range(SLOTS)
            ]
        last = start + timedelta(minutes=25 * (SLOTS - 1) + 20)
        days.append(
            {
                "index": d + 1,
                "date": start.date().isoformat(),
                "day_start": start.isoformat(),
                "day_end": last.isoformat(),
                "rooms": rooms,
            }
        )
    conference = {
        "acronym": "bigcon",
        "title": "BigCon",
        "start": "2025-06-10",
        "end": "2025-06-13",
        "daysCount": DAYS,
        "timeslot_duration": "00:05",
        "time_zone_name": "Europe/Berlin",
        "days": days,
    }
    return {"schedule": {"version": "1", "conference": conference}}


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("big") / "schedule.json"
    path.write_text(json.dumps(generated_frab()), encoding="utf-8")
    return str(path)


def as_json(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_it_is_valid_and_every_session_is_read(loci, big):
    report = as_json(loci("validate", big, "--json"))
    assert (report["sessions"], report["rooms"], report["days"]) == (len(ROOMS) * DAYS * SLOTS, 12, DAYS)
    assert report["timezone"] == "Europe/Berlin" and report["notes"] == []


def test_one_room_lists_exactly_its_sessions(loci, big):
    days = as_json(loci("sessions", "--agenda", big, "--room", "room 7", "--json"))
    sessions = [s for d in days for s in d["sessions"]]
    assert len(sessions) == DAYS * SLOTS
    assert {s["room"] for s in sessions} == {"Room 7"}
    starts = [s["start_utc"] for s in sessions]
    assert starts == sorted(starts)
    table = loci("sessions", "--agenda", big, "--room", "Room 7", "--day", "2", "--tz", "Asia/Almaty")
    assert table.exit_code == 0 and table.stdout.count("Talk ") == SLOTS


def test_today_covers_the_days_that_run_past_midnight(loci, big):
    # Each day runs 10:00 to 06:50 the next morning in Berlin: 11 June holds Days 1 and 2.
    days = as_json(loci("today", "--agenda", big, "--tz", "Europe/Berlin", "--date", "2025-06-11", "--json"))
    assert [d["day"] for d in days] == [1, 2]
    assert sum(len(d["sessions"]) for d in days) == 2 * len(ROOMS) * SLOTS
    track = as_json(loci("today", "--agenda", big, "--tz", "UTC", "--date", "2025-06-10", "--track", "track 0", "--json"))
    assert all(s["track"] == "Track 0" for d in track for s in d["sessions"])


def test_now_lists_every_room(loci, big):
    now = as_json(loci("now", "--agenda", big, "--at", "2025-06-11T01:55+02:00", "--json"))
    # 01:55 on Day 1 is inside the 39th slot (01:50-02:10) in every room at once.
    assert sorted(s["room"] for s in now["current_all"]) == sorted(ROOMS)
    assert {s["title"].split(" in ")[0] for s in now["current_all"]} == {"Talk 39"}
    assert len(now["next_all"]) == len(ROOMS) and now["next_starts_in_seconds"] == 20 * 60
    assert now["current"] == now["current_all"][0]
    one = as_json(loci("now", "--agenda", big, "--at", "2025-06-11T01:55+02:00", "--room", "Room 12", "--json"))
    assert [s["room"] for s in one["current_all"]] == ["Room 12"]
