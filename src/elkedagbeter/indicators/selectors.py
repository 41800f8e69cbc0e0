"""Reads for the dashboard: an area's figures per period and its parts', always protected
against small numbers before they leave this module."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from elkedagbeter.core.privacy import (
    THRESHOLD,
    ProtectedCount,
    Relation,
    protect_ratio,
    publish,
    suppress,
)

from .models import (
    HiddenFigure,
    IndicatorFact,
    PeriodApproval,
    RegionalAmbition,
    RegionFact,
)
from .periods import Period, PeriodKind
from .places import Level, Place, children
from .protection import COUNTRY_ID
from .registry import INDICATORS, Indicator, Unit
from .zero_goals import BY_CODE as ZERO_GOALS

LARGER = {PeriodKind.MONTH: PeriodKind.QUARTER, PeriodKind.QUARTER: PeriodKind.YEAR}
SERIES_LENGTH = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 8, PeriodKind.YEAR: 4}
Sums = dict[tuple[object, ...], tuple[int, int]]


@dataclass(frozen=True)
class Figure:
    """One value as shown: a protected count, or a protected rate or mean."""

    count: ProtectedCount | None = None
    ratio: float | None = None
    unit: Unit = Unit.COUNT
    empty: bool = False  # nothing to divide by
    withheld: bool = False  # not approved for publication

    @property
    def value(self) -> float | None:
        if self.withheld:
            return None
        if self.unit is Unit.COUNT:
            return None if self.count is None else self.count.value
        return self.ratio

    def __str__(self) -> str:
        if self.withheld:
            return str(_("not approved"))
        if self.unit is Unit.COUNT:
            return str(self.count)
        if self.ratio is None:
            return "-" if self.empty else "< 5"
        if self.unit is Unit.PERCENTAGE:
            return f"{self.ratio * 100:.0f}%"
        if self.unit is Unit.PER_10000:
            return f"{self.ratio * 10_000:.1f}".replace(".", ",")
        return f"{self.ratio:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Row:
    place: Place
    figure: Figure


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    series: list[tuple[Period, Figure]]
    parts: list[Row]
    threshold: Decimal | None

    @property
    def current(self) -> Figure:
        return self.series[-1][1]

    @property
    def previous(self) -> Figure:
        return self.series[-2][1] if len(self.series) > 1 else Figure(empty=True)


def _facts(place: Place) -> QuerySet[IndicatorFact] | QuerySet[RegionFact]:
    """The rows that add up to ``place``: for the country its regions' totals (the same sums,
    forty-odd rows a figure instead of every team's), else its teams' facts."""
    if place.level is Level.COUNTRY:
        return RegionFact.objects.all()
    return IndicatorFact.objects.filter(place.fact_filter())


def _sums(place: Place, kind: PeriodKind, starts: list[date], by: str | None = None) -> Sums:
    rows = _facts(place).filter(period_kind=kind.value, period_start__in=starts)
    fields = ["indicator", "period_start"] + ([by] if by else [])
    result: Sums = {}
    for row in rows.values(*fields).annotate(n=Sum("numerator"), d=Sum("denominator")):
        key = tuple(row[f] for f in fields)
        result[key] = (int(row["n"] or 0), int(row["d"] or 0))
    return result


def _ratio_figure(indicator: Indicator, numerator: int, denominator: int) -> Figure:
    if denominator == 0:
        return Figure(unit=indicator.unit, empty=True)
    if indicator.unit is Unit.MEAN:  # a mean of scores: only the number of scores is a count
        mean = numerator / denominator if denominator >= THRESHOLD else None
        return Figure(ratio=mean, unit=indicator.unit)
    return Figure(ratio=protect_ratio(numerator, denominator), unit=indicator.unit)


def indicator_views(place: Place, kind: PeriodKind, last: Period) -> list[IndicatorView]:
    """Every indicator for ``place``: the series up to ``last``, and ``last`` per part."""
    series = [last.shifted(-i) for i in reversed(range(SERIES_LENGTH[kind]))]
    own = _sums(place, kind, [p.start for p in series])
    parts = children(place)
    column = place.child_column
    by_part = _sums(place, kind, [last.start], by=column) if column else {}
    larger = _larger_periods(place, series)
    thresholds = _thresholds(place)
    hidden, crossed = _hidden(place, parts, kind, last)
    views = []
    counts: dict[str, dict[tuple[str, object], Figure]] = {}
    for indicator in INDICATORS:
        code = indicator.code
        if indicator.unit is Unit.COUNT:
            figures = _protected_counts(
                code, series, own, parts, by_part, last, larger, hidden, crossed
            )
            counts[code] = figures
            series_figures = [(p, figures[("period", p.start)]) for p in series]
            part_rows = [Row(part, figures[("part", part.id)]) for part in parts]
        elif indicator.shown_with:
            series_figures, part_rows = _rate_with_counts(
                indicator, series, own, parts, by_part, last, counts
            )
        else:
            series_figures = [
                (p, _ratio_figure(indicator, *own.get((code, p.start), (0, 0)))) for p in series
            ]
            part_rows = [
                Row(
                    part,
                    _ratio_figure(indicator, *by_part.get((code, last.start, part.id), (0, 0))),
                )
                for part in parts
            ]
        views.append(IndicatorView(indicator, series_figures, part_rows, thresholds.get(code)))
    return views


def _rate_with_counts(
    indicator: Indicator,
    series: list[Period],
    own: Sums,
    parts: list[Place],
    by_part: Sums,
    last: Period,
    counts: dict[str, dict[tuple[str, object], Figure]],
) -> tuple[list[tuple[Period, Figure]], list[Row]]:
    """A rate whose numerator is the sum of protected counts: shown only where each of those
    counts is shown (so neither the rate nor the rate times its denominator recovers a hidden
    count), as "< 5" elsewhere."""

    def figure(cell: tuple[str, object], numerator: int, denominator: int) -> Figure:
        if denominator == 0:
            return Figure(unit=indicator.unit, empty=True)
        hidden = any(
            (count := counts[code].get(cell)) is None
            or count.count is None
            or count.count.suppressed
            for code in indicator.shown_with
        )
        if hidden:
            return Figure(unit=indicator.unit)
        return Figure(ratio=numerator / denominator, unit=indicator.unit)

    code = indicator.code
    series_figures = [
        (p, figure(("period", p.start), *own.get((code, p.start), (0, 0)))) for p in series
    ]
    part_rows = [
        Row(part, figure(("part", part.id), *by_part.get((code, last.start, part.id), (0, 0))))
        for part in parts
    ]
    return series_figures, part_rows


def _protected_counts(
    code: str,
    series: list[Period],
    own: Sums,
    parts: list[Place],
    by_part: Sums,
    last: Period,
    larger: Wholes,
    hidden: HiddenCells,
    crossed: HiddenCells,
) -> dict[tuple[str, object], Figure]:
    values: dict[tuple[str, object], int] = {}
    for period in series:
        values[("period", period.start)] = own.get((code, period.start), (0, 0))[0]
    for part in parts:
        values[("part", part.id)] = by_part.get((code, last.start, part.id), (0, 0))[0]
    relations = []
    if parts:
        relations.append(
            Relation(("period", last.start), tuple(("part", part.id) for part in parts))
        )
    for whole, (pieces, counts) in larger.items():
        values[("whole", whole.start)] = counts.get(code, 0)
        relations.append(
            Relation(("whole", whole.start), tuple(("period", p.start) for p in pieces))
        )
    protected = suppress(values, relations, hidden.get(code, set()), crossed.get(code, set()))
    return {key: Figure(count=count) for key, count in protected.items()}


HiddenCells = dict[str, set[tuple[str, object]]]


def _hidden(
    place: Place, parts: list[Place], kind: PeriodKind, last: Period
) -> tuple[HiddenCells, HiddenCells]:
    """The page's cells that the protection of the whole table hides, and those of them shown as
    a cross even when small, per indicator, named as ``_protected_counts`` names them."""
    kinds = [kind.value] + ([LARGER[kind].value] if kind in LARGER else [])
    own = Q(level=place.level.value, area_id=place.id or COUNTRY_ID, period_kind__in=kinds)
    part_level = parts[0].level.value if parts else ""
    of_parts = Q(
        level=part_level,
        area_id__in=[part.id for part in parts],
        period_kind=kind.value,
        period_start=last.start,
    )
    result: HiddenCells = defaultdict(set)
    crossed: HiddenCells = defaultdict(set)
    for code, kind_value, start, level, area_id, cross in HiddenFigure.objects.filter(
        own | of_parts
    ).values_list("indicator", "period_kind", "period_start", "level", "area_id", "crossed"):
        cell: tuple[str, object]
        if level != place.level.value:
            cell = ("part", area_id)
        elif kind_value == kind.value:
            cell = ("period", start)
        else:
            cell = ("whole", start)
        result[code].add(cell)
        if cross:
            crossed[code].add(cell)
    return result, crossed


Wholes = dict[Period, tuple[list[Period], dict[str, int]]]


def _larger_periods(place: Place, series: list[Period]) -> Wholes:
    """Quarters (or years) wholly inside the series, with their parts and counts: a reader can
    compare the months shown with the quarter on the quarter view, so both are protected
    together."""
    kind = LARGER.get(series[0].kind)
    if kind is None:
        return {}
    shown = set(series)
    wholes = {Period.containing(kind, p.start) for p in series}
    complete = [w for w in wholes if set(w.parts()) <= shown]
    sums = _sums(place, kind, [w.start for w in complete])
    return {
        whole: (
            whole.parts(),
            {str(key[0]): value[0] for key, value in sums.items() if key[1] == whole.start},
        )
        for whole in complete
    }


def _thresholds(place: Place) -> dict[str, Decimal]:
    """The region's "goed genoeg" per indicator, from its ambitions for the zero goals."""
    if place.region_id is None:
        return {}
    ambitions = RegionalAmbition.objects.filter(
        region_id=place.region_id, good_enough__isnull=False
    )
    return {
        ZERO_GOALS[a.zero_goal].indicator: a.good_enough
        for a in ambitions
        if a.good_enough is not None
    }


def _published(figure: Figure) -> Figure:
    if figure.count is None:
        return figure
    return replace(figure, count=publish({0: figure.count})[0])


def published_views(place: Place, kind: PeriodKind) -> list[IndicatorView]:
    """What may leave the organisation: only periods the region approved, counts rounded to
    multiples of 5 after suppression (as CBS publishes youth-care tables)."""
    approved = set(
        PeriodApproval.objects.filter(
            region_id=place.region_id or 0, period_kind=kind.value
        ).values_list("period_start", flat=True)
    )
    if not approved:
        return []
    last = Period(kind, max(approved))
    views = []
    for view in indicator_views(place, kind, last):
        series = [
            (p, _published(f) if p.start in approved else Figure(withheld=True))
            for p, f in view.series
        ]
        parts = [Row(row.place, _published(row.figure)) for row in view.parts]
        views.append(replace(view, series=series, parts=parts))
    return views
