"""Decision effects on the suicide indicators use only months the dashboard shows (issue 18).

A window of twelve months with two small months passes the ordinary checks (the total is at
least 5 and no single month is alone in hiding), but two decisions a month apart would give away
a small month by their difference. For the rare counts and their rate, one hidden month is
already too many."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from elkedagbeter.indicators.effects import (
    Effect,
    Reason,
    Verdict,
    every_month_shown,
    measure_effect,
)
from elkedagbeter.indicators.models import IndicatorFact
from elkedagbeter.indicators.places import Level, Place
from elkedagbeter.indicators.registry import BY_CODE
from elkedagbeter.organisations.models import Team
from elkedagbeter.organisations.tests.factories import (
    MunicipalityFactory,
    RegionFactory,
    TeamFactory,
)

TODAY = date(2026, 11, 23)
CHANGED = date(2026, 5, 1)
JUNE = date(2026, 6, 1)
MONTHS = [date(2026, m, 1) for m in range(1, 9)]  # four before, four after
# Large enough over each window, but with two small months in the affected area's windows.
AFFECTED = [6, 2, 7, 1, 8, 3, 9, 2]
COMPARISON = [[10, 9, 11, 10, 9, 10, 11, 9], [20, 21, 19, 20, 22, 20, 21, 19]]


def _facts(
    team: Team, code: str, values: list[int], den: int = 0, months: list[date] = MONTHS
) -> None:
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
    cache.clear()


@pytest.fixture
def teams(db: None) -> list[Team]:
    region = RegionFactory(name="Jeugdregio Zelfdoding", code="zelfdoding")
    return [
        TeamFactory(municipality=MunicipalityFactory(region=region, name=name))
        for name in ("Aa", "Bee", "Cee")
    ]


def _measure(teams: list[Team], code: str, changed_on: date = CHANGED) -> Effect:
    municipality = teams[0].municipality
    assert municipality is not None
    area = Place(
        Level.MUNICIPALITY,
        municipality.pk,
        municipality.name,
        region_id=municipality.region_id,
        municipality_id=municipality.pk,
    )
    return measure_effect(
        code, area=area, changed_on=changed_on, before_months=4, after_months=4, today=TODAY
    )


def _fill(teams: list[Team], code: str, den: int = 0) -> None:
    for team, values in zip(teams, [AFFECTED, *COMPARISON], strict=True):
        _facts(team, code, values, den)


def test_the_suicide_indicators_are_the_strict_ones() -> None:
    strict = {code for code, indicator in BY_CODE.items() if every_month_shown(indicator)}
    assert strict == {"suicides", "suicidepogingen", "suicidaliteit"}


@pytest.mark.django_db
def test_an_ordinary_count_is_measured_on_the_same_figures(teams: list[Team]) -> None:
    _fill(teams, "separaties")
    effect = _measure(teams, "separaties")
    assert effect.measured


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["suicides", "suicidepogingen"])
def test_a_suicide_count_with_a_hidden_month_gives_no_figure(teams: list[Team], code: str) -> None:
    _fill(teams, code)
    effect = _measure(teams, code)

    assert (effect.verdict, effect.reason) == (
        Verdict.TOO_LITTLE_DATA,
        Reason.HIDDEN_MONTH,
    )
    assert effect.suppressed
    for language in ("nl", "en"):
        with translation.override(language):
            html = render_to_string("indicators/includes/effect.html", {"effect": effect})
        text = re.sub(r"<[^>]+>", " ", html)
        assert not re.search(r"(?<![\d,.])[1-4](?![\d,.])", text), text
        assert "<svg" not in html


@pytest.mark.django_db
def test_the_rate_hides_where_a_count_it_is_made_of_hides(teams: list[Team]) -> None:
    # The rate's own numerators are large every month; the suicides behind them are not.
    for team, values in zip(teams, [AFFECTED, *COMPARISON], strict=True):
        _facts(team, "suicidepogingen", [20] * 8)
        _facts(team, "suicides", values)
        _facts(team, "suicidaliteit", [20 + v for v in values], den=5000)

    effect = _measure(teams, "suicidaliteit")

    assert (effect.verdict, effect.reason) == (
        Verdict.TOO_LITTLE_DATA,
        Reason.HIDDEN_MONTH,
    )


@pytest.mark.django_db
def test_suicide_figures_that_are_all_shown_are_measured(teams: list[Team]) -> None:
    shown = [6, 0, 7, 5, 8, 0, 9, 5]  # zero and five or more: every month is on the dashboard
    for team, values in zip(teams, [shown, *COMPARISON], strict=True):
        _facts(team, "suicides", values)
        _facts(team, "suicidepogingen", [20] * 8)
        _facts(team, "suicidaliteit", [20 + v for v in values], den=5000)

    assert _measure(teams, "suicides").measured
    assert _measure(teams, "suicidaliteit").measured


# Nine months: two decisions a month apart (1 May and 1 June) each see four months either side.
NINE = [date(2026, m, 1) for m in range(1, 10)]
# Every window has at least two small months, so no window has a lone hidden month; January (2)
# and May (8) are the only months in which the two windows before the change differ.
AFFECTED_NINE = [2, 1, 6, 1, 8, 3, 9, 2, 7]
COMPARISON_NINE = [[10, 9, 11, 10, 9, 10, 11, 9, 10], [20, 21, 19, 20, 22, 20, 21, 19, 20]]


@pytest.mark.django_db
def test_two_decisions_a_month_apart_give_nothing_away(teams: list[Team]) -> None:
    for team, values in zip(teams, [AFFECTED_NINE, *COMPARISON_NINE], strict=True):
        _facts(team, "separaties", values, months=NINE)
        _facts(team, "suicides", values, months=NINE)

    # The threat is real: an ordinary count passes the ordinary checks in both windows, and the
    # difference of the two means before the change, with May's shown 8, gives away January's 2.
    may, june = _measure(teams, "separaties", CHANGED), _measure(teams, "separaties", JUNE)
    assert may.measured and june.measured
    assert may.affected_before is not None and june.affected_before is not None
    january = 4 * may.affected_before - 4 * june.affected_before + AFFECTED_NINE[4]
    assert round(january) == AFFECTED_NINE[0] < 5

    # The same figures as suicides: neither decision shows a number.
    for changed_on in (CHANGED, JUNE):
        effect = _measure(teams, "suicides", changed_on)
        assert (effect.verdict, effect.reason) == (Verdict.TOO_LITTLE_DATA, Reason.HIDDEN_MONTH)
        assert effect.affected_before is None and effect.comparison_before is None
        assert effect.estimate is None and effect.low is None
