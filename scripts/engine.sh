#!/usr/bin/env bash
# Local engine for Shipshape's conformance tests, demo and benchmarks.
#
#   bash scripts/engine.sh up      install (apt) and start what is missing: dockerd, the base
#                                  image, the test service image, two local registries
#   bash scripts/engine.sh down    stop only what `up` started (by recorded PID, never by name)
#   bash scripts/engine.sh status  what is running and which PIDs we own
#   bash scripts/engine.sh env     `export` lines for the tests (eval "$(bash scripts/engine.sh env)")
#
# Leases (used by scripts/test.sh): `up --lease ID` records in .shipshape/run/leases/ID exactly
# which components that call started; `down --lease ID` stops exactly those. If another live
# lease (its ID is a running PID) still exists, the components are handed over to it instead
# of being stopped, so a concurrent test run does not lose its daemon; the last one out stops.
#
# Anything already running that we did not start (a dockerd started by hand, a registry on
# the port) is used as is, never recorded and never stopped.
#
# State lives in .shipshape/ at the repo root (gitignored): run/ (config, logs, PID files),
# registry-data/ (registry storage).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.shipshape"
RUN="$STATE/run"
LEASES="$RUN/leases"
REGDATA="$STATE/registry-data"

# The Debian 20.10 client: BuildKit works with it; /usr/local/bin/docker (28.x) has no buildx.
DOCKER=/usr/bin/docker
export DOCKER_HOST="unix:///var/run/docker.sock"
unset DOCKER_CONTEXT

BASE_IMAGE="${SHIPSHAPE_BASE_IMAGE:-shipshape/debian:bookworm}"
TESTSVC_IMAGE="${SHIPSHAPE_TESTSVC_IMAGE:-shipshape/testsvc:1}"
TESTSVC_DIR="$ROOT/test/fixtures/testsvc"
REGISTRY_ADDR="127.0.0.1:5000"
AUTH_REGISTRY_ADDR="127.0.0.1:5001"
REGISTRY_USER="${SHIPSHAPE_REGISTRY_USER:-shipshape}"
REGISTRY_PASSWORD="${SHIPSHAPE_REGISTRY_PASSWORD:-shipshape-test}"
DEBIAN_MIRROR="${SHIPSHAPE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
HASH_LABEL="org.shipshape.context-hash"
TEST_LABEL="org.shipshape.test=true"

APT_PACKAGES=(docker.io mmdebstrap docker-registry skopeo docker-compose apache2-utils)
# command -> package, for the "is anything missing" check
REQUIRED_CMDS=(dockerd mmdebstrap docker-registry skopeo docker-compose htpasswd)

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1fs", e - s }'; }

mkdir -p "$RUN" "$LEASES" "$REGDATA"

# One engine.sh at a time touches the state (concurrent test runs call up/down).
lock() {
  exec 9>"$RUN/engine.lock"
  if ! flock -w 600 9; then die "could not take $RUN/engine.lock within 600s"; fi
}

# ---------------------------------------------------------------- PID bookkeeping
# component -> pid file and the executable its process must be (guards against PID reuse)
pidfile_of() { printf '%s/%s.pid' "$RUN" "$1"; }
exe_of() {
  case "$1" in
    dockerd) echo dockerd ;;
    registry | registry-auth) echo docker-registry ;;
    *) die "unknown component $1" ;;
  esac
}
COMPONENTS=(registry registry-auth dockerd) # stop order: registries first, then the daemon

# Prints the PID if the component's pid file names a live process of the right executable.
owned_pid() {
  local comp="$1" pf pid exe
  pf="$(pidfile_of "$comp")"
  [[ -f "$pf" ]] || return 1
  pid="$(tr -dc '0-9' <"$pf")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  exe="$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null || true)")"
  [[ "$exe" == "$(exe_of "$comp")" ]] || return 1
  echo "$pid"
}

clear_stale_pidfile() {
  local comp="$1" pf
  pf="$(pidfile_of "$comp")"
  if [[ -f "$pf" ]] && ! owned_pid "$comp" >/dev/null; then
    log "removing stale pid file $(basename "$pf") (process gone)"
    rm -f "$pf"
  fi
}

