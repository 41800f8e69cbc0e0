"""Where PostgreSQL's time goes during a load run: the statements of ``pg_stat_statements``,
most total time first. The throwaway server of scripts/pg.sh loads the module; the load test
resets the counts before a run and reports after it.

    python bench/pg_statements.py --reset URL
    python bench/pg_statements.py URL [TOP]       # TOP statements (10), with calls and ms
"""

from __future__ import annotations

import sys

import psycopg

REPORT = """
SELECT calls, total_exec_time, mean_exec_time, rows, query
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY total_exec_time DESC
LIMIT %s
"""


def _connect(url: str) -> psycopg.Connection[tuple[object, ...]]:
    connection = psycopg.connect(url, autocommit=True)
    connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return connection


def reset(url: str) -> None:
    with _connect(url) as connection:
        connection.execute("SELECT pg_stat_statements_reset()")


def report(url: str, top: int) -> None:
    with _connect(url) as connection:
        total_row = connection.execute(
            "SELECT coalesce(sum(total_exec_time), 0), coalesce(sum(calls), 0)"
            " FROM pg_stat_statements"
            " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ).fetchone()
        rows = connection.execute(REPORT, (top,)).fetchall()
    assert total_row is not None
    total, calls = float(str(total_row[0])), int(str(total_row[1]))
    print(f"PostgreSQL: {calls:,} statements, {total / 1000:.1f} s executing; the top {top}:")
    print(f"{'share':>6} {'calls':>8} {'mean ms':>8} {'rows':>9}  statement")
    for n, spent, mean, returned, query in rows:
        text = " ".join(str(query).split())
        share = float(str(spent)) / total if total else 0.0
        print(f"{share:>6.1%} {n:>8,} {float(str(mean)):>8.2f} {returned:>9,}  {text[:150]}")


if __name__ == "__main__":
    try:
        if sys.argv[1] == "--reset":
            reset(sys.argv[2])
        else:
            report(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10)
    except psycopg.Error as error:  # the module is not loaded: say so, do not stop the run
        print(f"pg_stat_statements not available: {error}".strip())
