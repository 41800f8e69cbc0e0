"""Benchmark of small-number protection against an attacker who reasons with ranges. Prints
figures; never fails.

    DATABASE_URL=postgres://… python bench/disclosure.py [national]

The database is emptied before each set (``flush``): use one of its own. For each set (the demo
region, a generated small region, one region generated at the national set's density, and with
``national`` the national set itself, which takes the better part of an hour to generate) it
reports, for every count indicator together:

- with the protection against subtraction only (as before issue 23) and with the protection
  against ranges: hidden cells, hidden beyond primary suppression ("< 5"), cells an attacker of
  the internal pages can pin exactly, and cells narrowed below ``privacy.WIDTH`` whole numbers;
- the same attack on the public pages (regions and municipalities, quarters and years, rounded
  to 5, every period taken as approved);
- the time of ``protection.protect()`` (what runs after each commit, or from cron), and of the
  audit on its own.
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from elkedagbeter.cases.models import Event  # noqa: E402
from elkedagbeter.demo.region import load_demo_region  # noqa: E402
from elkedagbeter.indicators import protection  # noqa: E402
from elkedagbeter.indicators.protection import Audit, Hierarchy, Table  # noqa: E402
from elkedagbeter.organisations.models import Region  # noqa: E402

# One region of the national preset: 500,000 cases over 42 regions, 18 extra events a case.
NATIONAL_REGION = ["--preset", "national", "--regions", "1", "--cases", str(500_000 // 42)]


def _audit(hierarchy: Hierarchy, *, public: bool = False) -> Audit:
    today = timezone.localdate()
    total = Audit()
    for code in protection.COUNT_INDICATORS:
        table = Table.load(code, hierarchy, today)
        hidden, crossed = protection.stored_hidden(code)
        total.add(protection.audit(table, hidden, crossed, public=public))
    return total


def _line(label: str, found: Audit) -> None:
    print(
        f"  {label:<30} hidden {found.hidden:>8,}  beyond primary {found.beyond_primary:>7,}  "
        f"'< 5' as cross {found.crossed:>6,}  "
        f"pinned {found.pinned:>5,}  narrowed {found.narrow:>5,}  audit {found.seconds:7.2f} s"
    )


def _report(name: str, region_id: int | None) -> None:
    hierarchy = Hierarchy.load(region_id)
    scope = "whole table" if region_id is None else "one region, as its own people see it"
    print(f"{name} ({scope}; {Event.objects.count():,} events)")
    started = time.perf_counter()
    protection.protect(ranges=False)
    before = time.perf_counter() - started
    _line("against subtraction only", _audit(hierarchy))
    started = time.perf_counter()
    protection.protect()
    after = time.perf_counter() - started
    _line("against ranges (this change)", _audit(hierarchy))
    _line("public pages, against ranges", _audit(hierarchy, public=True))
    started = time.perf_counter()
    protection.protect(from_stored=True)
    on_commit = time.perf_counter() - started
    print(
        f"  protect(): {before:.2f} s against subtraction only; against ranges {after:.2f} s "
        f"afresh (full rebuild, cron) and {on_commit:.2f} s from the stored pattern (after a "
        "commit)"
    )


def _fresh() -> None:
    call_command("flush", interactive=False, verbosity=0)


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor}")

    _fresh()
    load_demo_region(timezone.localdate())
    demo = Region.objects.get(code="voorbeeld")
    _report("Demo region", demo.pk)

    _fresh()
    call_command("generate_synthetic", preset="small", verbosity=0)
    _report("Generated small region (preset small)", Region.objects.get(code="synth-1").pk)

    _fresh()
    call_command("generate_synthetic", *NATIONAL_REGION, verbosity=0)
    _report("One region at the national set's density", Region.objects.get(code="synth-1").pk)

    if sys.argv[1:] == ["national"]:
        _fresh()
        call_command("generate_synthetic", preset="national", verbosity=0)
        _report("National set (whole table)", None)
        _report("National set, region synth-1", Region.objects.get(code="synth-1").pk)
    else:
        print(
            "National set: not generated (the better part of an hour); run\n"
            "  DATABASE_URL=postgres://… .venv/bin/python bench/disclosure.py national"
        )


if __name__ == "__main__":
    main()