# Start a detached process (own session, survives this shell), record and print its PID.
start_detached() {
  local comp="$1" logf="$2"
  shift 2
  # setsid in a non-leader background child execs in place, so $! is the daemon's own PID.
  # 9>&- : the daemon must not inherit the lock fd, or it would hold the lock forever.
  setsid "$@" </dev/null >>"$logf" 2>&1 9>&- &
  local pid=$!
  echo "$pid" >"$(pidfile_of "$comp")"
  echo "$pid"
}

STARTED=()
LEASE=""
record_started() {
  STARTED+=("$1")
  if [[ -n "$LEASE" ]]; then echo "$1" >>"$LEASES/$LEASE"; fi
}

stop_pid() {
  local comp="$1" pid="$2" i
  log "stopping $comp (PID $pid): TERM"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do
    [[ -d "/proc/$pid" ]] || break
    # a zombie child of ours counts as gone
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == "Z" ]] && break
    sleep 0.1
  done
  if [[ -d "/proc/$pid" ]] && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]]; then
    log "$comp (PID $pid) still running after 20s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
  fi
}

# ---------------------------------------------------------------- (a) packages
ensure_packages() {
  local missing=() c
  for c in "${REQUIRED_CMDS[@]}"; do
    command -v "$c" >/dev/null 2>&1 || [[ -x "/usr/sbin/$c" ]] || missing+=("$c")
  done
  [[ -x "$DOCKER" ]] || missing+=("$DOCKER")
  if ((${#missing[@]} == 0)); then
    log "packages: all present"
    return
  fi
  [[ "$(id -u)" == 0 ]] || die "missing ${missing[*]} and not root: run as root or install: apt-get install ${APT_PACKAGES[*]}"
  local t
  t="$(now)"
  log "packages: missing ${missing[*]}; apt-get update + install ${APT_PACKAGES[*]}"
  if ! apt-get update >"$RUN/apt.log" 2>&1; then
    tail -n 20 "$RUN/apt.log" >&2
    die "apt-get update failed (full log: $RUN/apt.log)"
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_PACKAGES[@]}" >>"$RUN/apt.log" 2>&1; then
    tail -n 30 "$RUN/apt.log" >&2
    die "apt-get install ${APT_PACKAGES[*]} failed (full log: $RUN/apt.log)"
  fi
  for c in "${REQUIRED_CMDS[@]}"; do
    command -v "$c" >/dev/null 2>&1 || [[ -x "/usr/sbin/$c" ]] || die "$c still missing after apt-get install"
  done
  log "packages: installed in $(since "$t")"
}

# ---------------------------------------------------------------- (b) dockerd
docker_ok() { "$DOCKER" info >/dev/null 2>&1; }

ensure_dockerd() {
  clear_stale_pidfile dockerd
  if docker_ok; then
    local pid
    if pid="$(owned_pid dockerd)"; then
      log "dockerd: running (ours, PID $pid)"
    else
      log "dockerd: running (not started by us; will not stop it)"
    fi
    return
  fi
  # The socket does not answer. If our own daemon is still there but wedged, say so.
  if owned_pid dockerd >/dev/null; then
    log "dockerd: our daemon (PID $(owned_pid dockerd)) is alive but not answering; waiting"
  else
    local t pid dockerd_bin
    t="$(now)"
    dockerd_bin="$(command -v dockerd || echo /usr/sbin/dockerd)"
    log "dockerd: not answering; starting $dockerd_bin (log: .shipshape/run/dockerd.log)"
    # Every container gets its own cgroup namespace (CIS 5.25, RULES.md SS023): the default on
    # cgroup v2 engines, not on v1, and docker-compose v1 has no per-service `cgroup` key.
    pid="$(start_detached dockerd "$RUN/dockerd.log" "$dockerd_bin" --host "$DOCKER_HOST" --default-cgroupns-mode private)"
    record_started dockerd
    log "dockerd: started PID $pid"
  fi
  local i
  for ((i = 0; i < 600; i++)); do
    if docker_ok; then
      log "dockerd: answering after $(since "${t:-$(now)}")"
      return
    fi
    if ! owned_pid dockerd >/dev/null; then
      tail -n 30 "$RUN/dockerd.log" >&2 || true
      rm -f "$(pidfile_of dockerd)"
      die "dockerd exited during start-up (log above, full log: $RUN/dockerd.log)"
    fi
    sleep 0.1
  done
  tail -n 30 "$RUN/dockerd.log" >&2 || true
  die "dockerd did not answer within 60s (log: $RUN/dockerd.log)"
}

# ---------------------------------------------------------------- (c) base image
ensure_base_image() {
  if "$DOCKER" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE: present"
    return
  fi
  local t tmp
  t="$(now)"
  tmp="$(mktemp -d "$RUN/mmdebstrap.XXXXXX")"
  log "base image $BASE_IMAGE: missing; mmdebstrap --variant=minbase bookworm (about 25s)"
  if ! mmdebstrap --variant=minbase bookworm "$tmp/rootfs.tar" "$DEBIAN_MIRROR" \
    </dev/null >"$RUN/mmdebstrap.log" 2>&1; then
    tail -n 30 "$RUN/mmdebstrap.log" >&2
    rm -rf "$tmp"
    die "mmdebstrap failed (full log: $RUN/mmdebstrap.log)"
  fi
  log "base image: importing rootfs ($(du -h "$tmp/rootfs.tar" | cut -f1))"
  "$DOCKER" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' \
    --change 'LABEL org.shipshape.base="mmdebstrap minbase bookworm"' \
    --message "mmdebstrap --variant=minbase bookworm" \
    "$tmp/rootfs.tar" "$BASE_IMAGE" >/dev/null
  rm -rf "$tmp"
  log "base image $BASE_IMAGE: built in $(since "$t")"
}

# ---------------------------------------------------------------- (d) test service image
# Hash of the build context (paths + contents) and of the base image it builds on.
context_hash() {
  local base_id
  base_id="$("$DOCKER" image inspect --format '{{.Id}}' "$BASE_IMAGE")"
  {
    echo "base $base_id"
    (cd "$TESTSVC_DIR" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -d' ' -f1
}

ensure_testsvc_image() {
  [[ -f "$TESTSVC_DIR/Dockerfile" ]] || die "$TESTSVC_DIR/Dockerfile not found"
  local want have t
  want="$(context_hash)"
  have="$("$DOCKER" image inspect --format "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$TESTSVC_IMAGE" 2>/dev/null || true)"
  if [[ "$have" == "$want" ]]; then
    log "test image $TESTSVC_IMAGE: up to date (${want:0:12})"
    return
  fi
  if [[ -z "$have" ]]; then
    log "test image $TESTSVC_IMAGE: missing; building"
  else
    log "test image $TESTSVC_IMAGE: context changed (${have:0:12} -> ${want:0:12}); rebuilding"
  fi
  t="$(now)"
  if ! DOCKER_BUILDKIT=1 "$DOCKER" build --progress=plain \
    --label "$HASH_LABEL=$want" -t "$TESTSVC_IMAGE" "$TESTSVC_DIR" >"$RUN/testsvc-build.log" 2>&1; then
    tail -n 40 "$RUN/testsvc-build.log" >&2
    die "building $TESTSVC_IMAGE failed (full log: $RUN/testsvc-build.log)"
  fi
  log "test image $TESTSVC_IMAGE: built in $(since "$t")"
}

# ---------------------------------------------------------------- (e) registries
http_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }
answering() { local c; c="$(http_code "http://$1/v2/")"; [[ -n "$c" && "$c" != "000" ]]; }

write_registry_config() {
  local comp="$1" addr="$2" auth="$3" cfg="$RUN/$1.yml"
  mkdir -p "$REGDATA/$comp"
  {
    cat <<EOF
# generated by scripts/engine.sh; do not edit
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REGDATA/$comp
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $addr
  secret: shipshape-local-$comp
  headers:
    X-Content-Type-Options: [nosniff]
EOF
    if [[ "$auth" == yes ]]; then
      cat <<EOF
auth:
  htpasswd:
    realm: shipshape-registry
    path: $RUN/htpasswd
EOF
    fi
  } >"$cfg"
  echo "$cfg"
}

ensure_htpasswd() {
  local f="$RUN/htpasswd"
  if [[ -f "$f" ]] && htpasswd -vb "$f" "$REGISTRY_USER" "$REGISTRY_PASSWORD" >/dev/null 2>&1; then
    return
  fi
  log "registry-auth: writing htpasswd (bcrypt) for user $REGISTRY_USER"
  htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" | sed '/^$/d' >"$f.tmp"
  chmod 600 "$f.tmp"
  mv "$f.tmp" "$f"
  if owned_pid registry-auth >/dev/null; then
    log "registry-auth: password changed while running; restart it (down && up) if logins fail"
  fi
}

ensure_registry() {
  local comp="$1" addr="$2" auth="$3" cfg pid i
  clear_stale_pidfile "$comp"
  if answering "$addr"; then
    if pid="$(owned_pid "$comp")"; then
      log "$comp on $addr: answering (ours, PID $pid)"
    else
      log "$comp on $addr: answering (not started by us; will not stop it)"
    fi
    return
  fi
  if pid="$(owned_pid "$comp")"; then
    log "$comp: our registry (PID $pid) is alive but $addr does not answer; waiting"
  else
    cfg="$(write_registry_config "$comp" "$addr" "$auth")"
    pid="$(start_detached "$comp" "$RUN/$comp.log" docker-registry serve "$cfg")"
    record_started "$comp"
    log "$comp on $addr: started PID $pid (config: .shipshape/run/$comp.yml)"
  fi
  for ((i = 0; i < 300; i++)); do
    if answering "$addr"; then
      log "$comp on $addr: answering"
      return
    fi
    if ! owned_pid "$comp" >/dev/null; then
      tail -n 20 "$RUN/$comp.log" >&2 || true
      rm -f "$(pidfile_of "$comp")"
      die "$comp exited during start-up (log: $RUN/$comp.log)"
    fi
    sleep 0.1
  done
  die "$comp did not answer on $addr within 30s (log: $RUN/$comp.log)"
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local t0
  t0="$(now)"
  lock
  if [[ -n "$LEASE" ]]; then : >>"$LEASES/$LEASE"; fi
  ensure_packages
  ensure_dockerd
  ensure_base_image
  ensure_testsvc_image
  ensure_htpasswd
  ensure_registry registry "$REGISTRY_ADDR" no
  ensure_registry registry-auth "$AUTH_REGISTRY_ADDR" yes
  if ((${#STARTED[@]})); then
    log "up: done in $(since "$t0"); started: ${STARTED[*]}"
  else
    log "up: done in $(since "$t0"); started nothing (all already running)"
  fi
}

remove_test_containers() {
  docker_ok || return 0
  local ids
  ids="$("$DOCKER" ps -aq --filter "label=$TEST_LABEL" 2>/dev/null || true)"
  if [[ -n "$ids" ]]; then
    log "removing $(wc -w <<<"$ids") container(s) labelled $TEST_LABEL"
    # shellcheck disable=SC2086
    "$DOCKER" rm -f $ids >/dev/null 2>&1 || log "could not remove some test containers (ignored)"
  fi
}

stop_component() {
  local comp="$1" pid
  if ! pid="$(owned_pid "$comp")"; then
    if [[ -f "$(pidfile_of "$comp")" ]]; then rm -f "$(pidfile_of "$comp")"; fi
    return
  fi
  if [[ "$comp" == dockerd ]]; then remove_test_containers; fi
  stop_pid "$comp" "$pid"
  rm -f "$(pidfile_of "$comp")"
}

live_leases() {
  local f id
  for f in "$LEASES"/*; do
    [[ -e "$f" ]] || continue
    id="$(basename "$f")"
    [[ "$id" == "$LEASE" ]] && continue
    if [[ "$id" =~ ^[0-9]+$ ]] && [[ -d "/proc/$id" ]]; then
      echo "$id"
    else
      # the owner is gone: its components stay ours (pid files) but the lease is stale
      rm -f "$f"
    fi
  done
}

cmd_down() {
  lock
  local comps=() others c
  others="$(live_leases)"
  if [[ -n "$LEASE" ]]; then
    if [[ -f "$LEASES/$LEASE" ]]; then mapfile -t comps < <(sort -u "$LEASES/$LEASE" | sed '/^$/d'); fi
    rm -f "$LEASES/$LEASE"
    if ((${#comps[@]} == 0)); then
      log "down: lease $LEASE started nothing; nothing to stop"
      return
    fi
    if [[ -n "$others" ]]; then
      local heir
      heir="$(head -n1 <<<"$others")"
      printf '%s\n' "${comps[@]}" >>"$LEASES/$heir"
      log "down: still in use by lease(s) $(tr '\n' ' ' <<<"$others"); handing ${comps[*]} to lease $heir"
      return
    fi
  else
    comps=("${COMPONENTS[@]}")
    if [[ -n "$others" ]]; then
      log "down: warning: live lease(s) $(tr '\n' ' ' <<<"$others")still use the engine; stopping anyway"
    fi
  fi
  local stopped=0
  for c in "${COMPONENTS[@]}"; do # fixed order: registries, then dockerd
    [[ " ${comps[*]} " == *" $c "* ]] || continue
    if owned_pid "$c" >/dev/null; then
      stop_component "$c"
      stopped=$((stopped + 1))
    else
      rm -f "$(pidfile_of "$c")"
    fi
  done
  if ((stopped == 0)); then
    log "down: nothing of ours was running"
  else
    log "down: stopped $stopped component(s)"
  fi
}

cmd_status() {
  local pid c addr
  if docker_ok; then
    local ver
    ver="$("$DOCKER" version --format '{{.Server.Version}}' 2>/dev/null || echo '?')"
    if pid="$(owned_pid dockerd)"; then
      echo "dockerd        running  engine $ver  ours (PID $pid)"
    else
      echo "dockerd        running  engine $ver  not ours"
    fi
    for img in "$BASE_IMAGE" "$TESTSVC_IMAGE"; do
      if "$DOCKER" image inspect "$img" >/dev/null 2>&1; then
        printf 'image          %-28s present (%s)\n' "$img" \
          "$("$DOCKER" image inspect --format '{{.Id}}' "$img" | cut -c8-19)"
      else
        printf 'image          %-28s missing\n' "$img"
      fi
    done
    local n
    n="$("$DOCKER" ps -aq --filter "label=$TEST_LABEL" | wc -l)"
    echo "test containers (label $TEST_LABEL): $n"
  else
    if pid="$(owned_pid dockerd)"; then
      echo "dockerd        NOT answering  ours (PID $pid)"
    else
      echo "dockerd        not running"
    fi
  fi
  for c in registry registry-auth; do
    if [[ "$c" == registry ]]; then addr="$REGISTRY_ADDR"; else addr="$AUTH_REGISTRY_ADDR"; fi
    local state="not answering" owner="not ours"
    if answering "$addr"; then state="answering (HTTP $(http_code "http://$addr/v2/"))"; fi
    if pid="$(owned_pid "$c")"; then owner="ours (PID $pid)"; fi
    printf '%-14s %-15s %s  %s\n' "$c" "$addr" "$state" "$owner"
  done
  local leases
  leases="$(
    for f in "$LEASES"/*; do
      [[ -e "$f" ]] || continue
      printf '%s[%s] ' "$(basename "$f")" "$(sort -u "$f" | sed '/^$/d' | paste -sd, -)"
    done
  )"
  echo "leases: ${leases:-none}"
}

cmd_env() {
  cat <<EOF
export DOCKER_HOST=unix:///var/run/docker.sock
export DOCKER_BUILDKIT=1
export SHIPSHAPE_DOCKER=$DOCKER
export SHIPSHAPE_REGISTRY=$REGISTRY_ADDR
export SHIPSHAPE_AUTH_REGISTRY=$AUTH_REGISTRY_ADDR
export SHIPSHAPE_REGISTRY_USER=$REGISTRY_USER
export SHIPSHAPE_REGISTRY_PASSWORD=$(printf '%q' "$REGISTRY_PASSWORD")
export SHIPSHAPE_BASE_IMAGE=$BASE_IMAGE
export SHIPSHAPE_TESTSVC_IMAGE=$TESTSVC_IMAGE
EOF
}

usage() {
  cat >&2 <<EOF
usage: bash scripts/engine.sh up [--lease ID] | down [--lease ID] | status | env
EOF
  exit 2
}

main() {
  local cmd="${1:-}"
  shift || true
  while (($#)); do
    case "$1" in
      --lease)
        [[ $# -ge 2 && "$2" =~ ^[A-Za-z0-9_.-]+$ ]] || die "--lease needs an ID ([A-Za-z0-9_.-]+)"
        LEASE="$2"
        shift 2
        ;;
      *) usage ;;
    esac
  done
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
  esac
}

main "$@"
