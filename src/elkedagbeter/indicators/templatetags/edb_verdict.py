"""The figures in words: a verdict beside a zero goal's figure ("boven wat goed genoeg is, en
stijgend"), a "goed genoeg" without decimals for counts, and why a chart shows no bars.

Only what the page already shows is used (the protected figures of ``IndicatorView``): a
hidden figure ("< 5") gives no verdict beyond what ``threshold_state`` may already say."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from elkedagbeter.indicators.charts import BarChart
from elkedagbeter.indicators.registry import Direction, Unit
from elkedagbeter.indicators.selectors import Figure, IndicatorView

register = template.Library()


@register.filter
def goal_value(view: IndicatorView) -> str:
    """The region's "goed genoeg" as the figure it is compared with: a count without decimals,
    a share as a percentage, a mean with one decimal comma."""
    threshold = view.threshold
    if threshold is None:
        return ""
    unit = view.indicator.unit
    if unit is Unit.COUNT:
        return f"{threshold:.0f}" if threshold == threshold.to_integral_value() else f"{threshold}"
    if unit is Unit.PERCENTAGE:
        return f"{threshold * 100:.0f}%"
    return f"{threshold:.2f}".rstrip("0").rstrip(",.").replace(".", ",")


def _level(view: IndicatorView, value: float, threshold: Decimal) -> str:
    better_low = view.indicator.direction is Direction.DOWN
    if value == float(threshold):
        return _("exactly at what is good enough")
    above = value > float(threshold)
    if better_low:
        return _("above what is good enough") if above else _("within what is good enough")
    return _("above what is good enough") if above else _("below what is good enough")


def _trend(view: IndicatorView, now: float, before: float | None) -> str:
    if before is None:
        return ""
    if now == before:
        return _("the same as the period before")
    rising = now > before
    better = rising != (view.indicator.direction is Direction.DOWN)
    if rising:
        return _("rising (better)") if better else _("rising (worse)")
    return _("falling (better)") if better else _("falling (worse)")


@register.simple_tag
def verdict(view: IndicatorView, kind: str = "jaar") -> str:
    """One sentence on the latest figure: against "goed genoeg" (only for a yearly figure, the
    threshold being per year) and against the period before."""
    now: Figure = view.current
    value = now.value
    if value is None:
        if now.withheld:
            return _("No verdict: the figure is not approved for publication yet.")
        if now.empty:
            return _("No verdict: there is nothing to count in this period.")
        return _("No verdict: the figure is fewer than 5 and hidden to protect families.")
    trend = _trend(view, value, view.previous.value)
    if view.threshold is None or str(kind) != "jaar":
        return _first_upper(trend)
    level = _level(view, value, view.threshold)
    if not trend:
        return _first_upper(level)
    return _first_upper(_("%(level)s, and %(trend)s") % {"level": level, "trend": trend})


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


@register.simple_tag
def chart_note(chart: BarChart) -> str:
    """Why a chart has no visible bars, so a blank area is not taken for a broken page."""
    if not chart.bars:
        return ""
    if all(bar.suppressed for bar in chart.bars):
        return _(
            "No bars: every figure in this chart is fewer than 5 or not shown, to protect families."
        )
    shown = [bar for bar in chart.bars if not bar.suppressed]
    if all(bar.height == 0 for bar in shown):
        if len(shown) == len(chart.bars):
            return _("No bars: every figure in this chart is 0.")
        return _("No bars: the figures are 0, or fewer than 5 and not shown.")
    return ""
