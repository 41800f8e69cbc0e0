"""Mijn aandacht vandaag: the attention list, its one-click next steps, and the figures that show
a region which rules help."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.audit.actions import record_list_reads
from elkedagbeter.cases.models import Case, TriageMarker
from elkedagbeter.cases.selectors import CaseGrant, cases_visible_to
from elkedagbeter.cases.views.access import case_view
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import aggregate_area, team_membership

from . import actions
from .forms import SetAsideForm
from .models import NextStep, SetAsideReason, Signal, Status
from .selectors import (
    AttentionLine,
    Scope,
    attention_list,
    due_follow_ups,
    rule_figures,
    scopes_for,
)
from .similar import routes_by_team

SHOWN = 25
STEP_TARGETS = {
    NextStep.PLAN: "cases:plan",
    NextStep.CONFERENCE: "attention:conference_new",
    NextStep.EXPERT: "attention:consult_new",
    NextStep.BOTTLENECK: "bottlenecks:from_case",
}


def log_lines(request: HttpRequest, lines: list[AttentionLine]) -> None:
    """A read of every case shown, under the user's membership of the case's team."""
    by_team: dict[int, list[str]] = defaultdict(list)
    for line in lines:
        by_team[line.team_id].append(line.reference)
    for team_id, refs in by_team.items():
        membership = team_membership(request.user, team_id, Role.PROFESSIONAL, Role.COORDINATOR)
        if membership is not None:
            record_list_reads(request, membership=membership, object_refs=refs, reason="aandacht")


def chosen_scope(request: HttpRequest) -> tuple[Scope, list[Scope]]:
    scopes = scopes_for(request.user)
    wanted = request.GET.get("scope")
    scope = next((s for s in scopes if s == wanted), None)
    if scope is None:  # coordinators start with their team
        scope = Scope.TEAM if Scope.TEAM in scopes else scopes[0]
    return scope, scopes


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def today(request: HttpRequest) -> HttpResponse:
    scope, scopes = chosen_scope(request)
    lines = attention_list(request.user, scope)
    page = Paginator(lines, SHOWN).get_page(request.GET.get("pagina"))
    shown = list(page.object_list)
    log_lines(request, shown)
    context = {
        "lines": shown,
        "page": page,
        "total": len(lines),
        "scope": scope,
        "scopes": scopes,
        "Scope": Scope,
        "steps": NextStep.choices,
        "reasons": SetAsideReason.choices,
        "follow_ups": due_follow_ups(request.user),
    }
    return render(request, "attention/today.html", context)


@require_POST
@case_view(write=True, roles=(Role.PROFESSIONAL, Role.COORDINATOR))
def act(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    # One form per case; the button pressed names the step.
    step = request.POST.get("step", "")
    if step not in NextStep.values:
        raise Http404
    actions.act_on_case(request, case, NextStep(step))
    return redirect(reverse(STEP_TARGETS[NextStep(step)], kwargs={"reference": case.reference}))


@require_POST
@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def set_aside(request: HttpRequest, pk: int) -> HttpResponse:
    signal = (
        Signal.objects.filter(pk=pk, case__in=cases_visible_to(request.user), status=Status.OPEN)
        .select_related("case__team")
        .first()
    )
    if signal is None:
        raise Http404
    form = SetAsideForm(request.POST)
    if form.is_valid():
        note = deidentify(form.cleaned_data["note"]) if form.cleaned_data["note"] else ""
        actions.set_aside(request, signal, SetAsideReason(form.cleaned_data["reason"]), note)
        messages.success(request, _("The signal is set aside. Thank you for the reason."))
    else:
        messages.error(request, _("Choose a reason to set the signal aside."))
    back = request.POST.get("scope", "")
    url = reverse("attention:today")
    return redirect(f"{url}?scope={back}" if back in Scope.__members__.values() else url)


@role_required(Role.COORDINATOR, Role.ANALYST, Role.VIEWER)
def figures(request: HttpRequest) -> HttpResponse:
    rows = rule_figures(aggregate_area(request.user))
    return render(request, "attention/figures.html", {"rows": rows})


@role_required(Role.COORDINATOR, Role.ANALYST, Role.VIEWER)
def similar(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.get("kenmerk", TriageMarker.SAFETY)
    marker = TriageMarker(chosen) if chosen in TriageMarker.values else TriageMarker.SAFETY
    rows = routes_by_team(aggregate_area(request.user), marker)
    context = {"rows": rows, "marker": marker, "markers": TriageMarker.choices}
    return render(request, "attention/similar.html", context)
