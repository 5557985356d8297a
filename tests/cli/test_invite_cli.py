"""`loci export --invite/--cancel/--since`, `loci diff` and `loci invite`, run as a user would."""

from __future__ import annotations

import copy
import json
from email import message_from_bytes, policy
from typing import cast

import icalendar
import pytest
import vobject

from helpers import ROOT
from itip import problems
from smtpserver import PASSWORD, USER

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

PEOPLE_CSV = "name,email,zone\nAigerim,aigerim@example.kz,Almaty\nOksana,oksana@example.ua,Europe/Kyiv\nJan,jan@example.nl,\n"
ORGANIZER = ("--organizer", "Katria Tomko <katria@example.org>")
# The real agenda has 16 sessions, 2 of them breaks: 14 events.
EVENTS = 14


def session(data: dict, sid: str) -> dict:
    return next(s for day in data["days"] for s in day["sessions"] if s["id"] == sid)


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    return str(path)


@pytest.fixture
def revisions(agenda_data, write_agenda):
    """The real agenda as revision 1, and a revision 2 with one of each kind of change."""
    new = copy.deepcopy(agenda_data)
    new["revision"] = 2
    session(new, "d1-wrap-up").update(start="15:00", end="15:30")  # moved half an hour later
    day4 = new["days"][3]
    day4["sessions"] = [s for s in day4["sessions"] if s["id"] != "d4-ogp-support"]  # removed
    session(new, "d4-monitoring-incentive")["end"] = "14:00"  # moved: ends later
    session(new, "d3-plenary")["title"] = "Opening plenary: solutions"  # changed
    new["days"][1]["sessions"].append({"id": "d2-social", "start": "15:00", "end": "15:30", "title": "Online social"})
    return str(write_agenda(agenda_data, name="v1.json")), str(write_agenda(new, name="v2.json"))


def calendars(directory):
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


# --- export: one iTIP object per UID -------------------------------------------------


@pytest.mark.parametrize(("flag", "method", "section"), [("--invite", "REQUEST", "3.2.2"), ("--cancel", "CANCEL", "3.2.5")])
def test_several_events_in_one_file_is_a_usage_error_naming_the_rule_and_the_fix(loci, tmp_path, flag, method, section):
    target = tmp_path / "all.ics"
    result = loci("export", flag, *ORGANIZER, "--attendee", "a@example.org", "-o", str(target))
    assert result.exit_code == 2
    assert f"{EVENTS} events chosen, but one {method} may hold only one event (RFC 5546 §{section}" in result.stderr
    assert "--split DIR" in result.stderr and "--session ID" in result.stderr
    assert not target.exists() and result.stdout == ""


