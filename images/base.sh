#!/usr/bin/env bash
# Makes debian:trixie-slim available to `docker build`. Where a registry answers the image is pulled;
# otherwise it is made from Debian's packages: debootstrap (minbase) piped into `docker import`, from
# DEBIAN_MIRROR when given, else from the mirror the host's own apt sources use, else debootstrap's default.
set -euo pipefail
BASE_IMAGE="debian:trixie-slim"
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then exit 0; fi
if timeout 20 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then exit 0; fi
if ! command -v debootstrap >/dev/null 2>&1; then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
fi
MIRROR="${DEBIAN_MIRROR:-$("$(dirname "$0")/debian-mirror.sh")}"
rootfs="$(mktemp -d /var/tmp/livecode-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT
echo "building $BASE_IMAGE with debootstrap from ${MIRROR:-the default mirror of debootstrap}" >&2
debootstrap --variant=minbase trixie "$rootfs" ${MIRROR:+"$MIRROR"} >/dev/null
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
echo "imported $BASE_IMAGE" >&2
