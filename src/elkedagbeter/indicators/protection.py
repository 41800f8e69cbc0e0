"""Small-number protection across pages: which counts no page may show.

A page protects its own cells (``core.privacy.suppress``), but the dashboard has a page per area
and period: a municipality hidden on its region's page to protect a small neighbour would be shown
on its own page, and the neighbour recovered by subtraction. So the hidden cells are worked out for
the whole table at once, every area at every level in every month, quarter and year, linked by
area = sum of its parts and year = sum of its quarters = sum of its months, and stored as
``HiddenFigure`` rows that every page, export and report starts from.

This runs after every rebuild of the figures. A national deployment turns off the run after each
commit (``INDICATORS_PROTECT_ON_COMMIT``) and runs ``refresh_indicators --protect`` from cron;
until then each page is still protected on its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from elkedagbeter.core import privacy
from elkedagbeter.core.privacy import Relation
from elkedagbeter.organisations.models import Municipality, Region, Team

from .models import HiddenFigure, IndicatorFact
from .periods import Period, PeriodKind
from .places import Level
from .registry import INDICATORS, Unit

COUNT_INDICATORS = [indicator.code for indicator in INDICATORS if indicator.unit is Unit.COUNT]
COUNTRY_ID = 0
FIELDS = ("indicator", "period_kind", "period_start", "level", "area_id")

Area = tuple[Level, int]
Cell = tuple[PeriodKind, date, Level, int]


@dataclass(frozen=True)
class Hierarchy:
    """Every area and the areas that add up to it."""

    areas: list[Area]
    sums: list[tuple[Area, tuple[Area, ...]]]

    @classmethod
    def load(cls) -> Hierarchy:
        parts: dict[Area, list[Area]] = defaultdict(list)
        country: Area = (Level.COUNTRY, COUNTRY_ID)
        for region_id in Region.objects.values_list("id", flat=True):
            parts[country].append((Level.REGION, region_id))
        for municipality_id, region_id in Municipality.objects.values_list("id", "region_id"):
            parts[(Level.REGION, region_id)].append((Level.MUNICIPALITY, municipality_id))
        for team_id, municipality_id, region_id in Team.objects.values_list(
            "id", "municipality_id", "region_id"
        ):
            whole = (
                (Level.MUNICIPALITY, municipality_id)
                if municipality_id
                else (Level.REGION, region_id)
            )
            parts[whole].append((Level.TEAM, team_id))
        areas = [country] + [area for children in parts.values() for area in children]
        sums = [(whole, tuple(children)) for whole, children in parts.items() if children]
        return cls(areas, sums)


def _periods(years: range, today: date) -> list[Period]:
    """Every period of these years that has begun: one that has not is known to be zero, so
    hiding it would protect nothing."""
    return [
        Period.containing(kind, date(year, month, 1))
        for year in years
        for kind in PeriodKind
        for month in range(1, 13, kind.months)
        if date(year, month, 1) <= today
    ]


def _values(code: str) -> tuple[dict[Cell, int], range]:
    """The non-zero counts of every area, and the years they fall in."""
    values: dict[Cell, int] = defaultdict(int)
    rows = IndicatorFact.objects.filter(indicator=code, numerator__gt=0).values_list(
        "period_kind", "period_start", "team_id", "municipality_id", "region_id", "numerator"
    )
    years: set[int] = set()
    for kind_value, start, team_id, municipality_id, region_id, count in rows.iterator(5000):
        kind = PeriodKind(kind_value)
        years.add(start.year)
        values[(kind, start, Level.TEAM, team_id)] += count
        if municipality_id:
            values[(kind, start, Level.MUNICIPALITY, municipality_id)] += count
        values[(kind, start, Level.REGION, region_id)] += count
        values[(kind, start, Level.COUNTRY, COUNTRY_ID)] += count
    return values, range(min(years, default=0), max(years, default=-1) + 1)


def hidden_cells(code: str, hierarchy: Hierarchy, today: date) -> set[Cell]:
    """The cells of one indicator that no page may show."""
    sparse, years = _values(code)
    periods = _periods(years, today)
    values = {
        (p.kind, p.start, level, area_id): sparse.get((p.kind, p.start, level, area_id), 0)
        for p in periods
        for level, area_id in hierarchy.areas
    }
    relations: list[Relation[Cell]] = []
    for p in periods:
        relations += [
            Relation((p.kind, p.start, *whole), tuple((p.kind, p.start, *part) for part in parts))
            for whole, parts in hierarchy.sums
        ]
        begun = [q for q in p.parts() if q.start <= today]
        relations += [
            Relation((p.kind, p.start, *area), tuple((q.kind, q.start, *area) for q in begun))
            for area in hierarchy.areas
            if begun
        ]
    return set(privacy.hidden_cells(values, relations))


@transaction.atomic
def protect(today: date | None = None) -> int:
    """Work out which cells of every count indicator are hidden and store the changes; returns
    how many are hidden."""
    hierarchy = Hierarchy.load()
    today = today or timezone.localdate()
    wanted = {
        (code, kind.value, start, level.value, area_id)
        for code in COUNT_INDICATORS
        for kind, start, level, area_id in hidden_cells(code, hierarchy, today)
    }
    stored = {
        tuple(row[1:]): row[0]
        for row in HiddenFigure.objects.values_list(
            "id", "indicator", "period_kind", "period_start", "level", "area_id"
        ).iterator(5000)
    }
    gone = [pk for key, pk in stored.items() if key not in wanted]
    for start in range(0, len(gone), 5000):
        HiddenFigure.objects.filter(pk__in=gone[start : start + 5000]).delete()
    HiddenFigure.objects.bulk_create(
        [HiddenFigure(**dict(zip(FIELDS, key, strict=True))) for key in wanted - stored.keys()],
        batch_size=5000,
    )
    return len(wanted)
