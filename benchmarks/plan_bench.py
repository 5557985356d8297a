#!/usr/bin/env python3
"""Time 'loci plan' at conference sizes, as ratios to a bare ``python -c pass``.

    .venv/bin/python benchmarks/plan_bench.py            # every size
    .venv/bin/python benchmarks/plan_bench.py --quick    # fewer repetitions

Each size names its places with ``--tz`` (distinct zones from the zone
database, in a fixed order) and its dates with ``--date``, on the embedded
agenda, whose snapshot a first run caches (in a temporary folder). Wall time is the median of the runs; peak memory is the child's maximum
resident set size (``os.wait4``). A run that passes ``--timeout`` is stopped and
reported as such. The issue's targets: 100 places over 4 dates at most 10x bare
python; 400 places over 50 dates under 5 s and 300 MB; ``--rotate`` over 5 dates
and 350 places bounded. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zoneinfo
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCI = [sys.executable, "-m", "loci_cli"]
# Repeat runs, as people run them: the agenda's snapshot is cached by a first run.
CACHE = tempfile.mkdtemp(prefix="loci-plan-bench-")


def _zones(count: int) -> list[str]:
    keys = sorted(k for k in zoneinfo.available_timezones() if "/" in k and not k.startswith(("Etc/", "SystemV/", "US/")))
    return keys[:count]


def _dates(count: int) -> list[str]:
    first = date(2020, 11, 10)
    return [(first + timedelta(days=i)).isoformat() for i in range(count)]


def _args(places: int, dates: int, rotate: bool = False) -> list[str]:
    args = ["plan"]
    for zone in _zones(places):
        args += ["--tz", zone]
    for on in _dates(dates):
        args += ["--date", on]
    return [*args, "--rotate"] if rotate else args


def _run(command: list[str], timeout: float) -> tuple[float, float, bool, float]:
    """Wall seconds, peak MB, whether it finished in time, and CPU seconds (steadier on a busy machine)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "LOCI_CACHE_DIR": CACHE})
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            child.kill()
            os.wait4(child.pid, 0)
            return timeout, 0.0, False, 0.0
        time.sleep(0.002)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        assert child.stderr is not None
        raise SystemExit(f"{' '.join(command[:6])} ... failed: {child.stderr.read().decode()}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024, True, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is stopped")
    options = parser.parse_args()
    repeat = 3 if options.quick else 7
    bare_runs = [_run([sys.executable, "-c", "pass"], options.timeout) for _ in range(repeat * 3)]
    bare = statistics.median(r[0] for r in bare_runs)
    bare_cpu = statistics.median(r[3] for r in bare_runs)
    print(f"bare python: {bare * 1000:.1f} ms wall, {bare_cpu * 1000:.1f} ms CPU (median of {repeat * 3})")
    sizes = [
        ("10 places, 4 dates", 10, 4, False),
        ("100 places, 4 dates", 100, 4, False),
        ("400 places, 4 dates", 400, 4, False),
        ("400 places, 50 dates", 400, 50, False),
        ("--rotate 10 places, 4 dates", 10, 4, True),
        ("--rotate 350 places, 5 dates", 350, 5, True),
    ]
    _run([*LOCI, "plan", "--top", "1"], options.timeout)
    print(f"{'size':32} {'median':>9} {'x bare':>8} {'CPU x bare':>11} {'peak MB':>8}")
    for label, places, dates, rotate in sizes:
        runs = [_run([*LOCI, *_args(places, dates, rotate)], options.timeout) for _ in range(1 if places >= 350 else repeat)]
        if not all(r[2] for r in runs):
            print(f"{label:32} {'> ' + format(options.timeout, '.0f') + ' s':>9} {'-':>8} {'-':>11} {'-':>8}")
            continue
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[3] for r in runs)
        peak = max(r[1] for r in runs)
        print(f"{label:32} {wall:8.3f}s {wall / bare:7.1f}x {cpu / bare_cpu:10.1f}x {peak:8.0f}")


if __name__ == "__main__":
    main()
