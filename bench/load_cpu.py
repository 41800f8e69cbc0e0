"""CPU seconds used so far by a process tree, for the load test's account of where the time
went: the process itself, its live children, and the children it has reaped (gunicorn's
workers, PostgreSQL's backends). Linux only; reads /proc.

    python bench/load_cpu.py PID [PID ...]        # one figure per PID, in seconds
    python bench/load_cpu.py --postmaster URL     # the PID of the PostgreSQL server of URL
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def process_stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # the fields after the command's name


def cpu_seconds(root: int) -> float:
    """utime + stime of ``root`` and its live children, plus cutime + cstime of ``root``."""
    fields = process_stat(root)
    ticks = sum(int(value) for value in fields[11:15])
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            child = process_stat(int(entry.name))
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(child[1]) == root:
            ticks += int(child[11]) + int(child[12])
    return ticks / TICKS


def postmaster(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as connection:  # the backend exits with its connection
        row = connection.execute("SELECT pg_backend_pid()").fetchone()
        assert row is not None
        return int(process_stat(int(row[0]))[1])  # a backend's parent is the server


if __name__ == "__main__":
    if sys.argv[1] == "--postmaster":
        print(postmaster(sys.argv[2]))
    else:
        print(" ".join(f"{cpu_seconds(int(pid)):.1f}" for pid in sys.argv[1:]))
