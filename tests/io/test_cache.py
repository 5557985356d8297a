"""The snapshot cache (formats/snapshot.py): same answers as the full path, and never a cause of errors."""

from __future__ import annotations

import json
import os
import pickle
from datetime import datetime
from pathlib import Path

import pytest

import loci_cli.formats.load
from helpers import FIXTURES
from loci_cli.core.model import Agenda
from loci_cli.formats.load import default_agenda_path, load_agenda
from loci_cli.io import cache as snapshot

AGENDAS = {
    "real": default_agenda_path(),
    "minimal": FIXTURES / "minimal.json",  # DST both ways, a session past midnight
    "frab": FIXTURES / "frab-nightcon.json",
}


def commands(loci, agenda: Path) -> list[list[str]]:
    """Every read-only view, as JSON and as a table, with values taken from the agenda itself."""
    listed = json.loads(loci("sessions", "--json", "--agenda", str(agenda), env={"LOCI_NO_CACHE": "1"}).stdout)
    first, last = listed[0]["sessions"][0], listed[-1]["sessions"][-1]
    day = listed[-1]["day"]
    views = [
        ["info"],
        ["days"],
        ["sessions"],
        ["sessions", "--by-room"],
        ["sessions", "--day", str(day)],
        ["sessions", "--search", first["title"].split()[0]],
        ["today", "--date", first["start_utc"][:10]],
        ["today", "--date", last["end_utc"][:10], "--tz", "Australia/Sydney"],
        ["now", "--at", first["start_utc"]],
        ["now", "--at", last["start_utc"]],
        ["show", first["id"]],
        ["show", last["id"], "--tz", "America/New_York"],
        ["zones"],
        ["zones", "--day", str(day)],
        ["zones", "--tz", "Asia/Almaty", "--tz", "Pacific/Auckland"],
        ["zones", "--search", "Kyiv"],
    ]
    return [[*view, *extra, "--agenda", str(agenda)] for view in views for extra in ([], ["--json"])]