def test_one_session_still_goes_to_one_file(loci, tmp_path):
    target = tmp_path / "one.ics"
    result = loci("export", "--invite", *ORGANIZER, "--attendee", "a@example.org", "--session", "d1-welcome", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert problems(target.read_bytes()) == []


@pytest.mark.parametrize(
    ("flag", "method", "status", "sequence"), [("--invite", "REQUEST", "CONFIRMED", 1), ("--cancel", "CANCEL", "CANCELLED", 2)]
)
def test_split_invites_and_cancels_are_conformant_one_uid_each(loci, tmp_path, people, flag, method, status, sequence):
    out = tmp_path / "out"
    result = loci("export", flag, *ORGANIZER, "--attendees", people, "--split", str(out))
    assert result.exit_code == 0, result.stderr
    files = calendars(out)
    assert len(files) == EVENTS
    for name, data in files.items():
        assert problems(data) == [], name
        calendar = icalendar.Calendar.from_ical(data)
        (event,) = calendar.walk("VEVENT")
        assert calendar["METHOD"] == method
        assert str(event["UID"]) == name.removesuffix(".ics") + "@loci-eeca-2020"
        assert (event["STATUS"], event["SEQUENCE"]) == (status, sequence)
        assert event["ORGANIZER"] == "mailto:katria@example.org"
        assert [str(a) for a in cast("list[icalendar.vCalAddress]", event["ATTENDEE"])] == [
            "mailto:aigerim@example.kz",
            "mailto:oksana@example.ua",
            "mailto:jan@example.nl",
        ]
        assert vobject.readOne(data.decode()).vevent.uid.value == str(event["UID"])


def test_a_cancel_needs_an_attendee(loci, tmp_path):
    result = loci("export", "--cancel", *ORGANIZER, "--session", "d1-welcome", "-o", str(tmp_path / "c.ics"))
    assert result.exit_code == 2 and "--cancel needs at least one attendee" in result.stderr


def test_export_since_writes_updates_and_cancellations_only(loci, tmp_path, revisions):
    old, new = revisions
    out = tmp_path / "updates"
    result = loci("export", "--agenda", new, "--invite", "--since", old, *ORGANIZER, "--attendee", "a@example.org", "--split", str(out))
    assert result.exit_code == 0, result.stderr
    files = calendars(out)
    assert sorted(files) == sorted(
        ["d1-wrap-up.ics", "d2-social.ics", "d3-plenary.ics", "d4-monitoring-incentive.ics", "d4-ogp-support.cancel.ics"]
    )
    for name, data in files.items():
        assert problems(data) == [], name
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        # Revision 1's requests had SEQUENCE 1 and its cancellations 2: updates go above the requests,
        # a cancellation above both.
        assert event["SEQUENCE"] == (3 if name.endswith(".cancel.ics") else 2)
    (moved,) = icalendar.Calendar.from_ical(files["d1-wrap-up.ics"]).walk("VEVENT")
    # 15:00 in Amsterdam in November (UTC+1) is 14:00 UTC.
    assert moved["DTSTART"].to_ical() == b"20201110T140000Z"
    (gone,) = icalendar.Calendar.from_ical(files["d4-ogp-support.cancel.ics"]).walk("VEVENT")
    assert gone["STATUS"] == "CANCELLED"


def test_since_refuses_a_revision_that_is_not_higher(loci, tmp_path, revisions, agenda_data, write_agenda):
    old, _ = revisions
    same = write_agenda({**agenda_data, "title": "Renamed"}, name="same-revision.json")
    result = loci(
        "export",
        "--agenda",
        str(same),
        "--invite",
        "--since",
        old,
        *ORGANIZER,
        "--attendee",
        "a@example.org",
        "--split",
        str(tmp_path / "o"),
    )
    assert result.exit_code == 1
    assert "the new agenda's revision (1) is not higher than the old one's (1)" in result.stderr
    assert 'set "revision": 2' in result.stderr
    assert not (tmp_path / "o").exists()


def test_since_with_nothing_changed_writes_nothing(loci, tmp_path, agenda_data, write_agenda):
    old = write_agenda(agenda_data, name="v1.json")
    new = write_agenda({**agenda_data, "revision": 2}, name="v2.json")
    out = tmp_path / "o"
    result = loci(
        "export", "--agenda", str(new), "--invite", "--since", str(old), *ORGANIZER, "--attendee", "a@example.org", "--split", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert calendars(out) == {} and "nothing changed" in result.stderr


def test_since_needs_invite(loci, revisions):
    result = loci("export", "--since", revisions[0])
    assert result.exit_code == 2 and "--since needs --invite" in result.stderr


# --- diff ------------------------------------------------------------------------------


def test_diff_json_lists_each_kind_and_exits_3(loci, revisions):
    old, new = revisions
    result = loci("diff", old, new, "--json", "--tz", "Almaty")
    assert result.exit_code == 3, result.stderr
    found = json.loads(result.stdout)
    assert [a["id"] for a in found["added"]] == ["d2-social"]
    assert [r["id"] for r in found["removed"]] == ["d4-ogp-support"]
    assert [c["id"] for c in found["changed"]] == ["d3-plenary"] and found["changed"][0]["fields"] == ["title"]
    moved = {m["id"]: m for m in found["moved"]}
    assert sorted(moved) == ["d1-wrap-up", "d4-monitoring-incentive"]
    # 14:30 and 15:00 in Amsterdam (UTC+1) are 13:30Z and 14:00Z; in Almaty (UTC+6) 19:30 and 20:00.
    assert moved["d1-wrap-up"]["old"]["start_utc"] == "2020-11-10T13:30:00Z"
    assert moved["d1-wrap-up"]["new"]["start_utc"] == "2020-11-10T14:00:00Z"
    assert moved["d1-wrap-up"]["new"]["start"] == "2020-11-10T20:00:00+06:00"
    assert (found["old_revision"], found["new_revision"], found["timezone"]) == (1, 2, "Asia/Almaty")
    assert result.stderr == ""


def test_diff_table_and_no_differences(loci, revisions):
    old, new = revisions
    table = loci("diff", old, new, "--tz", "Almaty")
    assert table.exit_code == 3
    lines = table.stdout.splitlines()
    assert any(line.startswith("moved") and "19:30–20:00" in line and "20:00–20:30" in line for line in lines)
    assert lines[-1] == "5 differences: 1 added, 1 removed, 2 moved, 1 changed"
    same = loci("diff", old, old, "--json")
    assert same.exit_code == 0
    assert {k: json.loads(same.stdout)[k] for k in ("added", "removed", "moved", "changed")} == {
        "added": [],
        "removed": [],
        "moved": [],
        "changed": [],
    }


def test_diff_reads_frab_too(loci, tmp_path, revisions):
    # loci's own frab export of each revision: the ids survive the round trip.
    old, new = revisions
    for path, name in ((old, "v1.frab.json"), (new, "v2.frab.json")):
        assert loci("export", "--agenda", path, "--format", "frab", "-o", str(tmp_path / name)).exit_code == 0
    result = loci("diff", str(tmp_path / "v1.frab.json"), str(tmp_path / "v2.frab.json"), "--json")
    assert result.exit_code == 3, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["removed"]] == ["d4-ogp-support"]


def test_diff_of_a_missing_file_is_an_error(loci, revisions, tmp_path):
    result = loci("diff", revisions[0], str(tmp_path / "nope.json"))
    assert result.exit_code == 1 and "nope.json" in result.stderr


# --- invite -----------------------------------------------------------------------------


def test_invite_fills_the_outbox_and_a_rerun_adds_nothing(loci, tmp_path, people):
    box = tmp_path / "outbox"
    result = loci("invite", *ORGANIZER, "--attendees", people, "--outbox", str(box))
    assert result.exit_code == 0, result.stderr
    # Aigerim and Oksana have zones (a message each), Jan shares one: 3 messages per event.
    assert len(list(box.glob("*.eml"))) == 3 * EVENTS
    assert f"Wrote {3 * EVENTS} messages to {box}" in result.stderr
    again = loci("invite", *ORGANIZER, "--attendees", people, "--outbox", str(box))
    assert again.exit_code == 0 and f"Wrote 0 messages to {box} ({3 * EVENTS} already there)" in again.stderr
    dry = loci("invite", *ORGANIZER, "--attendees", people, "--outbox", str(tmp_path / "dry"), "--dry-run")
    assert dry.exit_code == 0 and not (tmp_path / "dry").exists()
    assert dry.stderr.count("would write") == 3 * EVENTS


def received(smtp):
    return [(rcpts, message_from_bytes(content, policy=policy.default)) for _, rcpts, content in smtp.received]


def test_invite_through_smtp_with_a_login_once_and_only_once(loci, tmp_path, people, smtp):
    args = (
        "invite",
        *ORGANIZER,
        "--attendees",
        people,
        "--outbox",
        str(tmp_path / "box"),
        "--smtp",
        f"127.0.0.1:{smtp.settings.port}",
        "--smtp-user",
        USER,
        "--session",
        "d1-welcome",
    )
    result = loci(*args, env={"LOCI_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.stderr
    assert f"Sent 3 copies through 127.0.0.1:{smtp.settings.port}: 0 sent before, 0 refused, 0 not sent" in result.stderr
    mails = received(smtp)
    assert sorted(r for rcpts, _ in mails for r in rcpts) == ["aigerim@example.kz", "jan@example.nl", "oksana@example.ua"]
    (almaty,) = [m for rcpts, m in mails if rcpts == ("aigerim@example.kz",)]
    assert "Your time:  Tue 10 Nov 2020, 17:00–17:30 Asia/Almaty (UTC+06:00)" in almaty.get_body(("plain",)).get_content()
    again = loci(*args, "--json", env={"LOCI_SMTP_PASSWORD": PASSWORD})
    assert again.exit_code == 0 and len(smtp.received) == 3
    assert {row["status"] for row in json.loads(again.stdout)["deliveries"]} == {"skipped"}
    forced = loci(*args, "--resend", env={"LOCI_SMTP_PASSWORD": PASSWORD})
    assert forced.exit_code == 0 and len(smtp.received) == 6


def test_invite_since_sends_updates_and_cancellations(loci, tmp_path, people, smtp, revisions):
    old, new = revisions
    result = loci(
        "invite",
        "--agenda",
        new,
        "--since",
        old,
        *ORGANIZER,
        "--attendees",
        people,
        "--outbox",
        str(tmp_path / "box"),
        "--smtp",
        f"127.0.0.1:{smtp.settings.port}",
        "--smtp-user",
        USER,
        env={"LOCI_SMTP_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 0, result.stderr
    mails = received(smtp)
    assert len(mails) == 5 * 3  # 4 updates and 1 cancellation, 3 messages each
    methods = {}
    for _, mail in mails:
        (part,) = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
        data = part.get_payload(decode=True)
        assert problems(data) == []
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        methods[str(event["UID"]).split("@")[0]] = part.get_param("method")
    assert methods == {
        "d1-wrap-up": "REQUEST",
        "d2-social": "REQUEST",
        "d3-plenary": "REQUEST",
        "d4-monitoring-incentive": "REQUEST",
        "d4-ogp-support": "CANCEL",
    }
    subjects = sorted(mail["Subject"].split(":")[0] for _, mail in mails)
    # d2-social is new (an invitation), the other three are updates.
    assert subjects == ["Cancelled"] * 3 + ["Invitation"] * 3 + ["Updated invitation"] * 9


def test_a_refused_recipient_fails_the_run_and_a_rerun_sends_only_that(loci, tmp_path, people, smtp):
    smtp.refuse_rcpt = {"oksana@example.ua"}
    args = (
        "invite",
        *ORGANIZER,
        "--attendees",
        people,
        "--outbox",
        str(tmp_path / "box"),
        "--smtp",
        f"127.0.0.1:{smtp.settings.port}",
        "--smtp-user",
        USER,
        "--day",
        "2",
    )
    first = loci(*args, env={"LOCI_SMTP_PASSWORD": PASSWORD})
    assert first.exit_code == 1
    assert "refused    " in first.stderr and "oksana@example.ua  (550 5.1.1 no such mailbox)" in first.stderr
    # Day 2: 3 sessions and a break; Aigerim's and Jan's copies went.
    assert len(smtp.received) == 6
    smtp.refuse_rcpt = set()
    second = loci(*args, env={"LOCI_SMTP_PASSWORD": PASSWORD})
    assert second.exit_code == 0, second.stderr
    assert [rcpts for _, rcpts, _ in smtp.received[6:]] == [("oksana@example.ua",)] * 3


def test_a_login_needs_the_password_in_the_environment(loci, tmp_path, people):
    result = loci(
        "invite",
        *ORGANIZER,
        "--attendees",
        people,
        "--smtp",
        "127.0.0.1:2525",
        "--smtp-user",
        USER,
        "--outbox",
        str(tmp_path / "box"),
        env={"LOCI_SMTP_PASSWORD": None},
    )
    assert result.exit_code == 2 and "$LOCI_SMTP_PASSWORD" in result.stderr
    assert not (tmp_path / "box").exists()


@pytest.mark.parametrize("args", [["--smtp-user", "u"], ["--resend"], ["--ssl"]])
def test_smtp_options_need_smtp(loci, people, args):
    result = loci("invite", *ORGANIZER, "--attendees", people, *args)
    assert result.exit_code == 2 and "needs --smtp HOST" in result.stderr


def test_a_bad_zone_in_the_attendee_list_names_its_line(loci, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,email,zone\nAigerim,aigerim@example.kz,Almatyy\n", encoding="utf-8")
    result = loci("invite", *ORGANIZER, "--attendees", str(path), "--outbox", str(tmp_path / "box"))
    assert result.exit_code == 1
    assert f"{path}:2: unknown time zone 'Almatyy'" in result.stderr


# --- SMTP settings that do not fit the server: the hint names the setting ----------------------------


@pytest.mark.parametrize(
    ("options", "flags", "words", "hint"),
    [
        ({"auth_require_tls": False}, ["--starttls"], "offers no STARTTLS", "use --ssl if it takes TLS from the first byte"),
        ({"auth_require_tls": False}, ["--ssl"], "does not speak TLS from the first byte", "drop --ssl"),
        ({}, ["--smtp-user", USER], "offers no login (AUTH) without TLS", "drop --smtp-user if the server needs no login"),
        ({"auth_require_tls": False}, ["--smtp-user", "nobody"], "refused the login for nobody: 535", "check --smtp-user and the password"),
        ({"auth_require_tls": False}, [], "wants a login: 530", "give --smtp-user USER"),
    ],
    ids=["starttls-not-offered", "ssl-on-a-plain-port", "auth-not-offered", "wrong-login", "no-login"],
)
def test_a_setting_that_does_not_fit_the_server_gets_a_hint_about_it(loci, tmp_path, options, flags, words, hint):
    from smtpserver import Inbox, controller

    inbox = Inbox()
    server = controller(inbox, **options)
    server.start()
    try:
        result = loci(
            "invite",
            *ORGANIZER,
            "--attendee",
            "a@example.org",
            "--session",
            "d1-welcome",
            "--outbox",
            str(tmp_path / "box"),
            "--smtp",
            f"127.0.0.1:{server.port}",
            *flags,
            env={"LOCI_SMTP_PASSWORD": PASSWORD},
        )
    finally:
        server.stop()
    assert result.exit_code == 1 and inbox.received == []
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"loci: error: {tmp_path / 'box'}: ") and words in last, last
    assert f"(hint: {hint}" in last and "run the same command again" not in last, last
    assert "Traceback" not in result.stderr


def test_a_quote_left_open_in_the_attendees_list_is_one_line(loci, tmp_path):
    listed = tmp_path / "people.csv"
    listed.write_text('A,"a@example.org\nB,b@example.org\n', encoding="utf-8")
    result = loci("invite", "--attendees", str(listed), "--organizer", "o@example.org", "--dry-run")
    assert result.exit_code == 1 and f"{listed}:" in result.stderr and "not CSV" in result.stderr
    assert result.stderr.count("\n") == 1


def test_since_another_agenda_is_refused_not_a_cancellation_of_everything(loci, tmp_path):
    other = json.loads((ROOT / "data" / "agenda.json").read_text(encoding="utf-8"))
    other["id"] = "another-meeting"
    older = tmp_path / "other.json"
    older.write_text(json.dumps(other), encoding="utf-8")
    for command in (["invite", "--dry-run"], ["export", "--invite", "-o", str(tmp_path / "u.ics")]):
        result = loci(*command, "--since", str(older), "--attendee", "a@example.org", "--organizer", "o@example.org")
        assert result.exit_code == 1 and "not a revision of 'loci-eeca-2020'" in result.stderr
    assert not (tmp_path / "u.ics").exists()


def test_a_header_naming_the_address_alone_is_a_header(loci, tmp_path):
    listed = tmp_path / "people.csv"
    listed.write_text("email\na@example.org\nb@example.org\n", encoding="utf-8")
    result = loci("invite", "--attendees", str(listed), "--organizer", "o@example.org", "--dry-run", "--session", "d1-welcome")
    assert result.exit_code == 0, result.stderr
    assert "a@example.org, b@example.org" in result.stdout + result.stderr
