"""core/zones.py and core/zonenames.py: what a user may type as a zone, and fixed offsets."""

from __future__ import annotations

from datetime import timedelta

import pytest

from helpers import ALMATY, AUCKLAND, BERLIN, KOLKATA, NO_LOCAL, utc, wall
from loci_cli import about
from loci_cli.core import zonenames, zones
from loci_cli.core.errors import AmbiguousZone, UnknownZone
from loci_cli.environment import Environment

# --- exact keys -------------------------------------------------------------------------


def test_get_zone_reads_iana_names():
    assert zones.get_zone(BERLIN).key == BERLIN
    assert wall(BERLIN, 2020, 11, 10, 12).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize("key", ["Europe/Nowhere", "../../etc/passwd", "/etc/localtime", "Europe/Berlin.tab", "", "utc+05:30"])
def test_get_zone_refuses_anything_else(key):
    with pytest.raises(ValueError, match="unknown time zone"):
        zones.get_zone(key)


def test_loci_fixed_offset_names_are_zones():
    assert zones.get_zone("UTC+05:30").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert zones.get_zone("UTC-03:30").utcoffset(None) == timedelta(hours=-3, minutes=-30)
    assert zones.get_zone("UTC+00:00").key == "UTC"


@pytest.mark.parametrize(
    ("minutes", "key", "abbreviation"),
    [
        (360, "UTC+06:00", "+06"),
        (330, "UTC+05:30", "+0530"),
        (345, "UTC+05:45", "+0545"),
        (-210, "UTC-03:30", "-0330"),
        (-720, "UTC-12:00", "-12"),
        (840, "UTC+14:00", "+14"),
    ],
)
def test_fixed_zone_is_named_by_its_offset_and_keeps_it_all_year(minutes, key, abbreviation):
    fixed = zones.fixed_zone(minutes)
    assert fixed.key == key == zones.fixed_key(minutes)
    assert fixed.tzname(None) == abbreviation
    for month in (1, 7):
        assert utc(2021, month, 1).astimezone(fixed).utcoffset() == timedelta(minutes=minutes)
    # The name reads the right way round: UTC+06:00 is six hours ahead of UTC.
    eleven = utc(2020, 11, 10, 11)
    assert eleven.astimezone(fixed).replace(tzinfo=None) == eleven.replace(tzinfo=None) + timedelta(minutes=minutes)


def test_fixed_zone_zero_is_utc():
    assert zones.fixed_zone(0).key == "UTC"


# --- typed offsets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("+05:00", 300),
        ("+5", 300),
        ("UTC+6", 360),
        ("utc+6", 360),
        ("GMT-3", -180),
        ("UTC +05:30", 330),
        ("+0530", 330),
        ("\u22120300", -180),
        ("UT-1", -60),
        ("Z+2", 120),
        ("  +5:45 ", 345),
        ("+14", 840),
        ("+14:00", 840),
        ("-12", -720),
        ("-12:00", -720),
        ("+00:00", 0),
    ],
)
def test_parse_offset_reads_what_people_type(text, minutes):
    assert zones.parse_offset(text) == minutes


@pytest.mark.parametrize("text", ["Berlin", "UTC", "5", "+", "++5", "+12345", "Asia/Almaty", ""])
def test_parse_offset_says_none_for_what_is_not_an_offset(text):
    assert zones.parse_offset(text) is None


@pytest.mark.parametrize("text", ["+14:01", "+15", "-12:01", "-13", "+14:30", "+05:60", "-12:30"])
def test_offsets_past_utc_plus_14_and_minus_12_are_refused(text):
    """Issue 9: the UTC+14 / UTC-12 limits off by one went unnoticed."""
    with pytest.raises(UnknownZone, match="no place is at UTC") as caught:
        zones.parse_offset(text)
    assert caught.value.hint == "offsets run from UTC-12:00 to UTC+14:00"


def test_the_refusal_repeats_the_offset_as_typed():
    with pytest.raises(UnknownZone, match=r"no place is at UTC\+14:01"):
        zones.parse_offset("+14:01")
    with pytest.raises(UnknownZone) as caught:
        zones.parse_offset("-13")
    assert caught.value.message == "no place is at UTC-13"


def test_the_limits_are_fourteen_and_twelve_hours():
    assert zones.MAX_OFFSET_MINUTES == {1: 840, -1: 720}


