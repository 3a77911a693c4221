#!/usr/bin/env bash
# Real-guest tests and the qemu driver run Debian's QEMU, 9.0 or newer; the tiny guest's workload is
# compiled with gcc -static. Installs what is missing, which needs root; otherwise says what to run.
#
# Why 9.0: older QEMU loses guest writes when it live-migrates under TCG (software emulation): a
# dirty-bitmap sync leaves TCG's TLB able to write a page without marking it dirty again (upstream fix
# "physmem: Fix migration dirty bitmap coherency with TCG memory access", QEMU 9.0). Debian 12 ships
# 7.2, so on Debian 12 QEMU comes from bookworm-backports, whose source this script adds when missing
# (same mirror as the machine's Debian, signed by Debian's archive keyring).
set -euo pipefail

MIN_QEMU_MAJOR=9
BACKPORTS_SOURCE=/etc/apt/sources.list.d/bookworm-backports.sources

qemu_major() {
  qemu-system-x86_64 --version 2>/dev/null | sed -n 's/^QEMU emulator version \([0-9][0-9]*\)\..*/\1/p' | head -n 1
}

qemu_recent() {
  local major
  major=$(qemu_major)
  [ -n "$major" ] && [ "$major" -ge "$MIN_QEMU_MAJOR" ]
}

# The machine's Debian mirror: the URI its sources use for the bookworm suite (deb822 or one-line).
debian_mirror() {
  local uri
  uri=$(awk 'BEGIN { RS = "" } /(^|\n)Suites:[^\n]*[ \t]bookworm([ \t\n]|$)/ {
          if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) {
            line = substr($0, RSTART, RLENGTH); sub(/^\n?URIs:[ \t]*/, "", line); print line; exit
          }
        }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -n 's/^deb[ \t]\+\(\[[^]]*\][ \t]\+\)\?\([^ \t]\+\)[ \t]\+bookworm[ \t].*/\2/p' | head -n 1)
  fi
  printf '%s' "$uri"
}

add_backports_source() {
  if grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then return 0; fi
  local mirror
  mirror=$(debian_mirror)
  if [ -z "$mirror" ]; then
    echo "no Debian bookworm source found in /etc/apt to add bookworm-backports beside" >&2
    exit 1
  fi
  echo "== adding bookworm-backports ($mirror) for QEMU ${MIN_QEMU_MAJOR}+ ($BACKPORTS_SOURCE)"
  cat >"$BACKPORTS_SOURCE" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
}

tools=()
command -v gcc >/dev/null 2>&1 || tools+=(gcc)
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || tools+=(libc6-dev)
need_qemu=false
qemu_recent || need_qemu=true
if [ ${#tools[@]} -eq 0 ] && [ "$need_qemu" = false ]; then exit 0; fi

codename=$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-}")
from=()
[ "$codename" = bookworm ] && from=(-t bookworm-backports)

if [ "$(id -u)" -ne 0 ]; then
  if [ "$need_qemu" = true ]; then
    echo "Real guests need QEMU ${MIN_QEMU_MAJOR} or newer (found: $(qemu_major || true))." >&2
    [ "$codename" = bookworm ] &&
      echo "On Debian 12 add bookworm-backports to apt's sources, then:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${from[*]} qemu-system-x86" >&2
  fi
  [ ${#tools[@]} -gt 0 ] && echo "and: sudo apt-get install -y ${tools[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
[ "$need_qemu" = true ] && [ "$codename" = bookworm ] && add_backports_source
apt-get update -qq
if [ ${#tools[@]} -gt 0 ]; then
  echo "== installing ${tools[*]} from Debian for the real-guest tests"
  apt-get install -y -qq --no-install-recommends "${tools[@]}" >/dev/null
fi
if [ "$need_qemu" = true ]; then
  echo "== installing qemu-system-x86 ${from[*]} (found: $(qemu_major || echo none); need ${MIN_QEMU_MAJOR}+)"
  # Only QEMU and what it needs come from backports (-t); gcc and the rest stay Debian 12's own.
  apt-get install -y -qq --no-install-recommends "${from[@]}" qemu-system-x86 >/dev/null
  if ! qemu_recent; then
    echo "QEMU is still older than ${MIN_QEMU_MAJOR}.0 after the install: $(qemu-system-x86_64 --version | head -n 1)" >&2
    exit 1
  fi
fi
