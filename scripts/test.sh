#!/usr/bin/env bash
# `npm test`: typecheck, unit tests, then conformance tests on a real local Docker engine.
#   npm test                         everything
#   npm test -- path/or/pattern -t name   extra arguments go to both jest runs
# The engine comes from scripts/engine.sh up under a lease: whatever this run started (and
# only that) is stopped again on exit; an engine that was already running is left alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUN="$ROOT/.shipshape/run"
LEASE_ID="$$"
LEASE_FILE="$RUN/leases/$LEASE_ID"
mkdir -p "$RUN"

log() { printf '[test] %s\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1fs", e - s }'; }

SUMMARY=()
FAILED=0
TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
note() { SUMMARY+=("$(printf '%-12s %s' "$1" "$2")"); }

finish() {
  local rc=$?
  set +e
  if [[ -s "$LEASE_FILE" ]]; then
    log "stopping what this run started: $(sort -u "$LEASE_FILE" | paste -sd' ' -)"
    bash scripts/engine.sh down --lease "$LEASE_ID" || log "engine down failed (ignored)"
  else
    rm -f "$LEASE_FILE"
  fi
  if ((${#SUMMARY[@]})); then
    echo
    log "summary:"
    local line
    for line in "${SUMMARY[@]}"; do log "  $line"; done
    echo "tests: $TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
  fi
  if ((rc == 0 && FAILED)); then rc=1; fi
  exit "$rc"
}
trap finish EXIT

# ------------------------------------------------------------------ dependencies
t="$(now)"
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing dependencies: npm ci"
  if npm ci --no-audit --no-fund; then
    note deps "ok      npm ci ($(since "$t"))"
  else
    note deps "FAILED  npm ci ($(since "$t"))"
    exit 1
  fi
else
  note deps "ok      node_modules up to date"
fi

# ------------------------------------------------------------------ engine
t="$(now)"
log "engine: bash scripts/engine.sh up --lease $LEASE_ID"
if bash scripts/engine.sh up --lease "$LEASE_ID"; then
  started="$(sort -u "$LEASE_FILE" 2>/dev/null | paste -sd' ' -)"
  note engine "ok      ${started:+started: $started }($(since "$t"))"
else
  note engine "FAILED  scripts/engine.sh up ($(since "$t")); conformance tests will fail or skip"
  FAILED=1
fi
eval "$(bash scripts/engine.sh env)"

# ------------------------------------------------------------------ typecheck
t="$(now)"
log "typecheck: tsc -p tsconfig.json --noEmit"
if npx tsc -p tsconfig.json --noEmit; then
  note typecheck "ok      ($(since "$t"))"
else
  note typecheck "FAILED  ($(since "$t"))"
  FAILED=1
fi

# ------------------------------------------------------------------ jest
# Counts come from jest's JSON report; the human report still goes to the terminal.
run_jest() {
  local project="$1" report="$RUN/jest-$1.json"
  shift
  local t rc=0 counts
  t="$(now)"
  rm -f "$report"
  log "$project: jest --selectProjects $project $*"
  npx jest --selectProjects "$project" --passWithNoTests --json --outputFile="$report" "$@" || rc=$?
  counts="$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const broken = r.numRuntimeErrorTestSuites || 0;
    console.log([r.numPassedTests, r.numFailedTests, r.numPendingTests + (r.numTodoTests || 0), broken].join(" "));
  ' "$report" 2>/dev/null || echo "")"
  if [[ -z "$counts" ]]; then
    note "$project" "FAILED  jest exited $rc without a report ($(since "$t"))"
    FAILED=1
    return
  fi
  local p f s b
  read -r p f s b <<<"$counts"
  TOTAL_PASSED=$((TOTAL_PASSED + p))
  TOTAL_FAILED=$((TOTAL_FAILED + f))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + s))
  local what="$p passed, $f failed, $s skipped"
  if ((b)); then what+=", $b suite(s) failed to run"; fi
  if ((rc == 0)); then
    note "$project" "ok      $what ($(since "$t"))"
  else
    note "$project" "FAILED  $what, jest exit $rc ($(since "$t"))"
    FAILED=1
  fi
}

run_jest unit "$@"

# ------------------------------------------------------------------ build + browser
# The audit tests run the built CLI (bin/shipshape.js) and open its HTML report in Chromium.
t="$(now)"
log "build: tsc -p tsconfig.json (dist/) and Chromium"
if npm run --silent build && bash scripts/ensure-chromium.sh; then
  note build "ok      ($(since "$t"))"
else
  note build "FAILED  ($(since "$t"))"
  FAILED=1
fi

run_jest conformance --runInBand "$@"

if ((TOTAL_PASSED + TOTAL_FAILED == 0)); then
  note tests "FAILED  no test ran"
  FAILED=1
fi
((FAILED == 0))
