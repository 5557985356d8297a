"""frab schedule.xml: read from frab, pretalx and pentabarf-style files, written to the published XSD."""

from __future__ import annotations

import copy
import json
import os
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers import FIXTURES, utc
from loci_cli.core.errors import NO_ZONE, AgendaError
from loci_cli.core.zones import get_zone
from loci_cli.formats.detect import looks_like_xml
from loci_cli.formats.frab.read_json import frab_to_agenda, read_frab
from loci_cli.formats.frab.read_xml import parse_xml, read_xml
from loci_cli.formats.frab.write_json import agenda_to_frab, room_name, session_guid
from loci_cli.formats.frab.write_xml import VOC_SLUG, write_xml
from loci_cli.formats.load import default_agenda_path, load_agenda

UTC = timezone.utc
ROOT = Path(__file__).resolve().parents[2]
# The published schemas live beside the repository (../shared); LOCI_SHARED_DIR points elsewhere.
SHARED = Path(os.environ.get("LOCI_SHARED_DIR") or ROOT.parent / "shared") / "frab"
XSD = SHARED / "schedule.xml.xsd"
DEMOCON_JSON = SHARED / "example-pretalx-democon.json"
NIGHTHACK = FIXTURES / "frab-xml-nighthack.xml"
DEMOCON_XML = FIXTURES / "pretalx-xml-democon.xml"
FOSSCON = FIXTURES / "pentabarf-xml-fosscon.xml"
NIGHTCON_JSON = FIXTURES / "frab-nightcon.json"
AWKWARD = FIXTURES / "awkward.json"


def sessions(agenda) -> dict:
    return {s.id: s for _, s in agenda.sessions()}


def xml_agenda(data: bytes):
    xml = parse_xml(data)
    reading = read_frab(xml.document)
    assert xml.problems == [] and reading.problems == [], (xml.problems, reading.problems)
    return reading.agenda


@pytest.fixture(scope="module")
def schema():
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema (the test extra) validates against the XSD")
    if not XSD.is_file():
        pytest.skip(f"the published XSD is not at {XSD} (../shared beside the repository)")
    return xmlschema.XMLSchema(str(XSD))


def assert_valid(schema, data: bytes) -> None:
    errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(data.decode("utf-8"))]
    assert errors == []


def democon_json() -> dict:
    if not DEMOCON_JSON.is_file():
        pytest.skip(f"the pretalx example is not at {DEMOCON_JSON} (../shared beside the repository)")
    return json.loads(DEMOCON_JSON.read_text(encoding="utf-8"))


# --- reading: frab's own style ------------------------------------------------------


def test_frab_style_events_land_at_their_offsets_through_the_doubled_hour():
    by_id = sessions(xml_agenda(NIGHTHACK.read_bytes()))
    # 26/27 Oct 2024 in Berlin: 02:30 happens at +02:00 and again, an hour later, at +01:00.
    assert by_id["nighthack24-105-the-first-two-thirty"].start_at == utc(2024, 10, 27, 0, 30)
    assert by_id["nighthack24-103-the-second-two-thirty"].start_at == utc(2024, 10, 27, 1, 30)
    assert by_id["nighthack24-103-the-second-two-thirty"].end_at == utc(2024, 10, 27, 1, 50)
    assert by_id["nighthack24-101-opening"].start_at == utc(2024, 10, 26, 16, 0)  # 18:00+02:00
    assert by_id["nighthack24-201-closing"].start_at == utc(2024, 10, 27, 17, 0)  # 18:00+01:00


def test_frab_style_after_midnight_event_stays_on_its_conference_day():
    agenda = xml_agenda(NIGHTHACK.read_bytes())
    day_of = {s.id: day.number for day, s in agenda.sessions()}
    assert day_of["nighthack24-102-late-talk"] == 1  # 01:30 on the 27th, listed under day 1
    assert day_of["nighthack24-201-closing"] == 2
    assert [d.date.isoformat() for d in agenda.days] == ["2024-10-26", "2024-10-27"]