# --- resolving a --tz value -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Asia/Almaty", ALMATY),
        ("asia/almaty", ALMATY),
        ("  Asia/Almaty  ", ALMATY),
        ("Almaty", ALMATY),
        ("Алматы", ALMATY),
        ("Kiev", "Europe/Kyiv"),
        ("Europe/Kiev", "Europe/Kiev"),
        ("Zürich", "Europe/Zurich"),
        ("ZURICH", "Europe/Zurich"),
        ("São Paulo", "America/Sao_Paulo"),
        ("sao_paulo", "America/Sao_Paulo"),
        ("Chișinău", "Europe/Chisinau"),
        ("Georgia", "Asia/Tbilisi"),
        ("+5:30", "UTC+05:30"),
        ("UTC-3", "UTC-03:00"),
        ("Calcutta", KOLKATA),
        ("Auckland", AUCKLAND),
    ],
)
def test_resolve_zone(typed, key):
    assert zones.resolve_zone(typed, NO_LOCAL).key == key


@pytest.mark.parametrize("typed", [None, "local", " LOCAL "])
def test_local_is_tz_from_the_environment(typed):
    assert zones.resolve_zone(typed, Environment(environ={"TZ": "Asia/Almaty"}).local_zone).key == ALMATY
    assert zones.resolve_zone(typed, Environment(environ={"TZ": ":Europe/Berlin"}).local_zone).key == BERLIN


def test_a_country_with_many_zones_is_ambiguous_and_lists_them_with_offsets():
    with pytest.raises(AmbiguousZone) as caught:
        zones.resolve_zone("Australia", NO_LOCAL, at=utc(2020, 11, 10, 11))
    err = caught.value
    assert "Australia/Sydney" in err.choices and "Australia/Perth" in err.choices
    assert str(err).startswith(f"the country 'Australia' has {len(err.choices)} time zones: ")
    # November is summer in Sydney (UTC+11); Perth keeps UTC+8.
    assert "Australia/Sydney (UTC+11:00)" in str(err) and "Australia/Perth (UTC+08:00)" in str(err)


def test_an_unknown_name_suggests_close_ones():
    with pytest.raises(UnknownZone, match="unknown time zone 'Berlni'") as caught:
        zones.resolve_zone("Berlni", NO_LOCAL)
    assert caught.value.hint is not None and caught.value.hint.startswith("did you mean Europe/Berlin")
    with pytest.raises(UnknownZone) as far:
        zones.resolve_zone("qqqqqqqqqqqq", NO_LOCAL)
    assert far.value.hint == "use a city, a country, an offset such as UTC+6, or an IANA name such as Asia/Almaty"


def test_local_zone_prefers_tz_and_ignores_a_bad_one():
    system = Environment(environ={"TZ": "Pacific/Auckland"}, system_zone_name=lambda: BERLIN)
    assert system.local_zone().key == AUCKLAND
    # A TZ that names no zone falls through to the system's.
    assert Environment(environ={"TZ": "Not/AZone"}, system_zone_name=lambda: BERLIN).local_zone().key == BERLIN
    assert Environment(environ={"TZ": ":Asia/Almaty"}, system_zone_name=lambda: BERLIN).local_zone().key == ALMATY
    # Neither: UTC, never a guess.
    assert Environment(environ={}, system_zone_name=lambda: None).local_zone().key == "UTC"
    assert Environment(environ={}, system_zone_name=lambda: "Not/AZone").local_zone().key == "UTC"


def test_without_tz_the_local_zone_is_the_systems():
    import os

    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        pytest.skip("/etc/localtime is not a link here")
    if "zoneinfo/" not in target:
        pytest.skip(f"/etc/localtime links to {target}, not into a zoneinfo tree")
    expected = target.split("zoneinfo/", 1)[1]
    machine = Environment(environ={})
    assert machine.local_zone().key == expected
    assert zones.resolve_zone(None, machine.local_zone).key == expected
    assert Environment(environ={"TZ": ""}).local_zone().key == expected


def test_describe_shows_the_offset_at_that_moment():
    assert zones.describe(zones.get_zone(ALMATY), utc(2020, 11, 10, 11)) == "Asia/Almaty (UTC+06:00)"
    assert zones.describe(zones.get_zone(ALMATY), utc(2025, 11, 10, 11)) == "Asia/Almaty (UTC+05:00)"
    assert zones.describe(zones.get_zone(KOLKATA), utc(2020, 11, 10, 11)) == "Asia/Kolkata (UTC+05:30)"
    assert zones.describe(zones.get_zone("America/St_Johns"), utc(2020, 11, 10, 11)) == "America/St_Johns (UTC-03:30)"


def test_zones_format_offset_agrees_with_core_time():
    from loci_cli.core.time import format_offset

    for minutes in (0, 60, -60, 330, -210, 345, 840, -720):
        # zones names core.time's function too (imported there, so mypy sees no export of it).
        assert zones.format_offset(timedelta(minutes=minutes)) == format_offset(  # type: ignore[attr-defined]
            timedelta(minutes=minutes)
        )


