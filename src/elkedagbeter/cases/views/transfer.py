"""Moving case data in and out: bulk import (with a dry run first) and export of one case."""

from __future__ import annotations

import csv
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from elkedagbeter.audit.models import AuthorisationRule
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role, Team
from elkedagbeter.organisations.scoping import case_team_ids

from .. import actions, exports, imports
from ..forms import ImportForm
from ..models import Case
from ..selectors import CaseGrant, imported_cases
from .access import case_view

_SESSION_KEY = "edb_pending_import"


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def case_import(request: HttpRequest) -> HttpResponse:
    """Upload → every row checked → confirm → all rows, none, or the good ones written."""
    teams = Team.objects.filter(pk__in=case_team_ids(request.user))
    if request.method == "POST" and request.POST.get("confirm") and _SESSION_KEY in request.session:
        return _commit(request, teams, request.session.pop(_SESSION_KEY))
    form = ImportForm(request.POST or None, request.FILES or None, teams=teams)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            rows = imports.read_rows(upload, upload.name)
        except imports.RowError as error:
            form.add_error("upload", error.message)
        else:
            pending = {
                "rows": rows,
                "kind": form.cleaned_data["kind"],
                "team": form.cleaned_data["team"].pk,
                "mode": form.cleaned_data["mode"],
                "filename": upload.name,
            }
            report = _run(request, teams, pending, commit=False)
            if report.good_rows:
                request.session[_SESSION_KEY] = pending
    context = {"form": form, "report": report, "columns": imports.COLUMNS}
    return render(request, "cases/case_import.html", context)


def _run(
    request: HttpRequest, teams: Any, pending: dict[str, Any], *, commit: bool
) -> imports.ImportReport:
    return actions.import_file(
        request,
        pending["rows"],
        kind=imports.ImportKind(pending["kind"]),
        team=teams.get(pk=pending["team"]),
        mode=imports.ImportMode(pending["mode"]),
        commit=commit,
    )


def _commit(request: HttpRequest, teams: Any, pending: dict[str, Any]) -> HttpResponse:
    report = _run(request, teams, pending, commit=True)
    form = ImportForm(teams=teams)
    context = {"form": form, "report": report, "columns": imports.COLUMNS, "done": True}
    return render(request, "cases/case_import.html", context)


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def source_refs(request: HttpRequest) -> HttpResponse:
    """Which case number each imported bron_id became, for the user's own teams; as a page or,
    with ``?formaat=csv``, as a CSV file (separated by ";" as Dutch Excel reads it)."""
    cases = imported_cases(request.user)
    if request.GET.get("formaat") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="bron-ids.csv"'
        response.write("\ufeff")  # a BOM, so that Excel reads UTF-8
        writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
        writer.writerow(["bron_id", "casusnummer", "team", "gestart_op"])
        for case in cases:
            writer.writerow(
                [_cell(case.source_ref), case.reference, case.team.name, case.opened_on]
            )
        return response
    page = Paginator(cases, 100).get_page(request.GET.get("page"))
    return render(request, "cases/source_refs.html", {"page_obj": page})


def _cell(text: str) -> str:
    """A cell that a spreadsheet will not read as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _team_only(grant: CaseGrant) -> None:
    if grant.rule != AuthorisationRule.TEAM_MEMBERSHIP:
        raise PermissionDenied


@case_view(roles=(Role.PROFESSIONAL, Role.COORDINATOR))
def case_export_json(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    """The whole case as JSON, for transfer to another case system."""
    _team_only(grant)
    actions.log_case_export(request, case, grant, "json")
    response = JsonResponse(exports.case_as_dict(case), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{case.reference}.json"'
    return response


@case_view(roles=(Role.PROFESSIONAL, Role.COORDINATOR))
def case_export_pdf(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    """The whole case as a PDF, for the family's right of access."""
    _team_only(grant)
    actions.log_case_export(request, case, grant, "pdf")
    response = HttpResponse(exports.case_as_pdf(case), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}.pdf"'
    return response