def test_frab_style_rooms_tracks_persons_links():
    by_id = sessions(xml_agenda(NIGHTHACK.read_bytes()))
    opening, soldering = by_id["nighthack24-101-opening"], by_id["nighthack24-104-soldering"]
    assert (opening.room, opening.track, list(opening.speakers)) == ("Saal 1", "Community", ["Ada Lovelace"])
    assert (soldering.room, soldering.track) == ("Saal 2", "Hardware")
    assert list(soldering.speakers) == ["Grace Hopper", "Hedy Lamarr"]
    # A link whose text is its address (frab's untitled link) has no title.
    assert [(link.url, link.title) for link in opening.links] == [
        ("https://nighthack.example/wiki/Opening", "Wiki page"),
        ("https://nighthack.example/stream/saal1", None),
    ]
    assert opening.description == "Welcome & house rules.\n\nWhere the rooms are, and when the kitchen closes."
    assert soldering.kind == "workshop"


def test_frab_style_without_zone_name_takes_a_zone_that_fits_every_offset():
    reading = read_frab(read_xml(NIGHTHACK.read_bytes()))
    zone = reading.agenda.zone
    assert "no time_zone_name" in reading.notes[0]
    # The chosen zone agrees with each event's own offset, both sides of the change.
    assert utc(2024, 10, 27, 0, 30).astimezone(zone).utcoffset() == timedelta(hours=2)
    assert utc(2024, 10, 27, 1, 30).astimezone(zone).utcoffset() == timedelta(hours=1)


def test_frab_style_document_keeps_guids_ids_and_room_guids():
    document = read_xml(NIGHTHACK.read_bytes())
    day1 = document["schedule"]["conference"]["days"][0]
    opening = day1["rooms"]["Saal 1"][0]
    assert (opening["guid"], opening["id"], opening["slug"]) == ("d8277e36-c6a0-4246-92e9-9e1ab47dc809", 101, "nighthack24-101-opening")
    assert (opening["recording_license"], opening["do_not_record"]) == ("CC BY 4.0", False)
    assert opening["end"] == "2024-10-26T18:30:00+02:00"
    assert document["schedule"]["version"] == "1.2 final"
    assert day1["day_start"] == "2024-10-26T18:00:00+02:00" and day1["index"] == 1
    soldering = day1["rooms"]["Saal 2"][0]
    assert soldering["attachments"] == [{"url": "https://nighthack.example/files/kit.pdf", "title": "Kit list"}]


# --- reading: pretalx's style -------------------------------------------------------


def test_pretalx_style_reads_codes_zone_and_instants_across_spring_forward():
    agenda = xml_agenda(DEMOCON_XML.read_bytes())
    by_id = sessions(agenda)
    assert agenda.timezone == "America/New_York" and agenda.id == "democon-nyc"
    assert by_id["ABC123"].start_at == utc(2024, 3, 9, 15, 0)  # 10:00-05:00
    assert by_id["ABC123"].title == "Keynote: Time & Zones"
    # 01:30 EST plus one hour is 03:30 EDT: 06:30-07:30 UTC, on conference day 1 (pretalx's day ends 03:59).
    assert (by_id["GHI789"].start_at, by_id["GHI789"].end_at) == (utc(2024, 3, 10, 6, 30), utc(2024, 3, 10, 7, 30))
    assert {s.id: d.number for d, s in agenda.sessions()}["GHI789"] == 1
    assert by_id["MNO345"].start_at == utc(2024, 3, 10, 14, 0)  # 10:00-04:00
    assert list(by_id["DEF456"].speakers) == ["Alan Turing", "Joan Clarke"]
    assert by_id["DEF456"].track is None  # <track></track>
    assert by_id["JKL012"].language == "es" and by_id["JKL012"].room == "Room 2"


def test_pretalx_style_document_has_the_frab_json_shape():
    document = read_xml(DEMOCON_XML.read_bytes())
    schedule = document["schedule"]
    conference = schedule["conference"]
    assert document["generator"] == {"name": "pretalx", "version": "2024.1.0"}
    assert schedule["base_url"] == "https://pretalx.example/democon-nyc/schedule/"
    assert (conference["daysCount"], conference["timeslot_duration"]) == (2, "00:05")
    assert conference["rooms"] == [
        {"name": "Main Hall", "guid": "af5a14cb-f8ef-44f9-9afe-de3388110f16"},
        {"name": "Room 2", "guid": "315481d3-2c02-439d-90a4-b67115cff27f"},
    ]
    keynote = conference["days"][0]["rooms"]["Main Hall"][0]
    assert (keynote["code"], keynote["id"], keynote["duration"]) == ("ABC123", 11, "00:45")
    assert keynote["persons"] == [{"name": "Grace Hopper", "public_name": "Grace Hopper", "id": 7}]
    assert keynote["abstract"] == "Why <b>your</b> clock is not mine."
    assert conference["days"][1]["rooms"]["Room 2"] == []


