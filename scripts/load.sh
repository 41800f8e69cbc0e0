#!/usr/bin/env bash
# Load test on loopback only: the demo region on top of a synthetic preset, served by gunicorn
# with the production settings on PostgreSQL, and locust at 50 and at 200 concurrent users.
# Bounded: every locust run stops LOAD_SECONDS after its users have logged in, and at the latest
# after LOAD_ARRIVAL_LIMIT + LOAD_SECONDS; the server and the database stop on exit.
#
#   scripts/load.sh             start PostgreSQL, load the demo and BENCH_PRESET, run, report
#   scripts/load.sh demo        migrate and load the demo into DATABASE_URL (before the preset,
#                               so the figures are built once, by generate_synthetic)
#   scripts/load.sh run         run against DATABASE_URL, which holds the demo and the preset
#
# BENCH_PRESET (region; "national" takes the better part of an hour to generate), LOAD_USERS
# ("50 200"), LOAD_SECONDS (60 measured once every user has arrived, over LOAD_RAMP_SECONDS=20,
# and logged in; at most LOAD_ARRIVAL_LIMIT=240 for that),
# LOAD_WORKERS (gunicorn workers, 4). Figures and logs go to var/load/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PRESET=${BENCH_PRESET:-region}
USERS=${LOAD_USERS:-50 200}
SECONDS_FULL=${LOAD_SECONDS:-60}
RAMP=${LOAD_RAMP_SECONDS:-20}
ARRIVAL_LIMIT=${LOAD_ARRIVAL_LIMIT:-240}
WORKERS=${LOAD_WORKERS:-4}
OUT=var/load
mkdir -p "$OUT"

# The production settings, with what a loopback server without TLS needs: plain HTTP (no HTTPS
# redirect, no secure-only cookies, no HSTS), throwaway secrets, mail to nowhere, and the story
# form trusting the one X-Forwarded-For entry a reverse proxy adds, so each simulated visitor
# has an address of their own (see bench/locustfile.py).
export DJANGO_SETTINGS_MODULE=elkedagbeter.settings.production
export SECRET_KEY="load-test-only-not-secret-$(printf 'k%.0s' {1..40})"
export PSEUDONYM_SECRET="load-test-only-pseudonym-secret-$(printf 'p%.0s' {1..32})"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export TRUSTED_PROXY_HOPS=1
export STATIC_ROOT="$PWD/$OUT/static"
export LOG_LEVEL=WARNING
export PYTHONPATH="$PWD/src"

load_demo() {
  $PY manage.py migrate --verbosity 0
  $PY manage.py load_demo >/dev/null
  echo "Demo region loaded."
}

