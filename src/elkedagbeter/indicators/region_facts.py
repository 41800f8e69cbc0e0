"""The regions' totals of the analytics table, for the country's figures.

A country page adds up every region's figure per period: summed from the teams' facts that read
two million rows on the national set for each request (docs/performance.md). ``RegionFact``
holds the same sums per region, built with the facts: in full by every full rebuild, and for a
commit's few teams only in the periods whose facts changed, in the regions of those teams. Each
cell is added up again from ``IndicatorFact``, never adjusted, so it cannot drift from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet, Sum

from elkedagbeter.organisations.models import Region

from . import versions
from .models import IndicatorFact, RegionFact

FIELDS = ["indicator", "period_kind", "period_start", "region_id"]
TOTALS = ["region_id", "numerator", "denominator"]
# A region in a period: the grain at which a team's change is carried over.
Cell = tuple[str, date, int]  # period kind, period start, region id
TeamFacts = dict[tuple[str, str, date, int], tuple[int, int, int]]


def stored_facts(team_ids: Collection[int]) -> TeamFacts:
    """The teams' facts as stored: (indicator, period kind, start, team) → (region,
    numerator, denominator)."""
    rows = IndicatorFact.objects.filter(team_id__in=team_ids).values_list(
        "indicator", "period_kind", "period_start", "team_id", *TOTALS
    )
    return {(i, k, s, t): (r, n, d) for i, k, s, t, r, n, d in rows}


def built_facts(facts: Iterable[IndicatorFact]) -> TeamFacts:
    """The same of facts about to be stored."""
    return {
        (f.indicator, f.period_kind, f.period_start, f.team_id): (
            f.region_id,
            f.numerator,
            f.denominator,
        )
        for f in facts
    }


def changed_cells(before: TeamFacts, after: TeamFacts) -> set[Cell]:
    """The regions' periods in which some team's fact differs between ``before`` and ``after``
    (the old and the new region both, should a team's region be another now)."""
    cells: set[Cell] = set()
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old != new:
            cells |= {(key[1], key[2], row[0]) for row in (old, new) if row is not None}
    return cells


def rebuild(cells: set[Cell] | None = None) -> int:
    """Add up the teams' facts again in these cells (in every cell when None); returns the
    number of rows written. Call in the transaction that rebuilt the facts."""
    if cells is not None and not cells:
        return 0
    regions = None if cells is None else {region for *_period, region in cells}
    _lock(regions)
    where = Q() if cells is None else _where(cells)
    RegionFact.objects.filter(where).delete()
    rows = _totals(IndicatorFact.objects.filter(where))
    RegionFact.objects.bulk_create(
        (
            RegionFact(**{f: row[f] for f in FIELDS}, numerator=row["n"], denominator=row["d"])
            for row in rows
        ),
        batch_size=5000,
    )
    versions.renew(regions)
    return len(rows)


def _lock(region_ids: set[int] | None) -> None:
    """Two commits in one region add it up one after the other: the second waits here for the
    first to commit, so its sums include the first's facts and its rows do not collide with the
    first's (PostgreSQL; SQLite has one writer at a time anyway)."""
    regions = Region.objects.select_for_update().order_by("pk")  # one order: no deadlock
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    list(regions.values_list("pk", flat=True))


def _totals(facts: QuerySet[IndicatorFact]) -> list[dict[str, Any]]:
    return list(facts.order_by().values(*FIELDS).annotate(n=Sum("numerator"), d=Sum("denominator")))


def _where(cells: set[Cell]) -> Q:
    """The rows of these cells' regions in these cells' periods: a few more cells than asked
    when several regions changed in different periods, which costs little and stays exact."""
    starts: dict[str, set[date]] = defaultdict(set)
    for kind, start, _region in cells:
        starts[kind].add(start)
    periods = reduce(or_, (Q(period_kind=k, period_start__in=s) for k, s in starts.items()))
    return periods & Q(region_id__in={region for *_period, region in cells})
