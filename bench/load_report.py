"""Print the figures of the load test from locust's CSV files: one row per page and number of
users, with the request count, throughput, p50/p95/p99 (ms) and the error rate, then every
distinct failure. Used by scripts/load.sh.

    python bench/load_report.py var/load/region-50 var/load/region-200
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

# The pages the issue asks about first, then the rest; login steps happen while users arrive.
ORDER = [
    "case page",
    "case list",
    "dashboard (region)",
    "dashboard (country)",
    "story form",
    "story sent",
    "Aggregated",
]


def _rank(name: str) -> int:
    return ORDER.index(name) if name in ORDER else len(ORDER) - 1


def main(prefixes: list[str]) -> None:
    header = f"{'page':<22}{'users':>6}{'requests':>10}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
    print(header + f"{'errors':>9}")
    failures: list[str] = []
    for prefix in prefixes:
        users = Path(prefix).name.rsplit("-", 1)[-1]
        with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
            rows = sorted(csv.DictReader(handle), key=lambda row: _rank(row["Name"]))
        for row in rows:
            count, failed = int(row["Request Count"]), int(row["Failure Count"])
            name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
            print(
                f"{name:<22}{users:>6}{count:>10}{float(row['Requests/s']):>8.1f}"
                f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
                f"{100 * failed / max(count, 1):>8.1f}%"
            )
        with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
            failures += [
                f"  {users} users, {row['Name']}: {row['Occurrences']} x {row['Error']}"
                for row in csv.DictReader(handle)
            ]
        with open(f"{prefix}_exceptions.csv", encoding="utf-8") as handle:
            failures += [
                f"  {users} users, exception: {row['Count']} x {row['Message']}"
                for row in csv.DictReader(handle)
            ]
    print("Times in ms (locust rounds them to two significant figures above 100 ms).")
    print("Failures:" if failures else "No failures.")
    for line in failures:
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
