"""Zones as people type them, zone search, and the programme across the region's places."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from helpers import ALMATY, AUCKLAND, KYIV, NO_LOCAL, SYDNEY, TBILISI, ULAANBAATAR
from loci_cli.core.errors import UnknownZone
from loci_cli.core.zones import resolve_zone
from loci_cli.environment import Environment

DAY_ONE = datetime(2020, 11, 10, 11, tzinfo=timezone.utc)  # 12:00 CET


@pytest.mark.parametrize(
    "typed, key, local",
    [
        ("Asia/Almaty", ALMATY, "17:00+06:00"),
        ("ASIA/ALMATY", ALMATY, "17:00+06:00"),
        ("Almaty", ALMATY, "17:00+06:00"),
        ("almaty", ALMATY, "17:00+06:00"),
        ("Алматы", ALMATY, "17:00+06:00"),
        ("Alma-Ata", ALMATY, "17:00+06:00"),
        ("Astana", ALMATY, "17:00+06:00"),
        ("Nur-Sultan", ALMATY, "17:00+06:00"),
        ("Kyiv", KYIV, "13:00+02:00"),
        ("Kiev", KYIV, "13:00+02:00"),
        ("Київ", KYIV, "13:00+02:00"),
        ("Киев", KYIV, "13:00+02:00"),
        ("europe/kyiv", KYIV, "13:00+02:00"),
        ("Europe/Kiev", "Europe/Kiev", "13:00+02:00"),
        ("Chișinău", "Europe/Chisinau", "13:00+02:00"),
        ("Chisinau", "Europe/Chisinau", "13:00+02:00"),
        ("Kishinev", "Europe/Chisinau", "13:00+02:00"),
        ("Tbilisi", TBILISI, "15:00+04:00"),
        ("Yerevan", "Asia/Yerevan", "15:00+04:00"),
        ("Baku", "Asia/Baku", "15:00+04:00"),
        ("Bishkek", "Asia/Bishkek", "17:00+06:00"),
        ("Tashkent", "Asia/Tashkent", "16:00+05:00"),
        ("Dushanbe", "Asia/Dushanbe", "16:00+05:00"),
        ("Ashgabat", "Asia/Ashgabat", "16:00+05:00"),
        ("Minsk", "Europe/Minsk", "14:00+03:00"),
        ("Moscow", "Europe/Moscow", "14:00+03:00"),
        ("Ulaanbaatar", ULAANBAATAR, "19:00+08:00"),
        ("Ulan Bator", ULAANBAATAR, "19:00+08:00"),
        ("Belgrade", "Europe/Belgrade", "12:00+01:00"),
        ("Sarajevo", "Europe/Sarajevo", "12:00+01:00"),
        ("Skopje", "Europe/Skopje", "12:00+01:00"),
        ("Tirana", "Europe/Tirane", "12:00+01:00"),
        ("Podgorica", "Europe/Podgorica", "12:00+01:00"),
        ("Pristina", "Europe/Belgrade", "12:00+01:00"),
        ("Kolkata", "Asia/Kolkata", "16:30+05:30"),
        ("Calcutta", "Asia/Kolkata", "16:30+05:30"),
        ("Asia/Calcutta", "Asia/Calcutta", "16:30+05:30"),
        ("Georgia", TBILISI, "15:00+04:00"),
        ("GE", TBILISI, "15:00+04:00"),
        ("Ukraine", KYIV, "13:00+02:00"),
        ("UA", KYIV, "13:00+02:00"),
        ("Bosnia and Herzegovina", "Europe/Sarajevo", "12:00+01:00"),
        ("North Macedonia", "Europe/Skopje", "12:00+01:00"),
        ("Kosovo", "Europe/Belgrade", "12:00+01:00"),
        ("Moldova", "Europe/Chisinau", "13:00+02:00"),
        ("Казахстан", None, None),  # the country in Cyrillic is as ambiguous as in Latin
        ("+05:00", "UTC+05:00", "16:00+05:00"),
        ("UTC+6", "UTC+06:00", "17:00+06:00"),
        ("utc+6", "UTC+06:00", "17:00+06:00"),
        ("GMT-3", "UTC-03:00", "08:00-03:00"),
        ("UTC+05:30", "UTC+05:30", "16:30+05:30"),
        ("+0545", "UTC+05:45", "16:45+05:45"),
        ("UTC", "UTC", "11:00+00:00"),
        ("CET", "CET", "12:00+01:00"),
        ("EET", "EET", "13:00+02:00"),
        ("MSK", "Europe/Moscow", "14:00+03:00"),
    ],
)
def test_typed_zone_resolves(typed, key, local):
    if key is None:
        with pytest.raises(UnknownZone):
            resolve_zone(typed, NO_LOCAL)
        return
    zone = resolve_zone(typed, NO_LOCAL)
    assert zone.key == key
    shown = DAY_ONE.astimezone(zone).isoformat()
    assert shown[11:16] + shown[-6:] == local


def test_local_is_the_system_zone():
    assert resolve_zone("local", Environment(environ={"TZ": TBILISI}).local_zone).key == TBILISI


def test_old_and_new_names_both_work_whichever_the_tzdata_has():
    from loci_cli.core.zonenames import aliases, index, normalize

    # Each rename is known both ways, so an old tzdata (no Europe/Kyiv) and a future one
    # (no Europe/Kiev) still answer; here both exist, and they agree.
    for new, olds in aliases()["renamed"].items():
        for name in (new, *olds):
            assert index()[normalize(name)].zones, name
    assert resolve_zone("Europe/Kiev", NO_LOCAL).utcoffset(DAY_ONE) == resolve_zone("Europe/Kyiv", NO_LOCAL).utcoffset(DAY_ONE)


def test_offset_zones_survive_a_round_trip_through_json(loci):
    shown = json.loads(loci("show", "d1-welcome", "--tz", "UTC+6", "--json").stdout)
    assert (shown["timezone"], shown["start"]) == ("UTC+06:00", "2020-11-10T17:00:00+06:00")
    again = json.loads(loci("show", "d1-welcome", "--tz", shown["timezone"], "--json").stdout)
    assert again["start"] == shown["start"]


def test_every_command_takes_a_typed_zone(loci):
    result = loci("days", "--tz", "Алматы")
    assert result.exit_code == 0, result.stderr
    assert "Times in Asia/Almaty (UTC+06:00)" in result.stdout


@pytest.mark.parametrize(
    "typed, listed",
    [
        # Offsets on the meeting's first day (10 Nov 2020), when Almaty was UTC+6.
        ("Kazakhstan", ["Asia/Almaty (UTC+06:00)", "Asia/Aqtobe (UTC+05:00)", "Asia/Oral (UTC+05:00)"]),
        ("KZ", ["Asia/Almaty", "Asia/Qostanay"]),
        ("Mongolia", ["Asia/Ulaanbaatar (UTC+08:00)", "Asia/Hovd (UTC+07:00)"]),
        ("IST", ["Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin"]),
    ],
)
def test_ambiguous_names_exit_2_listing_their_zones(loci, typed, listed):
    result = loci("days", "--tz", typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr
    assert line.count("\n") == 1 and line.startswith("loci: error: the ")
    assert f"'{typed}' has " in line and "time zones: " in line and "(hint: pick one, e.g. --tz " in line
    for zone in listed:
        assert zone in line


def test_ambiguous_offsets_are_those_of_the_agendas_first_day(loci):
    # On 10 Nov 2020 Almaty was UTC+6, the west of Kazakhstan UTC+5; in 2026 (the clock) both UTC+5.
    line = loci("days", "--tz", "Kazakhstan").stderr
    assert "Asia/Almaty (UTC+06:00)" in line and "Asia/Oral (UTC+05:00)" in line
    assert "offsets on 10 Nov 2020" in line


def test_ambiguous_offsets_without_a_readable_agenda_are_todays(loci, tmp_path):
    line = loci("days", "--tz", "Kazakhstan", "--agenda", str(tmp_path / "missing.json")).stderr
    assert "Asia/Almaty (UTC+05:00)" in line and "offsets on" not in line


@pytest.mark.parametrize(
    "typed, suggested",
    [
        ("Almatti", "Asia/Almaty"),
        ("Kazakstan", "Kazakhstan"),
        ("Kiyv", "Europe/Kyiv"),
        ("Asia/Almati", "Asia/Almaty"),
        ("Tbilissi", "Asia/Tbilisi"),
        ("Ulanbator", "Asia/Ulaanbaatar"),
    ],
)
def test_unknown_zone_exits_2_with_up_to_five_close_matches(loci, typed, suggested):
    result = loci("today", "--tz", typed)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"loci: error: unknown time zone '{typed}' (hint: did you mean ")
    names = line.split("did you mean ", 1)[1].rstrip("?)").split(", ")
    assert suggested in names and 1 <= len(names) <= 5


def test_nonsense_and_impossible_offsets_exit_2(loci):
    assert "hint: use a city, a country, an offset" in loci("days", "--tz", "qqqqqqqq").stderr
    result = loci("days", "--tz", "UTC+15")
    assert result.exit_code == 2 and "no place is at UTC+15" in result.stderr


# --- the matrix ---------------------------------------------------------------------------


def matrix(loci, *args, **kw) -> dict:
    result = loci("zones", "--json", *args, **kw)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def row(data: dict, timezone_key: str, place: str | None = None) -> dict:
    return next(r for r in data["rows"] if r["timezone"] == timezone_key and (place is None or r["place"] == place))


def test_matrix_of_the_real_agenda_has_the_capitals_exact_times(loci):
    data = matrix(loci)
    assert [c["date"] for c in data["columns"]] == ["2020-11-10", "2020-11-12", "2020-11-17", "2020-11-19"]
    expected = {
        ALMATY: ("2020-11-10T17:00:00+06:00", "2020-11-10T20:00:00+06:00", "evening"),
        TBILISI: ("2020-11-10T15:00:00+04:00", "2020-11-10T18:00:00+04:00", "working"),
        KYIV: ("2020-11-10T13:00:00+02:00", "2020-11-10T16:00:00+02:00", "working"),
        ULAANBAATAR: ("2020-11-10T19:00:00+08:00", "2020-11-10T22:00:00+08:00", "evening"),
        "Europe/Tirane": ("2020-11-10T12:00:00+01:00", "2020-11-10T15:00:00+01:00", "working"),
    }
    for key, (start, end, kind) in expected.items():
        first = row(data, key)["cells"][0]
        assert (first["start"], first["end"], first["category"]) == (start, end, kind), key
        assert (first["start_day_offset"], first["end_day_offset"]) == (0, 0)


def test_matrix_rows_are_the_agenda_participants_sorted_by_offset(loci, agenda_data):
    data = matrix(loci)
    zones = [z for p in agenda_data["participants"] for z in p["zones"]]
    assert sorted(r["timezone"] for r in data["rows"]) == sorted(zones)
    offsets = [r["cells"][0]["start"][-6:] for r in data["rows"]]
    assert offsets == sorted(offsets, key=lambda o: int(o[:3]) * 60 + int(o[0] + o[4:]))
    assert row(data, ALMATY)["place"] == "Kazakhstan (Almaty)"
    assert row(data, TBILISI)["place"] == "Georgia"


def test_matrix_per_session_with_day(loci):
    data = matrix(loci, "--day", "1", "--tz", "Almaty", "--tz", "Ulaanbaatar")
    assert [c["session"] for c in data["columns"]] == [
        "d1-welcome",
        "d1-celebrating-gains",
        "d1-break",
        "d1-ogp-open-contracting",
        "d1-wrap-up",
    ]
    almaty, ulaanbaatar = data["rows"]
    assert (almaty["place"], almaty["country"]) == ("Almaty", "Kazakhstan")
    assert [c["start"][11:16] for c in almaty["cells"]] == ["17:00", "17:30", "18:30", "18:45", "19:30"]
    # 17:30–18:30 runs into the evening there.
    assert [c["category"] for c in almaty["cells"]] == ["working", "evening", "evening", "evening", "evening"]
    assert ulaanbaatar["cells"][-1]["end"] == "2020-11-10T22:00:00+08:00"


def test_custom_places_keep_their_order_and_cross_dates(loci):
    data = matrix(loci, "--tz", SYDNEY, "--tz", AUCKLAND, "--tz", "UTC-10")
    assert [r["timezone"] for r in data["rows"]] == [SYDNEY, AUCKLAND, "UTC-10:00"]
    sydney, auckland, hawaii = (r["cells"][0] for r in data["rows"])
    # Sydney: 22:00 on the 10th to 01:00 on the 11th; the cell carries both dates.
    assert (sydney["start"], sydney["end"]) == ("2020-11-10T22:00:00+11:00", "2020-11-11T01:00:00+11:00")
    assert (sydney["start_day_offset"], sydney["end_day_offset"], sydney["category"]) == (0, 1, "night")
    assert (auckland["start_day_offset"], auckland["end_day_offset"]) == (1, 1)
    assert (hawaii["start"], hawaii["start_day_offset"], hawaii["category"]) == ("2020-11-10T01:00:00-10:00", 0, "night")


def test_matrix_table_marks_dates_and_night(loci):
    text = loci("zones", "--tz", SYDNEY, "--tz", AUCKLAND, "--tz", "Kyiv", env={"COLUMNS": "120"}).stdout
    lines = text.splitlines()
    sydney = next(line for line in lines if line.startswith("Sydney"))
    auckland = next(line for line in lines if line.startswith("Auckland"))
    kyiv = next(line for line in lines if line.startswith("Kyiv"))
    assert "22:00–01:00+1 ☾" in sydney and "+11" in sydney
    assert "00:00+1–03:00+1 ☾" in auckland
    assert "13:00–16:00" in kyiv and "☾" not in kyiv and "◑" not in kyiv


def test_session_crossing_local_midnight_shows_both_dates(loci, write_agenda, agenda_data):
    agenda_data["days"] = [agenda_data["days"][0]]
    agenda_data["days"][0]["sessions"] = [
        {"id": "late", "start": "23:30", "end": "2020-11-11T00:30", "title": "Late", "kind": "talk"},
    ]
    agenda_data["timezone"] = KYIV
    path = write_agenda(agenda_data)
    cell = matrix(loci, "--agenda", str(path), "--day", "1", "--tz", KYIV)["rows"][0]["cells"][0]
    assert (cell["start"], cell["end"]) == ("2020-11-10T23:30:00+02:00", "2020-11-11T00:30:00+02:00")
    assert (cell["start_day_offset"], cell["end_day_offset"]) == (0, 1)
    text = loci("zones", "--agenda", str(path), "--tz", KYIV).stdout
    assert "23:30–00:30+1 ☾" in text


def test_matrix_colours_by_kind_of_hour_on_a_terminal(loci):
    coloured = loci("zones", "--tz", "Kyiv", "--tz", "Sydney", env={"NO_COLOR": None, "FORCE_COLOR": "1"}).stdout
    assert "\x1b[32m13:00–16:00" in coloured  # green: working hours
    assert "\x1b[1;31m22:00–01:00+1 ☾" in coloured  # bold red: night


def test_participants_zone_names_are_checked_with_a_json_path(loci, write_agenda, agenda_data):
    agenda_data["participants"][1]["zones"] = ["Asia/Yerevan", "Asia/Erevan"]
    result = loci("zones", "--agenda", str(write_agenda(agenda_data)))
    assert result.exit_code == 1
    assert "$.participants[1].zones[1]: " in result.stderr and "unknown time zone 'Asia/Erevan'" in result.stderr


def test_bad_zone_in_matrix_is_a_usage_error(loci):
    result = loci("zones", "--tz", "Kyiv", "--tz", "Kazakhstan")
    assert result.exit_code == 2 and "'Kazakhstan' has 7 time zones" in result.stderr


# --- search -------------------------------------------------------------------------------


def test_search_lists_zones_with_meeting_and_today_offsets(loci):
    result = loci("zones", "--search", "kazakh", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 7 and {r["country"] for r in rows} == {"Kazakhstan"}
    almaty = next(r for r in rows if r["timezone"] == ALMATY)
    assert [o["offset"] for o in almaty["offsets"]] == ["+06:00"] * 4
    # Today is the injected clock's (1 Mar 2026), when Almaty was at UTC+5.
    assert almaty["today"] == {"date": "2026-03-01", "offset": "+05:00"}


@pytest.mark.parametrize("typed, zone", [("kiev", KYIV), ("Київ", KYIV), ("tbil", TBILISI), ("GE", TBILISI)])
def test_search_finds_by_any_name(loci, typed, zone):
    rows = json.loads(loci("zones", "--search", typed, "--json").stdout)
    assert rows[0]["timezone"] == zone


def test_search_by_offset_lists_places_at_it(loci):
    rows = json.loads(loci("zones", "--search", "UTC+6", "--json").stdout)
    keys = [r["timezone"] for r in rows]
    assert keys[0] == "UTC+06:00" and ALMATY in keys and "Asia/Bishkek" in keys and KYIV not in keys


def test_search_table_and_nothing_found(loci):
    text = loci("zones", "--search", "tbilisi").stdout
    assert "Asia/Tbilisi" in text and "Georgia" in text and "UTC+04:00" in text
    none = loci("zones", "--search", "qqqqqq", "--json")
    assert (none.exit_code, none.stdout.strip()) == (0, "[]")
    assert "No zone matches 'qqqqqq'" in none.stderr


def test_search_takes_no_tz(loci):
    assert loci("zones", "--search", "kyiv", "--tz", "UTC").exit_code == 2


# --- no system zone database --------------------------------------------------------------


@pytest.mark.slow
def test_same_answers_with_the_system_zone_database_hidden(tmp_path):
    code = r"""
