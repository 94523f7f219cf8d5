#!/usr/bin/env bash
# Runs one API and one worker in the foreground; Ctrl-C (or SIGTERM) drains and stops both.
set -uo pipefail
node src/worker/worker.ts &
worker=$!
node src/api/server.ts &
api=$!
stopping=0
stop() {
  stopping=1
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
status=$?
# Ctrl-C reaches both processes at once; only an unexpected exit is worth a word.
if [ "$stopping" = 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 0 ]; then
  echo "a LiveCode process stopped (status $status); stopping the other" >&2
fi
stop
