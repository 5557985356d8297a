"""frab/pretalx schedules: read leniently, written to the published schema, round trips kept."""

from __future__ import annotations

import copy
import json
import re
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from helpers import ALMATY, FIXTURES, KYIV
from loci_cli.cli.messages import line
from loci_cli.core.errors import AgendaError, AgendaInvalidError
from loci_cli.formats.frab.read_json import choose_zone, frab_to_agenda, read_frab
from loci_cli.formats.frab.write_json import agenda_to_frab
from loci_cli.formats.load import load_agenda
from loci_cli.formats.loci.read import parse_agenda, read_agenda

NIGHTCON_PATH = FIXTURES / "frab-nightcon.json"
NIGHTCON = json.loads(NIGHTCON_PATH.read_text(encoding="utf-8"))
UTC = timezone.utc


def nightcon(change=None) -> dict:
    data = copy.deepcopy(NIGHTCON)
    if change:
        change(data["schedule"]["conference"])
    return data


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def as_json(result):
    return json.loads(ok(result).stdout)


# --- reading -------------------------------------------------------------------------


def test_instants_come_from_date_and_duration_not_the_zone_hint():
    agenda = frab_to_agenda(NIGHTCON)
    by_id = {s.id: s for _, s in agenda.sessions()}
    keynote = by_id["MIDNT1"]
    # 23:30+02:00 plus 1 h 30: runs past midnight, whatever Europe/Lisbon (UTC+0) would say.
    assert keynote.start_at == datetime(2024, 11, 8, 21, 30, tzinfo=UTC)
    assert keynote.end_at == datetime(2024, 11, 8, 23, 0, tzinfo=UTC)
    assert by_id["CLOSE1"].end_at == datetime(2024, 11, 9, 23, 0, tzinfo=UTC)


def test_hint_that_disagrees_with_the_offsets_is_replaced_and_explained():
    reading = read_frab(NIGHTCON)
    assert reading.problems == []
    assert reading.agenda.timezone == "UTC+02:00"  # a fixed zone, named as --tz UTC+2 names it
    (note,) = reading.notes
    assert "Europe/Lisbon" in note and "+02:00" in note and "UTC+02:00" in note


@pytest.mark.parametrize(
    "hint, zone, says",
    [
        ("Europe/Kyiv", KYIV, None),  # agrees with +02:00 in November: kept
        ("europe/kyiv", KYIV, None),  # any letter case
        (None, "UTC+02:00", "no time_zone_name"),
        ("Mars/Olympus_Mons", "UTC+02:00", "not a known IANA zone"),
    ],
)
def test_zone_hint_is_used_only_when_it_fits(hint, zone, says):
    def set_hint(conference):
        if hint is None:
            del conference["time_zone_name"]
        else:
            conference["time_zone_name"] = hint

    reading = read_frab(nightcon(set_hint))
    assert reading.agenda.timezone == zone
    assert (reading.notes == []) if says is None else (says in reading.notes[0])


def test_offsets_across_a_dst_change_pick_a_zone_that_fits_them_all():
    summer = datetime.fromisoformat("2024-10-26T10:00:00+03:00")
    winter = datetime.fromisoformat("2024-10-28T10:00:00+02:00")
    key, note = choose_zone("UTC", [summer, winter])
    from loci_cli.core.zones import get_zone

    zone = get_zone(key)
    assert summer.astimezone(zone).utcoffset() == timedelta(hours=3)
    assert winter.astimezone(zone).utcoffset() == timedelta(hours=2)
    assert "UTC" in note
    assert choose_zone("UTC", [datetime(2024, 1, 1, tzinfo=UTC)]) == ("UTC", None)
    # One offset is a fixed zone, not a guess at a country (Colombo? Kolkata?).
    assert choose_zone(None, [datetime.fromisoformat("2024-01-01T10:00+05:30")])[0] == "UTC+05:30"


