#!/usr/bin/env bash
# Makes sure a Redis server answers on 127.0.0.1:6379, with an append-only file so that queued jobs
# survive a restart. Skipped when REDIS_URL is given: the operator's server is used as it is.
set -euo pipefail
if [ -n "${REDIS_URL:-}" ]; then exit 0; fi
dir="${LIVECODE_STATE_DIR:-/var/lib/livecode}/redis"
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server from Debian's packages" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null
fi
if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then exit 0; fi
mkdir -p "$dir"
echo "starting redis-server on 127.0.0.1:6379" >&2
# A daemon in a session of its own (so a Ctrl-C to `make up` never reaches it), with a pid file for `make down`.
setsid --wait redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --dir "$dir" \
  --pidfile "$dir/redis.pid" --appendonly yes --maxmemory-policy noeviction --logfile "$dir/redis.log"
for _ in $(seq 1 50); do
  if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then exit 0; fi
  sleep 0.1
done
echo "redis-server did not start" >&2
exit 1
