"""Print the figures of the load test from locust's CSV files: one row per page and number of
users, with the request count, throughput, p50/p95/p99 (ms) and the error rate, then the login
steps while the users arrived, then every distinct failure. Used by scripts/load.sh.

    python bench/load_report.py var/load/region-50 var/load/region-200
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

# The pages the issue asks about first, then the rest.
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


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _floats(text: str, separator: str | None = None) -> list[float]:
    return [float(part) for part in text.split(separator)]


def _line(name: str, users: str, row: dict[str, str], count: int, failed: int) -> str:
    rps = f"{float(row['Requests/s']):.1f}" if "Requests/s" in row else ""
    return (
        f"{name:<22}{users:>6}{count:>10}{rps:>8}{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
        f"{100 * failed / max(count, 1):>8.1f}%"
    )


def _cpu_lines(lines: list[str]) -> str:
    """The CPU seconds of the server, PostgreSQL and locust in the run, and per request the
    server answered in that time. ``lines``: before (server, PostgreSQL), wall seconds, after,
    locust's user+system, the requests in the server's access log."""
    before, wall, after, tester = lines[:4]
    server, database = (b - a for a, b in zip(_floats(before), _floats(after), strict=True))
    text = (
        f"      CPU seconds in the {wall} s of this run (2 cores: {2 * int(wall)}): server "
        f"{server:.0f}, PostgreSQL {database:.0f}, locust {sum(_floats(tester, '+')):.0f}"
    )
    if len(lines) > 4 and int(lines[4]) > 0:
        served = int(lines[4])
        text += (
            f"\n      per request the server answered in those seconds ({served}, logins "
            f"included): server {1000 * server / served:.1f} ms, PostgreSQL "
            f"{1000 * database / served:.1f} ms"
        )
    return text


def report(prefix: str, failures: list[str]) -> None:
    users = Path(prefix).name.rsplit("-", 1)[-1]
    for row in sorted(_rows(Path(f"{prefix}_stats.csv")), key=lambda r: _rank(r["Name"])):
        if row["Request Count"] == "0":
            continue  # a login step, all of them before the measured time
        name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
        print(_line(name, users, row, int(row["Request Count"]), int(row["Failure Count"])))
    logins = Path(f"{prefix}_logins.csv")
    if logins.exists():
        rows = _rows(logins)
        for row in rows:
            print(_line(f"{row['Name']} *", users, row, int(row["Requests"]), int(row["Failures"])))
        seconds = rows[0]["Seconds"] if rows else "?"
        print(f"      * while the users arrived and logged in: the first {seconds} s")
    else:
        failures.append(f"  {users} users: not all logged in in time; the figures include that")
    cpu = Path(f"{prefix}_cpu.txt")
    if cpu.exists():
        print(_cpu_lines(cpu.read_text().splitlines()))
    failures += [
        f"  {users} users, {row['Name']}: {row['Occurrences']} x {row['Error']}"
        for row in _rows(Path(f"{prefix}_failures.csv"))
    ]
    failures += [
        f"  {users} users, exception: {row['Count']} x {row['Message']}"
        for row in _rows(Path(f"{prefix}_exceptions.csv"))
    ]


def main(prefixes: list[str]) -> None:
    header = f"{'page':<22}{'users':>6}{'requests':>10}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
    print(header + f"{'errors':>9}")
    failures: list[str] = []
    for prefix in prefixes:
        report(prefix, failures)
    print("Times in ms (locust rounds them to two significant figures above 100 ms).")
    print("Failures:" if failures else "No failures.")
    for line in failures:
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
