"""The figures per responsible body in a region, on a page or as a spreadsheet."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from elkedagbeter.indicators.exports import table_response

from ..figures import region_figures
from .access import board_user
from .board import board_form


@board_user
def figures(request: HttpRequest) -> HttpResponse:
    form = board_form(request)
    result = region_figures(form.cleaned_data["regio"]) if form.is_valid() else None
    fmt = request.GET.get("formaat")
    if result is not None and fmt in {"csv", "xlsx"}:
        return _figures_table(result, fmt)
    return render(request, "bottlenecks/figures.html", {"form": form, "figures": result})


def _figures_table(result: Any, fmt: str) -> HttpResponse:
    header: list[object] = [
        _("Responsible body"),
        _("Level"),
        _("Received"),
        _("Median working days to first response"),
        _("Share solved"),
        _("Open past the deadline"),
    ]
    header += [f"{year} K{quarter}" for year, quarter in result.quarters]
    rows: list[list[object]] = [header]
    for row in result.rows:
        rows.append(
            [
                row.body.name,
                row.body.get_level_display(),
                str(row.received),
                "" if row.median_response_days is None else row.median_response_days,
                "" if row.share_solved is None else round(row.share_solved, 2),
                str(row.overdue),
                *[str(count) for count in row.trend],
            ]
        )
    rows.append([_("Total"), "", str(result.total_received)])
    return table_response(rows, filename=f"knelpunten-cijfers-{result.region.code}", fmt=fmt)