def outcome(result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", AGENDAS)
def test_every_view_is_the_same_from_a_cold_and_a_warm_cache(loci, tmp_path, monkeypatch, name):
    agenda = AGENDAS[name]
    runs = commands(loci, agenda)
    full = [outcome(loci(*args, env={"LOCI_NO_CACHE": "1"})) for args in runs]
    assert all(code == 0 for code, _, _ in full), [r for r in full if r[0]]
    # Cold: a fresh cache for every command, so each is validated in full and saved.
    cold = [outcome(loci(*args, env={"LOCI_CACHE_DIR": str(tmp_path / f"cold-{i}")})) for i, args in enumerate(runs)]
    assert cold == full
    assert all(len(list((tmp_path / f"cold-{i}").glob("*.pickle"))) == 1 for i in range(len(runs)))

    warm_dir = tmp_path / "warm"
    loci(*runs[0], env={"LOCI_CACHE_DIR": str(warm_dir)})

    # Warm: the snapshot answers; validating again would trip this.
    def no_validation(*args, **kwargs):
        raise AssertionError("validated again despite a warm cache")

    monkeypatch.setattr(loci_cli.formats.load, "check_bytes", no_validation)
    warm = [outcome(loci(*args, env={"LOCI_CACHE_DIR": str(warm_dir)})) for args in runs]
    assert warm == full


@pytest.mark.parametrize("name", AGENDAS)
def test_the_warm_agenda_is_the_same_model_with_the_same_data(tmp_path, name, monkeypatch):
    environ = {"LOCI_CACHE_DIR": str(tmp_path)}
    validated = load_agenda(AGENDAS[name], environ, cached=True)
    monkeypatch.setattr(loci_cli.formats.load, "check_bytes", lambda *a: pytest.fail("validated again"))
    warm = load_agenda(AGENDAS[name], environ, cached=True)
    assert type(warm) is type(validated) is Agenda
    assert warm == validated and warm is not validated
    assert all(s.start_at.utcoffset().total_seconds() == 0 for _, s in warm.sessions())
    assert warm.zone is validated.zone


def test_a_changed_file_is_validated_again(loci, write_agenda):
    text = (FIXTURES / "minimal.json").read_text(encoding="utf-8")
    path = write_agenda(text)
    assert loci("sessions", "--json", "--agenda", str(path)).exit_code == 0

    path.write_text(text.replace('"Opening"', '"Opening!"'), encoding="utf-8")
    assert json.loads(loci("sessions", "--json", "--agenda", str(path)).stdout)[0]["sessions"][0]["title"] == "Opening!"

    # One byte: the opening now ends at 01:00, before it starts.
    path.write_text(text.replace('"end": "11:00"', '"end": "01:00"'), encoding="utf-8")
    result = loci("sessions", "--json", "--agenda", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert "$.days[0].sessions[0].end" in result.stderr and "before it starts" in result.stderr


def test_an_invalid_agenda_is_never_saved(loci, write_agenda, snapshot_cache):
    path = write_agenda((FIXTURES / "minimal.json").read_text(encoding="utf-8").replace('"11:00"', '"01:00"'))
    first, second = loci("today", "--agenda", str(path)), loci("today", "--agenda", str(path))
    assert first.exit_code == second.exit_code == 1 and first.stderr == second.stderr
    assert not list(snapshot_cache.iterdir())


class _Runs:
    """Unpickling this would call os.system: a planted cache file must never run code."""

    def __reduce__(self):
        return (os.system, ("echo planted > /dev/null",))


def _another_key(saved: tuple) -> tuple:
    return ("0" * 40, saved[1])


def _unknown_zone(saved: tuple) -> tuple:
    return (saved[0], saved[1]._replace(timezone="Mars/Olympus_Mons"))


def _not_an_agenda(saved: tuple) -> tuple:
    return (saved[0], saved[1].days[0])


def _code(saved: tuple) -> object:
    return _Runs()


def _in_first_session(**changes):
    def edit(saved: tuple) -> tuple:
        agenda = saved[1]
        day = agenda.days[0]
        first = day.sessions[0]._replace(**changes)
        days = (day._replace(sessions=(first, *day.sessions[1:])), *agenda.days[1:])
        return (saved[0], agenda._replace(days=days))

    edit.__name__ = "session_" + "_".join(changes)
    return edit


def _no_days(saved: tuple) -> tuple:
    return (saved[0], saved[1]._replace(days=()))


def _days_as_list(saved: tuple) -> tuple:
    return (saved[0], saved[1]._replace(days=list(saved[1].days)))


def _unknown_participant_zone(saved: tuple) -> tuple:
    from loci_cli.core.model import Participants

    return (saved[0], saved[1]._replace(participants=(Participants("Mars", ("Mars/Olympus_Mons",)),)))


def _zone_a_number(saved: tuple) -> tuple:
    return (saved[0], saved[1]._replace(timezone=42))


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00\xff not a pickle",
        pickle.dumps([]),
        pickle.dumps({"key": 1}),
        pickle.dumps(None),
        _another_key,
        _unknown_zone,
        _not_an_agenda,
        _code,
        _no_days,
        _days_as_list,
        _unknown_participant_zone,
        _zone_a_number,
        _in_first_session(title=None),
        _in_first_session(start_at="2021-03-28T08:00:00Z"),
        _in_first_session(start_at=datetime(2021, 3, 28, 8)),
        _in_first_session(speakers=["a"]),
        _in_first_session(links=("https://example.org",)),
    ],
)
def test_a_corrupt_snapshot_is_ignored_and_replaced(loci, snapshot_cache, garbage):
    args = ["sessions", "--json", "--agenda", str(FIXTURES / "minimal.json")]
    full = outcome(loci(*args, env={"LOCI_NO_CACHE": "1"}))
    assert outcome(loci(*args)) == full
    [saved] = snapshot_cache.glob("*.pickle")
    if callable(garbage):
        garbage = pickle.dumps(garbage(pickle.loads(saved.read_bytes())))
    saved.write_bytes(garbage)
    assert outcome(loci(*args)) == full
    assert saved.read_bytes() != garbage  # refused, and replaced by a good one
    assert pickle.loads(saved.read_bytes())[0] == saved.stem  # saved again, whole
    assert outcome(loci(*args)) == full


@pytest.mark.parametrize("where", ["a-file", "a-file/below"])
def test_an_unusable_cache_directory_is_harmless(loci, tmp_path, where):
    (tmp_path / "a-file").write_text("not a directory")
    args = ["today", "--json", "--date", "2020-11-10", "--tz", "Asia/Almaty"]
    full = outcome(loci(*args, env={"LOCI_NO_CACHE": "1"}))
    for _ in range(2):
        assert outcome(loci(*args, env={"LOCI_CACHE_DIR": str(tmp_path / where)})) == full
    assert (tmp_path / "a-file").read_text() == "not a directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_directory_is_harmless(loci, snapshot_cache):
    snapshot_cache.chmod(0o500)
    try:
        assert loci("days", "--json").exit_code == 0
        assert not list(snapshot_cache.iterdir())
    finally:
        snapshot_cache.chmod(0o700)


