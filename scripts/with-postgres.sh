#!/usr/bin/env bash
# `bash scripts/with-postgres.sh COMMAND [ARGS...]`: runs COMMAND with DATABASE_URL naming a fresh,
# empty PostgreSQL database on a throwaway server of its own, then stops the server and deletes it,
# whatever COMMAND did (its exit status is this script's).
#
# The server is Debian's PostgreSQL (installed when missing, which needs root), in a data directory
# under a temporary folder, listening on a free loopback port only, tuned for tests (no fsync).
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

pg_bin() { find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }

BIN="$(pg_bin)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL is not installed: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "== installing Debian's postgresql"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The package creates and may start a default cluster on port 5432: nothing here uses it.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | while read -r version cluster _; do
      pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true
    done
  fi
  BIN="$(pg_bin)"
  if [ -z "$BIN" ]; then
    echo "with-postgres: installing postgresql gave no initdb under /usr/lib/postgresql" >&2
    exit 1
  fi
fi

# As root, the server's commands run as `postgres`; otherwise as the current user.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "cd / && $(printf '%q ' "$@")"
  else
    "$@"
  fi
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ballast-postgres.XXXXXX")"
DATA="$WORK/data"
LOG="$WORK/postgres.log"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$WORK"; fi
chmod 700 "$WORK"

# A port nobody listens on now (the kernel's pick); the server binds loopback only.
PORT="$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"

stop() {
  if [ -f "$DATA/postmaster.pid" ]; then
    as_server_user "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_server_user "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale C.UTF-8 >/dev/null
if ! as_server_user "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
  -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null; then
  echo "with-postgres: the server did not start; its log:" >&2
  cat "$LOG" >&2 || true
  exit 1
fi
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres ballast

export DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/ballast"
echo "== PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT: DATABASE_URL=$DATABASE_URL"

status=0
"$@" || status=$?
exit "$status"
