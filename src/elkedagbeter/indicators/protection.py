"""Small-number protection across pages: which counts no page may show.

A page protects its own cells (``core.privacy.suppress``), but the dashboard has a page per area
and period: a municipality hidden on its region's page to protect a small neighbour would be shown
on its own page, and the neighbour recovered by subtraction. So the hidden cells are worked out for
the whole table at once, every area at every level in every month, quarter and year, linked by
area = sum of its parts and year = sum of its quarters = sum of its months, and stored as
``HiddenFigure`` rows that every page, export and report starts from.

Two steps: no hidden cell may be the one unknown of a sum (subtraction), and no hidden cell may be
narrowed down to fewer than ``privacy.WIDTH`` whole numbers by someone who reads every "< 5" as 1
to 4 and solves the sums as a linear program (``privacy.protect_ranges``). ``audit`` runs that
attack on a stored pattern, for the internal pages or for the public ones (rounded to 5).

This runs after every rebuild of the figures. A national deployment turns off the run after each
commit (``INDICATORS_PROTECT_ON_COMMIT``) and runs ``refresh_indicators --protect`` from cron;
until then each page is still protected on its own.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from elkedagbeter.core import privacy
from elkedagbeter.core.privacy import Relation
from elkedagbeter.organisations.models import Municipality, Region, Team

from . import versions
from .models import HiddenFigure, IndicatorFact
from .periods import Period, PeriodKind
from .places import Level
from .registry import INDICATORS, Unit

COUNT_INDICATORS = [indicator.code for indicator in INDICATORS if indicator.unit is Unit.COUNT]
# Counts of distinct youths (an observation with a key): a quarter counts a youth once however
# many of its months did, so a period is at most the sum of its parts, and at least each part.
# (diagnosewisselingen came with issue 18: left out, a generated region's quarter of 5 youths
# against months of 1 + 2 + 3 made the attacker's program infeasible.)
DISTINCT_COUNTS = frozenset({"jongeren_gesepareerd", "drie_overplaatsingen", "diagnosewisselingen"})
# What the public pages show: regions and municipalities, per quarter and year.
PUBLIC_LEVELS = frozenset({Level.REGION, Level.MUNICIPALITY})
PUBLIC_KINDS = frozenset({PeriodKind.QUARTER, PeriodKind.YEAR})
COUNTRY_ID = 0
FIELDS = ("indicator", "period_kind", "period_start", "level", "area_id")

Area = tuple[Level, int]
Cell = tuple[PeriodKind, date, Level, int]


@dataclass(frozen=True)
class Hierarchy:
    """Every area and the areas that add up to it."""

    areas: list[Area]
    sums: list[tuple[Area, tuple[Area, ...]]]
    regions: dict[Area, int]  # the region each area below the country lies in

    @classmethod
    def load(cls, region_id: int | None = None) -> Hierarchy:
        """The whole country, or one region on its own (as its own people see it)."""
        parts: dict[Area, list[Area]] = defaultdict(list)
        regions = Region.objects.all()
        municipalities = Municipality.objects.all()
        teams = Team.objects.all()
        if region_id is not None:
            regions = regions.filter(pk=region_id)
            municipalities = municipalities.filter(region_id=region_id)
            teams = teams.filter(region_id=region_id)
        roots: list[Area] = [(Level.COUNTRY, COUNTRY_ID)] if region_id is None else []
        in_regions: dict[Area, int] = {}
        for pk in regions.values_list("id", flat=True):
            in_regions[(Level.REGION, pk)] = pk
            if region_id is None:
                parts[roots[0]].append((Level.REGION, pk))
            else:
                roots.append((Level.REGION, pk))
        for municipality_id, in_region in municipalities.values_list("id", "region_id"):
            parts[(Level.REGION, in_region)].append((Level.MUNICIPALITY, municipality_id))
            in_regions[(Level.MUNICIPALITY, municipality_id)] = in_region
        for team_id, municipality_id, in_region in teams.values_list(
            "id", "municipality_id", "region_id"
        ):
            whole = (
                (Level.MUNICIPALITY, municipality_id)
                if municipality_id
                else (Level.REGION, in_region)
            )
            parts[whole].append((Level.TEAM, team_id))
            in_regions[(Level.TEAM, team_id)] = in_region
        areas = roots + [area for children in parts.values() for area in children]
        sums = [(whole, tuple(children)) for whole, children in parts.items() if children]
        return cls(areas, sums, in_regions)


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


def _values(code: str, region_id: int | None = None) -> tuple[dict[Cell, int], range]:
    """The non-zero counts of every area, and the years they fall in."""
    values: dict[Cell, int] = defaultdict(int)
    rows = IndicatorFact.objects.filter(indicator=code, numerator__gt=0)
    if region_id is not None:
        rows = rows.filter(region_id=region_id)
    years: set[int] = set()
    for kind_value, start, team_id, municipality_id, in_region, count in rows.values_list(
        "period_kind", "period_start", "team_id", "municipality_id", "region_id", "numerator"
    ).iterator(5000):
        kind = PeriodKind(kind_value)
        years.add(start.year)
        values[(kind, start, Level.TEAM, team_id)] += count
        if municipality_id:
            values[(kind, start, Level.MUNICIPALITY, municipality_id)] += count
        values[(kind, start, Level.REGION, in_region)] += count
        values[(kind, start, Level.COUNTRY, COUNTRY_ID)] += count
    return values, range(min(years, default=0), max(years, default=-1) + 1)


@dataclass(frozen=True)
class Table:
    """One count indicator for every area and period, and how its cells add up."""

    code: str
    values: dict[Cell, int]
    relations: list[Relation[Cell]]
    regions: Mapping[Area, int]  # see Hierarchy

    def region(self, cell: Cell) -> int | None:
        """The block of a cell for the attacker's program: its region, None for the country's
        cells, which tie the regions together (``privacy.attacker_ranges``)."""
        return self.regions.get((cell[2], cell[3]))

    @classmethod
    def load(cls, code: str, hierarchy: Hierarchy, today: date) -> Table:
        region_id = next(
            (area_id for level, area_id in hierarchy.areas[:1] if level is Level.REGION), None
        )
        sparse, years = _values(code, region_id)
        periods = _periods(years, today)
        values = {
            (p.kind, p.start, level, area_id): sparse.get((p.kind, p.start, level, area_id), 0)
            for p in periods
            for level, area_id in hierarchy.areas
        }
        exact_in_time = code not in DISTINCT_COUNTS
        relations: list[Relation[Cell]] = []
        for p in periods:
            relations += [
                Relation(
                    (p.kind, p.start, *whole), tuple((p.kind, p.start, *part) for part in parts)
                )
                for whole, parts in hierarchy.sums
            ]
            begun = [q for q in p.parts() if q.start <= today]
            relations += [
                Relation(
                    (p.kind, p.start, *area),
                    tuple((q.kind, q.start, *area) for q in begun),
                    exact=exact_in_time,
                )
                for area in hierarchy.areas
                if begun
            ]
        return cls(code, values, relations, hierarchy.regions)

    def reasons(
        self, hidden: Collection[Cell], crossed: Collection[Cell] = ()
    ) -> dict[Cell, privacy.Reason]:
        """A stored pattern as the pages label it: "< 5" when small and not crossed, else a
        cross."""
        return privacy.hidden_cells(self.values, [], hidden, crossed)

    def public(self) -> Table:
        """What the public pages show: regions and municipalities per quarter and year. A sum
        with a part they do not show tells a reader nothing (that part takes up any difference),
        so only the sums among shown cells remain."""
        values = {
            cell: value
            for cell, value in self.values.items()
            if cell[0] in PUBLIC_KINDS and cell[2] in PUBLIC_LEVELS
        }
        relations = [r for r in self.relations if all(cell in values for cell in r.cells)]
        return Table(self.code, values, relations, self.regions)


def hidden_cells(
    code: str,
    hierarchy: Hierarchy,
    today: date,
    *,
    ranges: bool = True,
    start: tuple[set[Cell], set[Cell]] = (set(), set()),
    changed: Collection[Cell] | None = None,
) -> dict[Cell, privacy.Reason]:
    """The cells of one indicator that no page may show, and why: against subtraction and, with
    ``ranges``, against narrowing down by linear programming. ``start``: cells hidden (and
    crossed) already, which stay so. ``changed``: ``start`` was audited before and only these
    cells have changed since, so only the hidden cells they can affect are audited again."""
    table = Table.load(code, hierarchy, today)
    reasons = privacy.hidden_cells(table.values, table.relations, *start)
    if ranges:
        if changed is not None:
            before = table.reasons(*start)
            changed = set(changed) | {
                cell
                for cell in reasons.keys() | before.keys()
                if reasons.get(cell) != before.get(cell)
            }
        privacy.protect_ranges(
            table.values, table.relations, reasons, changed=changed, blocks=table.region
        )
    return reasons


Change = Mapping[str, Collection[Cell]]  # per indicator, the cells whose count changed


@transaction.atomic
def protect(
    today: date | None = None,
    *,
    ranges: bool = True,
    from_stored: bool = False,
    changed: Change | None = None,
) -> int:
    """Work out which cells of every count indicator are hidden and store the changes; returns
    how many are hidden. Without ``ranges`` only subtraction is prevented (for comparison).

    ``from_stored`` starts from the stored pattern: what is hidden stays hidden, so only the few
    cells a change narrows need more, which is quick. With ``changed`` (after a commit,
    ``changed_cells``) only those indicators are worked on and only the hidden cells the change
    can affect are audited again. A full rebuild starts afresh, so cells no longer needed are
    shown again."""
    hierarchy = Hierarchy.load()
    today = today or timezone.localdate()
    codes = COUNT_INDICATORS if changed is None else [c for c in COUNT_INDICATORS if c in changed]
    hidden = 0
    stored_changed = False
    for code in codes:
        pattern = stored_hidden(code) if from_stored or changed is not None else (set(), set())
        reasons = hidden_cells(
            code,
            hierarchy,
            today,
            ranges=ranges,
            start=pattern,
            changed=None if changed is None else changed[code],
        )
        stored_changed |= _store(code, reasons)
        hidden += len(reasons)
    if changed is None:  # indicators that are no longer counts
        stored_changed |= bool(
            HiddenFigure.objects.exclude(indicator__in=COUNT_INDICATORS).delete()[0]
        )
    if stored_changed:
        versions.renew()
    return hidden


def _store(code: str, reasons: Mapping[Cell, privacy.Reason]) -> bool:
    """Make the stored pattern of one indicator ``reasons``, touching only the rows that differ;
    returns whether any did."""
    wanted: dict[tuple[object, ...], bool] = {
        (kind.value, start, level.value, area_id): reason == "secondary"
        for (kind, start, level, area_id), reason in reasons.items()
    }
    stored = {
        tuple(row[1:5]): (row[0], row[5])
        for row in HiddenFigure.objects.filter(indicator=code)
        .values_list("id", "period_kind", "period_start", "level", "area_id", "crossed")
        .iterator(5000)
    }
    # A stored cross on a count that is no longer small is harmless: a cross it stays.
    gone = [pk for key, (pk, crossed) in stored.items() if wanted.get(key) != crossed]
    for offset in range(0, len(gone), 5000):
        HiddenFigure.objects.filter(pk__in=gone[offset : offset + 5000]).delete()
    kept = {key for key, (_pk, crossed) in stored.items() if wanted.get(key) == crossed}
    new = [
        HiddenFigure(**dict(zip(FIELDS, (code, *key), strict=True)), crossed=crossed)
        for key, crossed in wanted.items()
        if key not in kept
    ]
    HiddenFigure.objects.bulk_create(new, batch_size=5000)
    return bool(gone or new)


TeamCounts = dict[tuple[str, str, date, int, int | None, int], int]


def team_counts(team_ids: Collection[int]) -> TeamCounts:
    """The count indicators' figures of these teams, to compare before and after a rebuild."""
    rows = IndicatorFact.objects.filter(team_id__in=team_ids, indicator__in=COUNT_INDICATORS)
    return {
        row[:6]: row[6]
        for row in rows.values_list(
            "indicator",
            "period_kind",
            "period_start",
            "team_id",
            "municipality_id",
            "region_id",
            "numerator",
        )
    }


