#!/usr/bin/env python3
"""Plant each one-line mistake that issue 9 says the suite once missed, and show the test that now fails.

    .venv/bin/python scripts/issue9_mistakes.py

Each mistake is written into the source, its test file is run, and the file is
put back (also on Ctrl-C); `git status` stays clean. Exit 1 if any goes unnoticed.
"""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
PLANTS = [
    (
        "end at midnight on next date",
        "src/loci_cli/core/queries.py",
        "s.start_at < end and s.end_at > begin",
        "s.start_at < end and s.end_at >= begin",
        "tests/core/test_core_queries.py",
    ),
    (
        "now at end instant current",
        "src/loci_cli/core/queries.py",
        "if session.start_at <= at < session.end_at:",
        "if session.start_at <= at <= session.end_at:",
        "tests/core/test_core_queries.py",
    ),
    (
        "-1 printed as +1",
        "src/loci_cli/views/zones.py",
        'return f"{days:+d}" if days else ""',
        'return f"+{abs(days)}" if days else ""',
        "tests/views/test_views_rows.py",
    ),
    (
        ":30 dropped",
        "src/loci_cli/core/time.py",
        'return f"{sign}{hours}" + (f":{mins:02d}" if mins else "")',
        'return f"{sign}{hours}"',
        "tests/core/test_core_time.py",
    ),
    ("files 0600", "src/loci_cli/io/files.py", "        os.chmod(temp, 0o666 & ~umask)\n", "", "tests/formats/test_published.py"),
    (
        "guid namespace",
        "src/loci_cli/formats/frab/shared.py",
        '"https://loci.invalid/frab/guid"',
        '"https://loci.invalid/frab/guids"',
        "tests/formats/test_published.py",
    ),
    (
        "UTC+14 off by one",
        "src/loci_cli/core/zones.py",
        "MAX_OFFSET_MINUTES = {1: 14 * 60, -1: 12 * 60}",
        "MAX_OFFSET_MINUTES = {1: 14 * 60 + 1, -1: 12 * 60}",
        "tests/core/test_core_zones.py",
    ),
    (
        "UTC-12 off by one",
        "src/loci_cli/core/zones.py",
        "MAX_OFFSET_MINUTES = {1: 14 * 60, -1: 12 * 60}",
        "MAX_OFFSET_MINUTES = {1: 14 * 60, -1: 12 * 60 + 1}",
        "tests/core/test_core_zones.py",
    ),
    (
        "UTC+14 and -12 themselves refused",
        "src/loci_cli/core/zones.py",
        "minutes > MAX_OFFSET_MINUTES[sign]",
        "minutes >= MAX_OFFSET_MINUTES[sign]",
        "tests/core/test_core_zones.py",
    ),
    (
        "accents not folded",
        "src/loci_cli/core/zonenames.py",
        'bare = "".join(c for c in decomposed if not unicodedata.combining(c))',
        "bare = text",
        "tests/core/test_core_zones.py",
    ),
    (
        "duration float",
        "src/loci_cli/core/model.py",
        "return int((self.end_at - self.start_at).total_seconds() // 60)",
        "return (self.end_at - self.start_at).total_seconds() / 60",
        "tests/core/test_core_time.py",
    ),
    (
        "minutes_between float",
        "src/loci_cli/core/time.py",
        "return int((end - start).total_seconds() // 60)",
        "return (end - start).total_seconds() / 60",
        "tests/views/test_views_rows.py",
    ),
]
missed = 0
for what, rel, old, new, test in PLANTS:
    path = ROOT / rel
    text = path.read_text()
    assert text.count(old) == 1, (what, text.count(old))
    path.write_text(text.replace(old, new))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", test], cwd=ROOT, capture_output=True, text=True
        )
        last = done.stdout.strip().splitlines()[-1]
        failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED")]
        print(f"{'CAUGHT' if done.returncode else 'MISSED'}  {what}: {failed[0] if failed else last}")
        missed += done.returncode == 0
    finally:
        path.write_text(text)
sys.exit(1 if missed else 0)