# --- reading: no <date>, only <start> ----------------------------------------------


def test_pentabarf_style_starts_are_read_in_the_conference_zone():
    by_id = sessions(xml_agenda(FOSSCON.read_bytes()))
    assert by_id["keynote"].start_at == utc(2025, 2, 1, 9, 0)  # 10:00 in Brussels, UTC+1 in February
    assert by_id["keynote"].end_at == utc(2025, 2, 1, 9, 50)  # 00:50:00
    assert by_id["late_show"].end_at == utc(2025, 2, 1, 23, 30)  # 23:30 + 01:00:00


def test_pentabarf_style_event_before_day_change_is_on_the_next_date():
    agenda = xml_agenda(FOSSCON.read_bytes())
    owls = sessions(agenda)["night_owls"]
    # 01:00 is before <day_change>09:00</day_change>: 2 February, 01:00+01:00, still on day 1.
    assert owls.start_at == utc(2025, 2, 2, 0, 0)
    assert owls.end_at == utc(2025, 2, 2, 1, 30)  # <duration>01:30</duration> (HH:MM)
    assert {s.id: d.number for d, s in agenda.sessions()}["night_owls"] == 1


def test_durations_with_seconds():
    lightning = sessions(xml_agenda(FOSSCON.read_bytes()))["lightning_round"]
    assert lightning.start_at == utc(2025, 2, 2, 8, 30)
    assert lightning.end_at - lightning.start_at == timedelta(minutes=45, seconds=30)


def schedule_xml(day_attrs: str, events: str, conference: str = "<time_zone_name>Europe/Berlin</time_zone_name>") -> bytes:
    return f"""<?xml version="1.0"?>
<schedule><version>1</version>
<conference><acronym>tiny</acronym><title>Tiny</title>{conference}</conference>
<day index="1" date="2024-10-26" {day_attrs}><room name="R">{events}</room></day>
</schedule>""".encode()


def event(number: int, start: str, duration: str = "00:30", date: str = "") -> str:
    when = f"<date>{date}</date>" if date else ""
    return (
        f'<event id="{number}" guid="00000000-0000-4000-8000-{number:012d}">{when}<start>{start}</start>'
        f"<duration>{duration}</duration><room>R</room><slug>tiny-e{number}</slug><title>E{number}</title>"
        "<track/><type>talk</type><abstract/></event>"
    )


def test_day_start_attribute_moves_early_events_to_the_next_date():
    data = schedule_xml(
        'start="2024-10-26T20:00:00+02:00" end="2024-10-27T04:00:00+01:00"', event(1, "21:00") + event(2, "00:30") + event(3, "03:30")
    )
    by_id = sessions(xml_agenda(data))
    assert by_id["tiny-e1"].start_at == utc(2024, 10, 26, 19, 0)  # 21:00 CEST
    assert by_id["tiny-e2"].start_at == utc(2024, 10, 26, 22, 30)  # 00:30 on the 27th, CEST
    assert by_id["tiny-e3"].start_at == utc(2024, 10, 27, 2, 30)  # 03:30 on the 27th, CET again


def test_wall_clock_time_that_happens_twice_is_a_problem_at_its_start():
    # 02:30 on 27 October 2024 happens twice in Berlin: only an offset can say which.
    data = schedule_xml('start="2024-10-26T20:00:00+02:00" end="2024-10-27T04:00:00+01:00"', event(1, "21:00") + event(2, "02:30"))
    xml = parse_xml(data)
    (problem,) = xml.problems
    assert "happens twice in Europe/Berlin" in problem.message
    assert problem.path == "line 4, /schedule/day[1]/room[1]/event[2]/start"


def test_wall_clock_time_that_never_happens_is_a_problem():
    # New York skipped from 02:00 to 03:00 on 10 March 2024.
    data = schedule_xml("", event(1, "02:30", date="2024-03-10T02:30:00"), conference="<time_zone_name>America/New_York</time_zone_name>")
    (problem,) = parse_xml(data).problems
    assert "does not exist in America/New_York" in problem.message and problem.path.endswith("/event[1]/date")


