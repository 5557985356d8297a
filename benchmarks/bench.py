#!/usr/bin/env python3
"""Time loci's start-up and its scaling, and check them against the targets.

    python3 benchmarks/bench.py            # from a clean clone: installs loci in a temporary venv
    python3 benchmarks/bench.py --quick    # fewer repetitions
    .venv/bin/python benchmarks/bench.py   # use the loci installed next to this interpreter

Start-up is reported as a ratio to a bare ``python -c pass`` on the same
interpreter: ratios hold across machines, absolute times don't. Peak memory is
the child's maximum resident set size (``getrusage(RUSAGE_CHILDREN)``), read in
a small wrapper process per run so each run is measured alone.

Only the standard library is used; hyperfine is not needed.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The agendas are the tests' own factory (standard library only, no pytest).
sys.path.insert(0, str(ROOT / "tests"))
from factories import make_agenda  # noqa: E402

SIZES = (100, 1_000, 10_000)
# The day generated agendas are queried on ({date} in the commands below).
QUERY_DATE = "2021-03-01"

# What runs on each generated agenda. {agenda}, {date} and {out} (a fresh
# path in a temporary directory) are filled in; add a command here to time it
# at every size, e.g. ("export", ["export", "--agenda", "{agenda}", "-o", "{out}"]).
# An optional third item adds environment variables: LOCI_NO_CACHE times the
# first run of an agenda (validated in full); the others repeat runs, which the
# snapshot cache answers (the warm-up run fills it).
NO_CACHE = {"LOCI_NO_CACHE": "1"}
SIZE_COMMANDS: list[tuple] = [
    ("today", ["today", "--agenda", "{agenda}", "--date", "{date}", "--tz", "Asia/Almaty"]),
    ("today --json", ["today", "--agenda", "{agenda}", "--date", "{date}", "--tz", "Asia/Almaty", "--json"]),
    ("today, no cache", ["today", "--agenda", "{agenda}", "--date", "{date}", "--tz", "Asia/Almaty"], NO_CACHE),
    ("export", ["export", "--agenda", "{agenda}", "--force", "-o", "{out}"]),
]

# Start-up, on the embedded agenda, as ratios to a bare interpreter.
STARTUP_COMMANDS: list[tuple] = [
    ("today --json", ["today", "--json", "--tz", "Asia/Almaty", "--date", "2020-11-10"]),
    ("today --json, no cache", ["today", "--json", "--tz", "Asia/Almaty", "--date", "2020-11-10"], NO_CACHE),
    ("sessions (table)", ["sessions", "--tz", "Asia/Almaty"]),
    ("--help", ["--help"]),
]


@dataclass(frozen=True)
class Target:
    what: str
    limit: float
    unit: str

    def verdict(self, value: float) -> str:
        return "ok" if value <= self.limit else "MISSED"


TARGETS = {
    "startup": Target("today --json vs bare python", 10.0, "x"),
    "today_10k": Target("today on 10,000 sessions", 1.5, "s"),
    "export_10k": Target("export of 10,000 sessions", 5.0, "s"),
    "export_linear": Target("export time per session, 10,000 vs 1,000", 1.5, "x"),
    "memory": Target("peak memory at 10,000 sessions", 200.0, "MB"),
}


# Runs one command and prints its wall time and its peak RSS in kB (Linux) or bytes (macOS).
_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run of ``argv``; fails loudly on a non-zero exit."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *argv], env=env, capture_output=True, text=True, check=True)
    code, wall, rss = done.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"bench: {' '.join(argv)} exited {code}")
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024
    return float(wall), int(rss) / per_mb


def time_runs(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall time and the highest peak memory over ``runs`` runs (after one warm-up)."""
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = [measure(argv, env) for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(m for _, m in results)


def find_loci(install: bool) -> tuple[list[str], str]:
    """The loci script and the interpreter it runs on: next to this one, or a fresh install."""
    here = Path(sys.executable).parent / ("loci.exe" if os.name == "nt" else "loci")
    if here.exists() and not install:
        return [str(here)], sys.executable
    venv = Path(tempfile.mkdtemp(prefix="loci-bench-venv-"))
    atexit.register(shutil.rmtree, venv, ignore_errors=True)
    print(f"installing loci from {ROOT} into {venv} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    return [str(bindir / "loci")], str(bindir / "python")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (noisier)")
    parser.add_argument("--install", action="store_true", help="always install loci into a fresh venv first")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="agenda sizes to generate")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    loci, python = find_loci(args.install)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "FORCE_COLOR"))}
    env.update(COLUMNS="100", NO_COLOR="1", TZ="UTC")
    # Time loci as installed: with its bytecode cached, not compiled on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = tempfile.mkdtemp(prefix="loci-bench-cache-")
    atexit.register(shutil.rmtree, cache, ignore_errors=True)
    env["LOCI_CACHE_DIR"] = cache
    results: dict = {"python": sys.version.split()[0], "startup": {}, "sizes": {}}

    bare, _ = time_runs([python, "-c", "pass"], env, runs)
    results["startup"]["bare python -c pass (s)"] = round(bare, 4)
    for name, argv, *extra in STARTUP_COMMANDS:
        wall, _ = time_runs([*loci, *argv], {**env, **(extra[0] if extra else {})}, runs)
        results["startup"][name] = {"seconds": round(wall, 4), "ratio": round(wall / bare, 1)}

    with tempfile.TemporaryDirectory(prefix="loci-bench-") as tmp:
        for size in args.sizes:
            agenda = Path(tmp) / f"agenda-{size}.json"
            agenda.write_text(json.dumps(make_agenda(size)), encoding="utf-8")
            row = {}
            for name, template, *extra in SIZE_COMMANDS:
                out = Path(tmp) / f"out-{size}-{name.replace(' ', '-')}"
                argv = [part.format(agenda=agenda, date=QUERY_DATE, out=out) for part in template]
                wall, peak = time_runs([*loci, *argv], {**env, **(extra[0] if extra else {})}, max(3, runs // 3))
                row[name] = {"seconds": round(wall, 3), "peak_mb": round(peak, 1)}
            results["sizes"][size] = row

    checks = [(TARGETS["startup"], results["startup"]["today --json"]["ratio"])]
    largest = results["sizes"].get(10_000)
    if largest:
        # The slower of a first run and a repeat run.
        checks.append((TARGETS["today_10k"], max(largest["today"]["seconds"], largest["today, no cache"]["seconds"])))
        checks.append((TARGETS["export_10k"], largest["export"]["seconds"]))
        thousand = results["sizes"].get(1_000)
        if thousand:
            # Linear growth: the time per session at 10,000 is no worse than at 1,000
            # (within noise); start-up is subtracted so it doesn't flatter the small size.
            # Export always validates in full, so its start-up is a first run's.
            base = results["startup"]["today --json, no cache"]["seconds"]
            per = [(row["export"]["seconds"] - base) / size for size, row in ((1_000, thousand), (10_000, largest))]
            checks.append((TARGETS["export_linear"], round(per[1] / per[0], 2)))
        checks.append((TARGETS["memory"], max(r["peak_mb"] for r in largest.values())))
    results["targets"] = [{"what": t.what, "limit": f"{t.limit:g} {t.unit}", "value": v, "verdict": t.verdict(v)} for t, v in checks]

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        report(results, bare)
    return 0 if all(t["verdict"] == "ok" for t in results["targets"]) else 1


def report(results: dict, bare: float) -> None:
    print(f"Python {results['python']}; bare `python -c pass`: {bare * 1000:.1f} ms\n")
    print(f"{'start-up':<32}{'ms':>8}{'× bare':>9}")
    for name, value in results["startup"].items():
        if isinstance(value, dict):
            print(f"{'loci ' + name:<32}{value['seconds'] * 1000:>8.1f}{value['ratio']:>9.1f}")
    print(f"\n{'size':>7}  {'command':<18}{'s':>8}{'peak MB':>10}")
    for size, row in results["sizes"].items():
        for name, value in row.items():
            print(f"{size:>7}  {name:<18}{value['seconds']:>8.3f}{value['peak_mb']:>10.1f}")
    print("\ntargets")
    for t in results["targets"]:
        print(f"  {t['what']:<34} {t['value']:>8} (limit {t['limit']}): {t['verdict']}")


if __name__ == "__main__":
    sys.exit(main())
