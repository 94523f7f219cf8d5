#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers with a `livecode` role (allowed to create test databases) and database.
# Skipped when DATABASE_URL is given: the operator's server is used as it is.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exit 0; fi
state_dir="${LIVECODE_STATE_DIR:-/var/lib/livecode}"
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql from Debian's packages" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if [ ! -d "/etc/postgresql/$version/main" ]; then pg_createcluster "$version" main >/dev/null; fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }' | grep -q online; then
  echo "starting PostgreSQL $version" >&2
  # A session of its own, so that a Ctrl-C to `make up` never reaches it; the mark tells `make down` it is ours.
  setsid --wait pg_ctlcluster "$version" main start
  mkdir -p "$state_dir" && echo "$version main" >"$state_dir/postgres-started"
fi
as_postgres() { (cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "$1"); }
if [ "$(as_postgres "select 1 from pg_roles where rolname = 'livecode'")" != "1" ]; then
  as_postgres "create role livecode login createdb password 'livecode'"
fi
if [ "$(as_postgres "select 1 from pg_database where datname = 'livecode'")" != "1" ]; then
  as_postgres "create database livecode owner livecode"
fi
