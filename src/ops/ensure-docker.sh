#!/usr/bin/env bash
# Makes sure a Docker engine answers, with gVisor's runsc registered where LiveCode manages the engine.
# - A real Docker host (an engine LiveCode did not start): used as it is, its configuration never changed. When
#   CONTAINER_RUNTIME names a runtime it lacks, this says what to do and fails.
# - A bare machine: docker.io and runsc come from Debian's packages, runsc is registered in the engine's
#   configuration (merged, nothing else changed), and dockerd starts without networking (sandboxes need none),
#   in a session of its own, so that it outlives a Ctrl-C to `make up`; `make down` stops it.
# - An engine LiveCode started earlier, without runsc: runsc is registered and the engine reloaded (SIGHUP).
set -euo pipefail
runtime="${CONTAINER_RUNTIME:-runc}"
# Overridable for the tests only: an engine of their own (its socket, data root, exec root and pid file in
# LIVECODE_DOCKERD_ARGS, DOCKER_HOST naming its socket) beside the machine's.
config_file="${LIVECODE_DOCKERD_CONFIG:-/etc/docker/daemon.json}"
log_dir="${LIVECODE_LOG_DIR:-/var/log/livecode}"
read -r -a test_engine_args <<<"${LIVECODE_DOCKERD_ARGS:-}"
pid_file="$log_dir/dockerd.pid"

engine_runtimes() {
  local names
  names="$(docker info --format '{{range $name, $_ := .Runtimes}}{{$name}} {{end}}' 2>/dev/null)" || true
  echo "${names% }"
}
has_runtime() { [[ " $(engine_runtimes) " == *" $1 "* ]]; }

install_runsc() {
  if command -v runsc >/dev/null 2>&1; then return 0; fi
  echo "installing runsc (gVisor) from Debian's packages" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q runsc >/dev/null
}

# Adds runsc to the configuration of an engine LiveCode starts; true when the file changed.
register_runsc() {
  install_runsc || { echo "runsc could not be installed; sandboxes can use runc only" >&2; return 1; }
  mkdir -p "$(dirname "$config_file")"
  local result
  result="$(node src/ops/gvisor-runtime.ts "$config_file" "$(command -v runsc)")"
  if [ "$result" = added ]; then echo "registered runsc (gVisor) in $config_file" >&2; fi
  [ "$result" = added ]
}

explain_missing_runtime() {
  echo "CONTAINER_RUNTIME=$runtime, but this Docker engine has no runtime \"$runtime\" (it has: $(engine_runtimes))." >&2
  echo "LiveCode does not change the configuration of an engine it did not start." >&2
  if [ "$runtime" = runsc ]; then
    cat >&2 <<'EOF'
To run sandboxes under gVisor on this engine:
  1. install runsc:     apt-get install runsc   (Debian's package; or gVisor's own release)
  2. register it, merging this into /etc/docker/daemon.json:
       {"runtimes": {"runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--platform=ptrace", "--network=none"]}}}
  3. reload the engine: systemctl reload docker   (or: kill -HUP $(pidof dockerd))
EOF
  fi
  echo "Or run the sandboxes under runc: CONTAINER_RUNTIME=runc." >&2
}

# The engine LiveCode started is still the one running (other engines may run beside it).
ours() { [ -f "$pid_file" ] && pidof dockerd 2>/dev/null | tr ' ' '\n' | grep -qx "$(cat "$pid_file")"; }

# Adds runsc to an engine LiveCode started earlier without it, and waits for the reload to show it.
reload_with_runsc() {
  if ! register_runsc; then return 0; fi
  kill -HUP "$(cat "$pid_file")"
  for _ in $(seq 1 20); do
    if has_runtime runsc; then return 0; fi
    sleep 0.5
  done
}

# The engine answers: check that it has the runtime the sandboxes will use.
engine_ready() {
  if has_runtime "$runtime"; then exit 0; fi
  explain_missing_runtime
  exit 1
}

if docker info >/dev/null 2>&1; then
  if [ -z "${DOCKER_HOST:-}" ] && ours && ! has_runtime runsc; then reload_with_runsc; fi
  engine_ready
fi
if [ -n "${DOCKER_HOST:-}" ] && [ ${#test_engine_args[@]} -eq 0 ]; then
  echo "DOCKER_HOST=$DOCKER_HOST does not answer" >&2; exit 1
fi
# gVisor comes with an engine LiveCode installs or starts: registered before the engine's first start, so the
# tests can run every sandbox test under both runtimes.
register_runsc || true
if ! command -v dockerd >/dev/null 2>&1; then
  echo "installing docker.io from Debian's packages" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null
fi
if docker info >/dev/null 2>&1; then engine_ready; fi
mkdir -p "$log_dir"
echo "starting dockerd (log: $log_dir/dockerd.log)" >&2
# A session of its own: the Ctrl-C that a terminal sends to `make up`'s process group must not reach the engine
# (every container would die with it); `make down` stops it. setsid execs dockerd in place (this background
# job leads no group), so $! is the engine's pid.
setsid nohup dockerd --iptables=false --bridge=none --config-file "$config_file" "${test_engine_args[@]}" \
  >"$log_dir/dockerd.log" 2>&1 &
echo $! >"$pid_file"
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then engine_ready; fi
  sleep 0.5
done
echo "dockerd did not start; see $log_dir/dockerd.log" >&2
exit 1
