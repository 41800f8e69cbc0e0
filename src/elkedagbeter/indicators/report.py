"""The region's PDF report: every indicator and every O-plaat, charts drawn with Vega-Lite
(vl-convert) and the page laid out by WeasyPrint."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from .models import RegionalAmbition
from .periods import Period, PeriodKind
from .places import Place
from .selectors import IndicatorView, indicator_views
from .zero_goals import ZERO_GOALS, ZeroGoal


@dataclass(frozen=True)
class ReportItem:
    view: IndicatorView
    chart: str  # a data: URI with the SVG
    goal: ZeroGoal | None
    ambition: RegionalAmbition | None


def chart_uri(view: IndicatorView) -> str:
    """A bar chart of the series; hidden figures are left out and say so in the table."""
    import vl_convert

    values: list[dict[str, Any]] = [
        {"periode": str(period), "waarde": figure.value}
        for period, figure in view.series
        if figure.value is not None
    ]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 420,
        "height": 120,
        "data": {"values": values},
        "mark": {"type": "bar", "color": "#3b5bdb"},
        "encoding": {
            "x": {"field": "periode", "type": "ordinal", "sort": None, "title": None},
            "y": {"field": "waarde", "type": "quantitative", "title": None},
        },
    }
    svg = vl_convert.vegalite_to_svg(spec)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def report_pdf(place: Place, kind: PeriodKind = PeriodKind.YEAR) -> bytes:
    from weasyprint import HTML

    last = Period.containing(kind, timezone.localdate())
    goals = {goal.indicator: goal for goal in ZERO_GOALS}
    ambitions = {
        a.zero_goal: a for a in RegionalAmbition.objects.filter(region_id=place.region_id or 0)
    }
    items = []
    for view in indicator_views(place, kind, last):
        goal = goals.get(view.indicator.code)
        ambition = ambitions.get(goal.code) if goal else None
        items.append(ReportItem(view, chart_uri(view), goal, ambition))
    html = render_to_string(
        "indicators/report_pdf.html",
        {
            "place": place,
            "last": last,
            "kind": kind.value,
            "items": items,
            "printed_at": timezone.localtime(),
        },
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