def test_rooms_tracks_speakers_languages_and_links_become_session_fields():
    agenda = frab_to_agenda(NIGHTCON)
    by_id = {s.id: s for _, s in agenda.sessions()}
    opening = by_id["OPEN01"]
    assert (opening.room, opening.track, opening.language, opening.kind) == ("Hall A", "Community", "en", "talk")
    assert opening.speakers == ("Anna Lind",)
    assert [(link.url, link.title) for link in opening.links] == [("https://nightcon.example/slides/opening.pdf", "Slides")]
    keynote = by_id["MIDNT1"]
    assert keynote.speakers == ("Bruno Costa", "Anna Lind")  # frab's public_name and pretalx's name
    assert keynote.description.startswith("Past the witching hour\n\nClocks, calendars")
    assert by_id["BREAK1"].is_break
    assert by_id["nightcon-105-owls"].kind == "lightning-talks"  # no code: the slug is the id


def test_lenient_about_extra_keys_patterns_and_empty_days():
    agenda = frab_to_agenda(NIGHTCON)
    assert agenda.id == "NightCon-2024"  # the acronym breaks the schema's pattern; tidied, not refused
    assert [(d.number, d.date.isoformat()) for d in agenda.days] == [(1, "2024-11-08"), (2, "2024-11-09")]
    # Parallel rooms come grouped by room; the day lists them by start.
    assert [s.id for s in agenda.days[0].sessions] == ["OPEN01", "ZONES1", "WORK01", "BREAK1", "MIDNT1", "nightcon-105-owls"]


def test_slugs_become_ids_when_there_is_no_code():
    def drop_codes(conference):
        for day in conference["days"]:
            for events in day["rooms"].values():
                for event in events:
                    event.pop("code", None)

    ids = [s.id for _, s in frab_to_agenda(nightcon(drop_codes)).sessions()]
    assert "Midnight_Keynote" in ids  # the '!' cannot be in a loci id
    assert len(ids) == len(set(ids)) == 7


def test_problems_are_reported_at_their_frab_paths():
    def break_it(conference):
        hall_a = conference["days"][0]["rooms"]["Hall A"]
        hall_a[0]["date"] = "the evening"
        hall_a[1]["duration"] = "a while"
        hall_a[2]["date"] = "2024-11-08T18:50:00+02:00"  # overlaps the opening... once that is fixed

    with pytest.raises(AgendaInvalidError) as caught:
        frab_to_agenda(nightcon(break_it))
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        '$.schedule.conference.days[0].rooms["Hall A"][0].date',
        '$.schedule.conference.days[0].rooms["Hall A"][1].duration',
    ]


def test_overlap_in_one_room_is_a_warning_at_the_frab_event():
    def overlap(conference):
        conference["days"][0]["rooms"]["Hall B"][0]["duration"] = "07:00"  # runs into the 00:15 talk

    reading = read_frab(nightcon(overlap))
    assert reading.problems == [] and reading.agenda is not None
    (warning,) = reading.warnings
    assert warning.path == '$.schedule.conference.days[0].rooms["Hall B"][1].date'
    assert "in room 'Hall B'" in warning.message
    # Both sessions are there, for every view to show.
    hall_b = len(NIGHTCON["schedule"]["conference"]["days"][0]["rooms"]["Hall B"])
    assert hall_b >= 2 and sum(1 for day, s in reading.agenda.sessions() if day.number == 1 and s.room == "Hall B") == hall_b


def test_parallel_rooms_may_overlap_but_one_room_may_not():
    base: dict[str, Any] = {
        "id": "rooms",
        "title": "Rooms",
        "timezone": "Europe/Berlin",
        "days": [
            {
                "id": "d",
                "number": 1,
                "date": "2024-05-02",
                "title": "Day",
                "sessions": [
                    {"id": "a", "start": "10:00", "end": "11:00", "title": "A", "room": "One"},
                    {"id": "b", "start": "10:30", "end": "11:30", "title": "B", "room": "Two"},
                ],
            }
        ],
    }
    assert len(parse_agenda(json.dumps(base)).sessions()) == 2
    base["days"][0]["sessions"][1]["room"] = "One"
    agenda, (warning,) = read_agenda(json.dumps(base))
    assert len(agenda.sessions()) == 2 and "in room 'One'" in warning.message
    base["days"][0]["sessions"][1].update(room="Two", start="09:30")
    with pytest.raises(AgendaInvalidError, match="in order of start"):
        parse_agenda(json.dumps(base))


