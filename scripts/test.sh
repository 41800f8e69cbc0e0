#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. install Debian's chromium and PostgreSQL server when they are missing;
#   2. run every test on the embedded SQLite database (browser tests included);
#   3. start a throwaway PostgreSQL server on loopback with its own data directory and run the
#      database-sensitive tests (marker "postgres") against it;
#   4. stop the server and exit non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

[ -x /usr/bin/chromium ] || { echo "Installing Debian chromium..."; apt_install chromium; }
PG_BIN=$(find_pg_bin) || { echo "Installing PostgreSQL..."; apt_install postgresql; PG_BIN=$(find_pg_bin); }

status=0

echo "== Test suite on SQLite =="
$PY -m pytest -q -p no:cacheprovider || status=1

echo "== Database-sensitive tests on PostgreSQL =="
PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/edb-pg.XXXXXX")
PG_PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# PostgreSQL refuses to run as root: run it as the postgres system user when we are root.
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PG_DIR"
  RUN_AS=(runuser -u postgres --)
fi
stop_pg() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U edb --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off" \
  start >/dev/null
DATABASE_URL="postgres://edb@127.0.0.1:$PG_PORT/edb" $PY -m pytest -q -p no:cacheprovider -m postgres \
  || status=1

if [ "$status" -ne 0 ]; then echo "Tests FAILED"; else echo "All tests passed."; fi
exit "$status"