def test_tzdata_version_names_the_release():
    from importlib.metadata import version

    import tzdata

    assert about.tzdata_version() == f"{tzdata.IANA_VERSION} (Python package {version('tzdata')})"


def test_tzdata_version_without_the_package(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "tzdata", None)  # import tzdata now raises ImportError
    assert about.tzdata_version() == "from the system's zone database"


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Chișinău", "chisinau"),
        ("ZÜRICH", "zurich"),
        ("São_Paulo", "sao paulo"),
        ("  Ho_Chi-Minh  ", "ho chi minh"),
        ("Port-au-Prince", "port au prince"),
        ("Ａｌｍａｔｙ", "almaty"),
        ("Straße", "strasse"),
    ],
)
def test_normalize_folds_accents_case_and_separators(typed, normal):
    """Issue 9: accents no longer folded in zone names went unnoticed."""
    assert zonenames.normalize(typed) == normal


def test_accented_and_plain_names_find_the_same_zone():
    assert zonenames.lookup("Zürich") == zonenames.lookup("Zurich")
    assert zonenames.lookup("Zürich").zones == ("Europe/Zurich",)
    assert zonenames.lookup("Chișinău").zones == ("Europe/Chisinau",)


def test_links_lead_to_their_zone():
    assert zonenames.canonical("Asia/Calcutta") == KOLKATA
    assert zonenames.canonical("Europe/Kiev") == "Europe/Kyiv"
    assert zonenames.canonical(BERLIN) == BERLIN
    # A country's own zone stays itself, though tzdata links it elsewhere.
    assert zonenames.preferred("Europe/Skopje") == "Europe/Skopje"
    assert zonenames.preferred("Asia/Calcutta") == KOLKATA


def test_countries_and_their_zones_come_from_tzdata():
    assert zonenames.country_names()["KZ"] == "Kazakhstan"
    assert "Asia/Almaty" in zonenames.country_zones()["KZ"]
    assert zonenames.zone_countries()[ALMATY] == "Kazakhstan"
    assert zonenames.country_zones()["DE"][0] == BERLIN


def test_a_country_entry_says_so():
    georgia = zonenames.lookup("Georgia")
    assert georgia.country and georgia.zones == ("Asia/Tbilisi",)
    assert not zonenames.lookup("Almaty").country


def test_first_known_skips_names_this_tzdata_lacks():
    assert zonenames.first_known(["Nowhere/Atlantis", "Europe/Kyiv"]) == "Europe/Kyiv"
    assert zonenames.first_known(["Nowhere/Atlantis"]) is None


def test_close_matches_for_names_and_for_iana_keys():
    assert zonenames.close_matches("Berlni")[0] == BERLIN
    assert zonenames.close_matches("Europe/Berln")[0] == BERLIN
    # Up to five by default, as many as asked for otherwise.
    assert len(zonenames.close_matches("Berlni")) == 5 and len(zonenames.close_matches("Europe/Berln")) == 5
    assert len(zonenames.close_matches("Berlni", n=2)) == 2


def test_a_close_country_is_offered_by_its_name_a_close_city_by_its_zone():
    assert zonenames.close_matches("Georgai")[0] == "Georgia"
    assert zonenames.close_matches("Almatty")[0] == ALMATY


def test_search_finds_zones_by_city_country_and_code():
    assert (ALMATY, "Almaty") in zonenames.search("almaty")
    found = dict(zonenames.search("Kazakhstan"))
    assert found[ALMATY] == "Kazakhstan"
    assert zonenames.search("") == [] and zonenames.search("   ") == []


def test_search_says_what_matched():
    # The exact name's label, else the IANA name that contains the text, else the alias.
    assert zonenames.search("almaty") == [(ALMATY, "Almaty")]
    assert zonenames.search("almat") == [(ALMATY, "Asia/Almaty")]
    assert dict(zonenames.search("berli"))[BERLIN] == BERLIN
    assert dict(zonenames.search("UTC"))["Etc/UTC"] == "UTC"


def test_two_letters_are_enough_to_search():
    found = dict(zonenames.search("ul"))
    assert found["Asia/Kabul"] == "Asia/Kabul" and found["Asia/Seoul"] == "Asia/Seoul"
    # Two letters of an old name only: Tiflis is Tbilisi.
    assert zonenames.search("fl") == [("Asia/Tbilisi", "Tiflis")]


def test_a_country_found_by_part_of_its_name_labels_each_zone():
    found = dict(zonenames.search("kazakh"))
    assert found[ALMATY] == "Kazakhstan" and set(found.values()) == {"Kazakhstan"}


def test_one_letter_matches_only_exactly():
    assert zonenames.search("a") == [] and zonenames.search("x") == []


