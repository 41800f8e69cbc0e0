"""Benchmark of small-number protection against an attacker who reasons with ranges. Prints
figures; never fails.

    DATABASE_URL=postgres://… python bench/disclosure.py [demo] [small] [region] [national]

The database is emptied before each set (``flush``): use one of its own. For each set named
(default ``demo small region``: the demo region, a generated small region of 2 municipalities
and 3 teams with a year of cases, one region generated at the national set's density; and
``national``, the national set itself, which takes the better part of an hour to generate) it
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
import random
import sys
import time
from datetime import timedelta
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

from elkedagbeter.cases.models import Case, Event, new_case_reference  # noqa: E402
from elkedagbeter.demo.actors import SYNTHETIC_ACTOR, system_actor  # noqa: E402
from elkedagbeter.demo.region import load_demo_region  # noqa: E402
from elkedagbeter.demo.synthetic_cases import history_for, save_histories  # noqa: E402
from elkedagbeter.indicators import facts, protection  # noqa: E402
from elkedagbeter.indicators.protection import Audit, Hierarchy, Table  # noqa: E402
from elkedagbeter.indicators.tests.helpers import record_seclusions  # noqa: E402
from elkedagbeter.organisations.models import Municipality, Region, Team, TeamType  # noqa: E402

# One region of the national preset: 500,000 cases over 42 regions, 18 extra events a case.
NATIONAL_REGION = ["--preset", "national", "--regions", "1", "--cases", str(500_000 // 42)]
# The small region of issue 23: 2 municipalities, 3 teams, cases opened in the last year.
SMALL_TEAMS = (2, 1)  # teams per municipality
SMALL_CASES_PER_TEAM = 20


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
    whole = time.perf_counter() - started
    print(
        f"  protect(): {before:.2f} s against subtraction only; against ranges {after:.2f} s "
        f"afresh (full rebuild, cron), {whole:.2f} s auditing the whole stored pattern again"
    )
    _after_commits(hierarchy, region_id)


def _after_commits(hierarchy: Hierarchy, region_id: int | None, changes: int = 5) -> None:
    """What a professional waits for when saving: one seclusion recorded on an open case of
    each of a few teams, its transaction committed (autocommit), so the facts of the case's
    team are rebuilt and the hidden cells the change can affect are audited again."""
    cases = Case.objects.filter(closed_on__isnull=True)
    if region_id is not None:
        cases = cases.filter(team__region_id=region_id)
    first_of_team: dict[int, Case] = {}
    for case in cases.order_by("-pk")[:5000]:
        first_of_team[case.team_id] = case
    picked = list(first_of_team.values())[:changes]
    today = timezone.localdate()
    seconds = []
    for case in picked:
        started = time.perf_counter()
        record_seclusions(case, 1, today)  # a youth (no refresh) and one seclusion (a commit)
        seconds.append(time.perf_counter() - started)
    _line("after those commits", _audit(hierarchy))
    print(
        f"  a commit (one seclusion saved, its team's figures rebuilt and protected): "
        f"{', '.join(f'{s:.2f}' for s in seconds)} s"
    )


def _national() -> None:
    """The national set as its cron run protects it: afresh, once, then audited; and what a
    commit would cost if a national deployment protected after each one. The demo region comes
    first, as in the load test (scripts/load.sh), so the database can serve that test next."""
    started = time.perf_counter()
    load_demo_region(timezone.localdate())
    call_command("generate_synthetic", preset="national", no_figures=True, verbosity=0)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    facts.rebuild(protect=False)  # the figures; their protection is measured next
    print(
        f"National set ({Event.objects.count():,} events; generated in {generated:.0f} s, "
        f"figures built in {time.perf_counter() - started:.0f} s)"
    )
    hierarchy = Hierarchy.load()
    started = time.perf_counter()
    protection.protect()
    print(f"  protect() afresh (the cron run): {time.perf_counter() - started:.0f} s")
    _line("against ranges (whole table)", _audit(hierarchy))
    _line("public pages, against ranges", _audit(hierarchy, public=True))
    _after_commits(hierarchy, None, changes=3)


def _small_region() -> int:
    """Two municipalities, three teams and a year of synthetic case histories; the figures
    rebuilt. Returns the region's id."""
    rng = random.Random(23)  # noqa: S311 - synthetic data, not security
    today = timezone.localdate()
    region = Region.objects.create(code="klein", name="Kleine regio")
    cases = []
    for m, teams in enumerate(SMALL_TEAMS):
        municipality = Municipality.objects.create(
            region=region, name=f"Gemeente {m + 1}", cbs_code=f"GM90{m}"
        )
        for t in range(teams):
            team = Team.objects.create(
                region=region,
                municipality=municipality,
                name=f"Wijkteam {m + 1}-{t + 1}",
                team_type=TeamType.NEIGHBOURHOOD,
            )
            cases += [
                Case(
                    reference=new_case_reference(),
                    team=team,
                    opened_on=today - timedelta(days=rng.randint(10, 365)),
                )
                for _ in range(SMALL_CASES_PER_TEAM)
            ]
    Case.objects.bulk_create(cases)
    author = system_actor(SYNTHETIC_ACTOR)
    save_histories([history_for(case, rng, today, author) for case in cases], today)
    facts.rebuild()
    return region.pk


def _synthetic_region() -> int:
    return Region.objects.get(code="synth-1").pk


def _fresh() -> None:
    call_command("flush", interactive=False, verbosity=0)


SETS = ("demo", "small", "region", "national")


def main() -> None:
    wanted = sys.argv[1:] or ["demo", "small", "region"]
    unknown = set(wanted) - set(SETS)
    if unknown:
        raise SystemExit(f"Unknown sets {sorted(unknown)}; choose from {', '.join(SETS)}.")
    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor}")

    if "demo" in wanted:
        _fresh()
        load_demo_region(timezone.localdate())
        demo = Region.objects.get(code="voorbeeld")
        _report("Demo region", demo.pk)

    if "small" in wanted:
        _fresh()
        _report("Generated small region (2 municipalities, 3 teams, a year)", _small_region())

    if "region" in wanted:
        _fresh()
        call_command("generate_synthetic", *NATIONAL_REGION, verbosity=0)
        _report("One region at the national set's density", _synthetic_region())

    if "national" in wanted:
        _fresh()
        _national()
    else:
        print(
            "National set: not generated (the better part of an hour); run\n"
            "  DATABASE_URL=postgres://… .venv/bin/python bench/disclosure.py national"
        )


if __name__ == "__main__":
    main()
