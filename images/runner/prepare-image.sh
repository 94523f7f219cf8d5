#!/bin/sh
# Shared by every sandbox Dockerfile: installs the language's Debian packages (the arguments), creates the
# unprivileged user the worker runs programs as (uid/gid 10001, see src/sandbox/container-spec.ts), strips
# every setuid/setgid bit, and installs the in-container runner.
set -eu
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
groupadd --gid 10001 runner
useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin runner
find / -xdev -perm /6000 -type f -exec chmod a-s {} +
install -m 0755 /opt/livecode/livecode-run /usr/local/bin/livecode-run
rm -rf /opt/livecode
