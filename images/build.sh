#!/usr/bin/env bash
# Builds the sandbox images: ${IMAGE_PREFIX:-livecode}/<language> for each folder of images/ (or LANGUAGES_DIR) that
# holds a language.json, or those given as arguments.
# An image is rebuilt only when missing, when its Dockerfile, anything in images/runner/ or the runner protocol changed
# (label livecode.build-hash), or when FORCE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${IMAGE_PREFIX:-livecode}"
# The build context: it must hold runner/ as well (prepare-image.sh, and the runner's own Dockerfile).
CONTEXT="${LANGUAGES_DIR:-images}"
LANGUAGES=("$@")
if [ "${#LANGUAGES[@]}" -eq 0 ]; then
  for manifest in "$CONTEXT"/*/language.json; do LANGUAGES+=("$(basename "$(dirname "$manifest")")"); done
fi

# The protocol the runner speaks, as a label: said once, where the worker checks it (src/sandbox/runner-protocol.ts).
protocol_label="$(node --input-type=module -e "import { RUNNER_PROTOCOL_LABEL, RUNNER_PROTOCOL } from './src/sandbox/runner-protocol.ts'
console.log(RUNNER_PROTOCOL_LABEL + '=' + RUNNER_PROTOCOL)")" ||
  { echo "images/build.sh reads TypeScript: it needs Node.js 22 or newer on PATH (\`make images\` has it)" >&2; exit 1; }

images/base.sh

# The runner, compiled once, comes first: every language image copies it (RUNNER_IMAGE).
for language in runner "${LANGUAGES[@]}"; do
  dockerfile="$CONTEXT/$language/Dockerfile"
  if [ ! -f "$dockerfile" ]; then
    echo "$PREFIX/$language: no $dockerfile" >&2
    exit 1
  fi
  image="$PREFIX/$language"
  hash="$( (cat "$dockerfile" "$CONTEXT"/runner/*; echo "$protocol_label") | sha256sum | cut -d' ' -f1)"
  current="$(docker image inspect --format '{{ index .Config.Labels "livecode.build-hash" }}' "$image" 2>/dev/null || true)"
  if [ "${FORCE:-0}" != 1 ] && [ "$current" = "$hash" ]; then
    echo "$image: up to date"
    continue
  fi
  started=$SECONDS
  log="$(mktemp)"
  if ! docker build --network host --build-arg "RUNNER_IMAGE=$PREFIX/runner" \
    --label "livecode.build-hash=$hash" --label "$protocol_label" -t "$image" -f "$dockerfile" "$CONTEXT/" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "$image: build failed" >&2
    exit 1
  fi
  rm -f "$log"
  echo "$image: built in $((SECONDS - started))s"
done
