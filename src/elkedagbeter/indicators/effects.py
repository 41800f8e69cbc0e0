"""The effect of a decision on an indicator: difference-in-differences against comparable areas.

A decision says what changes, where and from when. ``measure_effect`` compares the affected area
before and after that date with areas of the same level that did not change, and answers with an
``Effect``: the estimate with a 95% interval, a verdict that knows which way is better, and a
plain explanation, or "too little data" when the figures cannot carry a conclusion. The method,
its assumptions and its limits are in ``docs/effect-measurement.md``.

Two layers: ``difference_in_differences`` is pure (monthly cells in, ``Effect`` out) and
``measure_effect`` reads the analytics table, builds the cells and caches the answer.

Small numbers stay hidden. An ``Effect`` carries no monthly value and no count: only means of a
group (the affected area, or the comparison areas together) over a whole window, and only when
every total behind them is at least 5 and exposing them cannot give away a figure the dashboard
hides (a window with exactly one hidden month would). Otherwise the answer is "too little data"
with no figures at all.

Rare counts are stricter (``every_month_shown``): the suicide counts and the rate made of them
(an indicator with ``shown_with``, and the counts it is shown with) are measured only when every
month of every window is shown on the dashboard, and a month of the rate counts as shown only
where the counts it is made of are. With a single small month hidden, two decisions with
windows a month apart would otherwise give away that month by their difference
(``tests/test_suicide_effects.py`` shows it on an ordinary count: the ordinary checks leave that
door open for every count, see the note in docs/effect-measurement.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

import numpy as np
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.core.privacy import THRESHOLD, protect_ratio
from elkedagbeter.organisations.models import Municipality, Region, Team, TeamType

from . import versions
from .models import HiddenFigure, IndicatorFact
from .periods import Period, PeriodKind
from .places import Level, Place
from .registry import BY_CODE, INDICATORS, Direction, Indicator, Unit

MIN_MONTHS = 3  # fewer months on either side of the change carry no conclusion
MIN_COMPARISON_AREAS = 2  # the interval's spread comes from the comparison areas: one is none
CONFIDENCE = 0.95
CACHE_SECONDS = 60 * 60


class Verdict(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    NO_CLEAR_CHANGE = "no_clear_change"
    TOO_LITTLE_DATA = "too_little_data"


class Reason(StrEnum):
    """Why the verdict is what it is; chooses the explanation."""

    MEASURED = "measured"
    SHORT_BEFORE = "short_before"
    SHORT_AFTER = "short_after"
    FEW_AREAS = "few_areas"
    SMALL_COUNTS = "small_counts"
    HIDDEN_MONTH = "hidden_month"


@dataclass(frozen=True)
class Cell:
    """One area in one month, as the analytics table holds it. Never leaves this module."""

    numerator: int
    denominator: int
    hidden: bool = False  # hidden on the dashboard to protect another figure

    def value(self, unit: Unit) -> float | None:
        if unit is Unit.COUNT:
            return float(self.numerator)
        return self.numerator / self.denominator if self.denominator else None

    def shown(self, unit: Unit) -> bool:
        """Whether the dashboard shows this cell (a hidden one must not be recoverable)."""
        if self.hidden:
            return False
        if unit is Unit.COUNT:
            return not 0 < self.numerator < THRESHOLD
        if unit is Unit.MEAN:
            return not 0 < self.denominator < THRESHOLD
        return self.denominator == 0 or protect_ratio(self.numerator, self.denominator) is not None


@dataclass(frozen=True)
class Series:
    """An area's months before and after the change, oldest first."""

    before: tuple[Cell, ...]
    after: tuple[Cell, ...]