def test_without_day_start_or_day_change_a_start_earlier_than_the_one_before_is_after_midnight():
    data = schedule_xml("", event(1, "22:00") + event(2, "23:30") + event(3, "00:15") + event(4, "01:00"))
    by_id = sessions(xml_agenda(data))
    assert by_id["tiny-e2"].start_at == utc(2024, 10, 26, 21, 30)
    assert by_id["tiny-e3"].start_at == utc(2024, 10, 26, 22, 15)  # the 27th, 00:15 CEST
    assert by_id["tiny-e4"].start_at == utc(2024, 10, 26, 23, 0)  # stays on the next date


def test_date_without_offset_is_wall_clock_time_in_the_conference_zone():
    data = schedule_xml("", event(1, "10:00", date="2024-10-26T10:00:00") + event(2, "10:00", date="2024-10-28T10:00:00"))
    by_id = sessions(xml_agenda(data))
    assert by_id["tiny-e1"].start_at == utc(2024, 10, 26, 8, 0)  # CEST, UTC+2
    assert by_id["tiny-e2"].start_at == utc(2024, 10, 28, 9, 0)  # CET, UTC+1: the zone's own rules
    assert read_xml(data)["schedule"]["conference"]["days"][0]["rooms"]["R"][1]["date"] == "2024-10-28T10:00:00+01:00"


def test_date_with_offset_wins_over_start_and_zone():
    data = schedule_xml("", event(1, "10:00", date="2024-10-26T10:00:00+05:30"))
    assert sessions(xml_agenda(data))["tiny-e1"].start_at == utc(2024, 10, 26, 4, 30)


def test_local_times_without_any_zone_are_one_problem_and_no_guess():
    data = schedule_xml("", event(1, "10:00") + event(2, "11:00"), conference="")
    reading = parse_xml(data)
    (problem,) = read_frab(reading.document).problems
    assert problem.message == NO_ZONE
    assert reading.where(problem.path) == "line 3, /schedule/conference"


def test_local_times_without_any_zone_are_read_in_the_zone_given():
    data = schedule_xml("", event(1, "10:00") + event(2, "11:00"), conference="")
    reading = parse_xml(data, get_zone("Asia/Almaty"))
    agenda = read_frab(reading.document, get_zone("Asia/Almaty")).agenda
    assert agenda is not None and agenda.timezone == "Asia/Almaty"
    first = agenda.days[0].sessions[0]
    assert first.start_at.astimezone(get_zone("Asia/Almaty")).strftime("%H:%M") == "10:00"


def test_problem_paths_point_at_the_xml_line():
    text = DEMOCON_XML.read_text(encoding="utf-8").replace("<duration>01:30</duration>", "<duration>a while</duration>")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "a while" in row)
    reading = parse_xml(text.encode())
    (problem,) = read_frab(reading.document).problems
    assert reading.where(problem.path) == f"line {line}, /schedule/day[1]/room[2]/event[1]/duration"


def test_namespaced_schedule_is_read():
    data = NIGHTHACK.read_bytes().replace(b"<schedule>", b'<schedule xmlns="urn:example:schedule">')
    assert len(sessions(xml_agenda(data))) == 6


# --- reading: refusals --------------------------------------------------------------


def test_malformed_xml_is_one_line_with_line_column_and_hint():
    data = b'<?xml version="1.0"?>\n<schedule>\n  <version>Q&A</version>\n</schedule>\n'
    with pytest.raises(AgendaError) as caught:
        read_xml(data)
    err = caught.value
    # '&A' is a reference that never ends: expat stops at the '<' after it, the 15th character of
    # line 3 (2 spaces, 9 for '<version>', 3 for 'Q&A').
    assert err.where == "line 3, column 15"
    assert "not well-formed" in err.message and "&" in err.hint
    assert "\n" not in str(err)


def test_entity_expansion_is_refused_quickly():
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = f'<?xml version="1.0"?><!DOCTYPE schedule [<!ENTITY l0 "lol">{lol}]><schedule>&l9;</schedule>'.encode()
    began = time.perf_counter()
    with pytest.raises(AgendaError) as caught:
        read_xml(data)
    assert time.perf_counter() - began < 2  # a billion "lol"s would take minutes and gigabytes
    assert "entities" in caught.value.message and "DOCTYPE" in caught.value.hint


