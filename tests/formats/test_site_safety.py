"""`loci publish` and `loci export` as an attacker or an unlucky user would try them (issue 17).

The site stays inside its folder (a link there is refused, never followed), is
replaced as a whole (a killed run leaves nothing behind, a failed one no half
site), and drops what a new revision dropped, cancelling it in agenda.ics.
Hostile agenda text reaches every calendar as one line, read back by icalendar
and vobject.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import icalendar
import ics
import pytest
import vobject

from factories import agenda, day, make_agenda, session, write
from loci_cli.core.errors import OutputError, OutputExists, RevisionTooHigh
from loci_cli.core.queries import Slot
from loci_cli.formats import ical
from loci_cli.formats.frab.write_xml import write_xml
from loci_cli.formats.load import load_agenda
from loci_cli.formats.site import build_site, write_site

STAMP = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: a file's bytes, a link's target, a folder as '/'."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[rel] = "/"
        else:
            found[rel] = path.read_bytes()
    return found


def two_sessions(revision: int, ids: tuple[str, ...] = ("a", "b")) -> dict:
    sessions = [session(ident, f"{10 + i}:00", f"{10 + i}:30", title=f"Talk {ident}") for i, ident in enumerate(ids)]
    return agenda([day(1, "2021-03-01", sessions)], id="conf", revision=revision)


# --- links inside the folder ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sessions", "days", "agenda.json", "index.html", "agenda.ics", "sessions/d1-welcome.ics"])
def test_a_link_inside_the_folder_is_refused_and_nothing_outside_is_written(loci, tmp_path: Path, name: str):
    site, outside = tmp_path / "site", tmp_path / "outside"
    site.mkdir()
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me", encoding="utf-8")
    link = site / name
    link.parent.mkdir(exist_ok=True)
    # A folder-shaped name links to the outside folder, a file-shaped one to a file in it.
    link.symlink_to(outside if "." not in name else outside / "precious.txt")
    before_outside, before_site = tree(outside), tree(site)
    for force in ([], ["--force"]):
        result = loci("publish", str(site), *force)
        assert result.exit_code == 1
        assert result.stderr == (
            f"loci: error: {link}: is a symbolic link; the site is written only inside its folder, never through a link "
            "(hint: remove the link, or publish into another folder)\n"
        )
        assert tree(outside) == before_outside and tree(site) == before_site


def test_the_users_own_files_and_links_stay_and_are_not_followed(tmp_path: Path):
    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("not the site's", encoding="utf-8")
    site.mkdir()
    (site / "CNAME").write_text("agenda.example.org\n", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (site / "elsewhere").symlink_to(outside)
    (site / "sessions").mkdir()
    (site / "sessions" / "README").write_text("mine", encoding="utf-8")
    written = write_site(site, build_site(load_agenda(None, {}), stamp=STAMP))
    assert (site / "CNAME").read_text(encoding="utf-8") == "agenda.example.org\n"
    assert (site / "assets" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"
    assert os.readlink(site / "elsewhere") == str(outside)
    assert (site / "sessions" / "README").read_text(encoding="utf-8") == "mine"
    assert (outside / "index.html").read_text(encoding="utf-8") == "not the site's"
    assert all(path.is_file() and not path.is_symlink() for path in written)
    # Nothing beside the folder either: the staging folder is gone.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "site"]


def test_a_folder_that_is_itself_a_link_is_followed_as_the_users_choice(tmp_path: Path):
    real = tmp_path / "releases" / "v2"
    real.mkdir(parents=True)
    (tmp_path / "site").symlink_to(real)
    write_site(tmp_path / "site", build_site(load_agenda(None, {}), stamp=STAMP))
    assert (tmp_path / "site").is_symlink() and (real / "index.html").is_file()
    assert sorted(p.name for p in real.parent.iterdir()) == ["v2"]


# --- a site replaced as a whole ---------------------------------------------------------------


def test_a_dropped_session_loses_its_file_and_is_cancelled_in_the_agenda_calendar(tmp_path: Path):
    site = tmp_path / "site"
    first = write(tmp_path / "r1.json", two_sessions(1))
    write_site(site, build_site(load_agenda(first, {}), stamp=STAMP))
    assert (site / "sessions" / "b.ics").is_file()
    second = load_agenda(write(tmp_path / "r2.json", two_sessions(2, ("a",))), {})
    later = datetime(2026, 3, 2, tzinfo=timezone.utc)
    with pytest.raises(OutputExists):
        write_site(site, build_site(second, stamp=later), agenda=second, stamp=later)
    write_site(site, build_site(second, stamp=later), force=True, agenda=second, stamp=later)
    assert sorted(p.name for p in (site / "sessions").iterdir()) == ["a.ics"]
    data = (site / "agenda.ics").read_bytes()
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert set(events) == {"a@conf", "b@conf"}
    assert str(events["a@conf"]["STATUS"]) == "CONFIRMED" and int(str(events["a@conf"]["SEQUENCE"])) == 2
    # Cancelled as 'export --cancel' writes it: above revision 2, and above the 1 it had.
    assert str(events["b@conf"]["STATUS"]) == "CANCELLED" and int(str(events["b@conf"]["SEQUENCE"])) == 3
    assert events["b@conf"].decoded("DTSTAMP") == later
    parsed = vobject.readOne(data.decode("utf-8"))
    assert sorted((e.uid.value, e.status.value) for e in parsed.vevent_list) == [("a@conf", "CONFIRMED"), ("b@conf", "CANCELLED")]
    assert b"b.ics" not in (site / "index.html").read_bytes()
    # A third revision still carries the cancellation, as it was, for subscribers who missed the second.
    third = load_agenda(write(tmp_path / "r3.json", two_sessions(3, ("a",))), {})
    write_site(site, build_site(third, stamp=STAMP), force=True, agenda=third, stamp=STAMP)
    again = {str(e["UID"]): e for e in icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes()).walk("VEVENT")}
    assert str(again["b@conf"]["STATUS"]) == "CANCELLED" and int(str(again["b@conf"]["SEQUENCE"])) == 3
    # A session that comes back is live again, once.
    fourth = load_agenda(write(tmp_path / "r4.json", two_sessions(4)), {})
    write_site(site, build_site(fourth, stamp=STAMP), force=True, agenda=fourth, stamp=STAMP)
    back = [(str(e["UID"]), str(e["STATUS"])) for e in icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes()).walk("VEVENT")]
    assert back == [("a@conf", "CONFIRMED"), ("b@conf", "CONFIRMED")]


def test_a_failed_write_leaves_the_old_site_whole_and_no_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = tmp_path / "site"
    write_site(site, build_site(load_agenda(None, {}), stamp=STAMP))
    before = tree(site)
    real_write = os.write
    calls = {"n": 0}

    def full_disk(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    files = build_site(load_agenda(None, {}), stamp=datetime(2026, 4, 1, tzinfo=timezone.utc))
    with pytest.raises(OutputError) as caught:
        write_site(site, files, force=True)
    assert "No space left on device" in str(caught.value) and caught.value.where == str(site)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    # A new folder, deep: none of the folders made for it stays.
    calls["n"] = 0
    with pytest.raises(OutputError):
        write_site(tmp_path / "a" / "b" / "site", files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_rerun_clears_what_a_killed_run_left(tmp_path: Path):
    site = tmp_path / "site"
    write_site(site, build_site(load_agenda(None, {}), stamp=STAMP))
    # What an older loci's killed run left inside the folder, and a killed staging beside it.
    (site / ".index.html.k2j3x8_a.tmp").write_text("half", encoding="utf-8")
    (site / "sessions" / ".d1-welcome.ics.abcdefgh.tmp").write_text("half", encoding="utf-8")
    (site / ".notes.tmp").write_text("the user's own", encoding="utf-8")
    staging = tmp_path / ".site.loci-new-xyz"
    (staging / "sessions").mkdir(parents=True)
    (staging / "index.html").write_text("half", encoding="utf-8")
    write_site(site, build_site(load_agenda(None, {}), stamp=STAMP), force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    leftovers = [p.relative_to(site).as_posix() for p in site.rglob("*.tmp")]
    assert leftovers == [".notes.tmp"]


def test_a_run_killed_between_the_two_renames_is_undone(tmp_path: Path):
    # Where the system cannot swap two folders in one step, the old site is moved aside first.
    site = tmp_path / "site"
    write_site(site, build_site(load_agenda(None, {}), stamp=STAMP))
    before = tree(site)
    site.rename(tmp_path / ".site.loci-old-abc")
    write_site(site, build_site(load_agenda(None, {}), stamp=STAMP), force=True)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.slow
def test_kill_9_during_publish_then_a_rerun_leaves_no_temporary_file(tmp_path: Path):
    source = write(tmp_path / "big.json", make_agenda(3000))
    site = tmp_path / "out" / "site"
    loci = [sys.executable, "-m", "loci_cli", "publish", str(site), "--agenda", str(source)]
    env = {**os.environ, "LOCI_NO_CACHE": "1"}
    assert subprocess.run(loci, env=env, capture_output=True).returncode == 0
    before = tree(site)
    for _ in range(3):
        run = subprocess.Popen([*loci, "--force"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Killed once its staging folder is there: mid-publish, with part of the new site written.
        while run.poll() is None and not list(site.parent.glob(".site.loci-new-*")):
            time.sleep(0.001)
        run.send_signal(signal.SIGKILL)
        assert run.wait() == -signal.SIGKILL
        assert list(site.parent.glob(".site.loci-new-*"))
        # The folder holds a whole site: the old one (the new one differs only in DTSTAMPs).
        assert tree(site) == before
    done = subprocess.run([*loci, "--force"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    assert not list(site.rglob("*.tmp"))


# --- hostile text --------------------------------------------------------------------------------

HOSTILE = "Line one\r\nline two\rthree\nfour\x00\x1b[31mred\x1b[0m \u202eesrever\u202c \u2066iso\u2069 \"quoted\" 'single'; a,b:c\u2028end"
ONE_LINE = "Line one line two three four[31mred[0m esrever iso \"quoted\" 'single'; a,b:c end"


@pytest.fixture
def hostile_agenda():
    """The real agenda with hostile text planted in the checked model: the writer is safe whatever validate lets in."""
    real = load_agenda(None, {})
    first = real.days[0]
    planted = first.sessions[0]._replace(title=HOSTILE, room=HOSTILE, lead=HOSTILE, description=HOSTILE)
    return real._replace(title=HOSTILE, venue=HOSTILE, days=(first._replace(sessions=(planted, *first.sessions[1:])), *real.days[1:]))


def read_back(data: bytes) -> list[tuple[str, str]]:
    """Each event's summary and location as icalendar and vobject read them; they must agree."""
    by_icalendar = [(str(e["SUMMARY"]), str(e.get("LOCATION", ""))) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    parsed = vobject.readOne(data.decode("utf-8"))
    by_vobject = [(e.summary.value, e.location.value if hasattr(e, "location") else "") for e in parsed.vevent_list]
    assert by_icalendar == by_vobject
    # ics.py, the strictest of the three, reads every event too.
    assert sorted(e.name for e in ics.Calendar(data.decode("utf-8")).events) == sorted(summary for summary, _ in by_icalendar)
    # icalendar leaves an X- property's escapes in place when it reads one; vobject reads them.
    assert parsed.x_wr_calname.value == ONE_LINE
    assert "\n" not in str(icalendar.Calendar.from_ical(data)["X-WR-CALNAME"])
    return by_icalendar


@pytest.mark.parametrize("zone", [None, "Europe/Amsterdam"], ids=["utc", "tzid"])
def test_hostile_titles_and_rooms_reach_every_calendar_on_one_line(hostile_agenda, zone):
    from zoneinfo import ZoneInfo

    options = ical.Options(stamp=STAMP, zone=ZoneInfo(zone) if zone else None, alarm_minutes=5)
    data = b"".join(ical.stream(hostile_agenda, ical.entries(hostile_agenda), options))
    first = read_back(data)[0]
    assert first[0] == ONE_LINE and ONE_LINE in first[1]
    for raw in (b"\x00", b"\x1b", "\u202e".encode(), "\u2028".encode(), b"\r\r", b"\n\n"):
        assert raw not in data
    # Every content line ends in CRLF, and a bare CR or LF is nowhere.
    assert data.replace(b"\r\n", b"").count(b"\r") == 0 and data.replace(b"\r\n", b"").count(b"\n") == 0
    # The description keeps its lines, as escaped line breaks.
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert "line two\nthree\nfour" in str(event["DESCRIPTION"])


def test_hostile_text_through_publish_reads_back_on_one_line(hostile_agenda, tmp_path: Path):
    write_site(tmp_path / "site", build_site(hostile_agenda, stamp=STAMP, frab_xml=write_xml))
    calendars = sorted((tmp_path / "site").rglob("*.ics"))
    assert len(calendars) == 1 + 4 + 14
    for path in calendars:
        for summary, location in read_back(path.read_bytes()):
            assert "\n" not in summary and "\r" not in summary and "\n" not in location
    (welcome,) = read_back((tmp_path / "site" / "sessions" / "d1-welcome.ics").read_bytes())
    assert welcome[0] == ONE_LINE


def test_hostile_text_through_the_command(loci, hostile_agenda, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Through the CLI too, whatever validate decides about the file: the checked model is planted.
    import loci_cli.formats.load as load

    monkeypatch.setattr(load, "load_agenda", lambda *a, **k: hostile_agenda)
    result = loci("export", "--tzid")
    assert result.exit_code == 0, result.stderr
    assert read_back(result.stdout_bytes)[0][0] == ONE_LINE


# --- SEQUENCE's range --------------------------------------------------------------------------


def test_a_revision_beyond_sequence_is_refused_in_one_line(loci, write_agenda):
    top = 2**31 - 1
    at_top = write_agenda(two_sessions(top))
    fine = loci("export", "--agenda", str(at_top))
    if fine.exit_code == 0:  # the validate rule may refuse it first; either way, one line
        assert b"SEQUENCE:2147483647" in fine.stdout_bytes
    for args in (
        ["export", "--agenda", str(write_agenda(two_sessions(2**70), "huge.json"))],
        ["export", "--agenda", str(at_top), "--cancel", "--session", "a", "--attendee", "a@example.org", "--organizer", "o@example.org"],
        ["publish", str(at_top.parent / "site"), "--agenda", str(write_agenda(two_sessions(top + 1), "over.json"))],
    ):
        result = loci(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert ".json: $.revision" in result.stderr and result.stdout == ""
    assert not (at_top.parent / "site").exists()


def test_sequence_is_checked_before_the_first_byte():
    real = load_agenda(None, {})
    with pytest.raises(RevisionTooHigh):
        next(iter(ical.stream(real._replace(revision=2**31), ical.entries(real), ical.Options(stamp=STAMP))))
    cancel = ical.Options(stamp=STAMP, method=ical.Method.CANCEL)
    with pytest.raises(RevisionTooHigh):
        next(iter(ical.stream(real._replace(revision=2**31 - 1), ical.entries(real), cancel)))


# --- made once, the same bytes ---------------------------------------------------------------


@pytest.mark.parametrize("zone", [None, "Europe/Amsterdam", "Pacific/Auckland"])
def test_a_calendar_made_event_by_event_is_the_calendar_made_whole(zone):
    from zoneinfo import ZoneInfo

    real = load_agenda(None, {})
    options = ical.Options(stamp=STAMP, zone=ZoneInfo(zone) if zone else None, alarm_minutes=10)
    chosen = ical.entries(real)
    assert b"".join(ical.stream(real, chosen, options)) == ical.to_ical(ical.build_calendar(real, chosen, options))


def test_every_site_calendar_is_the_one_export_builds(tmp_path: Path):
    real = load_agenda(None, {})
    files = {f.path: f.data for f in build_site(real, stamp=STAMP)}
    options = ical.Options(stamp=STAMP)

    def whole(slots: list[Slot]) -> bytes:
        return ical.to_ical(ical.build_calendar(real, [ical.session_entry(real, slot) for slot in slots], options))

    listed = [Slot(d, s) for d, s in real.sessions() if not s.is_break]
    assert files["agenda.ics"] == whole(listed)
    for d in real.days:
        assert files[f"days/{d.id}.ics"] == whole([slot for slot in listed if slot.day is d])
    for slot in listed:
        assert files[f"sessions/{slot.session.id}.ics"] == whole([slot])


def test_split_files_made_as_written_are_the_calendars_made_whole(tmp_path: Path):
    from zoneinfo import ZoneInfo

    from loci_cli.actions.export import ExportRequest, build_ics
    from loci_cli.environment import Environment
    from loci_cli.io.files import pieces

    real = load_agenda(None, {})
    env = Environment(environ={}, clock=lambda: STAMP)
    made = build_ics(real, ExportRequest(split=str(tmp_path), tzid=True, alarm=15), env, None, None)
    options = ical.Options(stamp=STAMP, zone=ZoneInfo(real.timezone), alarm_minutes=15)
    expected = {f"{e.name}.ics": ical.to_ical(ical.build_calendar(real, [e], options)) for e in ical.entries(real)}
    assert {name: b"".join(pieces(data)) for name, data in made.files} == expected


def test_a_republish_keeps_the_users_own_files_in_days_and_sessions(tmp_path: Path) -> None:
    """Only what a publish wrote is removed: a user's .ics (even one named like a day's) and links there stay."""
    from loci_cli.actions.publish import publish_site
    from loci_cli.environment import Environment

    site = tmp_path / "site"
    env = Environment(environ={"LOCI_NO_CACHE": "1"})
    publish_site(env, site)
    (site / "sessions" / "mine.ics").write_text("mine")
    (site / "days" / "day-9.ics").write_text("also mine")
    (site / "sessions" / "link.ics").symlink_to(tmp_path / "elsewhere.ics")
    publish_site(env, site, force=True)
    assert (site / "sessions" / "mine.ics").read_text() == "mine"
    assert (site / "days" / "day-9.ics").read_text() == "also mine"
    assert (site / "sessions" / "link.ics").is_symlink()
    assert (site / "sessions" / "d1-welcome.ics").is_file()
