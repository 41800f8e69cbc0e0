#!/usr/bin/env bash
# Shared by test.sh and bench.sh: install the PostgreSQL server when it is missing, and start a
# throwaway PostgreSQL server on loopback (start_pg sets PG_URL; it stops itself on exit).
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

PG_BIN=$(find_pg_bin) || { echo "Installing PostgreSQL..."; apt_install postgresql; PG_BIN=$(find_pg_bin); }

start_pg() {
  # Statement statistics for the load test (bench/pg_statements.py), where the server has them.
  PG_PRELOAD=""
  [ -f "$("$PG_BIN/pg_config" --pkglibdir 2>/dev/null)/pg_stat_statements.so" ] \
    && PG_PRELOAD="-c shared_preload_libraries=pg_stat_statements"
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
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off $PG_PRELOAD" \
    start >/dev/null
  "${RUN_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U edb edb
  PG_URL="postgres://edb@127.0.0.1:$PG_PORT/edb"
}
