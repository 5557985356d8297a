"""The embedded agenda is the seed, transcribed faithfully."""

from __future__ import annotations

from datetime import date, time

from loci_cli.formats.load import load_agenda

# Start times as the seed lists them, day by day (CET).
SEED_STARTS = {
    date(2020, 11, 10): ["12:00", "12:30", "13:30", "13:45", "14:30"],
    date(2020, 11, 12): ["12:00", "12:30", "14:00", "14:15"],
    date(2020, 11, 17): ["12:00", "12:30", "14:00"],
    date(2020, 11, 19): ["12:00", "12:30", "13:30", "14:00"],
}


def test_the_meeting():
    agenda = load_agenda(None, {})
    assert agenda.title == "LOCI Regional Meeting"
    assert agenda.region == "Eastern Europe and Central Asia"
    assert agenda.timezone == "Europe/Amsterdam"
    assert [o.name for o in agenda.organisers] == [
        "Hivos",
        "Open Contracting Partnership",
        "Open Government Partnership",
    ]
    assert "The Hague" in agenda.venue and "Online" in agenda.venue
    assert agenda.about.startswith("The LOCI Regional Meeting aims to establish a shared understanding")
    assert [c.name for c in agenda.contacts] == [
        "Katria Tomko",
        "Viktor Nestulia",
        "Jose Maria Marin Aguirre",
        "Shreya Basu",
    ]


def test_days_and_start_times_follow_the_seed():
    agenda = load_agenda(None, {})
    assert [d.number for d in agenda.days] == [1, 2, 3, 4]
    assert {d.date: [f"{s.start_at.astimezone(agenda.zone):%H:%M}" for s in d.sessions] for d in agenda.days} == SEED_STARTS


def test_each_session_ends_when_the_next_begins_and_days_end_at_15():
    agenda = load_agenda(None, {})
    for day in agenda.days:
        for before, after in zip(day.sessions, day.sessions[1:], strict=False):
            assert before.end_at == after.start_at
        assert day.sessions[-1].end_at.astimezone(agenda.zone).time() == time(15, 0)


def test_days_are_cet_and_run_12_to_15():
    agenda = load_agenda(None, {})
    for day in agenda.days:
        start, end = day.start_at.astimezone(agenda.zone), day.end_at.astimezone(agenda.zone)
        assert start.tzname() == end.tzname() == "CET"
        assert (start.hour, end.hour) == (12, 15)


def test_leads_as_the_seed_names_them():
    leads = {s.id: s.lead for _, s in load_agenda(None, {}).sessions() if s.lead}
    assert leads == {"d4-ocp-support": "OCP", "d4-monitoring-incentive": "IDFI", "d4-ogp-support": "OGP"}


def test_kinds_include_breaks_and_breakouts():
    kinds = [s.kind for _, s in load_agenda(None, {}).sessions()]
    assert kinds.count("break") == 2
    assert kinds.count("breakout") == 2
    assert set(kinds) <= {"plenary", "panel", "break", "breakout", "wrap-up", "presentation"}


def test_obvious_typos_are_fixed(agenda_path):
    text = agenda_path.read_text(encoding="utf-8")
    for typo in ("ope contracting", "aims to to", "the the", "has been advance "):
        assert typo not in text


def test_ids_are_unique_and_written_in_the_file(agenda_data):
    session_ids = [s["id"] for d in agenda_data["days"] for s in d["sessions"]]
    day_ids = [d["id"] for d in agenda_data["days"]]
    assert len(set(session_ids)) == len(session_ids) == 16
    assert len(set(day_ids)) == 4