def test_search_shows_etc_zones_only_when_typed():
    # Etc/GMT+6 is UTC-6 (POSIX signs): searching 'GMT+' must not offer it as UTC+6.
    assert not any(zone.startswith(("Etc/GMT+", "Etc/GMT-")) for zone, _ in zonenames.search("GMT+"))
    assert ("Etc/GMT+6", "Etc/GMT+6") in zonenames.search("Etc/GMT+6")


def test_unusable_tz_names_a_tz_that_names_no_zone():
    assert zones.unusable_tz({}) is None and zones.unusable_tz({"TZ": ""}) is None
    assert zones.unusable_tz({"TZ": "Europe/Berlin"}) is None
    # The ':' prefix POSIX allows is read past, and a bad value is told as it was set.
    assert zones.unusable_tz({"TZ": ":Europe/Berlin"}) is None
    assert zones.unusable_tz({"TZ": " Europe/Berlin"}) == " Europe/Berlin"
    assert zones.unusable_tz({"TZ": ":Mars/Olympus"}) == ":Mars/Olympus"
    assert zones.unusable_tz({"TZ": "XXXX"}) == "XXXX"


def test_exact_hits_come_first_by_country_then_the_rest_by_country():
    found = zonenames.search("IST")
    # IST is India's, Ireland's and Israel's: by country, not by zone name.
    assert found[:3] == [("Asia/Kolkata", "IST"), ("Europe/Dublin", "IST"), ("Asia/Jerusalem", "IST")]
    rest = [zonenames.zone_countries().get(zone, "~") for zone, _ in found[3:]]
    assert rest == sorted(rest) and rest[0] == "Afghanistan"


@pytest.mark.parametrize(
    ("tz", "key", "january", "july"),
    [
        ("<+06>-6", "UTC+06:00", "+0600", "+0600"),  # what a system set to 'UTC+6' exports; issue 18
        ("<+0545>-5:45", "UTC+05:45", "+0545", "+0545"),
        ("JST-9", "UTC+09:00", "+0900", "+0900"),
        ("<-03>3", "UTC-03:00", "-0300", "-0300"),
        ("GMT+3", "UTC-03:00", "-0300", "-0300"),  # POSIX signs: three hours behind, as libc reads $TZ
        ("UTC0", "UTC", "+0000", "+0000"),
        ("EST5EDT,M3.2.0,M11.1.0", "EST5EDT,M3.2.0,M11.1.0", "-0500", "-0400"),
        ("CET-1CEST,M3.5.0,M10.5.0/3", "CET-1CEST,M3.5.0,M10.5.0/3", "+0100", "+0200"),
        ("AEST-10AEDT,M10.1.0,M4.1.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3", "+1100", "+1000"),
    ],
)
def test_a_posix_tz_is_the_system_zone_it_describes(tz, key, january, july):
    zone = Environment(environ={"TZ": tz}, system_zone_name=lambda: BERLIN).local_zone()
    assert zone.key == key
    assert utc(2021, 1, 15, 12).astimezone(zone).strftime("%z") == january
    assert utc(2021, 7, 15, 12).astimezone(zone).strftime("%z") == july
    assert zones.unusable_tz({"TZ": tz}) is None


def test_a_zone_file_path_in_tz_is_that_zone():
    system = Environment(environ={"TZ": ":/usr/share/zoneinfo/Asia/Almaty"}, system_zone_name=lambda: BERLIN)
    assert system.local_zone().key == ALMATY
    assert zones.unusable_tz({"TZ": "/nowhere/zoneinfo/Mars/Olympus"}) == "/nowhere/zoneinfo/Mars/Olympus"


def test_a_posix_rule_changes_on_its_own_dates():
    zone = zones.posix_zone("EST5EDT,M3.2.0,M11.1.0")
    # The second Sunday of March 2021 is the 14th: 02:00 EST is 07:00 UTC.
    assert utc(2021, 3, 14, 6, 59).astimezone(zone).strftime("%H:%M%z") == "01:59-0500"
    assert utc(2021, 3, 14, 7, 0).astimezone(zone).strftime("%H:%M%z") == "03:00-0400"


@pytest.mark.parametrize("text", ["Asia/Almaty", "bogus!", "EST", "<+06", "ABC+99", "EST5EDT,M13.2.0,M11.1.0"])
def test_what_is_no_posix_tz_is_refused(text):
    with pytest.raises(ValueError):
        zones.posix_zone(text)


def test_a_posix_looking_tz_value_is_not_read_the_posix_way_in_tz_option():
    # Typed in --tz, 'GMT+3' is what people mean by it: three hours ahead.
    assert zones.resolve_zone("GMT+3", NO_LOCAL).key == "UTC+03:00"