@dataclass(frozen=True)
class Effect:
    """What became of an indicator after a change, ready to show. Numbers are None whenever the
    verdict is ``too_little_data``. Means are per month: a count per month, or a share (0 to 1)
    or mean for the other units."""

    indicator_code: str
    verdict: Verdict
    reason: Reason
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    affected_before: float | None = None
    affected_after: float | None = None
    comparison_before: float | None = None
    comparison_after: float | None = None
    months_before: int = 0
    months_after: int = 0
    comparison_areas: int = 0
    suppressed: bool = False  # figures were withheld to protect small numbers
    area_name: str = ""
    area_slug: str = ""
    changed_on: date | None = None

    @property
    def indicator(self) -> Indicator:
        return BY_CODE[self.indicator_code]

    @property
    def measured(self) -> bool:
        return self.verdict is not Verdict.TOO_LITTLE_DATA

    @property
    def expected_after(self) -> float | None:
        """Where the affected area would be had it moved like the comparison areas."""
        if not self.measured:
            return None
        assert self.affected_before is not None and self.comparison_after is not None
        assert self.comparison_before is not None
        return self.affected_before + self.comparison_after - self.comparison_before

    @property
    def explanation(self) -> str:
        """Plain words, in the active language (worked out when shown, not when cached)."""
        if self.reason is Reason.SHORT_BEFORE:
            return _(
                "Too little data yet: there are %(months)s months of figures before the change; "
                "at least %(minimum)s are needed."
            ) % {"months": self.months_before, "minimum": MIN_MONTHS}
        if self.reason is Reason.SHORT_AFTER:
            return _(
                "Too little data yet: there are %(months)s complete months of figures since the "
                "change; at least %(minimum)s are needed."
            ) % {"months": self.months_after, "minimum": MIN_MONTHS}
        if self.reason is Reason.FEW_AREAS:
            return _(
                "Too little data yet: there are not enough comparable areas that did not change "
                "(at least %(minimum)s are needed)."
            ) % {"minimum": MIN_COMPARISON_AREAS}
        if self.reason is Reason.SMALL_COUNTS:
            return _(
                "Too little data yet: the numbers before or after the change are below "
                "%(threshold)s, and small numbers are not shown."
            ) % {"threshold": THRESHOLD}
        if self.reason is Reason.HIDDEN_MONTH:
            return _(
                "Too little data yet: showing this effect would reveal a month that is hidden "
                "to protect small numbers."
            )
        better = self.indicator.direction is Direction.DOWN
        if self.verdict is Verdict.IMPROVED:
            word = _("lower") if better else _("higher")
            return _(
                "Improved: after the change the figure is %(word)s than the comparable areas "
                "would lead one to expect, and the 95%% interval does not include zero."
            ) % {"word": word}
        if self.verdict is Verdict.WORSENED:
            word = _("higher") if better else _("lower")
            return _(
                "Worsened: after the change the figure is %(word)s than the comparable areas "
                "would lead one to expect, and the 95%% interval does not include zero."
            ) % {"word": word}
        # Formatted like the others, so that "%%" (kept for the translators' tools) becomes "%".
        return (
            _(
                "No clear change: the difference with the comparable areas is within what chance "
                "alone can explain (the 95%% interval includes zero)."
            )
            % {}
        )


def _too_little(code: str, reason: Reason, months: tuple[int, int], areas: int) -> Effect:
    return Effect(
        code,
        Verdict.TOO_LITTLE_DATA,
        reason,
        months_before=months[0],
        months_after=months[1],
        comparison_areas=areas,
        suppressed=reason in {Reason.SMALL_COUNTS, Reason.HIDDEN_MONTH},
    )


def _mean(cells: Sequence[Cell], unit: Unit) -> float | None:
    values = [v for v in (cell.value(unit) for cell in cells) if v is not None]
    return sum(values) / len(values) if values else None


def _big_enough(cells: Sequence[Cell], unit: Unit) -> bool:
    """A group's totals over a window are at least the threshold (for a share: the counted, the
    rest and the whole, as ``protect_ratio`` asks)."""
    numerator = sum(cell.numerator for cell in cells)
    denominator = sum(cell.denominator for cell in cells)
    if unit is Unit.MEAN:  # a sum of scores: only the number of scores is a count
        return denominator >= THRESHOLD
    if numerator < THRESHOLD:
        return False
    return unit is Unit.COUNT or protect_ratio(numerator, denominator) is not None


def _lone_hidden_month(cells: Sequence[Cell], unit: Unit) -> bool:
    """Exactly one month of the window is hidden on the dashboard: the window's total less the
    months shown would give it away (the rule of ``core.privacy``'s secondary suppression)."""
    return sum(not cell.shown(unit) for cell in cells) == 1


def every_month_shown(indicator: Indicator) -> bool:
    """Rare counts and their rate: an effect may only use months the dashboard shows."""
    return bool(indicator.shown_with) or any(
        indicator.code in other.shown_with for other in INDICATORS
    )


def _verdict(direction: Direction, low: float, high: float) -> Verdict:
    if low <= 0 <= high:
        return Verdict.NO_CLEAR_CHANGE
    went_down = high < 0
    return Verdict.IMPROVED if went_down == (direction is Direction.DOWN) else Verdict.WORSENED


