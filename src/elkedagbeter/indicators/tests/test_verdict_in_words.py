"""The O-plaat and the dashboard say in words where a figure stands ("boven wat goed genoeg is,
en stijgend"), show a count's "goed genoeg" without decimals, compare a yearly threshold only
with a yearly figure, and say why a chart has no bars."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from elkedagbeter.core.privacy import ProtectedCount
from elkedagbeter.indicators.charts import bar_chart
from elkedagbeter.indicators.periods import Period, PeriodKind
from elkedagbeter.indicators.registry import BY_CODE, Unit
from elkedagbeter.indicators.selectors import Figure, IndicatorView
from elkedagbeter.indicators.templatetags.edb_verdict import chart_note, goal_value, verdict

YEARS = [Period(PeriodKind.YEAR, date(year, 1, 1)) for year in (2025, 2026)]


@pytest.fixture(autouse=True)
def _dutch() -> object:
    with translation.override("nl"):
        yield


def _view(code: str, figures: list[Figure], threshold: str | None = None) -> IndicatorView:
    return IndicatorView(
        BY_CODE[code],
        list(zip(YEARS[-len(figures) :], figures, strict=True)),
        [],
        None if threshold is None else Decimal(threshold),
    )


def _count(value: int | None, reason: str | None = None) -> Figure:
    return Figure(count=ProtectedCount(value, reason))


def test_the_issue_example_above_good_enough_and_rising() -> None:
    view = _view("separaties", [_count(20), _count(29)], "10.00")

    assert verdict(view) == "Boven wat goed genoeg is, en stijgend (slechter)"
    assert goal_value(view) == "10"  # a count, without decimals


def test_within_good_enough_and_falling_is_better_for_a_zero_goal() -> None:
    view = _view("separaties", [_count(12), _count(8)], "10")
    assert verdict(view) == "Binnen wat goed genoeg is, en dalend (beter)"


def test_a_share_shows_its_threshold_as_a_percentage() -> None:
    share = _view("zonder_analyse", [Figure(ratio=0.12, unit=Unit.PERCENTAGE)], "0.10")
    assert goal_value(share) == "10%"
    assert verdict(share) == "Boven wat goed genoeg is"


def test_a_yearly_threshold_is_not_compared_with_a_month() -> None:
    view = _view("separaties", [_count(2 * 5), _count(3 * 5)], "10")
    assert verdict(view, "maand") == "Stijgend (slechter)"
    assert "goed genoeg" not in verdict(view, "maand")


def test_a_hidden_figure_gets_no_verdict() -> None:
    view = _view("separaties", [_count(20), _count(None, "small")], "10")
    assert verdict(view) == (
        "Geen oordeel: het cijfer is kleiner dan 5 en verborgen om gezinnen te beschermen."
    )


def test_a_chart_of_zeros_or_hidden_figures_says_why_it_is_blank() -> None:
    zeros = bar_chart(_view("separaties", [_count(0), _count(0)]))
    hidden = bar_chart(_view("separaties", [_count(None, "small"), _count(None, "small")]))
    shown = bar_chart(_view("separaties", [_count(0), _count(7)]))

    assert chart_note(zeros) == "Geen staven: elk cijfer in deze grafiek is 0."
    assert chart_note(hidden).startswith("Geen staven: elk cijfer in deze grafiek is kleiner dan 5")
    assert chart_note(shown) == ""
