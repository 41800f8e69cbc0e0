"""Wat de hulp kost: spending per year by municipality, team and zero-goal area, for the roles
that read aggregate figures; the tariff import for the functioneel beheerder. Every figure is
over at least five trajectories (costs.figures); no page shows one household's cost."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.forms import UploadForm
from elkedagbeter.cases.imports import ImportMode, RowError, read_rows
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import administered_area, aggregate_area

from . import imports
from .figures import CostFigures, CostRow, cost_figures
from .models import Tariff, TariffKey

READERS = (Role.ANALYST, Role.VIEWER)
_SESSION_KEY = "tariff_import"


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("jaar", this_year))
    except ValueError:
        return this_year
    return year if 2015 <= year <= this_year else this_year


@role_required(*READERS)
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    figures = cost_figures(aggregate_area(request.user), year)
    this_year = timezone.localdate().year
    context = {
        "figures": figures,
        "year": year,
        "years": list(range(this_year, this_year - 5, -1)),
    }
    return render(request, "costs/overview.html", context)


def _csv_rows(figures: CostFigures) -> list[tuple[str, CostRow]]:
    return [
        *((str(_("Municipality")), row) for row in figures.by_municipality),
        *((str(_("Team")), row) for row in figures.by_team),
        *((str(_("Zero-goal area")), row) for row in figures.by_area),
        (str(_("Broken off")), figures.broken_off),
        (str(_("Failed placement")), figures.failed),
    ]


@role_required(*READERS)
def export(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    figures = cost_figures(aggregate_area(request.user), year)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(["jaar", "indeling", "groep", "trajecten", "uitgaven_euro", "per_traject_euro"])
    for grouping, row in _csv_rows(figures):
        writer.writerow(
            [
                year,
                grouping,
                row.label,
                str(row.trajectories),
                "" if row.spending_euro is None else row.spending_euro,
                "" if row.mean_euro is None else row.mean_euro,
            ]
        )
    response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kosten-{year}.csv"'
    return response


@role_required(Role.ADMIN)
def tariffs(request: HttpRequest) -> HttpResponse:
    """The tariffs of the beheerder's regions, and the import."""
    area = administered_area(request.user)
    if request.method == "POST" and request.POST.get("confirm") and _SESSION_KEY in request.session:
        pending: dict[str, Any] = request.session.pop(_SESSION_KEY)
        done = imports.run_tariff_import(
            pending["rows"], mode=ImportMode(pending["mode"]), commit=True, area=area
        )
        return _tariff_page(request, {"form": UploadForm(), "report": done, "done": True})
    form = UploadForm(request.POST or None, request.FILES or None)
    report: imports.TariffReport | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            rows = read_rows(upload, upload.name)
        except RowError as error:
            form.add_error("upload", error.message)
        else:
            mode = ImportMode(form.cleaned_data["mode"])
            report = imports.run_tariff_import(rows, mode=mode, commit=False, area=area)
            if report.good_rows:
                request.session[_SESSION_KEY] = {"rows": rows, "mode": mode.value}
    return _tariff_page(request, {"form": form, "report": report})


def _tariff_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    area = administered_area(request.user)
    queryset = Tariff.objects.select_related("region")
    if not area.national:
        queryset = queryset.filter(region_id__in=area.region_ids)
    context["tariffs"] = queryset
    context["required"], context["optional"] = imports.COLUMNS
    context["keys"] = list(TariffKey)
    return render(request, "costs/tariffs.html", context)
