#!/usr/bin/env python3
"""Time loci's commands as the work grows, as ratios measured in the same run, and check the targets.

    python3 benchmarks/bench.py              # from a clean clone: installs loci in a temporary venv
    python3 benchmarks/bench.py --quick      # fewer repetitions (one timed run at 10,000 sessions)
    python3 benchmarks/bench.py --large      # 100,000 sessions too (minutes)
    .venv/bin/python benchmarks/bench.py     # use the loci installed next to this interpreter
    .venv/bin/python benchmarks/bench.py --quick --markdown   # the README's table

Every figure is a ratio to something measured in the same run, on the same
interpreter, because ratios hold across machines and busy minutes and absolute
times don't:

- start-up and the small commands: to a bare ``python -c pass``;
- ``export``: to the *icalendar floor*, a short program that loads the same
  agenda file and writes the same events with the icalendar library alone;
- ``publish``, ``invite``, ``export --format frab``: to ``export`` of the same agenda;
- the ``sessions`` table: to ``sessions --json`` of the same agenda;
- ``plan``: to a bare start, at 10, 100 and 400 places.

Growth: each command runs on agendas of 10 (its fixed cost), 1,000 and 10,000
sessions (and 100,000 with ``--large``); the cost per session of each decade,
fixed cost taken away, divided by the decade before's is 1.0 for linear work (left out below
``NOISE``, 20 ms of work at the smaller size).

Peak memory is the child's maximum resident set size (``getrusage(RUSAGE_CHILDREN)``),
read in a small wrapper process per run so each run is measured alone. Only the
standard library is used (the agendas come from tests/factories.py); hyperfine is
not needed. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The agendas are the tests' own factory (standard library only, no pytest).
sys.path.insert(0, str(ROOT / "tests"))
from factories import make_agenda  # noqa: E402

#: the fixed-cost size, then the decades
BASE = 10
SIZES = (1_000, 10_000)
LARGE = 100_000
PLACES = (10, 100, 400)
# The day generated agendas are queried on ({date} in the commands below).
QUERY_DATE = "2021-03-01"
NO_CACHE = {"LOCI_NO_CACHE": "1"}
#: below this much work beyond the fixed cost (CPU seconds, at the smaller size), a growth ratio is noise
NOISE = 0.02


@dataclass(frozen=True)
class Command:
    """A command timed at every size. {agenda}, {date}, {out} (a fresh path per run) and {attendees} are filled in."""

    name: str
    argv: list[str]
    #: what its ratio is to: 'bare', 'floor' or another command's name
    against: str = "bare"
    env: dict[str, str] | None = None
    #: with --quick, the largest size it runs at (the slowest commands)
    quick_upto: int | None = None


SIZE_COMMANDS = [
    Command("today", ["today", "--agenda", "{agenda}", "--date", "{date}", "--tz", "Asia/Almaty"]),
    Command("today --json", ["today", "--agenda", "{agenda}", "--date", "{date}", "--tz", "Asia/Almaty", "--json"]),
    Command("today, first run", ["today", "--agenda", "{agenda}", "--date", "{date}", "--tz", "Asia/Almaty"], env=NO_CACHE),
    Command("sessions --json", ["sessions", "--agenda", "{agenda}", "--tz", "Asia/Almaty", "--json"]),
    Command("sessions", ["sessions", "--agenda", "{agenda}", "--tz", "Asia/Almaty"], against="sessions --json"),
    Command("zones", ["zones", "--agenda", "{agenda}", "--tz", "Asia/Almaty", "--tz", "America/New_York"]),
    Command("validate", ["validate", "{agenda}"]),
    Command("export", ["export", "--agenda", "{agenda}", "-o", "{out}"], against="floor"),
    Command("export frab", ["export", "--agenda", "{agenda}", "--format", "frab", "-o", "{out}"], against="export"),
    Command("publish", ["publish", "--agenda", "{agenda}", "{out}"], against="export"),
    Command(
        "invite",
        ["invite", "--agenda", "{agenda}", "--organizer", "meeting@example.org", "--attendees", "{attendees}", "--outbox", "{out}"],
        against="export",
        quick_upto=1_000,
    ),
]

# Start-up, on the embedded agenda, as ratios to a bare interpreter.
STARTUP_COMMANDS = [
    Command("today --json", ["today", "--json", "--tz", "Asia/Almaty", "--date", "2020-11-10"]),
    Command("today --json, first run", ["today", "--json", "--tz", "Asia/Almaty", "--date", "2020-11-10"], env=NO_CACHE),
    Command("sessions (table)", ["sessions", "--tz", "Asia/Almaty"]),
    Command("--version", ["--version"]),
    Command("--help", ["--help"]),
]

# The icalendar floor: the same agenda file read and its sessions written as
# UTC events with the icalendar library alone (the fields loci writes for each).
FLOOR = r"""
import json, sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
from icalendar import Calendar, Event
data = json.load(open(sys.argv[1], encoding="utf-8"))
zone = ZoneInfo(data["timezone"])
stamp = datetime.now(timezone.utc).replace(microsecond=0)
def at(day, text):
    local = datetime.fromisoformat(text if "T" in text else day["date"] + "T" + text)
    return local.replace(tzinfo=zone).astimezone(timezone.utc)
