"""CSV export of the stories a user may learn from, and CSV import by moderators."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Region, Role

from .. import exchange, selectors
from ..forms import CsvImportForm
from ..frameworks import current_framework
from .reading import ALL_ROLES


@role_required(*ALL_ROLES)
def export(request: HttpRequest) -> HttpResponse:
    stories = (
        selectors.learning_stories(request.user)
        .select_related("municipality")
        .prefetch_related("answers__signifier", "patterns")
        .order_by("pk")
    )
    signifiers = list(current_framework().signifiers.all())
    response = HttpResponse(
        exchange.export_csv(stories.iterator(1000), signifiers),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="verhalen.csv"'
    return response


@role_required(Role.ANALYST)
def import_csv(request: HttpRequest) -> HttpResponse:
    form = CsvImportForm(request.POST or None, request.FILES or None)
    national, regions = selectors.suggestion_regions(request.user)
    report = None
    framework = current_framework()
    if request.method == "POST" and form.is_valid():
        region: Region | None = None if national else regions.first()
        try:
            rows = exchange.read_csv(form.cleaned_data["upload"])
        except exchange.CsvError as error:
            form.add_error("upload", str(error))
        else:
            report = exchange.import_rows(
                rows,
                framework,
                region=region,
                approved=form.cleaned_data["moderated"],
                source_ref=form.cleaned_data["upload"].name[:60],
            )
    columns = exchange.BASE_COLUMNS + exchange.signifier_columns(framework.signifiers.all())
    context = {"form": form, "report": report, "columns": columns}
    return render(request, "stories/import.html", context)