free_port() {
  $PY -c 'import socket
with socket.socket() as s: s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

run() {
  $PY bench/load_users.py
  $PY manage.py collectstatic --noinput --verbosity 0
  local port server
  port=$(free_port)
  # The README's command, on loopback, with the de-identifier loaded before the workers start
  # (bench/gunicorn_load.py): otherwise the first story each worker receives waits for it.
  .venv/bin/gunicorn elkedagbeter.wsgi:application --config bench/gunicorn_load.py \
    --bind "127.0.0.1:$port" --workers "$WORKERS" --access-logfile "$OUT/access.log" \
    --error-logfile "$OUT/gunicorn.log" 2>>"$OUT/gunicorn.log" &
  server=$!
  # shellcheck disable=SC2064 # the pid is known now
  trap "kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; ${stop_pg_on_exit:-true}" EXIT
  for _ in $(seq 60); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/inloggen/" && break
    sleep 1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$port/inloggen/" || { cat "$OUT/gunicorn.log"; exit 1; }

  local prefixes=() users rate started cpu pg_pid offset=20 TIMEFORMAT=%U+%S
  pg_pid=$($PY bench/load_cpu.py --postmaster "$DATABASE_URL")
  # A short warm-up, not reported: the workers compile their templates and connect.
  LOAD_SECONDS=10 LOAD_ACCOUNT_OFFSET=0 timeout 180 .venv/bin/locust -f bench/locustfile.py --headless \
    --host "http://127.0.0.1:$port" -u 20 -r 5 --run-time 60s --stop-timeout 10 \
    --only-summary --loglevel ERROR --exit-code-on-error 0 >/dev/null 2>&1
  for users in $USERS; do
    rate=$($PY -c "print(max(1, $users / $RAMP))")
    echo "-- $users users: arriving over ${RAMP}s and logging in, then ${SECONDS_FULL}s measured"
    # The locustfile stops LOAD_SECONDS after the last user arrived; --run-time is the bound
    # for when they cannot all log in within ARRIVAL_LIMIT seconds.
    rm -f "$OUT/$PRESET-${users}_logins.csv"
    # For the report: CPU seconds of the server and PostgreSQL before and after the run, the
    # run's wall seconds, locust's own CPU seconds (user+system), and the requests the server
    # answered meanwhile (its access log's new lines: logins and the pages of users who were
    # already in while others still arrived count too, as their CPU does).
    cpu="$OUT/$PRESET-${users}_cpu.txt"
    $PY bench/pg_statements.py --reset "$DATABASE_URL"
    served=$(wc -l <"$OUT/access.log")
    $PY bench/load_cpu.py "$server" "$pg_pid" >"$cpu"
    started=$(date +%s)
    {
      time LOAD_SECONDS=$SECONDS_FULL LOAD_ACCOUNT_OFFSET=$offset LOAD_LOGIN_CSV="$OUT/$PRESET-${users}_logins.csv" \
        timeout $((ARRIVAL_LIMIT + SECONDS_FULL + 60)) .venv/bin/locust -f bench/locustfile.py \
        --headless --host "http://127.0.0.1:$port" -u "$users" -r "$rate" \
        --run-time "$((ARRIVAL_LIMIT + SECONDS_FULL))s" --stop-timeout 10 --only-summary \
        --loglevel ERROR --exit-code-on-error 0 --csv "$OUT/$PRESET-$users" \
        >"$OUT/locust-$PRESET-$users.log" 2>&1
    } 2>"$cpu.locust"
    {
      echo $(($(date +%s) - started))
      $PY bench/load_cpu.py "$server" "$pg_pid"
      cat "$cpu.locust"
      echo $(($(wc -l <"$OUT/access.log") - served))
    } >>"$cpu"
    $PY bench/pg_statements.py "$DATABASE_URL" 12 >"$OUT/$PRESET-${users}_statements.txt"
    prefixes+=("$OUT/$PRESET-$users")
    offset=$((offset + users))
  done
  $PY bench/load_report.py "${prefixes[@]}"
  for prefix in "${prefixes[@]}"; do
    echo "-- ${prefix##*/} users:"
    cat "${prefix}_statements.txt"
  done
  if grep -q "WORKER TIMEOUT\|Traceback" "$OUT/gunicorn.log"; then
    echo "The server logged errors (tail of $OUT/gunicorn.log):"
    tail -20 "$OUT/gunicorn.log"
  fi
}

case "${1:-all}" in
  demo) load_demo ;;
  run) run ;;
  all)
    # shellcheck source=scripts/pg.sh
    source scripts/pg.sh
    start_pg
    stop_pg_on_exit=stop_pg
    export DATABASE_URL="$PG_URL"
    load_demo
    # Protecting the national figures across pages takes hours (docs/indicators.md); a national
    # deployment leaves it to cron (refresh_indicators --protect), and so does this test.
    protection=()
    [ "$PRESET" = national ] && protection=(--no-protection)
    $PY manage.py generate_synthetic --preset "$PRESET" "${protection[@]}"
    run
    ;;
  *) echo "usage: scripts/load.sh [demo|run]" >&2; exit 2 ;;
esac
