"""The effect of a decision against a difference-in-differences worked out by hand, the cases
with too little data, and small numbers that stay hidden in the effect and on the page."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from conftest import fuzz_settings
from elkedagbeter.indicators import region_facts
from elkedagbeter.indicators.effects import (
    Cell,
    Effect,
    Reason,
    Series,
    Verdict,
    difference_in_differences,
    measure_effect,
    windows,
)
from elkedagbeter.indicators.models import HiddenFigure, IndicatorFact
from elkedagbeter.indicators.places import Level, Place
from elkedagbeter.indicators.registry import BY_CODE
from elkedagbeter.organisations.models import Municipality, Team
from elkedagbeter.organisations.tests.factories import (
    MunicipalityFactory,
    RegionFactory,
    TeamFactory,
)

TODAY = date(2026, 11, 23)
CHANGED = date(2026, 5, 1)  # four months before (January to April), four after (May to August)
BEFORE = [date(2026, m, 1) for m in (1, 2, 3, 4)]
AFTER = [date(2026, m, 1) for m in (5, 6, 7, 8)]
SECLUSIONS = BY_CODE["separaties"]  # a count; fewer is better
HEARD = BY_CODE["gehoord"]  # a share; more is better

# Seclusions per month, before and after. The affected municipality falls by about five a
# month, the comparison municipalities move by 0, +1 and -1.
AFFECTED = ([10, 12, 11, 13], [6, 7, 5, 6])
COMPARISON = [
    ([8, 9, 10, 9], [9, 10, 9, 8]),
    ([20, 22, 21, 21], [21, 23, 22, 22]),
    ([15, 14, 16, 15], [14, 14, 15, 13]),
]


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def _series(before: list[int], after: list[int], denominator: int = 0) -> Series:
    return Series(
        tuple(Cell(n, denominator) for n in before), tuple(Cell(n, denominator) for n in after)
    )


def _place(municipality: Municipality) -> Place:
    return Place(
        Level.MUNICIPALITY,
        municipality.pk,
        municipality.name,
        region_id=municipality.region_id,
        municipality_id=municipality.pk,
    )


def _facts(team: Team, code: str, values: list[int], months: list[date], den: int = 0) -> None:
    IndicatorFact.objects.bulk_create(
        IndicatorFact(
            indicator=code,
            period_kind="maand",
            period_start=month,
            team=team,
            municipality_id=team.municipality_id,
            region_id=team.region_id,
            numerator=value,
            denominator=den,
        )
        for value, month in zip(values, months, strict=True)
    )


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Test databases roll back, so ids (and with them the cache's freshness mark) come again.
    cache.clear()


@pytest.fixture
def region(db: None) -> list[Team]:
    """A region of four municipalities with one neighbourhood team each; the first changes."""
    north = RegionFactory(name="Jeugdregio Effect", code="effect")
    teams = []
    for name in ("Aa", "Bee", "Cee", "Dee"):
        teams.append(TeamFactory(municipality=MunicipalityFactory(region=north, name=name)))
    for team, (before, after) in zip(teams, [AFFECTED, *COMPARISON], strict=True):
        _facts(team, "separaties", before + after, BEFORE + AFTER)
    return teams


def _affected(teams: list[Team]) -> Place:
    return _place(teams[0].municipality)


# --- The estimate against the hand-computed difference-in-differences -------------------------


@pytest.mark.django_db
def test_estimate_is_the_hand_computed_difference_in_differences(region: list[Team]) -> None:
    effect = measure_effect(
        "separaties",
        area=_affected(region),
        changed_on=CHANGED,
        before_months=4,
        after_months=4,
        today=TODAY,
    )

    before_treated, after_treated = _mean(AFFECTED[0]), _mean(AFFECTED[1])  # 11.5, 6.0
    before_control = _mean([_mean(b) for b, _a in COMPARISON])  # (9 + 21 + 15) / 3 = 15
    after_control = _mean([_mean(a) for _b, a in COMPARISON])  # (9 + 22 + 14) / 3 = 15
    did = (after_treated - before_treated) - (after_control - before_control)
    assert did == -5.5
    assert effect.estimate == pytest.approx(did)
    assert (effect.affected_before, effect.affected_after) == (11.5, 6.0)
    assert (effect.comparison_before, effect.comparison_after) == (15.0, 15.0)

    # The interval: the comparison areas' changes are 0, +1 and -1 (standard deviation 1);
    # the affected area's change varies like one of them, around the comparison mean.
    changes = [_mean(a) - _mean(b) for b, a in COMPARISON]
    spread = float(np.std(changes, ddof=1))
    margin = stats.t.ppf(0.975, df=len(changes) - 1) * spread * (1 + 1 / len(changes)) ** 0.5
    assert effect.low == pytest.approx(did - margin)  # -10.47
    assert effect.high == pytest.approx(did + margin)  # -0.53
    assert effect.verdict is Verdict.IMPROVED  # fewer seclusions, interval below zero
    assert (effect.months_before, effect.months_after, effect.comparison_areas) == (4, 4, 3)
    assert not effect.suppressed


@pytest.mark.django_db
def test_no_clear_change_when_the_interval_includes_zero(region: list[Team]) -> None:
    bee = region[1]
    IndicatorFact.objects.filter(team=region[0]).delete()
    _facts(region[0], "separaties", [10, 12, 11, 13, 11, 12, 10, 12], BEFORE + AFTER)
    # The comparison areas now disagree widely: 0, +1, -1 and a Bee that jumps by 6.
    IndicatorFact.objects.filter(team=bee, period_start__in=AFTER).update(numerator=15)

    effect = measure_effect(
        "separaties",
        area=_affected(region),
        changed_on=CHANGED,
        before_months=4,
        after_months=4,
        today=TODAY,
    )

    assert effect.low is not None and effect.high is not None
    assert effect.low < 0 < effect.high
    assert effect.verdict is Verdict.NO_CLEAR_CHANGE
    assert "het 95%-interval bevat de nul" in str(effect.explanation)


def test_the_verdict_follows_the_direction_of_the_indicator() -> None:
    # "Feel heard" is a share where more is better: a rise is an improvement, a fall is not.
    comparison = [
        _series([50, 52, 51, 50], [51, 52, 50, 51], 100),
        _series([60, 61, 59, 60], [60, 62, 60, 61], 100),
        _series([40, 41, 40, 42], [40, 40, 41, 41], 100),
    ]
    rise = difference_in_differences(HEARD, _series([50] * 4, [70] * 4, 100), comparison)
    fall = difference_in_differences(HEARD, _series([50] * 4, [30] * 4, 100), comparison)

    assert rise.verdict is Verdict.IMPROVED
    assert fall.verdict is Verdict.WORSENED
    comparison_change = ((0.51 - 0.5075) + (0.6075 - 0.60) + (0.405 - 0.4075)) / 3  # 0.0025
    assert rise.estimate == pytest.approx((0.70 - 0.50) - comparison_change)  # 0.1975


def test_collapsed_estimate_equals_two_way_fixed_effects_on_a_balanced_panel() -> None:
    """The textbook panel regression (area and month effects plus treated-after) gives the
    same point estimate as the collapsed one the effect uses."""
    from statsmodels.regression.linear_model import OLS

    areas = [AFFECTED, *COMPARISON]
    months = len(BEFORE) + len(AFTER)
    rows, y = [], []
    for a, (before, after) in enumerate(areas):
        for m, value in enumerate(before + after):
            area_dummies = [float(a == k) for k in range(1, len(areas))]
            month_dummies = [float(m == k) for k in range(1, months)]
            treated_after = float(a == 0 and m >= len(BEFORE))
            rows.append([1.0, *area_dummies, *month_dummies, treated_after])
            y.append(float(value))
    panel = OLS(np.array(y), np.array(rows)).fit()

    effect = difference_in_differences(
        SECLUSIONS, _series(*AFFECTED), [_series(*c) for c in COMPARISON]
    )
    assert effect.estimate == pytest.approx(float(panel.params[-1]))


@fuzz_settings
@given(
    shift=st.integers(min_value=0, max_value=50),
    area_shift=st.integers(min_value=0, max_value=50),
    after_shift=st.integers(min_value=0, max_value=50),
)
def test_a_shift_shared_by_every_area_leaves_the_effect_unchanged(
    shift: int, area_shift: int, after_shift: int
) -> None:
    """Adding the same number to every cell, to every month of one area (an area effect) or to
    every area after the change (a period effect) moves nothing the estimate measures."""

    def shifted(before: list[int], after: list[int], extra: int) -> Series:
        return _series(
            [v + shift + extra for v in before], [v + shift + extra + after_shift for v in after]
        )

    plain = difference_in_differences(
        SECLUSIONS, _series(*AFFECTED), [_series(*c) for c in COMPARISON]
    )
    moved = difference_in_differences(
        SECLUSIONS,
        shifted(*AFFECTED, area_shift),
        [shifted(*c, 0) for c in COMPARISON],
    )
    assert moved.estimate == pytest.approx(plain.estimate)
    assert moved.low == pytest.approx(plain.low)
    assert moved.high == pytest.approx(plain.high)
    assert moved.verdict is plain.verdict


# --- Too little data ---------------------------------------------------------------------------


def _numbers(effect: Effect) -> list[float | None]:
    return [
        effect.estimate,
        effect.low,
        effect.high,
        effect.affected_before,
        effect.affected_after,
        effect.comparison_before,
        effect.comparison_after,
        effect.expected_after,
    ]


@pytest.mark.django_db
def test_too_little_data_shortly_after_the_change(region: list[Team]) -> None:
    effect = measure_effect(
        "separaties", area=_affected(region), changed_on=date(2026, 10, 1), today=TODAY
    )
    # October has ended, November has not: one complete month after the change.
    assert (effect.verdict, effect.reason) == (Verdict.TOO_LITTLE_DATA, Reason.SHORT_AFTER)
    assert effect.months_after == 1
    assert _numbers(effect) == [None] * 8
    with translation.override("nl"):
        assert effect.explanation.startswith("Nog te weinig gegevens")


@pytest.mark.django_db
def test_too_little_data_without_enough_months_before(region: list[Team]) -> None:
    effect = measure_effect(
        "separaties", area=_affected(region), changed_on=CHANGED, before_months=2, today=TODAY
    )
    assert (effect.verdict, effect.reason) == (Verdict.TOO_LITTLE_DATA, Reason.SHORT_BEFORE)


@pytest.mark.django_db
def test_too_little_data_with_one_comparison_area(region: list[Team]) -> None:
    effect = measure_effect(
        "separaties",
        area=_affected(region),
        changed_on=CHANGED,
        comparison=[_place(region[1].municipality)],
        before_months=4,
        after_months=4,
        today=TODAY,
    )
    assert (effect.verdict, effect.reason) == (Verdict.TOO_LITTLE_DATA, Reason.FEW_AREAS)
    assert _numbers(effect) == [None] * 8


def test_change_month_belongs_to_neither_side_unless_it_starts_on_the_first() -> None:
    before, after = windows(date(2026, 5, 14), 2, 2, TODAY)
    assert [p.start for p in before] == [date(2026, 3, 1), date(2026, 4, 1)]
    assert [p.start for p in after] == [date(2026, 6, 1), date(2026, 7, 1)]
    before, after = windows(date(2026, 5, 1), 2, 2, TODAY)
    assert [p.start for p in after] == [date(2026, 5, 1), date(2026, 6, 1)]


# --- Small numbers stay hidden -----------------------------------------------------------------

SMALL = [1, 0, 2, 1]  # four seclusions in four months: below 5 over the whole window


@pytest.mark.django_db
def test_small_counts_give_too_little_data_and_show_no_number(region: list[Team]) -> None:
    IndicatorFact.objects.filter(team=region[0], period_start__in=BEFORE).delete()
    _facts(region[0], "separaties", SMALL, BEFORE)

    effect = measure_effect(
        "separaties",
        area=_affected(region),
        changed_on=CHANGED,
        before_months=4,
        after_months=4,
        today=TODAY,
    )

    assert (effect.verdict, effect.reason) == (Verdict.TOO_LITTLE_DATA, Reason.SMALL_COUNTS)
    assert effect.suppressed
    assert _numbers(effect) == [None] * 8
    # Beyond the months and areas used, the effect holds no number at all.
    metadata = {"months_before", "months_after", "comparison_areas", "suppressed"}
    numbers = [
        value
        for name, value in vars(effect).items()
        if name not in metadata and isinstance(value, int | float)
    ]
    assert numbers == []
    for language in ("nl", "en"):
        with translation.override(language):
            html = render_to_string("indicators/includes/effect.html", {"effect": effect})
            text = re.sub(r"<[^>]+>", " ", html)
            assert not re.search(r"(?<![\d,.])[1-4](?![\d,.])", text), text
            assert "<svg" not in html
    with translation.override("nl"):
        assert "Nog te weinig gegevens" in render_to_string(
            "indicators/includes/effect.html", {"effect": effect}
        )


@pytest.mark.django_db
def test_a_lone_small_month_is_not_given_away_by_the_window_total(region: list[Team]) -> None:
    # 10 + 12 + 3 + 13 = 38 is large enough, but with three months shown on the dashboard the
    # window's mean would give away the 3.
    IndicatorFact.objects.filter(team=region[0], period_start=BEFORE[2]).update(numerator=3)

    effect = measure_effect(
        "separaties",
        area=_affected(region),
        changed_on=CHANGED,
        before_months=4,
        after_months=4,
        today=TODAY,
    )

    assert (effect.verdict, effect.reason) == (Verdict.TOO_LITTLE_DATA, Reason.HIDDEN_MONTH)
    assert effect.suppressed and _numbers(effect) == [None] * 8


@pytest.mark.django_db
def test_a_month_hidden_to_protect_another_is_not_given_away(region: list[Team]) -> None:
    comparison_team = region[2]
    HiddenFigure.objects.create(
        indicator="separaties",
        period_kind="maand",
        period_start=AFTER[1],
        level=Level.MUNICIPALITY.value,
        area_id=comparison_team.municipality_id,
    )

    effect = measure_effect(
        "separaties",
        area=_affected(region),
        changed_on=CHANGED,
        before_months=4,
        after_months=4,
        today=TODAY,
    )

    assert effect.reason is Reason.HIDDEN_MONTH


@pytest.mark.django_db
def test_the_include_shows_the_effect_with_a_chart_and_a_table(region: list[Team]) -> None:
    effect = measure_effect(
        "separaties",
        area=_affected(region),
        changed_on=CHANGED,
        before_months=4,
        after_months=4,
        today=TODAY,
    )

    with translation.override("nl"):
        html = render_to_string("indicators/includes/effect.html", {"effect": effect})

    assert "<svg" in html and 'role="img"' in html
    assert "Verbeterd" in html
    assert "-5,5 per maand" in html  # the estimate
    assert "11,5" in html and "6,0" in html  # the affected area before and after
    assert "3 vergelijkbare gebieden" in html


@pytest.mark.django_db
def test_the_effect_is_cached_until_the_figures_change(
    region: list[Team], django_assert_num_queries
) -> None:
    kwargs = {"area": _affected(region), "changed_on": CHANGED, "today": TODAY}
    kwargs |= {"before_months": 4, "after_months": 4}
    first = measure_effect("separaties", **kwargs)
    with django_assert_num_queries(2):  # the comparison areas and the figures' versions
        assert measure_effect("separaties", **kwargs) == first

    IndicatorFact.objects.filter(team=region[0], period_start=AFTER[0]).delete()
    _facts(region[0], "separaties", [20], [AFTER[0]])
    region_facts.rebuild()  # as every rebuild of the facts ends

    # May goes from 6 to 20: the affected area's mean after rises by 14 / 4 = 3.5.
    assert first.estimate is not None
    assert measure_effect("separaties", **kwargs).estimate == pytest.approx(first.estimate + 3.5)