def changed_cells(before: TeamCounts, after: TeamCounts) -> dict[str, set[Cell]]:
    """Per indicator, the cells of every area whose count differs: the team's, and those of its
    municipality, its region and the country in the same period."""
    changed: dict[str, set[Cell]] = defaultdict(set)
    for key in before.keys() | after.keys():
        if before.get(key, 0) == after.get(key, 0):
            continue
        code, kind_value, start, team_id, municipality_id, region_id = key
        kind = PeriodKind(kind_value)
        areas = [(Level.TEAM, team_id), (Level.REGION, region_id), (Level.COUNTRY, COUNTRY_ID)]
        if municipality_id:
            areas.append((Level.MUNICIPALITY, municipality_id))
        changed[code].update((kind, start, level, area_id) for level, area_id in areas)
    return dict(changed)


def stored_hidden(code: str) -> tuple[set[Cell], set[Cell]]:
    """The stored pattern of one indicator: the hidden cells, and those shown as a cross."""
    hidden: set[Cell] = set()
    crossed: set[Cell] = set()
    for kind, start, level, area_id, cross in HiddenFigure.objects.filter(
        indicator=code
    ).values_list("period_kind", "period_start", "level", "area_id", "crossed"):
        cell = (PeriodKind(kind), start, Level(level), area_id)
        hidden.add(cell)
        if cross:
            crossed.add(cell)
    return hidden, crossed