calendar = Calendar()
calendar.add("prodid", "-//bench//floor//EN")
calendar.add("version", "2.0")
calendar.add("x-wr-calname", data["title"])
for day in data["days"]:
    for s in day["sessions"]:
        event = Event()
        event.add("summary", s["title"])
        event.add("dtstart", at(day, s["start"]))
        event.add("dtend", at(day, s["end"]))
        event.add("dtstamp", stamp)
        event.add("uid", s["id"] + "@" + data["id"])
        event.add("sequence", 0)
        event.add("categories", [s["kind"]])
        event.add("description", day["title"])
        event.add("location", "Online")
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
open(sys.argv[2], "wb").write(calendar.to_ical())
"""


@dataclass(frozen=True)
class Target:
    what: str
    limit: float
    unit: str

    def verdict(self, value: float) -> str:
        return "ok" if value <= self.limit else "MISSED"


TARGETS = {
    "today_json": Target("today --json (repeat run) vs bare python", 7.0, "x"),
    "version": Target("--version vs bare python", 3.0, "x"),
    "first_run_10k": Target("today, first run, 10,000 sessions vs bare", 20.0, "x"),
    "table_10k": Target("sessions table vs its --json, 10,000", 2.0, "x"),
    "publish_10k": Target("publish vs export, 10,000", 2.0, "x"),
    "plan_100": Target("plan, 100 places over 4 dates vs bare", 10.0, "x"),
    "plan_big": Target("plan, 400 places over 50 dates", 5.0, "s"),
    "plan_big_memory": Target("plan, 400 places over 50 dates, peak", 300.0, "MB"),
    "export_100k_memory": Target("export of 100,000 sessions, peak", 350.0, "MB"),
    "linear": Target("worst growth per decade (1.0 = linear)", 1.3, "x"),
}


# Runs one command and prints its wall time and its peak RSS in kB (Linux) or bytes (macOS).
# Runs one command and prints its wall time, its CPU time (user + system) and its
# peak RSS in kB (Linux) or bytes (macOS).
_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, wall, used.ru_utime + used.ru_stime, used.ru_maxrss)
"""

#: what the ratios compare: 'cpu' (user + system: steady on a busy machine) or 'wall'
CLOCK = "cpu"


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one run of ``argv``; fails loudly on a non-zero exit."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *argv], env=env, capture_output=True, text=True, check=True)
    code, wall, cpu, rss = done.stdout.split()
    if int(code) != 0:
        failed = subprocess.run(argv, env=env, capture_output=True, text=True)
        raise SystemExit(f"bench: {' '.join(argv)} exited {code}: {failed.stderr.strip()[:300]}")
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024
    return float(wall), float(cpu), int(rss) / per_mb


