"""The national protection against ranges, indicator by indicator, on a database that already
holds the national set and its figures (as ``bench/disclosure.py national`` leaves it). Prints
figures; never fails. Stores the protection pattern it works out.

    DATABASE_URL=postgres://… python bench/national_protection.py [indicator …]

Per count indicator (default: all): the cells, the hidden ones, those hidden beyond primary
suppression, the cells the attacker of the internal and of the public pages pins or narrows
below the width (both must be 0), and the time of ``protect`` afresh and of the audit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from elkedagbeter.indicators import protection  # noqa: E402
from elkedagbeter.indicators.protection import Hierarchy, Table  # noqa: E402


def main(codes: list[str]) -> None:
    hierarchy = Hierarchy.load()
    today = timezone.localdate()
    started_all = time.perf_counter()
    for code in codes:
        started = time.perf_counter()
        reasons = protection.hidden_cells(code, hierarchy, today)
        took = time.perf_counter() - started
        protection._store(code, reasons)
        table = Table.load(code, hierarchy, today)
        hidden, crossed = protection.stored_hidden(code)
        found = protection.audit(table, hidden, crossed)
        public = protection.audit(table, hidden, crossed, public=True)
        print(
            f"{code:<24} cells {len(table.values):>8,}  hidden {found.hidden:>7,}  "
            f"beyond primary {found.beyond_primary:>6,}  pinned {found.pinned}  "
            f"narrowed {found.narrow}  public pinned {public.pinned} narrowed {public.narrow}  "
            f"protect {took:6.0f} s  audit {found.seconds:5.1f} s",
            flush=True,
        )
    print(f"all: {time.perf_counter() - started_all:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1:] or protection.COUNT_INDICATORS)
