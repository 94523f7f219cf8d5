#!/usr/bin/env bash
# Runs one API and one worker in the foreground and keeps them running: a process that dies unexpectedly is
# logged and started again after a backoff (1 s, doubling to 30 s; back to 1 s once it has stayed up a minute),
# while the other keeps serving. Ctrl-C (or SIGTERM) drains and stops both. A process that cannot stay up at all
# (five exits in a row, each within 30 s of its start: a bad setting, a port in use) stops everything with its status.
# The worker serves /metrics, /health and /ready on WORKER_HEALTH_PORT, 9464 unless set (Prometheus' port for
# exporters; a second worker on this host needs another). `make down` stops this supervisor through its pid file.
set -uo pipefail
export WORKER_HEALTH_PORT="${WORKER_HEALTH_PORT:-9464}"
state_dir="${LIVECODE_STATE_DIR:-/var/lib/livecode}"
pid_file="$state_dir/up.pid"
if mkdir -p "$state_dir" 2>/dev/null && echo $$ >"$pid_file" 2>/dev/null; then :; else pid_file=''; fi

declare -A command=([api]="node src/api/server.ts" [worker]="node src/worker/worker.ts")
declare -A pid=() started=() backoff=() quick_failures=() timer=()
# Each timer is a sleep standing for a pending restart, so one `wait -n` hears exits and ends of backoffs alike.
declare -A timer_of=()
stopping=0
port="${PORT:-3000}"

say() { echo ">>> $*" >&2; }

start() {
  local name=$1
  ${command[$name]} &
  pid[$name]=$!
  started[$name]=$SECONDS
  say "$name started (pid ${pid[$name]})"
}

stop() {
  stopping=1
  trap - INT TERM
  local name
  for name in "${!timer[@]}"; do kill "${timer[$name]}" 2>/dev/null; done
  for name in "${!pid[@]}"; do kill -TERM "${pid[$name]}" 2>/dev/null; done
  wait 2>/dev/null
  say "API and worker stopped; the Docker engine, PostgreSQL and Redis keep running (make down stops those make up started)"
  if [ -n "$pid_file" ] && [ "$(cat "$pid_file" 2>/dev/null)" = $$ ]; then rm -f "$pid_file"; fi
  exit "${1:-0}"
}
trap 'stop 0' INT TERM

# An exit nobody asked for: log it, then schedule the restart.
exited() {
  local name=$1 status=$2
  local uptime=$((SECONDS - started[$name]))
  unset "pid[$name]"
  if [ "$uptime" -ge 60 ]; then backoff[$name]=1; fi
  if [ "$uptime" -lt 30 ]; then quick_failures[$name]=$((${quick_failures[$name]:-0} + 1)); else quick_failures[$name]=0; fi
  if [ "${quick_failures[$name]}" -ge 5 ]; then
    say "$name exited with status $status five times in a row, each within 30 s of starting; stopping LiveCode"
    stop "$status"
  fi
  local delay=${backoff[$name]:-1}
  say "$name exited unexpectedly (status $status, after ${uptime} s); restarting it in ${delay} s"
  backoff[$name]=$((delay * 2 > 30 ? 30 : delay * 2))
  sleep "$delay" &
  timer[$name]=$!
  timer_of[$!]=$name
}

start worker
start api
for _ in $(seq 1 100); do
  if ! kill -0 "${pid[api]}" 2>/dev/null; then break; fi
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    say "LiveCode API listening on http://127.0.0.1:$port  (Ctrl-C stops it)"
    say "worker metrics and health on http://${HOST:-127.0.0.1}:$WORKER_HEALTH_PORT/metrics"
    break
  fi
  sleep 0.2
done

while true; do
  finished=''
  wait -n -p finished "${pid[@]}" "${timer[@]}"
  status=$?
  [ -z "$finished" ] && continue # a signal interrupted the wait; its trap has run
  if [ -n "${timer_of[$finished]:-}" ]; then
    name=${timer_of[$finished]}
    unset "timer_of[$finished]" "timer[$name]"
    start "$name"
    continue
  fi
  for name in "${!pid[@]}"; do
    if [ "${pid[$name]}" = "$finished" ]; then exited "$name" "$status"; fi
  done
done
