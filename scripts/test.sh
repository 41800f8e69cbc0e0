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

# shellcheck source=scripts/pg.sh
source scripts/pg.sh
[ -x /usr/bin/chromium ] || { echo "Installing Debian chromium..."; apt_install chromium; }

status=0

echo "== Test suite on SQLite =="
$PY -m pytest -q -p no:cacheprovider || status=1

echo "== Database-sensitive tests on PostgreSQL =="
start_pg
DATABASE_URL="$PG_URL" $PY -m pytest -q -p no:cacheprovider -m postgres \
  || status=1

if [ "$status" -ne 0 ]; then echo "Tests FAILED"; else echo "All tests passed."; fi
exit "$status"
