#!/usr/bin/env bash
# npm run bench: start the local engine, compile the benchmarks (no ts-node here), run them.
# Each benchmark writes its own top-level key into bench/results.json and its own marked
# section of bench/README.md, so they can run alone or together.
#
#   bash scripts/bench.sh              all benchmarks
#   bash scripts/bench.sh images       only the image benchmark (sizes, build times, floor)
#
# Adding a benchmark (issue 6, the 200-service Pulumi mock benchmark): put its entry point at
# bench/<name>/main.ts (compiled to .shipshape/build/bench/<name>/main.js by bench/tsconfig.json),
# add <name> to BENCHES below, and write results under results.json key "<name>".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BENCHES=(images mocks)
NEEDS_ENGINE=(images) # benchmarks that drive the real Docker engine

selected=("$@")
if ((${#selected[@]} == 0)); then selected=("${BENCHES[@]}"); fi
for b in "${selected[@]}"; do
  [[ " ${BENCHES[*]} " == *" $b "* ]] || { echo "[bench] unknown benchmark \"$b\"; known: ${BENCHES[*]}" >&2; exit 2; }
done

need_engine=no
for b in "${selected[@]}"; do [[ " ${NEEDS_ENGINE[*]} " == *" $b "* ]] && need_engine=yes; done
if [[ "$need_engine" == yes ]]; then
  # A lease: a concurrent test run cannot stop the daemon under us; we stop only what we started.
  bash scripts/engine.sh up --lease "$$"
  trap 'bash scripts/engine.sh down --lease "$$"' EXIT
fi

echo "[bench] compiling bench/ (tsc -p bench/tsconfig.json -> .shipshape/build)" >&2
npx tsc -p bench/tsconfig.json

status=0
for b in "${selected[@]}"; do
  echo "[bench] running $b" >&2
  SHIPSHAPE_BENCH=1 node --expose-gc ".shipshape/build/bench/$b/main.js" || status=$?
done
exit "$status"
