"""The intervention catalogue: browse, one intervention with its use in the user's region, and
the CSV/XLSX import for the functioneel beheerder."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.forms import UploadForm
from elkedagbeter.cases.imports import ImportMode, RowError, read_rows
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role

from .. import imports, selectors
from ..forms import CatalogueFilterForm
from ..models import CatalogueItem, EvidenceLevel
from . import query_string

_SESSION_KEY = "knowledge_catalogue_import"


def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    query = evidence = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        evidence = form.cleaned_data["bewijskracht"]
    page = Paginator(selectors.catalogue(query, evidence), 25).get_page(request.GET.get("page"))
    area = selectors.usage_area(request.user)
    usage = selectors.catalogue_usage(area, page.object_list)
    context = {
        "form": form,
        "page_obj": page,
        "rows": [(item, usage.get(item.pk)) for item in page.object_list],
        "query_string": query_string(request),
        "area_label": selectors.usage_area_label(area) if not area.is_empty else "",
        "levels": list(EvidenceLevel),
        "can_import": selectors.may_add_catalogue_items(request.user),
    }
    return render(request, "knowledge/catalogue.html", context)


def item(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(
        CatalogueItem.objects.select_related("region", "changed_by"), code=code
    )
    area = selectors.usage_area(request.user)
    context = {
        "item": found,
        "usage": selectors.catalogue_usage(area, [found]).get(found.pk),
        "area_label": selectors.usage_area_label(area) if not area.is_empty else "",
        "examples": selectors.examples().filter(interventions=found)[:10],
        "levels": list(EvidenceLevel),
    }
    return render(request, "knowledge/item.html", context)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # role_required let only a logged-in user in
    return request.user


@role_required(Role.ADMIN)
def catalogue_import(request: HttpRequest) -> HttpResponse:
    """Upload → every row checked → confirm → all rows, none, or the good ones written. A
    national administrator keeps the national catalogue, a regional one their region's items."""
    if not selectors.may_add_catalogue_items(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("confirm") and _SESSION_KEY in request.session:
        pending: dict[str, Any] = request.session.pop(_SESSION_KEY)
        done = imports.run_catalogue_import(
            pending["rows"], mode=ImportMode(pending["mode"]), commit=True, user=_user(request)
        )
        context = {"form": UploadForm(), "report": done, "done": True}
        return render(request, "knowledge/catalogue_import.html", _with_columns(context))
    form = UploadForm(request.POST or None, request.FILES or None)
    report: imports.CatalogueReport | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            rows = read_rows(upload, upload.name)
        except RowError as error:
            form.add_error("upload", error.message)
        else:
            mode = ImportMode(form.cleaned_data["mode"])
            report = imports.run_catalogue_import(
                rows, mode=mode, commit=False, user=_user(request)
            )
            if report.good_rows:
                request.session[_SESSION_KEY] = {"rows": rows, "mode": mode.value}
    context = {"form": form, "report": report}
    return render(request, "knowledge/catalogue_import.html", _with_columns(context))


def _with_columns(context: dict[str, Any]) -> dict[str, Any]:
    context["required"], context["optional"] = imports.COLUMNS
    context["levels"] = list(EvidenceLevel)
    return context
