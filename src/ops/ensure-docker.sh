#!/usr/bin/env bash
# Makes sure a Docker engine answers. On a real Docker host the running engine is used as it is;
# on a bare machine the engine is installed and started without networking (sandboxes need none).
set -euo pipefail
if docker info >/dev/null 2>&1; then exit 0; fi
if [ -n "${DOCKER_HOST:-}" ]; then
  echo "DOCKER_HOST=$DOCKER_HOST does not answer" >&2; exit 1
fi
if ! command -v dockerd >/dev/null 2>&1; then
  echo "installing docker.io from Debian's packages" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null
fi
if docker info >/dev/null 2>&1; then exit 0; fi
mkdir -p /var/log/livecode
echo "starting dockerd (log: /var/log/livecode/dockerd.log)" >&2
nohup dockerd --iptables=false --bridge=none >/var/log/livecode/dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then exit 0; fi
  sleep 0.5
done
echo "dockerd did not start; see /var/log/livecode/dockerd.log" >&2
exit 1
