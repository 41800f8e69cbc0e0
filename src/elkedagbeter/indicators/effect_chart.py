"""A decision's effect as a small SVG drawn on the server, in the style of ``charts.py``: no
script, and the same figures as the table beside it.

Left, a slope chart: the affected area and the comparison areas before and after the change,
with a dotted line to where the affected area would be had it moved like the others. Right, the
estimate with its 95% interval against a zero line.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .effects import Effect
from .registry import Unit

WIDTH, HEIGHT = 360, 150
TOP, BOTTOM = 15, 115  # the plotting band of both panels
BEFORE_X, AFTER_X = 50, 170
ESTIMATE_X, ESTIMATE_LEFT, ESTIMATE_RIGHT = 290, 240, 340


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class EffectChart:
    affected: Line
    comparison: Line
    expected: Line  # the affected area had it followed the comparison areas
    zero_y: float
    interval: Line
    estimate_y: float
    width: int = WIDTH
    height: int = HEIGHT
    before_x: int = BEFORE_X
    after_x: int = AFTER_X
    estimate_x: int = ESTIMATE_X
    estimate_left: int = ESTIMATE_LEFT
    estimate_right: int = ESTIMATE_RIGHT
    label_y: int = HEIGHT - 12


def _scale(low: float, high: float) -> tuple[float, float]:
    return low, (high - low) or 1.0


def effect_chart(effect: Effect) -> EffectChart | None:
    """The drawing, or None when there is nothing to draw (too little data)."""
    if not effect.measured:
        return None
    values = [
        effect.affected_before,
        effect.affected_after,
        effect.comparison_before,
        effect.comparison_after,
        effect.expected_after,
    ]
    known = [v for v in values if v is not None]
    assert len(known) == len(values)
    bottom = min([*known, 0.0]) if effect.indicator.unit is not Unit.MEAN else min(known)
    base, span = _scale(bottom, max(known))

    def y(value: float) -> float:
        return BOTTOM - (value - base) / span * (BOTTOM - TOP)

    ab, aa, cb, ca, expected = known
    assert effect.estimate is not None and effect.low is not None and effect.high is not None
    reach = max(abs(effect.low), abs(effect.high), abs(effect.estimate)) or 1.0
    middle = (TOP + BOTTOM) / 2

    def ey(value: float) -> float:
        return middle - value / reach * (BOTTOM - TOP) / 2

    return EffectChart(
        affected=Line(BEFORE_X, y(ab), AFTER_X, y(aa)),
        comparison=Line(BEFORE_X, y(cb), AFTER_X, y(ca)),
        expected=Line(BEFORE_X, y(ab), AFTER_X, y(expected)),
        zero_y=middle,
        interval=Line(ESTIMATE_X, ey(effect.high), ESTIMATE_X, ey(effect.low)),
        estimate_y=ey(effect.estimate),
    )


def _number(value: float, decimals: int) -> str:
    # Django's number_format cuts digits off rather than rounding: round first.
    return number_format(round(value, decimals), decimal_pos=decimals)


def format_level(unit: Unit, value: float | None) -> str:
    """A mean over a window as shown: a count per month, a percentage, or a mean."""
    if value is None:
        return "-"
    if unit is Unit.PERCENTAGE:
        return f"{_number(value * 100, 0)}%"
    return _number(value, 1 if unit is Unit.COUNT else 2)


def format_change(unit: Unit, value: float | None) -> str:
    """A difference as shown, with its sign: per month, in percentage points, or in points."""
    if value is None:
        return "-"
    sign = "+" if value > 0 else ""
    if unit is Unit.PERCENTAGE:
        number = _number(value * 100, 1)
        return _("%(number)s percentage points") % {"number": sign + number}
    if unit is Unit.COUNT:
        return _("%(number)s per month") % {"number": sign + _number(value, 1)}
    return sign + _number(value, 2)


@dataclass(frozen=True)
class EffectView:
    """Everything the include shows, formatted once."""

    effect: Effect
    chart: EffectChart | None
    html_id: str
    affected_before: str
    affected_after: str
    affected_change: str
    comparison_before: str
    comparison_after: str
    comparison_change: str
    estimate: str
    low: str
    high: str


def effect_view(effect: Effect) -> EffectView:
    unit = effect.indicator.unit

    def change(before: float | None, after: float | None) -> str:
        return format_change(unit, None if before is None or after is None else after - before)

    day = effect.changed_on.isoformat() if effect.changed_on else ""
    return EffectView(
        effect=effect,
        chart=effect_chart(effect),
        html_id=f"effect-{effect.indicator_code}-{effect.area_slug}-{day}",
        affected_before=format_level(unit, effect.affected_before),
        affected_after=format_level(unit, effect.affected_after),
        affected_change=change(effect.affected_before, effect.affected_after),
        comparison_before=format_level(unit, effect.comparison_before),
        comparison_after=format_level(unit, effect.comparison_after),
        comparison_change=change(effect.comparison_before, effect.comparison_after),
        estimate=format_change(unit, effect.estimate),
        low=format_change(unit, effect.low),
        high=format_change(unit, effect.high),
    )
