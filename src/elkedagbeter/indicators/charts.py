"""Small bar charts as SVG drawn on the server: no script, and the same figures as the table."""

from __future__ import annotations

from dataclasses import dataclass

from .registry import Unit
from .selectors import IndicatorView

WIDTH, HEIGHT, GAP = 360, 120, 4
GAS_BOTTOM = -2
HIDDEN_HEIGHT = 8  # a hidden figure is drawn as a low outlined bar, so the gap is visible


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    suppressed: bool


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT
    threshold_y: float | None = None


def bar_chart(view: IndicatorView) -> BarChart:
    values = [figure.value for _period, figure in view.series]
    if view.indicator.unit is Unit.MEAN:  # goal attainment runs from -2 to +2: bars from -2
        values = [None if v is None else v - GAS_BOTTOM for v in values]
    known = [v for v in values if v is not None]
    top = max(known, default=0) or 1
    slot = WIDTH / len(values)
    bars = []
    for index, ((period, figure), value) in enumerate(zip(view.series, values, strict=True)):
        height = HIDDEN_HEIGHT if value is None else value / top * (HEIGHT - 20)
        bars.append(
            Bar(
                x=index * slot + GAP / 2,
                y=HEIGHT - 10 - height,
                width=slot - GAP,
                height=height,
                label=f"{period}: {figure}",
                suppressed=value is None,
            )
        )
    return BarChart(bars)
