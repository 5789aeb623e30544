#!/usr/bin/env bash
# Install Debian's headless-capable Chromium if it is missing. The audit's HTML report test
# opens the report in it (--headless --dump-dom / --screenshot). Idempotent; needs root (apt).
#
#   bash scripts/ensure-chromium.sh      prints the binary path on stdout
set -euo pipefail

BIN="${SHIPSHAPE_CHROMIUM:-/usr/bin/chromium}"
log() { printf '[chromium] %s\n' "$*" >&2; }

if [[ -x "$BIN" ]]; then
  echo "$BIN"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  log "ERROR: $BIN is missing and installing it needs root: run 'sudo apt-get install -y chromium'"
  exit 1
fi
log "installing chromium (Debian package) ..."
# One apt at a time: engine.sh and other scripts may be installing too.
export DEBIAN_FRONTEND=noninteractive
# apt's own lock is waited for too (engine.sh may be running apt-get at the same moment).
LOG="$(mktemp -t shipshape-chromium-apt.XXXXXX.log)"
APT=(apt-get -o DPkg::Lock::Timeout=600 -y --no-install-recommends)
if ! "${APT[@]}" install chromium >"$LOG" 2>&1; then
  if ! { apt-get -o DPkg::Lock::Timeout=600 update && "${APT[@]}" install chromium; } >>"$LOG" 2>&1; then
    tail -n 20 "$LOG" >&2
    log "ERROR: apt-get install chromium failed (full log: $LOG)"
    exit 1
  fi
fi
[[ -x "$BIN" ]] || { log "ERROR: chromium installed but $BIN is not there"; exit 1; }
log "installed $("$BIN" --version 2>/dev/null || echo chromium)"
echo "$BIN"
