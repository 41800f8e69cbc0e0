#!/usr/bin/env bash
# Benchmarks: figures to read, never pass/fail.
#   1. the foundation (case lists, case page, API, access log) on a SQLite file, and the Wat werkt
#      search on a SQLite file and on the PostgreSQL server below;
#   2. de-identification: recall, precision and words kept per category on the annotated set and
#      its held-out part, start-up to the first sentence, stories per second (bench/deidentify.py);
#      large-scale listening (SQLite): de-identify and store, theme finding over 20,000 stories
#      (STORY_BENCH_COUNT), and the comparison of theme-finding methods on planted themes;
#   3. the Beweging van 0 dashboard, the O-plaat of a zero goal with all its links beside it,
#      the effect of a decision (difference-in-differences), the signals refresh of a region and
#      the attention list of a team with 300 open cases (bench/attention.py), the cost figures
#      of the demo region with the page and CSV "Wat de hulp kost" (bench/costs.py), small
#      numbers against an attacker who reasons with ranges (bench/disclosure.py), and the CPU
#      of each page type per request against a floor (bench/request_cpu.py),
#      on a throwaway PostgreSQL server, with the synthetic preset
#      in BENCH_PRESET (default "region"; "national" is 42 regions, 500k cases, ~10M events and
#      takes the better part of an hour to generate; BENCH_CASES=200000 keeps its regions and
#      teams with fewer cases);
#   4. one monitoring moment in chromium: the inputs and the seconds the form recorded;
#   5. the iJw import: a year of generated messages (10 per youth, IJW_BENCH_YOUTHS, default
#      5,000: ~50,000 messages) imported from a folder; seconds, messages per second, peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# shellcheck source=scripts/pg.sh
source scripts/pg.sh

echo "== Foundation (SQLite) =="
$PY bench/foundation.py

echo "== Wat werkt search (SQLite) =="
$PY bench/knowledge.py

echo "== iJw import (SQLite): a year of messages for ${IJW_BENCH_YOUTHS:-5000} youths =="
$PY bench/ijw.py "${IJW_BENCH_YOUTHS:-5000}"

echo "== De-identification (annotated set, start-up, throughput) =="
$PY bench/deidentify.py

echo "== Stories (SQLite) =="
$PY bench/stories.py "${STORY_BENCH_COUNT:-20000}"
$PY bench/story_themes.py

echo "== Beweging van 0 (PostgreSQL, preset ${BENCH_PRESET:-region}) =="
start_pg
# The load test below serves the demo region on top of the same generated preset: the demo goes
# in first, so generating the preset builds the figures once, for both.
DATABASE_URL="$PG_URL" scripts/load.sh demo
DATABASE_URL="$PG_URL" $PY bench/indicators.py "${BENCH_PRESET:-region}"
DATABASE_URL="$PG_URL" $PY bench/effects.py "${BENCH_PRESET:-region}"

echo "== What the help costs: cost figures, page and CSV of the demo region (PostgreSQL) =="
DATABASE_URL="$PG_URL" $PY bench/costs.py

echo "== Attention: signals refresh and the attention list (PostgreSQL, preset ${BENCH_PRESET:-region}) =="
DATABASE_URL="$PG_URL" $PY bench/attention.py "${BENCH_PRESET:-region}"

echo "== CPU per request, page by page, against a floor (PostgreSQL, demo region on the preset) =="
DATABASE_URL="$PG_URL" $PY bench/request_cpu.py

echo "== One monitoring moment in chromium: inputs and seconds =="
$PY -m pytest -q -s -p no:cacheprovider bench/moment_browser.py

echo "== The first hour in chromium: five core tasks, clicks, inputs, pages and seconds =="
$PY -m pytest -q -s -p no:cacheprovider bench/first_hour.py

echo "== Small numbers against ranges (PostgreSQL, a database of its own) =="
# The demo region, a generated small region (2 municipalities, 3 teams, a year of cases) and one
# region at the national set's density, each in a database emptied first; BENCH_PRESET=national
# adds the national set (the better part of an hour to generate).
"${RUN_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U edb edb_disclosure
DATABASE_URL="${PG_URL%/edb}/edb_disclosure" $PY bench/disclosure.py \
  $([ "${BENCH_PRESET:-region}" = national ] && echo demo small region national)

echo "== Load (locust, PostgreSQL, preset ${BENCH_PRESET:-region}) =="
DATABASE_URL="$PG_URL" scripts/load.sh run

echo "== Wat werkt search (PostgreSQL) =="
DATABASE_URL="$PG_URL" $PY bench/knowledge.py

echo "== Fuzzing (SQLite, FUZZ_EXAMPLES=${FUZZ_BENCH_EXAMPLES:-100}) =="
# schemathesis on every API operation and hypothesis on every import parser (docs/fuzzing.md),
# with many more examples than in `make test`; prints the generated cases per operation and
# per import, and any failure with the input that caused it.
FUZZ_EXAMPLES="${FUZZ_BENCH_EXAMPLES:-100}" $PY -m pytest -q -p no:cacheprovider \
  src/elkedagbeter/api/tests/test_fuzz_openapi.py src/elkedagbeter/*/tests/test_import_fuzz.py \
  || echo "Fuzzing found failures; see above."
