#!/usr/bin/env bash
# Mutation testing (src/loci_cli/core by default; views, formats, cli on request) with mutmut: plants one-line
# mistakes and runs the fast tests against each. CPU-heavy (most of an hour on
# one core), so it is run by hand, never in CI. The score and every survivor
# left on purpose are in docs/mutation.md; update it after a run.
#
#   scripts/mutation.sh                          # every core module, one worker
#   scripts/mutation.sh 'loci_cli.core.time.*'   # only these mutants (fnmatch patterns)
#   scripts/mutation.sh 'loci_cli.views.plan.*'  # views/, formats/ and cli/ too, by pattern
#   LAYER=views scripts/mutation.sh              # a whole layer: core, views, formats or cli
#   JOBS=2 scripts/mutation.sh                   # more workers, on a machine of your own
#   scripts/mutation.sh show NAME                # the diff of one mutant (after a run)
#
# Configuration: [tool.mutmut] in pyproject.toml (what is mutated, which tests run).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PYTHON")

if ! "$PYTHON" -c 'import mutmut' 2>/dev/null; then
    "$PYTHON" -m pip install -q -e '.[mutation]'
fi
if [ "${1:-}" = "show" ]; then
    exec "$BIN/mutmut" show "$2"
fi

# pyproject.toml lets mutmut mutate four layers; with no patterns only the core's
# mutants run, as before the other layers were added.
if [ "$#" -eq 0 ]; then
    set -- "loci_cli.${LAYER:-core}.*"
fi

# A fresh tree every time: mutmut keeps results across runs, which go stale when tests change.
rm -rf mutants && mkdir mutants
"$BIN/mutmut" run --max-children "${JOBS:-1}" "$@" > mutants/run.log 2>&1 || { tail -n 40 mutants/run.log; exit 1; }
"$BIN/mutmut" results --all true > mutants/results.txt
"$PYTHON" - "$@" <<'PY'
import collections, fnmatch, sys
patterns = sys.argv[1:] or ["*"]
status = {}
for line in open("mutants/results.txt", encoding="utf-8"):
    name, _, state = line.strip().rpartition(": ")
    if name and any(fnmatch.fnmatch(name, p) for p in patterns):
        status[name] = state
counts = collections.Counter(status.values())
killed = counts["killed"] + counts["timeout"] + counts["caught by type check"]
scored = sum(n for state, n in counts.items() if state not in ("skipped", "not checked"))
print("  ".join(f"{state}: {n}" for state, n in sorted(counts.items())))
print(f"score: {killed} of {scored} mutants killed ({100 * killed / max(scored, 1):.1f}%)")
print("survivors (see one with: scripts/mutation.sh show NAME):")
for name, state in sorted(status.items()):
    if state in ("survived", "no tests", "suspicious"):
        print(f"  {name}: {state}")
PY