def difference_in_differences(
    indicator: Indicator, affected: Series, comparison: Sequence[Series]
) -> Effect:
    """The effect on ``affected`` against ``comparison``, each with the same months.

    Each area's months are collapsed to its mean before and its mean after the change; the
    estimate is the affected area's change less the mean change of the comparison areas, i.e.
    ``(after_affected - before_affected) - (after_comparison - before_comparison)``, from an OLS
    regression of the areas' changes on an indicator of the affected area. Its classical standard
    error takes the spread from the comparison areas' changes, with a t distribution on
    (comparison areas - 1) degrees of freedom (see docs/effect-measurement.md for why).
    """
    code, unit = indicator.code, indicator.unit
    months = (len(affected.before), len(affected.after))
    if months[0] < MIN_MONTHS:
        return _too_little(code, Reason.SHORT_BEFORE, months, len(comparison))
    if months[1] < MIN_MONTHS:
        return _too_little(code, Reason.SHORT_AFTER, months, len(comparison))
    changes = []
    for series in comparison:
        before, after = _mean(series.before, unit), _mean(series.after, unit)
        if before is not None and after is not None:
            changes.append((before, after))
    if len(changes) < MIN_COMPARISON_AREAS:
        return _too_little(code, Reason.FEW_AREAS, months, len(changes))
    windows = [
        list(affected.before),
        list(affected.after),
        [cell for series in comparison for cell in series.before],
        [cell for series in comparison for cell in series.after],
    ]
    if not all(_big_enough(cells, unit) for cells in windows):
        return _too_little(code, Reason.SMALL_COUNTS, months, len(changes))
    if any(_lone_hidden_month(cells, unit) for cells in windows):
        return _too_little(code, Reason.HIDDEN_MONTH, months, len(changes))
    if every_month_shown(indicator) and not all(
        cell.shown(unit) for cells in windows for cell in cells
    ):
        return _too_little(code, Reason.HIDDEN_MONTH, months, len(changes))
    affected_before, affected_after = _mean(affected.before, unit), _mean(affected.after, unit)
    if affected_before is None or affected_after is None:  # pragma: no cover - totals ≥ 5
        return _too_little(code, Reason.SMALL_COUNTS, months, len(changes))

    # statsmodels (with pandas) takes seconds to import: only when an effect is computed.
    from statsmodels.regression.linear_model import OLS

    y = np.array([affected_after - affected_before] + [a - b for b, a in changes])
    x = np.column_stack([np.ones(len(y)), np.r_[1.0, np.zeros(len(changes))]])
    fit = OLS(y, x).fit()
    estimate = float(fit.params[1])
    low, high = (float(v) for v in fit.conf_int(alpha=1 - CONFIDENCE)[1])
    return Effect(
        code,
        _verdict(indicator.direction, low, high),
        Reason.MEASURED,
        estimate=estimate,
        low=low,
        high=high,
        affected_before=affected_before,
        affected_after=affected_after,
        comparison_before=float(np.mean([b for b, _a in changes])),
        comparison_after=float(np.mean([a for _b, a in changes])),
        months_before=months[0],
        months_after=months[1],
        comparison_areas=len(changes),
    )


# --- Reading the analytics table -------------------------------------------------------------

COLUMN = {Level.REGION: "region_id", Level.MUNICIPALITY: "municipality_id", Level.TEAM: "team_id"}


def windows(
    changed_on: date, before_months: int, after_months: int, today: date
) -> tuple[list[Period], list[Period]]:
    """The months before and after a change. A change on the first of a month starts that
    month; otherwise its month is a month of transition and belongs to neither side. Only
    months that have ended by ``today`` count."""
    month = Period.containing(PeriodKind.MONTH, changed_on)
    first_after = month if changed_on.day == 1 else month.shifted(1)
    before = [month.shifted(-i) for i in range(before_months, 0, -1)]
    after = [first_after.shifted(i) for i in range(after_months)]
    return (
        [p for p in before if p.end < today],
        [p for p in after if p.end < today],
    )


def comparable_places(area: Place) -> list[Place]:
    """The default comparison: the other areas of the same level in the same region (the other
    regions for a region); teams are neighbourhood teams, as on the dashboard."""
    if area.level is Level.REGION:
        regions = Region.objects.exclude(pk=area.id or 0).order_by("name")
        return [Place(Level.REGION, r.pk, r.name, region_id=r.pk) for r in regions]
    if area.level is Level.MUNICIPALITY:
        municipalities = Municipality.objects.filter(region_id=area.region_id or 0)
        return [
            Place(Level.MUNICIPALITY, m.pk, m.name, region_id=m.region_id, municipality_id=m.pk)
            for m in municipalities.exclude(pk=area.id or 0).order_by("name")
        ]
    if area.level is Level.TEAM:
        teams = Team.objects.filter(
            region_id=area.region_id or 0, team_type=TeamType.NEIGHBOURHOOD
        ).exclude(pk=area.id or 0)
        return [
            Place(
                Level.TEAM,
                t.pk,
                t.name,
                region_id=t.region_id,
                municipality_id=t.municipality_id,
            )
            for t in teams.order_by("name")
        ]
    return []  # the country has nothing to compare with


