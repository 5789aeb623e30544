#!/usr/bin/env bash
# `npm run demo` (see scripts/demo.ts). Installs npm packages if needed, compiles, runs.
#   npm run demo                 run the demo (leaves the services up)
#   npm run demo -- --clean      remove what the demo made and stop what it started
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "$(id -u)" != 0 ]]; then
  echo "demo: needs root to install and start the Docker engine (run it as root or with sudo)" >&2
  exit 1
fi
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[demo] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund >/dev/null
fi
echo "[demo] compiling (tsc)"
npx tsc -p tsconfig.json
exec node dist/scripts/demo.js "$@"