def test_loci_no_cache_writes_nothing(loci, snapshot_cache):
    assert loci("days", "--json", env={"LOCI_NO_CACHE": "1"}).exit_code == 0
    assert not list(snapshot_cache.iterdir())
    assert loci("days", "--json", env={"LOCI_NO_CACHE": "0"}).exit_code == 0
    assert len(list(snapshot_cache.glob("*.pickle"))) == 1


def test_each_format_asked_for_has_its_own_snapshot(loci, snapshot_cache):
    frab = str(FIXTURES / "frab-nightcon.json")
    assert loci("days", "--agenda", frab).exit_code == 0
    assert loci("days", "--agenda", frab, "--format", "frab").exit_code == 0
    assert len(list(snapshot_cache.glob("*.pickle"))) == 2
    # Read as loci's own format, the same bytes are an error, whatever the cache holds.
    result = loci("days", "--agenda", frab, "--format", "loci")
    assert result.exit_code == 1 and "$.id: Field required" in result.stderr


def test_the_cache_keeps_only_the_newest_snapshots(tmp_path):
    agenda = load_agenda(FIXTURES / "minimal.json", {"LOCI_NO_CACHE": "1"})
    keys = [f"{i:040x}" for i in range(snapshot.KEEP + 5)]
    for i, key in enumerate(keys):
        snapshot.save(tmp_path, key, agenda)
        os.utime(tmp_path / f"{key}.pickle", (1_000_000 + i, 1_000_000 + i))
    crashed = tmp_path / f".{'e' * 40}.4242.tmp"  # a temporary file of a run that died mid-write
    crashed.write_text("")
    os.utime(crashed, (0, 0))
    newest = "f" * 40
    snapshot.save(tmp_path, newest, agenda)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == snapshot.KEEP
    assert f"{newest}.pickle" in kept and f"{keys[0]}.pickle" not in kept and crashed.name not in kept
    assert snapshot.load(tmp_path, newest) is not None


def test_a_cache_folder_holding_the_users_own_files_keeps_every_one(loci, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o700)
    names = [f"note-{i}.json" for i in range(20)] + [f"model-{i}.pickle" for i in range(20)] + [f".draft-{i}.tmp" for i in range(20)]
    for i, name in enumerate(names):
        (folder / name).write_text(f"the user's own file {i}")
        os.utime(folder / name, (i, i))  # older than any snapshot: the first to go, were they loci's
    args = ["days", "--json", "--agenda", str(FIXTURES / "minimal.json")]
    for revision in range(snapshot.KEEP + 3):
        # A new agenda's bytes each time: a new snapshot each time, past KEEP, so pruning runs.
        changed = tmp_path / "agenda.json"
        data = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))
        data["revision"] = revision + 1
        changed.write_text(json.dumps(data), encoding="utf-8")
        assert loci("days", "--json", "--agenda", str(changed), env={"LOCI_CACHE_DIR": str(folder)}).exit_code == 0
    assert loci(*args, env={"LOCI_CACHE_DIR": str(folder)}).exit_code == 0
    for i, name in enumerate(names):
        assert (folder / name).read_text() == f"the user's own file {i}", name
    assert len(list(folder.glob("*.pickle"))) == 20 + snapshot.KEEP  # the user's 20 and loci's newest KEEP


@pytest.mark.parametrize("mode", [0o770, 0o777, 0o1777])
def test_a_folder_others_can_write_to_is_not_used(loci, tmp_path, mode):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    assert snapshot.unusable(folder) == "other users can write to it"
    agenda = load_agenda(FIXTURES / "minimal.json", {"LOCI_NO_CACHE": "1"})
    key = snapshot.snapshot_key((FIXTURES / "minimal.json").read_bytes(), "auto")
    # A snapshot planted there by someone else is never served ...
    (folder / f"{key}.pickle").write_bytes(pickle.dumps((key, agenda._replace(title="Planted"))))
    assert snapshot.load(folder, key) is None
    result = loci("days", "--json", "--agenda", str(FIXTURES / "minimal.json"), env={"LOCI_CACHE_DIR": str(folder)})
    assert result.exit_code == 0 and "Planted" not in result.stdout
    # ... and loci writes none of its own there.
    (folder / f"{key}.pickle").unlink()
    assert loci("days", "--json", "--agenda", str(FIXTURES / "minimal.json"), env={"LOCI_CACHE_DIR": str(folder)}).exit_code == 0
    assert list(folder.iterdir()) == []