def _cells(
    indicator: Indicator, level: Level, ids: list[int], months: list[Period]
) -> dict[tuple[int, date], Cell]:
    column = COLUMN[level]
    starts = [p.start for p in months]
    rows = (
        IndicatorFact.objects.filter(
            indicator=indicator.code,
            period_kind=PeriodKind.MONTH.value,
            period_start__in=starts,
            **{f"{column}__in": ids},
        )
        .values(column, "period_start")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    )
    hidden = set(
        HiddenFigure.objects.filter(
            indicator=indicator.code,
            period_kind=PeriodKind.MONTH.value,
            period_start__in=starts,
            level=level.value,
            area_id__in=ids,
        ).values_list("area_id", "period_start")
    )
    cells = {}
    for row in rows:
        key = (row[column], row["period_start"])
        cells[key] = Cell(int(row["n"] or 0), int(row["d"] or 0), key in hidden)
    for key in hidden - cells.keys():
        cells[key] = Cell(0, 0, hidden=True)
    return cells


def _series(
    cells: dict[tuple[int, date], Cell], area_id: int, before: list[Period], after: list[Period]
) -> Series:
    def get(period: Period) -> Cell:  # no row: nothing happened in that month
        return cells.get((area_id, period.start), Cell(0, 0))

    return Series(tuple(get(p) for p in before), tuple(get(p) for p in after))


def _freshness() -> str:
    """Every region's figures' version (``versions.py``): renewed by each rebuild of the facts
    and each protection run that changed the pattern, also one that only showed cells again."""
    return hashlib.sha256(repr(versions.current(None)).encode()).hexdigest()


def measure_effect(
    indicator_code: str,
    *,
    area: Place,
    changed_on: date,
    comparison: Sequence[Place] | None = None,
    before_months: int = 12,
    after_months: int = 12,
    today: date | None = None,
) -> Effect:
    """The effect of a change in ``area`` from ``changed_on`` on an indicator, against
    ``comparison`` (by default ``comparable_places(area)``). Cached until the figures change.

    The effect holds protected aggregates only; the page that shows it decides whether its
    user may see ``area`` (``places.may_see``)."""
    indicator = BY_CODE[indicator_code]
    today = today or timezone.localdate()
    places = comparable_places(area) if comparison is None else list(comparison)
    places = [p for p in places if p.id is not None and (p.level, p.id) != (area.level, area.id)]
    if any(p.level is not area.level for p in places):
        raise ValueError("Comparison areas must be of the same level as the affected area.")
    ids = sorted({p.id for p in places if p.id is not None})
    key = hashlib.sha256(
        repr(
            (indicator_code, area.slug, changed_on, before_months, after_months, today, ids)
        ).encode()
    ).hexdigest()
    cache_key = f"indicators:effect:{key}:{_freshness()}"
    effect: Effect | None = cache.get(cache_key)
    if effect is None:
        effect = _measure(indicator, area, changed_on, ids, before_months, after_months, today)
        cache.set(cache_key, effect, CACHE_SECONDS)
    return effect


def _measure(
    indicator: Indicator,
    area: Place,
    changed_on: date,
    ids: list[int],
    before_months: int,
    after_months: int,
    today: date,
) -> Effect:
    before, after = windows(changed_on, before_months, after_months, today)
    if area.level is Level.COUNTRY or area.id is None:
        effect = _too_little(indicator.code, Reason.FEW_AREAS, (len(before), len(after)), 0)
    else:
        cells = _cells(indicator, area.level, [area.id, *ids], before + after)
        for code in indicator.shown_with:  # a month of the rate shows where its counts show
            counts = _cells(BY_CODE[code], area.level, [area.id, *ids], before + after)
            for key, count in counts.items():
                if not count.shown(Unit.COUNT):
                    cells[key] = replace(cells.get(key, Cell(0, 0)), hidden=True)
        effect = difference_in_differences(
            indicator,
            _series(cells, area.id, before, after),
            [_series(cells, i, before, after) for i in ids],
        )
    return replace(effect, area_name=area.name, area_slug=area.slug, changed_on=changed_on)