def test_format_is_detected_or_forced(write_agenda):
    assert load_agenda(NIGHTCON_PATH, {}).title == "NightCon"
    assert load_agenda(NIGHTCON_PATH, {}, "frab").title == "NightCon"
    with pytest.raises(AgendaError, match=r"\$\.id: Field required") as raised:
        load_agenda(NIGHTCON_PATH, {}, "loci")
    assert isinstance(raised.value, AgendaInvalidError)
    assert (raised.value.format, raised.value.more > 0) == ("loci", True)
    assert "loci validate" in line(raised.value) and "--agenda-format loci" in line(raised.value)
    with pytest.raises(AgendaError, match=r"\$\.schedule\.conference: a frab schedule needs"):
        load_agenda(FIXTURES / "minimal.json", {}, "frab")
    with pytest.raises(AgendaError, match=r"Invalid JSON: .* line 4"):
        load_agenda(FIXTURES / "truncated.json", {}, "frab")


def test_commands_read_frab_with_the_agenda_option(loci):
    days = as_json(loci("sessions", "--agenda", str(NIGHTCON_PATH), "--tz", ALMATY, "--json"))
    keynote = next(s for d in days for s in d["sessions"] if s["id"] == "MIDNT1")
    assert keynote["start"] == "2024-11-09T02:30:00+05:00"
    assert keynote["event_start"] == "2024-11-08T23:30:00+02:00"
    assert (keynote["room"], keynote["track"], keynote["language"]) == ("Hall A", "Community", "de")
    assert keynote["speakers"] == ["Bruno Costa", "Anna Lind"]
    text = ok(loci("show", "midnt1", "--agenda", str(NIGHTCON_PATH), "--tz", ALMATY)).stdout
    for words in ("Speakers:   Bruno Costa, Anna Lind", "Room:       Hall A", "Track:      Community", "Language:   de"):
        assert words in text
    table = ok(loci("sessions", "--agenda", str(NIGHTCON_PATH), "--format", "frab", "--tz", ALMATY)).stdout
    assert "Room" in table and "Workshop Room" in table


# --- filters ----------------------------------------------------------------------------


def ids(days) -> list[str]:
    return [s["id"] for d in days for s in d["sessions"]]


def test_room_track_and_search_filters(loci):
    run = lambda *a: as_json(loci("sessions", "--agenda", str(NIGHTCON_PATH), "--json", *a))
    assert ids(run("--room", "hall b")) == ["ZONES1", "nightcon-105-owls"]
    assert ids(run("--track", "Community")) == ["OPEN01", "MIDNT1"]
    assert ids(run("--search", "chen WEI")) == ["ZONES1", "WORK01"]  # every word, any case, speakers too
    assert ids(run("--search", "chen laptop")) == ["WORK01"]
    assert ids(run("--room", "Hall A", "--track", "Community", "--search", "midnight")) == ["MIDNT1"]
    assert ids(run("--room", "Hall A", "--day", "2")) == ["CLOSE1"]
    result = loci("sessions", "--agenda", str(NIGHTCON_PATH), "--search", "nothing like this", "--json")
    assert json.loads(ok(result).stdout) == [] and "No session matches search" in result.stderr


def test_unknown_room_is_a_usage_error_with_the_rooms_as_hint(loci):
    result = loci("sessions", "--agenda", str(NIGHTCON_PATH), "--room", "Hall C")
    assert result.exit_code == 2
    assert "there is no room 'Hall C'" in result.stderr and "Hall A" in result.stderr
    result = loci("sessions", "--room", "Hall A")  # the LOCI agenda names no rooms
    assert result.exit_code == 2 and "names no rooms" in result.stderr


def test_grouping_by_room(loci):
    text = ok(loci("sessions", "--agenda", str(NIGHTCON_PATH), "--by-room", "--day", "1", "--tz", ALMATY)).stdout
    headings = [line.strip() for line in text.splitlines() if line.startswith("Day ")]
    # In Almaty (UTC+5) NightCon's first day runs from 21:00 Friday past midnight: the heading names both dates.
    assert headings == [
        "Day 1 · Fri 08–Sat 09 Nov 2024 · NightCon · Hall A",
        "Day 1 · Fri 08–Sat 09 Nov 2024 · NightCon · Hall B",
        "Day 1 · Fri 08–Sat 09 Nov 2024 · NightCon · Workshop Room",
    ]