def test_a_snapshot_that_is_not_a_regular_file_is_never_opened(tmp_path):
    import subprocess
    import sys

    from helpers import subprocess_env

    agenda = FIXTURES / "minimal.json"
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    key = snapshot.snapshot_key(agenda.read_bytes(), "auto")
    os.mkfifo(folder / f"{key}.pickle")
    # No writer ever opens the FIFO: reading it would block forever. The timeout proves it doesn't.
    env = subprocess_env()
    env["LOCI_CACHE_DIR"] = str(folder)
    done = subprocess.run(
        [sys.executable, "-m", "loci_cli", "days", "--json", "--agenda", str(agenda)], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    # A symlink to a good snapshot is not followed either.
    target = tmp_path / "elsewhere.pickle"
    good = load_agenda(agenda, {"LOCI_NO_CACHE": "1"})
    target.write_bytes(pickle.dumps((key, good)))
    (folder / f"{key}.pickle").unlink()
    (folder / f"{key}.pickle").symlink_to(target)
    assert snapshot.load(folder, key) is None


def test_where_the_cache_lives(tmp_path):
    home = str(Path.home() / ".cache" / "loci")
    assert snapshot.cache_dir({}) == Path(home)
    assert snapshot.cache_dir({"XDG_CACHE_HOME": "/x/cache"}) == Path("/x/cache/loci")
    assert snapshot.cache_dir({"XDG_CACHE_HOME": "relative"}) == Path(home)  # the XDG spec ignores relative paths
    assert snapshot.cache_dir({"XDG_CACHE_HOME": "/x", "LOCI_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert snapshot.cache_dir({"LOCI_CACHE_DIR": str(tmp_path), "LOCI_NO_CACHE": "1"}) is None


def test_the_key_follows_bytes_format_and_versions(monkeypatch):
    data = (FIXTURES / "minimal.json").read_bytes()
    key = snapshot.snapshot_key(data, "auto")
    assert key == snapshot.snapshot_key(data, "auto")
    assert key != snapshot.snapshot_key(data + b" ", "auto")
    assert key != snapshot.snapshot_key(data, "loci")
    monkeypatch.setattr(snapshot, "_tzdata_version", lambda: "2099z")
    assert key != snapshot.snapshot_key(data, "auto")
    monkeypatch.undo()
    monkeypatch.setattr(snapshot, "__version__", "99.0")
    assert key != snapshot.snapshot_key(data, "auto")
    monkeypatch.undo()
    monkeypatch.setattr(snapshot, "SNAPSHOT_FORMAT", snapshot.SNAPSHOT_FORMAT + 1)
    assert key != snapshot.snapshot_key(data, "auto")


def test_editing_loci_own_rules_invalidates_snapshots(tmp_path):
    """A changed rules.py (say, a new rule) must not be answered from old snapshots."""
    models = os.path.join(os.path.dirname(os.path.dirname(snapshot.__file__)), "core", "rules.py")
    before = snapshot.snapshot_key(b"{}", "auto")
    status = os.stat(models)
    try:
        os.utime(models, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        assert snapshot.snapshot_key(b"{}", "auto") != before
    finally:
        os.utime(models, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert snapshot.snapshot_key(b"{}", "auto") == before


@pytest.mark.parametrize("name", ["Organisation", "Contact", "Link", "Participants", "Session", "Day", "Agenda"])
def test_the_format_and_the_model_have_the_same_fields(name):
    """A field added to the JSON format must reach the model (formats/loci_json.build), and back."""
    from loci_cli.core import model
    from loci_cli.formats.loci import read as loci_json

    core = set(getattr(model, name)._fields) - {"start_at", "end_at"}
    # The agenda's format tag and $schema say how the file was written, not what it means;
    # a session's start and end clocks become its instants.
    written = set(getattr(loci_json, name).model_fields) - {"format", "schema_", "start", "end"}
    assert core == written


def test_a_refused_cache_folder_is_named_once_on_stderr_and_json_stays_json(loci, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    result = loci("days", "--json", env={"LOCI_CACHE_DIR": str(folder)})
    assert result.exit_code == 0 and json.loads(result.stdout)
    assert result.stderr.count("\n") == 1 and f"not using the cache folder {folder}: other users can write to it" in result.stderr