import json, sys
from datetime import datetime, timezone
from loci_cli.core.zones import resolve_zone
from loci_cli.core.zonenames import search
at = datetime(2020, 11, 10, 11, tzinfo=timezone.utc)
typed = ["Алматы", "Kiev", "Europe/Kiev", "Georgia", "UTC+6", "MSK", "Ulaanbaatar", "Chișinău"]
print(json.dumps({t: at.astimezone(resolve_zone(t, lambda: None)).isoformat() for t in typed}))
print(json.dumps([z for z, _ in search("kazakhstan")]))
"""
    env = dict(os.environ, PYTHONTZPATH=str(tmp_path), NO_COLOR="1")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    answers, kazakhstan = (json.loads(line) for line in out.splitlines())
    assert answers == {
        "Алматы": "2020-11-10T17:00:00+06:00",
        "Kiev": "2020-11-10T13:00:00+02:00",
        "Europe/Kiev": "2020-11-10T13:00:00+02:00",
        "Georgia": "2020-11-10T15:00:00+04:00",
        "UTC+6": "2020-11-10T17:00:00+06:00",
        "MSK": "2020-11-10T14:00:00+03:00",
        "Ulaanbaatar": "2020-11-10T19:00:00+08:00",
        "Chișinău": "2020-11-10T13:00:00+02:00",
    }
    assert len(kazakhstan) == 7 and kazakhstan[0] == ALMATY

    cli = "from loci_cli.cli.app import main; import sys; sys.argv=['loci','zones','--json']; main()"
    data = json.loads(subprocess.run([sys.executable, "-c", cli], env=env, capture_output=True, text=True, check=True).stdout)
    first = {r["timezone"]: r["cells"][0]["start"] for r in data["rows"]}
    assert first[ALMATY] == "2020-11-10T17:00:00+06:00"
    assert first[TBILISI] == "2020-11-10T15:00:00+04:00"
    assert first[KYIV] == "2020-11-10T13:00:00+02:00"
    assert first[ULAANBAATAR] == "2020-11-10T19:00:00+08:00"


def test_kind_of_hour_is_the_least_convenient_one_touched():
    from zoneinfo import ZoneInfo

    from loci_cli.core.hours import category

    zone = ZoneInfo("UTC")

    def at(h, m=0, d=10):
        return datetime(2020, 11, d, h, m, tzinfo=zone)

    assert category(at(9), at(18)) == "working"
    assert category(at(17), at(18, 1)) == "evening"
    assert category(at(7), at(9)) == "early"
    assert category(at(19), at(22)) == "evening"
    assert category(at(21), at(22, 30)) == "night"
    assert category(at(23, 30), at(0, 30, 11)) == "night"
    assert category(at(5), at(7)) == "night"