def test_today_and_now_across_rooms(loci):
    agenda = ("--agenda", str(NIGHTCON_PATH))
    # In Almaty (UTC+5) Day 1 runs into 9 November, where Day 2 also is.
    assert [d["day"] for d in as_json(loci("today", *agenda, "--tz", ALMATY, "--date", "2024-11-09", "--json"))] == [1]
    assert [d["day"] for d in as_json(loci("today", *agenda, "--tz", ALMATY, "--date", "2024-11-10", "--json"))] == [2]
    only_b = as_json(loci("today", *agenda, "--tz", ALMATY, "--date", "2024-11-09", "--room", "Hall B", "--json"))
    assert ids(only_b) == ["ZONES1", "nightcon-105-owls"]
    result = loci("today", *agenda, "--tz", ALMATY, "--date", "2024-11-10", "--room", "Hall B")
    assert result.exit_code == 0 and "Nothing matches room 'Hall B' on Sun 10 Nov 2024" in result.stderr

    now = as_json(loci("now", *agenda, "--at", "2024-11-08T18:40+02:00", "--json"))
    assert [s["id"] for s in now["current_all"]] == ["OPEN01", "ZONES1", "WORK01"]
    assert now["current"]["id"] == "OPEN01"
    assert [s["id"] for s in now["next_all"]] == ["BREAK1"]
    text = ok(loci("now", *agenda, "--at", "2024-11-08T18:40+02:00", "--tz", "UTC")).stdout
    assert "Opening [OPEN01] in Hall A, 5 min left" in text
    assert "Writing a frab schedule by hand [WORK01] in Workshop Room, 1 h 50 min left" in text
    workshop = as_json(loci("now", *agenda, "--at", "2024-11-08T18:40+02:00", "--room", "workshop room", "--json"))
    assert [s["id"] for s in workshop["current_all"]] == ["WORK01"]
    assert workshop["next"] is None


# --- writing ---------------------------------------------------------------------------

EVENT_REQUIRED = {
    "abstract",
    "date",
    "duration",
    "guid",
    "id",
    "language",
    "links",
    "persons",
    "room",
    "slug",
    "start",
    "subtitle",
    "title",
    "track",
    "type",
    "url",
}
EVENT_ALLOWED = EVENT_REQUIRED | {
    "code",
    "logo",
    "end",
    "description",
    "recording_license",
    "do_not_record",
    "do_not_stream",
    "feedback_url",
    "origin_url",
    "attachments",
}
CONFERENCE_REQUIRED = {"title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"}
CONFERENCE_ALLOWED = CONFERENCE_REQUIRED | {
    "description",
    "time_zone_name",
    "logo",
    "colors",
    "keywords",
    "url",
    "tracks",
    "rooms",
    "meta",
}
DAY_KEYS = {"index", "date", "day_start", "day_end", "rooms"}
# The published schema's patterns, written out here so the tests need nothing outside the repo.
ACRONYM = r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$"
SLUG = r"^[a-z0-9_-]+[a-z0-9]$"
START = r"^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$"
DURATION = r"^[0-9]+:[0-9]{2}$"
ZONE_NAME = r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"
URI = r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$"


