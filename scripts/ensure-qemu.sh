#!/usr/bin/env bash
# Real-guest tests and the qemu driver run Debian's QEMU; the tiny guest's workload is compiled with gcc -static.
# Installs what is missing, which needs root; otherwise says what to run.
set -euo pipefail
missing=()
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing+=(qemu-system-x86)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || missing+=(libc6-dev)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
  echo "== installing ${missing[*]} from Debian for the real-guest tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Real guests need Debian's packages: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