@dataclass
class Audit:
    """What the attack finds on a pattern of hidden cells."""

    hidden: int = 0
    small: int = 0  # hidden for their own size (1 to 4): primary suppression
    crossed: int = 0  # of those, shown as a cross rather than "< 5"
    pinned: int = 0  # worked out exactly
    narrow: int = 0  # narrowed to fewer than privacy.WIDTH whole numbers (pinned included)
    seconds: float = 0.0

    @property
    def beyond_primary(self) -> int:
        return self.hidden - self.small

    def add(self, other: Audit) -> None:
        self.hidden += other.hidden
        self.small += other.small
        self.crossed += other.crossed
        self.pinned += other.pinned
        self.narrow += other.narrow
        self.seconds += other.seconds


def audit(
    table: Table,
    hidden: Collection[Cell],
    crossed: Collection[Cell] = (),
    *,
    public: bool = False,
    tight: bool = False,
) -> Audit:
    """Run the attacker's linear program on ``hidden`` (as stored, or as worked out): how many
    hidden cells a reader of the internal pages (everything, exact) or of the public pages
    (``public``: regions and municipalities, rounded to 5) pins or narrows below the width.
    ``tight`` works out every range to the end, not just far enough to know it is wide enough."""
    started = time.perf_counter()
    if public:
        table = table.public()
    reasons = table.reasons(hidden, crossed)
    known = (privacy.published_knowledge if public else privacy.knowledge)(table.values, reasons)
    ranges = privacy.attacker_ranges(
        known,
        table.relations,
        reasons,
        width=None if tight else privacy.WIDTH,
        truth=table.values,
        blocks=None if tight else table.region,
    )
    return Audit(
        hidden=len(reasons),
        small=sum(0 < table.values[cell] < privacy.THRESHOLD for cell in reasons),
        crossed=sum(
            reason == "secondary" and 0 < table.values[cell] < privacy.THRESHOLD
            for cell, reason in reasons.items()
        ),
        pinned=sum(found.pinned for found in ranges.values()),
        narrow=sum(found.values < privacy.WIDTH for found in ranges.values()),
        seconds=time.perf_counter() - started,
    )