def test_external_entity_is_refused(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE schedule [<!ENTITY x SYSTEM "{secret.as_uri()}">]><schedule><version>&x;</version></schedule>'
    ).encode()
    with pytest.raises(AgendaError) as caught:
        read_xml(data)
    assert "do not read me" not in str(caught.value)


def test_other_xml_is_not_a_schedule():
    with pytest.raises(AgendaError) as caught:
        read_xml(b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>')
    assert "<rss>" in caught.value.message and "<schedule>" in caught.value.hint


@pytest.mark.parametrize(
    "data, expected",
    [
        (b'<?xml version="1.0"?><schedule/>', True),
        (b"\xef\xbb\xbf  \n<schedule/>", True),
        ("\ufeff\n<schedule/>".encode("utf-16-le"), True),
        (b'{"schedule": {}}', False),
        (b"\xef\xbb\xbf{}", False),
        (b"", False),
    ],
)
def test_looks_like_xml(data: bytes, expected: bool):
    assert looks_like_xml(data) is expected


# --- writing ------------------------------------------------------------------------


def real_agenda():
    return load_agenda(default_agenda_path(), {})


def test_written_real_agenda_passes_the_published_xsd(schema):
    assert_valid(schema, write_xml(agenda_to_frab(real_agenda())))


@pytest.mark.parametrize("path", [AWKWARD, NIGHTCON_JSON], ids=lambda p: p.name)
def test_written_fixture_agendas_pass_the_xsd(schema, path: Path):
    assert_valid(schema, write_xml(agenda_to_frab(load_agenda(path, {}))))


@pytest.mark.parametrize("path", [NIGHTHACK, DEMOCON_XML, FOSSCON], ids=lambda p: p.name)
def test_rewritten_generator_files_pass_the_xsd(schema, path: Path):
    assert_valid(schema, write_xml(read_xml(path.read_bytes())))


def test_written_pretalx_example_passes_the_xsd(schema):
    assert_valid(schema, write_xml(democon_json()))


def test_guids_ids_and_offsets_are_those_of_the_frab_json():
    from xml.etree.ElementTree import fromstring

    agenda = real_agenda()
    root = fromstring(write_xml(agenda_to_frab(agenda)))
    events = {e.findtext("slug"): e for e in root.iter("event")}
    welcome = next(s for _, s in agenda.sessions() if s.id == "d1-welcome")
    element = events["loci_eeca_2020-d1-welcome"]
    assert element.get("guid") == session_guid(agenda, welcome)
    # Day 1's welcome: 12:00 in Amsterdam on 10 November 2020 (CET, UTC+1), 30 minutes.
    assert (element.findtext("date"), element.findtext("start"), element.findtext("duration")) == (
        "2020-11-10T12:00:00+01:00",
        "12:00",
        "00:30",
    )
    frab_json = agenda_to_frab(agenda)
    json_ids = {e["guid"]: e["id"] for d in frab_json["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r}
    assert {e.get("guid"): int(e.get("id")) for e in root.iter("event")} == json_ids
    offset = re.compile(r"[+-]\d{2}:\d{2}$")
    assert all(offset.search(e.findtext("date")) for e in root.iter("event"))
    assert all(offset.search(d.get("start")) and offset.search(d.get("end")) for d in root.iter("day"))


def summary(agenda) -> dict:
    return {
        "timezone": agenda.timezone,
        "days": [(d.number, d.date, d.title) for d in agenda.days],
        "sessions": [
            (
                d.number,
                s.id,
                s.start_at,
                s.end_at,
                s.title,
                s.kind,
                s.description,
                s.room,
                s.track,
                list(s.speakers),
                s.language,
                [(link.url, link.title) for link in s.links],
            )
            for d, s in agenda.sessions()
        ],
    }


@pytest.mark.parametrize("path", [None, AWKWARD, NIGHTCON_JSON], ids=["real", "awkward", "nightcon"])
def test_loci_to_xml_to_loci_keeps_instants_ids_rooms_titles(path):
    original = load_agenda(path or default_agenda_path(), {})
    frab = agenda_to_frab(original)
    back = xml_agenda(write_xml(frab))
    # Every session, on its day, at its instants, with its title and the room frab gave it.
    assert [(d.number, s.start_at, s.end_at, s.title, room_name(original, s)) for d, s in original.sessions()] == [
        (d.number, s.start_at, s.end_at, s.title, s.room) for d, s in back.sessions()
    ]
    # Ids come back as frab's slugs keep them: as they were, unless they had capitals (NightCon's 'OPEN01').
    assert [s.id for _, s in back.sessions()] == [s.id if s.id == s.id.lower() else s.id.lower() for _, s in original.sessions()]
    # And the XML reads to the same agenda as the frab JSON does.
    assert summary(back) == summary(frab_to_agenda(frab))


def test_loci_to_xml_keeps_ids_that_the_xsd_slug_pattern_refuses():
    original = real_agenda()
    assert "d1-welcome" in sessions(original)  # 'd1' is too short for the XSD's slug: the acronym goes first
    assert set(sessions(xml_agenda(write_xml(agenda_to_frab(original))))) == set(sessions(original))


def blank(value):
    return None if value in ("", [], None) else value


def assert_same_documents(before: dict, after: dict) -> None:
    """JSON -> XML -> JSON: what the XSD has room for comes back; '', [] and null are one."""
    conference, back = before["schedule"]["conference"], after["schedule"]["conference"]
    for key in ("title", "start", "end", "daysCount", "timeslot_duration", "time_zone_name", "tracks"):
        assert blank(back.get(key)) == blank(conference.get(key)), key
    assert [r["name"] for r in back.get("rooms", [])] == [r["name"] for r in conference.get("rooms", [])]
    assert len(back["days"]) == len(conference["days"])
    for day, day_back in zip(conference["days"], back["days"], strict=True):
        for key in ("index", "date", "day_start", "day_end"):
            assert day_back[key] == day[key], key
        assert list(day_back["rooms"]) == [name for name, events in day["rooms"].items() if events or name in day_back["rooms"]]
        for name, events in day["rooms"].items():
            for event, event_back in zip(events, day_back["rooms"].get(name, []), strict=True):
                for key, value in event.items():
                    if key == "persons":
                        assert [p.get("name") or p.get("public_name") for p in event_back[key]] == [
                            p.get("name") or p.get("public_name") for p in value
                        ]
                    elif key == "slug" and not VOC_SLUG.fullmatch(value) and event_back[key] != value:
                        assert VOC_SLUG.fullmatch(event_back[key])  # a foreign slug, tidied to the XSD's pattern
                    elif key == "url" and not str(value).startswith(("http://", "https://")):
                        assert "url" not in event_back  # the XSD's url is http(s) only: urn:uuid stays out
                    elif key in ("attachments", "links", "recording_license", "do_not_record", "logo") or key in (
                        "guid",
                        "id",
                        "date",
                        "start",
                        "duration",
                        "end",
                        "room",
                        "slug",
                        "title",
                        "subtitle",
                        "track",
                        "type",
                        "language",
                        "abstract",
                        "description",
                    ):
                        assert blank(event_back.get(key)) == blank(value), (event.get("guid"), key)


def test_loci_frab_json_to_xml_to_json():
    before = agenda_to_frab(load_agenda(NIGHTCON_JSON, {}))
    after = read_xml(write_xml(before))
    assert_same_documents(before, after)
    assert after["generator"] == before["generator"]


def test_generator_frab_json_to_xml_to_json():
    before = json.loads(NIGHTCON_JSON.read_text(encoding="utf-8"))
    assert_same_documents(before, read_xml(write_xml(before)))


def test_pretalx_example_json_to_xml_to_json():
    before = democon_json()
    assert_same_documents(before, read_xml(write_xml(before)))


def test_every_pretalx_example_event_lands_at_its_published_instant():
    data = democon_json()
    published = {}
    for day in data["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for e in events:
                hours, minutes = (int(part) for part in e["duration"].split(":"))
                start = datetime.fromisoformat(e["date"])
                published[e["slug"]] = (start, start + timedelta(hours=hours, minutes=minutes))
    assert published
    by_id = sessions(xml_agenda(write_xml(data)))
    assert {i: (s.start_at, s.end_at) for i, s in by_id.items()} == published


def test_xml_written_from_xml_is_the_same_xml():
    once = write_xml(read_xml(DEMOCON_XML.read_bytes()))
    assert write_xml(read_xml(once)) == once


def test_control_characters_are_left_out_so_the_file_stays_xml():
    frab = agenda_to_frab(real_agenda())
    first = frab["schedule"]["conference"]["days"][0]
    event_ = next(iter(first["rooms"].values()))[0]
    event_["title"] = "Bell\x07 and vertical\x0b tab"
    back = read_xml(write_xml(frab))
    assert next(iter(back["schedule"]["conference"]["days"][0]["rooms"].values()))[0]["title"] == "Bell and vertical tab"


def test_pretalx_day_long_json_duration_is_written_as_hours():
    frab = copy.deepcopy(json.loads(NIGHTCON_JSON.read_text(encoding="utf-8")))
    first = next(iter(frab["schedule"]["conference"]["days"][0]["rooms"].values()))[0]
    first["duration"] = "1:02:30"  # pretalx's D:HH:MM: one day, two hours, thirty minutes
    data = write_xml(frab)
    assert b"<duration>26:30</duration>" in data  # H:MM:SS would read '1:02:30' as 62.5 minutes


def test_event_longer_than_the_xsd_allows_is_an_agenda_error():
    frab = copy.deepcopy(json.loads(NIGHTCON_JSON.read_text(encoding="utf-8")))
    first = next(iter(frab["schedule"]["conference"]["days"][0]["rooms"].values()))[0]
    first["duration"] = "100:00"
    with pytest.raises(AgendaError, match="99:59"):
        write_xml(frab)


def test_duplicate_and_unusable_identifiers_are_made_unique(schema):
    frab = copy.deepcopy(json.loads(NIGHTCON_JSON.read_text(encoding="utf-8")))
    events = [e for d in frab["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r]
    events[1]["guid"], events[1]["id"], events[1]["slug"] = events[0]["guid"], events[0]["id"], events[0]["slug"]
    events[2]["guid"], events[2]["id"] = "not-a-uuid", "x"
    assert_valid(schema, write_xml(frab))


# --- the command line ---------------------------------------------------------------


def test_views_read_schedule_xml_detected_by_its_first_character(loci):
    result = loci("sessions", "--agenda", str(DEMOCON_XML), "--tz", "UTC", "--json")
    assert result.exit_code == 0, result.stderr
    days = json.loads(result.stdout)
    keynote = next(s for d in days for s in d["sessions"] if s["id"] == "ABC123")
    assert keynote["start"].startswith("2024-03-09T15:00")  # 10:00-05:00


def test_agenda_format_frab_xml_is_accepted_and_frab_json_is_not_xml(loci):
    ok = loci("days", "--agenda", str(FOSSCON), "--agenda-format", "frab-xml", "--json")
    assert ok.exit_code == 0, ok.stderr
    assert len(json.loads(ok.stdout)) == 2
    # A JSON file forced as XML is malformed XML at its first character.
    wrong = loci("days", "--agenda", str(NIGHTCON_JSON), "--agenda-format", "frab-xml")
    assert wrong.exit_code == 1
    assert f"{NIGHTCON_JSON}: line 1, column 1: not well-formed XML" in wrong.stderr


def test_malformed_xml_is_one_line_on_stderr_and_exit_1(loci, tmp_path):
    broken = tmp_path / "schedule.xml"
    broken.write_bytes(DEMOCON_XML.read_bytes().replace(b"Time &amp; Zones", b"Time & Zones"))
    line = next(n for n, row in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "Time & Zones" in row)
    result = loci("today", "--agenda", str(broken), "--date", "2024-03-09")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{broken}: line {line}, column " in result.stderr and "hint:" in result.stderr


def test_validate_points_at_the_xml_line(loci, tmp_path):
    text = FOSSCON.read_text(encoding="utf-8").replace("<duration>01:30</duration>", "<duration>soon</duration>")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "soon" in row)
    path = tmp_path / "fosscon.xml"
    path.write_text(text, encoding="utf-8")
    result = loci("validate", str(path))
    assert result.exit_code == 1
    assert f"line {line}, /schedule/day[1]/room[1]/event[3]/duration" in result.stdout
    assert "expected a duration" in result.stdout


def test_export_format_frab_xml_passes_the_xsd_and_reads_back(loci, tmp_path, schema):
    target = tmp_path / "schedule.xml"
    result = loci("export", "--format", "frab-xml", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote 16 sessions to {target}\n"
    assert_valid(schema, target.read_bytes())
    again = load_agenda(target, {})
    original = load_agenda(None, {})
    assert [(s.id, s.start_at, s.end_at) for _, s in again.sessions()] == [(s.id, s.start_at, s.end_at) for _, s in original.sessions()]


def test_export_format_frab_xml_to_stdout_is_the_same_bytes_each_run(loci):
    first, second = (loci("export", "--format", "frab-xml", "-o", "-") for _ in range(2))
    assert first.exit_code == 0 and first.stdout_bytes == second.stdout_bytes
    assert first.stdout_bytes.startswith(b"<?xml")


def test_export_format_frab_xml_refuses_ics_only_options_and_existing_files(loci, tmp_path):
    result = loci("export", "--format", "frab-xml", "--include-breaks")
    assert result.exit_code == 2
    assert "--include-breaks does not apply to --format frab-xml" in result.stderr
    target = tmp_path / "schedule.xml"
    target.write_text("keep me", encoding="utf-8")
    assert loci("export", "--format", "frab-xml", "-o", str(target)).exit_code == 1
    assert target.read_text(encoding="utf-8") == "keep me"


def test_readme_shows_the_real_start_of_the_exported_xml():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ head -n 21 schedule.xml\n", 1)[1].split("\n$ ", 1)[0]
    real = write_xml(agenda_to_frab(real_agenda())).decode("utf-8")
    assert shown.splitlines() == real.splitlines()[:21]


# --- as older generators write them -------------------------------------------------------


def test_day_change_moves_each_small_hours_event_on_its_own_whatever_the_order():
    # frab's first year (28C3) lists a room's 00:15 show before its daytime talks.
    data = schedule_xml(
        "",
        event(1, "00:15") + event(2, "11:30") + event(3, "03:59"),
        conference="<time_zone_name>Europe/Berlin</time_zone_name><day_change>04:00</day_change>",
    )
    by_id = sessions(xml_agenda(data))
    assert by_id["tiny-e1"].start_at == utc(2024, 10, 26, 22, 15)  # 00:15 CEST on the 27th
    assert by_id["tiny-e2"].start_at == utc(2024, 10, 26, 9, 30)  # 11:30 CEST on the 26th, not moved
    assert by_id["tiny-e3"].start_at == utc(2024, 10, 27, 2, 59)  # 03:59 CET on the 27th, after the change


def test_pentabarf_events_straight_under_the_day_are_read_in_their_own_rooms():
    data = b"""<schedule><conference><title>FOSDEM</title><time_zone_name>Europe/Brussels</time_zone_name></conference>
<day index="1" date="2007-02-25">
  <event id="0"><start>15:00</start><duration>00:45</duration><room>Chavanne</room><slug></slug><title>AIGLX</title>
    <type></type><language></language><end></end></event>
  <event id="5"><start>16:00</start><duration>00:30</duration><room>H.2214</room><title>eID</title></event>
</day></schedule>"""
    agenda = xml_agenda(data)
    assert [(s.title, s.room, s.start_at) for _, s in agenda.sessions()] == [
        ("AIGLX", "Chavanne", utc(2007, 2, 25, 14)),
        ("eID", "H.2214", utc(2007, 2, 25, 15)),
    ]


def test_durations_past_a_day_and_with_seconds():
    data = schedule_xml("", event(1, "10:00", "27:30") + event(2, "10:00", "0:02:00"))
    by_id = sessions(xml_agenda(data))
    assert by_id["tiny-e1"].end_at - by_id["tiny-e1"].start_at == timedelta(hours=27, minutes=30)
    assert by_id["tiny-e2"].end_at - by_id["tiny-e2"].start_at == timedelta(minutes=2)


def test_a_date_with_an_offset_wins_over_the_days_date_and_start():
    # wafer (DebConf 23) writes <date> in UTC, <start> in the venue's wall clock, and labels the day by its UTC date.
    data = b"""<schedule><conference><title>DC</title><time_zone_name>Asia/Kolkata</time_zone_name></conference>
<day index="1" date="2023-09-09" start="2023-09-09T21:30:00+00:00" end="2023-09-10T12:30:00+00:00"><room name="A">
  <event id="1" guid="x"><date>2023-09-10T01:30:00+00:00</date><start>07:00</start><duration>00:45</duration><title>First</title></event>
</room></day></schedule>"""
    agenda = xml_agenda(data)
    assert agenda.timezone == "Asia/Kolkata"
    ((day, first),) = agenda.sessions()
    assert first.start_at == utc(2023, 9, 10, 1, 30) and str(day.date) == "2023-09-10"
