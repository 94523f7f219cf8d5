#!/usr/bin/env bash
# Stops what `make up` started, and says what it stopped: a `make up` still running (its API and worker drain
# first), then the services `make up` started itself: the Docker engine, Redis and PostgreSQL, each known by the
# pid file or mark its start left. A service that was running before (an operator's engine, the system's
# PostgreSQL, what DOCKER_HOST, REDIS_URL or DATABASE_URL name) has none: it is left as it is, and said so.
set -uo pipefail
state_dir="${LIVECODE_STATE_DIR:-/var/lib/livecode}"
log_dir="${LIVECODE_LOG_DIR:-/var/log/livecode}"
# A worker's drain may take a run's whole wall clock and its margin (RUN_TIMEOUT_MS + 30 s); the rest stop sooner.
up_wait_s=$((${RUN_TIMEOUT_MS:-30000} / 1000 + 45))

# The pid in a file, if that process is still running and is the program named (not a pid reused since).
running() {
  local file=$1 program=$2 pid
  pid="$(cat "$file" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$program" && echo "$pid"
}

# Ended: no such process, or one that has exited and waits only for its parent to reap it.
ended() { ! kill -0 "$1" 2>/dev/null || [ "$(sed -E 's/.*\) (.).*/\1/' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

# SIGTERM, then wait up to $3 s for the end.
stop() {
  local pid=$1 what=$2 seconds=$3
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 $((seconds * 5))); do
    if ended "$pid"; then
      echo "stopped $what (pid $pid)"
      return 0
    fi
    sleep 0.2
  done
  echo "$what (pid $pid) did not stop within $seconds s" >&2
  return 1
}

status=0
if pid="$(running "$state_dir/up.pid" src/ops/up.sh)"; then
  stop "$pid" "make up: its API and worker, drained" "$up_wait_s" || status=1
else
  echo "left alone: no make up running"
fi
rm -f "$state_dir/up.pid"

if pid="$(running "$log_dir/dockerd.pid" dockerd)"; then
  stop "$pid" "the Docker engine make up started (and every container on it)" 60 && rm -f "$log_dir/dockerd.pid" || status=1
else
  echo "left alone: no Docker engine that make up started is running"
fi

if pid="$(running "$state_dir/redis/redis.pid" redis-server)"; then
  stop "$pid" "the Redis make up started (its append-only file kept)" 30 || status=1
else
  echo "left alone: no Redis that make up started is running"
fi

if read -r version cluster 2>/dev/null <"$state_dir/postgres-started"; then
  if pg_ctlcluster "$version" "$cluster" stop; then
    echo "stopped PostgreSQL $version/$cluster, which make up started (its data kept)"
    rm -f "$state_dir/postgres-started"
  else
    status=1
  fi
else
  echo "left alone: no PostgreSQL that make up started"
fi
exit "$status"