def events(document: dict) -> list[dict]:
    return [e for day in document["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room]


def assert_meets_the_published_schema(document: dict) -> None:
    assert set(document) <= {"schedule", "$schema", "generator"}
    schedule = document["schedule"]
    assert isinstance(schedule["version"], str) and "rooms" not in schedule
    conference = schedule["conference"]
    assert CONFERENCE_REQUIRED <= set(conference) <= CONFERENCE_ALLOWED
    assert re.match(ACRONYM, conference["acronym"])
    assert isinstance(conference["daysCount"], int) and conference["daysCount"] == len(conference["days"])
    if "time_zone_name" in conference:
        assert re.search(ZONE_NAME, conference["time_zone_name"])
    for room in conference["rooms"]:
        assert set(room) == {"name", "guid"} and uuid.UUID(room["guid"])
    for day in conference["days"]:
        assert set(day) == DAY_KEYS and isinstance(day["index"], int)
        datetime.fromisoformat(day["day_start"]).utcoffset()
        assert datetime.fromisoformat(day["day_end"]).tzinfo is not None
        for name, listed in day["rooms"].items():
            assert all(e["room"] == name for e in listed)
    for event in events(document):
        assert EVENT_REQUIRED <= set(event) <= EVENT_ALLOWED, set(event) ^ EVENT_REQUIRED
        assert str(uuid.UUID(event["guid"])) == event["guid"]
        assert isinstance(event["id"], int) and event["id"] >= 1
        assert re.match(SLUG, event["slug"]) and re.match(START, event["start"]) and re.match(DURATION, event["duration"])
        assert datetime.fromisoformat(event["date"]).tzinfo is not None
        assert re.match(URI, event["url"])
        for key in ("subtitle", "track", "language", "abstract", "description"):
            assert event.get(key) is None or isinstance(event[key], str)
        for person in event["persons"]:
            # Exactly one of the schema's person shapes: pretalx's (name), not frab's (public_name and id).
            assert isinstance(person["name"], str) and "id" not in person
        for link in event["links"]:
            assert set(link) <= {"url", "title", "type"} and re.match(URI, link["url"])
    ids_ = [e["id"] for e in events(document)]
    assert len(ids_) == len(set(ids_))


def test_the_loci_agenda_as_frab_meets_the_schema_and_keeps_breaks():
    agenda = load_agenda(None, {})
    document = agenda_to_frab(agenda)
    assert_meets_the_published_schema(document)
    conference = document["schedule"]["conference"]
    assert conference["acronym"] == "loci_eeca_2020"
    assert conference["time_zone_name"] == "Europe/Amsterdam"
    assert len(events(document)) == len(agenda.sessions())
    breaks = [e["slug"] for e in events(document) if e["type"] == "break"]
    assert breaks == [s.id for _, s in agenda.sessions() if s.is_break] and len(breaks) == 2
    welcome = next(e for e in events(document) if e["slug"] == "d1-welcome")
    assert (welcome["date"], welcome["start"], welcome["duration"]) == ("2020-11-10T12:00:00+01:00", "12:00", "00:30")
    assert welcome["room"] == "Online × The Hague"


def test_guids_are_stable_across_runs_and_unique():
    first = agenda_to_frab(load_agenda(None, {}))
    second = agenda_to_frab(load_agenda(None, {}))
    assert first == second
    guids = [e["guid"] for e in events(first)]
    assert len(set(guids)) == len(guids)
    # Derived from the agenda id and the session id, so another agenda's sessions never collide.
    assert uuid.UUID(guids[0]).version == 5


def test_round_trip_loci_frab_loci_keeps_every_session():
    original = load_agenda(None, {})
    back = frab_to_agenda(json.loads(json.dumps(agenda_to_frab(original))))
    assert back.timezone == original.timezone
    assert [(d.number, d.date) for d in back.days] == [(d.number, d.date) for d in original.days]

    def essence(agenda):
        return [(s.id, s.title, s.kind, s.description, s.start_at, s.end_at) for _, s in agenda.sessions()]

    assert essence(back) == essence(original)
    lead = {s.id: s.lead for _, s in original.sessions()}
    assert all(s.speakers == ((lead[s.id],) if lead[s.id] else ()) for _, s in back.sessions())


def test_round_trip_frab_loci_frab_keeps_rooms_speakers_and_tracks():
    first = frab_to_agenda(NIGHTCON)
    document = agenda_to_frab(first)
    assert_meets_the_published_schema(document)
    assert "time_zone_name" not in document["schedule"]["conference"]  # UTC+02:00 breaks the schema's pattern
    again = frab_to_agenda(document)

    def essence(agenda):
        return sorted((s.title, s.start_at, s.end_at, s.room, s.track, tuple(s.speakers), s.language, s.kind) for _, s in agenda.sessions())

    assert essence(again) == essence(first)
    midnight = next(e for e in events(document) if e["title"] == "Midnight keynote")
    assert midnight["date"] == "2024-11-08T23:30:00+02:00" and midnight["duration"] == "01:30"


# --- loci export --format frab ---------------------------------------------------------


def test_export_format_frab_writes_the_whole_programme(loci, tmp_path):
    target = tmp_path / "schedule.json"
    result = loci("export", "--format", "frab", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote 16 sessions to {target}\n"
    document = json.loads(target.read_text(encoding="utf-8"))
    assert_meets_the_published_schema(document)
    titles = [e["title"] for e in events(document)]
    assert titles.count("Break") == 2 and len(titles) == 16
    # Read back through the same loader every command uses: every session survives.
    again = load_agenda(target, {})
    assert [s.start_at for _, s in again.sessions()] == [s.start_at for _, s in load_agenda(None, {}).sessions()]


def test_export_format_frab_guids_are_the_same_on_every_run(loci):
    first, second = (loci("export", "--format", "frab", "-o", "-") for _ in range(2))
    guids = [[e["guid"] for e in events(json.loads(r.stdout))] for r in (first, second)]
    assert guids[0] == guids[1] and len(set(guids[0])) == 16


def test_export_format_frab_refuses_ics_only_options_and_existing_files(loci, tmp_path):
    result = loci("export", "--format", "frab", "--tzid", "--day", "1")
    assert result.exit_code == 2
    assert "--day, --tzid do not apply to --format frab" in result.stderr
    target = tmp_path / "schedule.json"
    target.write_text("keep me", encoding="utf-8")
    assert loci("export", "--format", "frab", "-o", str(target)).exit_code == 1
    assert target.read_text(encoding="utf-8") == "keep me"


def test_real_export_quirks_string_ids_repeated_day_numbers_and_h_mm_durations():
    # c3voc's generated files: ids as strings, days numbered 0 then 1 (twice), "1:00" durations, full_public_name.
    def event(id: str, at: str) -> dict[str, Any]:
        return {
            "id": id,
            "guid": f"g-{id}",
            "date": at,
            "duration": "1:00",
            "room": "Hall",
            "title": f"T{id}",
            "persons": [{"id": 0, "full_public_name": "Bernd"}],
        }

    days = [
        {"index": 0, "date": "2018-12-26", "rooms": {"Hall": [event("1", "2018-12-26T18:00:00+01:00")]}},
        {"index": 1, "date": "2018-12-27", "rooms": {"Hall": [event("1", "2018-12-27T18:00:00+01:00")]}},
        {"index": 1, "date": "2018-12-28", "rooms": {"Hall": [event("2", "2018-12-28T18:00:00+01:00")]}},
    ]
    reading = read_frab({"schedule": {"conference": {"title": "C", "acronym": "c", "days": days}}})
    assert reading.problems == [] and reading.agenda is not None
    assert [d.number for d in reading.agenda.days] == [1, 2, 3]
    sessions = [s for _, s in reading.agenda.sessions()]
    assert len({s.id for s in sessions}) == 3  # the id repeated across days gets a suffix
    assert all(s.end_at - s.start_at == timedelta(hours=1) and s.speakers == ("Bernd",) for s in sessions)


def test_naive_dates_without_a_zone_are_one_problem_and_read_in_the_zone_given():
    from loci_cli.core.errors import NO_ZONE
    from loci_cli.core.zones import get_zone

    data = {
        "schedule": {
            "conference": {
                "title": "C",
                "days": [
                    {
                        "index": 1,
                        "date": "2017-12-27",
                        "rooms": {
                            "R": [
                                {"id": "1", "date": "2017-12-27T13:00:00", "duration": "1:45", "title": "A"},
                                {"id": "2", "date": "2017-12-27T15:00:00", "duration": "0:45", "title": "B"},
                            ]
                        },
                    }
                ],
            }
        }
    }
    assert [p.message for p in read_frab(data).problems] == [NO_ZONE]
    agenda = read_frab(data, get_zone("Europe/Berlin")).agenda
    assert agenda is not None and agenda.timezone == "Europe/Berlin"
    assert [s.start_at for _, s in agenda.sessions()] == [datetime(2017, 12, 27, 12, tzinfo=UTC), datetime(2017, 12, 27, 14, tzinfo=UTC)]
