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
