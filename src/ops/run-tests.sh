#!/usr/bin/env bash
# Runs tap and ends with one plain line, "N passed, N failed" (assertions), for CI logs, plus what was skipped and
# why (a whole file, such as the gVisor matrix on an engine without runsc); keeps tap's status.
set -uo pipefail
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
tap "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary="$(grep -E '^# \{ total: ' "$log" | tail -1)"
count() { grep -oE "$1: [0-9]+" <<<"$summary" | grep -oE '[0-9]+' || echo 0; }
if [ -n "$summary" ]; then
  echo "$(count pass) passed, $(count fail) failed"
  grep -E '^ok [0-9]+ - .* # SKIP' "$log" | sed -E 's/^ok [0-9]+ - /skipped: /'
fi
exit "$status"
