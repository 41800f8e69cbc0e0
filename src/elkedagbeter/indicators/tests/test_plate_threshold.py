"""Whether the O-plaat says the region's "goed genoeg" is reached: honestly, and without giving
away a figure that is hidden."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from elkedagbeter.core.privacy import ProtectedCount
from elkedagbeter.indicators.periods import Period, PeriodKind
from elkedagbeter.indicators.plates import threshold_state
from elkedagbeter.indicators.registry import BY_CODE, Unit
from elkedagbeter.indicators.selectors import Figure, IndicatorView

YEAR = Period(PeriodKind.YEAR, date(2026, 1, 1))


def _view(code: str, figure: Figure, threshold: str | None) -> IndicatorView:
    return IndicatorView(
        BY_CODE[code], [(YEAR, figure)], [], None if threshold is None else Decimal(threshold)
    )


def _count(value: int | None, reason: str | None = None) -> Figure:
    return Figure(count=ProtectedCount(value, reason))


def test_no_threshold_says_so() -> None:
    assert threshold_state(_view("separaties", _count(12), None)) == "no_threshold"


def test_fewer_is_better_for_a_zero_goal() -> None:
    assert threshold_state(_view("separaties", _count(10), "10")) == "reached"
    assert threshold_state(_view("separaties", _count(11), "10")) == "not_reached"


def test_a_share_is_compared_as_a_fraction() -> None:
    share = Figure(ratio=0.12, unit=Unit.PERCENTAGE)
    assert threshold_state(_view("zonder_analyse", share, "0.10")) == "not_reached"
    assert threshold_state(_view("zonder_analyse", share, "0.15")) == "reached"


def test_a_hidden_figure_is_not_given_away() -> None:
    small = _count(None, "small")  # "< 5": at most 4
    assert threshold_state(_view("separaties", small, "2")) == "unknown"
    assert threshold_state(_view("separaties", small, "4")) == "reached"  # says no more than "< 5"
    secondary = _count(None, "secondary")
    assert threshold_state(_view("separaties", secondary, "100")) == "unknown"
    withheld = Figure(count=ProtectedCount(3), withheld=True)
    assert threshold_state(_view("separaties", withheld, "10")) == "unknown"
