"""Output files (issue 10): special files are written into, symlinks followed, modes kept."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from loci_cli.io.files import Target, write_files


def test_dev_null_is_written_to_not_replaced(loci):
    before = os.stat("/dev/null")
    result = loci("export", "-o", "/dev/null", "--force")
    assert result.exit_code == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_a_fifo_is_written_to_not_replaced(loci, tmp_path):
    fifo = tmp_path / "calendar.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = loci("export", "--session", "d1-welcome", "-o", str(fifo), "--force")
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"BEGIN:VCALENDAR") and b"UID:d1-welcome@" in received[0]
    assert [p.name for p in tmp_path.iterdir()] == ["calendar.fifo"]  # no temporary file left


def test_a_symlink_is_followed_and_stays(loci, tmp_path):
    real = tmp_path / "calendars" / "loci.ics"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "loci.ics"
    link.symlink_to(real)
    result = loci("export", "-o", str(link), "--force")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert sorted(p.name for p in real.parent.iterdir()) == ["loci.ics"]


def test_a_symlink_without_force_is_refused(loci, tmp_path):
    real = tmp_path / "real.ics"
    real.write_text("old")
    (tmp_path / "link.ics").symlink_to(real)
    result = loci("export", "-o", str(tmp_path / "link.ics"))
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert real.read_text() == "old"


def test_force_keeps_the_files_mode(loci, tmp_path):
    path = tmp_path / "private.ics"
    path.write_text("old")
    path.chmod(0o640)
    result = loci("export", "-o", str(path), "--force")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file to another user")
def test_force_keeps_the_files_owner_where_allowed(tmp_path):
    path = tmp_path / "theirs.ics"
    path.write_text("old")
    os.chown(path, 4321, 4321)
    write_files([Target(path, b"new")], force=True)
    info = os.stat(path)
    assert (info.st_uid, info.st_gid) == (4321, 4321) and path.read_bytes() == b"new"


def test_a_new_file_gets_the_umask_mode(tmp_path):
    path = tmp_path / "new.ics"
    umask = os.umask(0o027)
    try:
        write_files([Target(path, b"x")])
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_a_dangling_symlink_creates_its_target(tmp_path: Path):
    link = tmp_path / "link.ics"
    link.symlink_to(tmp_path / "made.ics")
    write_files([Target(link, b"x")])
    assert link.is_symlink() and (tmp_path / "made.ics").read_bytes() == b"x"


# --- a path that cannot be written: one line naming it, with a hint (issue 17) ----------------


def assert_one_line(result, path: str, words: str) -> None:
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"loci: error: {path}: {words}") and "(hint: " in result.stderr, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("option", ["-o", "--split"])
def test_a_loop_of_links_is_one_line(loci, tmp_path: Path, option: str):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    for force in ([], ["--force"]):
        assert_one_line(loci("export", option, str(loop), *force), str(loop), "is a loop of symbolic links")
    assert [p.name for p in tmp_path.iterdir()] == ["loop"]


@pytest.mark.parametrize("option", ["-o", "--split"])
def test_a_name_too_long_is_one_line(loci, tmp_path: Path, option: str):
    long = tmp_path / ("x" * 300)
    assert_one_line(loci("export", option, str(long)), str(long), "is a name longer than the file system allows")


def test_a_folder_is_one_line_and_left_alone(loci, tmp_path: Path):
    assert_one_line(loci("export", "-o", str(tmp_path), "--force"), str(tmp_path), "is a directory")
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_place_is_one_line(loci, tmp_path: Path):
    if os.geteuid() == 0:
        # Root writes anywhere the file system allows: only a read-only mount refuses it.
        place = Path("/sys")
        if not os.statvfs(place).f_flag & os.ST_RDONLY:
            pytest.skip("running as root, and /sys is not mounted read-only here")
    else:
        place = tmp_path / "locked"
        place.mkdir(mode=0o555)
    target = place / "loci.ics"
    result = loci("export", "-o", str(target))
    assert result.exit_code == 1 and "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"loci: error: {target}: ") and "(hint: choose a writable place" in result.stderr
    assert not target.exists()


def test_stdout_is_dash_and_a_file_is_never_overwritten_without_force(loci, tmp_path: Path):
    assert loci("export", "-o", "-").stdout_bytes.startswith(b"BEGIN:VCALENDAR")
    kept = tmp_path / "kept.ics"
    kept.write_text("mine")
    assert loci("export", "-o", str(kept)).exit_code == 1 and kept.read_text() == "mine"


def test_split_files_never_go_through_a_link_in_their_folder(loci, tmp_path):
    folder, outside = tmp_path / "split", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "d1-welcome.ics").symlink_to(outside / "planted.ics")  # dangling: it would create the file
    for extra in ([], ["--force"]):
        result = loci("export", "--split", str(folder), *extra)
        assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []
