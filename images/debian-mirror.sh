#!/usr/bin/env bash
# Prints the Debian mirror this host already uses: the first `deb` source of a Debian main suite (not
# -security, -updates or -backports) in the host's apt sources, deb822 (*.sources) first, then the one-line
# format (sources.list, *.list). Prints nothing where there is none (another distribution, or no http(s)
# source); the caller then leaves the choice to debootstrap's own default.
# Usage: images/debian-mirror.sh [apt-dir]   (default /etc/apt)
set -euo pipefail
apt_dir="${1:-/etc/apt}"
# Derivatives (Ubuntu names ID_LIKE=debian) have mirrors of their own, without Debian's suites.
if [ "$apt_dir" = /etc/apt ] && [ -r /etc/os-release ] && ! grep -qE '^ID="?debian"?$' /etc/os-release; then
  exit 0
fi

from_deb822() {
  # One stanza per blank-line-separated block (or file); fields Types, URIs, Suites, Enabled (any case).
  awk '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no") {
        n = split(suites, s, " ")
        for (i = 1; i <= n; i++) if (s[i] !~ /-/ && s[i] != "") { split(uris, u, " "); if (u[1] != "") { print u[1]; break } }
      }
      types = ""; uris = ""; suites = ""; enabled = ""
    }
    FNR == 1 { flush() }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    { field = tolower($1); sub(/^[^:]*:[ \t]*/, ""); }
    field == "types:" { types = $0 }
    field == "uris:" { uris = $0 }
    field == "suites:" { suites = $0 }
    field == "enabled:" { enabled = $0 }
    END { flush() }
  ' "$@"
}

from_one_line() {
  # deb [options] uri suite components...
  awk '
    /^[ \t]*deb[ \t]/ {
      sub(/^[ \t]*deb[ \t]+/, "")
      if ($0 ~ /^\[/) sub(/^\[[^]]*\][ \t]*/, "")
      if ($2 !~ /-/) print $1
    }
  ' "$@"
}

candidates() {
  local files=()
  shopt -s nullglob
  files=("$apt_dir"/sources.list.d/*.sources)
  if [ "${#files[@]}" -gt 0 ]; then from_deb822 "${files[@]}"; fi
  files=()
  [ -f "$apt_dir/sources.list" ] && files+=("$apt_dir/sources.list")
  files+=("$apt_dir"/sources.list.d/*.list)
  if [ "${#files[@]}" -gt 0 ]; then from_one_line "${files[@]}"; fi
}

candidates | grep -E '^https?://' | head -n 1 || true
