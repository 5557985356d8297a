#!/usr/bin/env bash
# Mutation testing of the core (src/loci_cli/core) with mutmut: plants one-line
# mistakes and runs the fast tests against each. CPU-heavy (tens of minutes on
# one core), so it is run by hand, never in CI. The score and every survivor
# left on purpose are in docs/mutation.md; update it after a run.
#
#   scripts/mutation.sh              # one worker
#   JOBS=2 scripts/mutation.sh       # more workers, on a machine of your own
#   scripts/mutation.sh show NAME    # the diff of one mutant (after a run)
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

# A fresh tree every time: mutmut keeps results across runs, which go stale when tests change.
rm -rf mutants
"$BIN/mutmut" run --max-children "${JOBS:-1}" >/dev/null 2>&1 || true
"$BIN/mutmut" export-cicd-stats >/dev/null
"$PYTHON" - <<'PY'
import json
s = json.load(open("mutants/mutmut-cicd-stats.json"))
scored = s["killed"] + s["survived"] + s["no_tests"] + s["timeout"] + s["suspicious"]
print(f"mutants: {s['total']}  killed: {s['killed']}  timeout: {s['timeout']}  survived: {s['survived']}  "
      f"no tests: {s['no_tests']}  suspicious: {s['suspicious']}  skipped: {s['skipped']}")
print(f"score: {100 * (s['killed'] + s['timeout']) / scored:.1f}% of {scored} mutants killed")
PY
echo "survivors (see one with: scripts/mutation.sh show NAME):"
"$BIN/mutmut" results