def time_runs(make_argv: Callable[[], list[str]], env: dict[str, str], runs: int, warm: bool = True) -> dict[str, float]:
    """Median wall and CPU time and the highest peak memory over ``runs`` runs (after one warm-up, unless ``warm`` is false);
    'seconds' is the clock the ratios use (``CLOCK``)."""
    if warm:
        subprocess.run(make_argv(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = [measure(make_argv(), env) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    return {
        "seconds": round(cpu if CLOCK == "cpu" else wall, 4),
        "wall": round(wall, 4),
        "cpu": round(cpu, 4),
        "peak_mb": round(max(r[2] for r in results), 1),
    }


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


def places(count: int) -> list[str]:
    """``count`` different zones (canonical names, spread over the world's offsets), for ``plan --tz``."""
    names = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/")))
    step = max(1, len(names) // count)
    chosen = names[::step][:count]
    if len(chosen) < count:
        raise SystemExit(f"bench: only {len(chosen)} zones for {count} places")
    return chosen


class Fresh:
    """A new path in the run's temporary directory each time it is asked for."""

    def __init__(self, root: Path) -> None:
        self.root, self.count = root, 0

    def __call__(self, name: str) -> str:
        self.count += 1
        return str(self.root / f"{name.replace(' ', '-').replace(',', '')}-{self.count}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (noisier)")
    parser.add_argument("--large", action="store_true", help="100,000 sessions too (minutes, and about 1 GB of memory)")
    parser.add_argument("--install", action="store_true", help="always install loci into a fresh venv first")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="the decades of sessions (default: 1000 10000)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="time only these commands at the sizes (e.g. sessions 'sessions --json')")
    parser.add_argument("--no-plan", action="store_true", help="skip the planner's sizes")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--markdown", action="store_true", help="print the README's table (Markdown)")
    parser.add_argument("--load", type=Path, metavar="FILE", help="report the results a --json run saved in FILE; run nothing")
    args = parser.parse_args()
    if args.load:
        saved = json.loads(args.load.read_text(encoding="utf-8"))
        saved["sizes"] = {int(size): row for size, row in saved["sizes"].items()}
        saved["growth"] = growth(saved["sizes"])
        saved["targets"] = [
            {"what": t.what, "limit": f"{t.limit:g} {t.unit}", "value": v, "verdict": t.verdict(v)} for t, v in checks(saved)
        ]
        markdown(saved) if args.markdown else report(saved)
        return 0 if all(t["verdict"] == "ok" for t in saved["targets"]) else 1
    runs = 5 if args.quick else 15
    loci, python = find_loci(args.install)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCI_", "FORCE_COLOR"))}
    env.update(COLUMNS="100", NO_COLOR="1", TZ="UTC")
    # Time loci as installed: with its bytecode cached, not compiled on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = tempfile.mkdtemp(prefix="loci-bench-cache-")
    atexit.register(shutil.rmtree, cache, ignore_errors=True)
    env["LOCI_CACHE_DIR"] = cache
    results: dict = {"python": sys.version.split()[0], "startup": {}, "sizes": {}, "plan": {}}

    bare = time_runs(lambda: [python, "-c", "pass"], env, runs)["seconds"]
    results["bare"] = bare
    for command in STARTUP_COMMANDS:
        timed = time_runs(lambda c=command: [*loci, *c.argv], {**env, **(command.env or {})}, runs)
        results["startup"][command.name] = {**timed, "ratio": round(timed["seconds"] / bare, 1)}

    chosen = [c for c in SIZE_COMMANDS if not args.only or c.name in args.only]
    sizes = [BASE, *args.sizes, *([LARGE] if args.large else [])]
    with tempfile.TemporaryDirectory(prefix="loci-bench-") as tmp:
        fresh = Fresh(Path(tmp))
        attendees = Path(tmp) / "attendees.csv"
        with attendees.open("w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows([["Ada", "ada@example.org", "Asia/Almaty"], ["Grace", "grace@example.org", ""]])
        for size in sizes:
            agenda = Path(tmp) / f"agenda-{size}.json"
            agenda.write_text(json.dumps(make_agenda(size)), encoding="utf-8")
            # The slow sizes get fewer runs; the warm-up fills the snapshot cache for the commands that use it.
            count = runs if size <= 1_000 else (1 if args.quick or size >= LARGE else max(3, runs // 5))
            subprocess.run([*loci, "today", "--agenda", str(agenda), "--date", QUERY_DATE], env=env, capture_output=True)
            row: dict = {}
            row["icalendar floor"] = time_runs(lambda a=agenda: [python, "-c", FLOOR, str(a), fresh("floor")], env, count, warm=False)
            for command in chosen:
                if args.quick and command.quick_upto is not None and size > command.quick_upto:
                    continue

                def make(c: Command = command, a: Path = agenda) -> list[str]:
                    fill = {"agenda": a, "date": QUERY_DATE, "out": fresh(c.name), "attendees": attendees}
                    return [*loci, *(part.format(**fill) for part in c.argv)]

                print(f"bench: {command.name} at {size} sessions …", file=sys.stderr)
                row[command.name] = time_runs(make, {**env, **(command.env or {})}, count, warm=False)
            for command in chosen:
                if command.name not in row:
                    continue
                reference = (
                    bare
                    if command.against == "bare"
                    else row.get(command.against if command.against != "floor" else "icalendar floor", {}).get("seconds")
                )
                if reference:
                    row[command.name]["ratio"] = round(row[command.name]["seconds"] / reference, 2)
                    row[command.name]["against"] = command.against
            results["sizes"][size] = row

        if not args.no_plan:
            four = Path(tmp) / "agenda-4-dates.json"
            four.write_text(json.dumps(make_agenda(80)), encoding="utf-8")  # 4 dates of 20 sessions
            fifty = Path(tmp) / "agenda-50-dates.json"
            fifty.write_text(json.dumps(make_agenda(1000)), encoding="utf-8")  # 50 dates
            cases = [(f"{n} places, 4 dates", four, n) for n in PLACES] + [("400 places, 50 dates", fifty, 400)]
            for name, agenda, n in cases:
                print(f"bench: plan, {name} …", file=sys.stderr)
                argv = [*loci, "plan", "--agenda", str(agenda), *(x for zone in places(n) for x in ("--tz", zone))]
                count = runs if n <= 10 else (1 if args.quick else 3)
                timed = time_runs(lambda a=argv: a, env, count, warm=False)
                results["plan"][name] = {**timed, "ratio": round(timed["seconds"] / bare, 1)}

    results["growth"] = growth(results["sizes"])
    results["targets"] = [
        {"what": t.what, "limit": f"{t.limit:g} {t.unit}", "value": v, "verdict": t.verdict(v)} for t, v in checks(results)
    ]
    if args.json:
        print(json.dumps(results, indent=2))
    elif args.markdown:
        markdown(results)
    else:
        report(results)
    return 0 if all(t["verdict"] == "ok" for t in results["targets"]) else 1


def growth(sizes: dict) -> dict:
    """Per command and decade: the cost per session, fixed cost (the 10-session run) taken away, over the decade before's."""
    found: dict = {}
    base = sizes.get(BASE, {})
    decades = [s for s in sizes if s != BASE]
    for name in base:
        ratios = {}
        for small, large in itertools.pairwise(decades):
            if name not in sizes[small] or name not in sizes[large]:
                continue
            fixed = base[name]["seconds"]
            a, b = sizes[small][name]["seconds"] - fixed, sizes[large][name]["seconds"] - fixed
            if a > NOISE:
                ratios[f"{small}->{large}"] = round((b / a) / (large / small), 2)
        found[name] = ratios
    return found


def checks(results: dict) -> list[tuple[Target, float]]:
    found = [
        (TARGETS["today_json"], results["startup"]["today --json"]["ratio"]),
        (TARGETS["version"], results["startup"]["--version"]["ratio"]),
    ]
    ten = results["sizes"].get(10_000, {})

    def pick(target: str, name: str, key: str = "ratio") -> None:
        if name in ten and key in ten[name]:
            found.append((TARGETS[target], ten[name][key]))

    if "today, first run" in ten:
        found.append((TARGETS["first_run_10k"], round(ten["today, first run"]["seconds"] / results["bare"], 1)))
    pick("table_10k", "sessions")
    pick("publish_10k", "publish")
    plan = results["plan"]
    if "100 places, 4 dates" in plan:
        found.append((TARGETS["plan_100"], plan["100 places, 4 dates"]["ratio"]))
    if "400 places, 50 dates" in plan:
        found.append((TARGETS["plan_big"], plan["400 places, 50 dates"]["seconds"]))
        found.append((TARGETS["plan_big_memory"], plan["400 places, 50 dates"]["peak_mb"]))
    large = results["sizes"].get(LARGE, {})
    if "export" in large:
        found.append((TARGETS["export_100k_memory"], large["export"]["peak_mb"]))
    worst = [r for ratios in results["growth"].values() for r in ratios.values()]
    if worst:
        found.append((TARGETS["linear"], max(worst)))
    return found


def report(results: dict) -> None:
    bare = results["bare"]
    print(f"Python {results['python']}; bare `python -c pass`: {bare * 1000:.1f} ms\n")
    print(f"{'start-up':<32}{'ms':>8}{'× bare':>9}")
    for name, value in results["startup"].items():
        print(f"{'loci ' + name:<32}{value['seconds'] * 1000:>8.1f}{value['ratio']:>9.1f}")
    print(f"\nratios of {CLOCK} time")
    print(f"\n{'size':>7}  {'command':<20}{'cpu s':>8}{'wall s':>8}{'peak MB':>10}{'ratio':>8}  against")
    for size, row in results["sizes"].items():
        for name, value in row.items():
            ratio = f"{value['ratio']:>8.2f}  {value['against']}" if "ratio" in value else ""
            print(f"{size:>7}  {name:<20}{value['cpu']:>8.3f}{value['wall']:>8.3f}{value['peak_mb']:>10.1f}{ratio}")
    if results["plan"]:
        print(f"\n{'plan':<24}{'cpu s':>8}{'wall s':>8}{'peak MB':>10}{'× bare':>8}")
        for name, value in results["plan"].items():
            print(f"{name:<24}{value['cpu']:>8.3f}{value['wall']:>8.3f}{value['peak_mb']:>10.1f}{value['ratio']:>8.1f}")
    print("\ngrowth per decade (cost per session over the decade before's; 1.0 = linear)")
    for name, ratios in results["growth"].items():
        print(f"  {name:<20} " + "  ".join(f"{k}: {v}" for k, v in ratios.items()))
    print("\ntargets")
    for t in results["targets"]:
        print(f"  {t['what']:<44} {t['value']:>8} (limit {t['limit']}): {t['verdict']}")


def markdown(results: dict) -> None:
    """The README's table: each command at each size as a ratio, and its growth per decade."""
    sizes = [s for s in results["sizes"] if s != BASE]
    names = [n for n in results["sizes"][sizes[0]] if n != "icalendar floor"]
    print("| command | against | " + " | ".join(f"{s:,} sessions" for s in sizes) + " | growth per decade |")
    print("| --- | --- | " + " | ".join("---" for _ in sizes) + " | --- |")
    for name in names:
        cells = []
        for size in sizes:
            value = results["sizes"][size].get(name)
            if value is None:
                cells.append("not run")
                continue
            cells.append(f"{value['ratio']:g}× ({value['seconds']:.2f} s)" if "ratio" in value else f"{value['seconds']:.2f} s")
        against = next((c.against for c in SIZE_COMMANDS if c.name == name), "bare")
        against = {"bare": "bare python", "floor": "icalendar floor"}.get(against, f"`{against}`")
        grown = ", ".join(f"{v:g}" for v in results["growth"].get(name, {}).values()) or "–"
        print(f"| `{name}` | {against} | " + " | ".join(cells) + f" | {grown} |")
    floor = " | ".join(f"{results['sizes'][s]['icalendar floor']['seconds']:.2f} s" for s in sizes)
    print(f"| icalendar floor | – | {floor} | – |")
    if results["plan"]:
        print("\n| `plan` | against | time | peak memory |\n| --- | --- | --- | --- |")
        for name, value in results["plan"].items():
            print(f"| {name} | bare python | {value['ratio']:g}× ({value['seconds']:.2f} s) | {value['peak_mb']:.0f} MB |")
    print(
        f"\nBare `python -c pass`: {results['bare'] * 1000:.1f} ms. Start-up: "
        + "; ".join(f"`{n}` {v['ratio']:g}×" for n, v in results["startup"].items())
    )


if __name__ == "__main__":
    sys.exit(main())
