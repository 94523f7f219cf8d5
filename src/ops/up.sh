#!/usr/bin/env bash
# Runs one API and one worker in the foreground; Ctrl-C (or SIGTERM) drains and stops both.
set -uo pipefail
node src/worker/worker.ts &
worker=$!
node src/api/server.ts &
api=$!
stop() {
  trap - INT TERM
  kill -TERM "$api" "$worker" 2>/dev/null
  wait "$api" "$worker" 2>/dev/null
  exit 0
}
trap stop INT TERM
port="${PORT:-3000}"
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    echo ">>> LiveCode API listening on http://127.0.0.1:$port  (Ctrl-C stops it)" >&2
    break
  fi
  sleep 0.2
done
wait -n "$api" "$worker"
echo "a LiveCode process stopped; stopping the other" >&2
stop
