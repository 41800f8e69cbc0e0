"""Benchmark of the Beweging van 0 dashboard on generated data. Prints figures; never fails on
time.

    DATABASE_URL=postgres://… python bench/indicators.py [small|region|sample|national]

Measures, warm: the dashboard of one region and of the country (quarter view, all indicators,
with suppression), the O-plaat of one zero goal for that region with all its links (knelpunten,
decisions, partners, patterns, examples, initiatives; ``bench/plate.py``) beside the regional
dashboard, a hand-written SQL GROUP BY over the events for the same figures, and how long a new
event takes to reach the dashboard.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.plate import bench_plate  # noqa: E402
from bench.timing import measure  # noqa: E402
from conftest import log_in  # noqa: E402
from elkedagbeter.accounts.models import User  # noqa: E402
from elkedagbeter.cases.models import Case, Event, EventKind  # noqa: E402
from elkedagbeter.indicators import protection  # noqa: E402
from elkedagbeter.indicators.models import IndicatorFact  # noqa: E402
from elkedagbeter.indicators.periods import Period, PeriodKind  # noqa: E402
from elkedagbeter.organisations.models import Membership, Region, Role  # noqa: E402


def _user(username: str, role: Role, **scope: object) -> User:
    user = User.objects.create_user(username=username, password="bench")  # noqa: S106
    Membership.objects.create(user=user, role=role, **scope)
    return user


def _quarter_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"date_trunc('quarter', {column})"
    return f"strftime('%Y', {column}) || ((cast(strftime('%m', {column}) as integer) + 2) / 3)"


def hand_written(region_id: int | None, first: Period) -> Callable[[], object]:
    """Counts per area, quarter and kind of event straight from the events, as an analyst would
    write it: the floor our dashboard is compared with."""
    where = "AND t.region_id = %s" if region_id else ""
    group = "t.municipality_id" if region_id else "t.region_id"
    # Only fixed fragments are formatted in; the values are parameters.
    sql = f"""
        SELECT {group}, {_quarter_sql("e.started_on")} AS quarter, e.kind, COUNT(*)
        FROM cases_event e
        JOIN cases_case c ON c.id = e.case_id
        JOIN organisations_team t ON t.id = c.team_id
        WHERE e.started_on >= %s {where}
        GROUP BY 1, 2, 3
    """  # noqa: S608
    params: list[date | int] = [first.start] + ([region_id] if region_id else [])

    def run() -> object:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def main() -> None:
    preset = sys.argv[1] if len(sys.argv) > 1 else "region"
    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    # BENCH_CASES: the preset's regions and teams with fewer cases (the figures table, which the
    # pages read, has the same teams and periods; generating all 500k cases takes an hour).
    cases = int(os.environ["BENCH_CASES"]) if os.environ.get("BENCH_CASES") else None
    whole_country = preset == "national"  # protected from cron, not here: see below
    call_command("generate_synthetic", preset=preset, cases=cases, no_protection=whole_country)
    print(f"Generated and built in {time.perf_counter() - started:.0f} s ({connection.vendor})")
    print(f"{Event.objects.count():,} events, {IndicatorFact.objects.count():,} rows of figures")

    # The first generated region (the load test loads the demo region into the same database).
    region = Region.objects.filter(code="synth-1").first()
    assert region is not None
    analyst_user = _user("bench-analyst", Role.ANALYST, region=region)
    analyst = log_in(Client(), analyst_user, second_factor=False)
    viewer = log_in(Client(), _user("bench-viewer", Role.VIEWER), second_factor=False)
    quarter = Period.containing(PeriodKind.QUARTER, timezone.localdate())
    first = quarter.shifted(-7)

    regional = measure(
        "dashboard, one region (quarters, all indicators)",
        lambda: analyst.get(f"/beweging-van-0/?plaats=regio-{region.pk}&periode=kwartaal"),
    )
    bench_plate(region, analyst_user, analyst, regional)
    national = measure(
        "dashboard, the country (quarters, all indicators)",
        lambda: viewer.get("/beweging-van-0/?plaats=land&periode=kwartaal"),
    )
    raw_regional = measure(
        "hand-written GROUP BY over events, one region", hand_written(region.pk, first)
    )
    raw_national = measure(
        "hand-written GROUP BY over events, the country", hand_written(None, first)
    )
    print(
        f"ratio dashboard / hand-written SQL: region {regional / raw_regional:.2f}, "
        f"country {national / raw_national:.2f}"
    )

    if whole_country:
        # Hours: bench/national_protection.py measures it. A national deployment protects from
        # cron, not after each commit (docs/indicators.md), and so does the commit below.
        print("protection of every figure on every page: see bench/national_protection.py")
        settings.INDICATORS_PROTECT_ON_COMMIT = False
    else:
        hidden = protection.protect()
        print(f"{hidden:,} figures hidden across all pages")
        measure("protection of every figure on every page", protection.protect, repeat=3)

    case = Case.objects.filter(team__region=region).order_by("pk").first()
    assert case is not None

    def record_and_refresh() -> None:
        with transaction.atomic():  # the figures are rebuilt for the case's team on commit
            Event.objects.create(case=case, kind=EventKind.CRISIS, started_on=timezone.localdate())

    measure("a new event, committed, in the figures (and protected)", record_and_refresh, repeat=5)


if __name__ == "__main__":
    main()
