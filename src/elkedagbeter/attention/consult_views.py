"""Consulting the regional expert team without handing over: question → triage → advice → a
follow-up question to the asker after 3 and 6 months; the expert team's figures and themes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode
from elkedagbeter.cases.models import Case
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.cases.views.access import case_view
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role, Team
from elkedagbeter.organisations.scoping import team_membership

from . import actions
from .forms import AdviceForm, ConsultationForm, FollowUpForm, TriageForm
from .models import Consultation, FollowUp, Theme, Triage
from .refresh import thresholds_by_region
from .selectors import (
    consultation_side,
    consultations_visible_to,
    due_follow_ups,
    expert_figure_teams,
    expert_figures,
)

ASKERS = (Role.PROFESSIONAL, Role.COORDINATOR)


@case_view(write=True, roles=ASKERS)
def consult_new(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    teams = actions.expert_teams_for(case)
    form = ConsultationForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = actions.ask_expert_team(request, case, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your question is with the expert team."))
            return redirect("attention:consultation", pk=consultation.pk)
    return render(
        request, "attention/consult_form.html", {"case": case, "form": form, "teams": teams}
    )


@role_required(*ASKERS, Role.EXPERT)
def consultations(request: HttpRequest) -> HttpResponse:
    found = list(consultations_visible_to(request.user)[:200])
    context = {"consultations": found, "follow_ups": due_follow_ups(request.user)}
    return render(request, "attention/consultations.html", context)


def _open(request: HttpRequest, pk: int) -> tuple[Consultation, str]:
    consultation = consultations_visible_to(request.user).filter(pk=pk).first()
    side = consultation_side(request.user, consultation) if consultation else None
    if consultation is None or side is None:
        raise Http404
    return consultation, side


def _log_read(request: HttpRequest, consultation: Consultation, side: str) -> None:
    if side == "expert":
        membership = team_membership(request.user, consultation.expert_team_id, Role.EXPERT)
        rule = AuthorisationRule.CONSULTATION
    else:
        membership = team_membership(request.user, consultation.case.team_id, *ASKERS)
        rule = AuthorisationRule.TEAM_MEMBERSHIP
    record_access(
        request,
        event=EventCode.CASE_READ,
        action=ActionCode.READ,
        rule=rule,
        membership=membership,
        object_type=OBJECT_TYPE_CASE,
        object_ref=consultation.case.reference,
        reason=f"consultation {consultation.pk}",
    )


@role_required(*ASKERS, Role.EXPERT)
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    found, side = _open(request, pk)
    _log_read(request, found, side)
    context = {
        "c": found,
        "side": side,
        "Triage": Triage,
        "triage_form": TriageForm(initial={"theme": found.theme}),
        "advice_form": AdviceForm(),
        "follow_ups": list(found.follow_ups.all()),
        "follow_up_form": FollowUpForm(),
        "due": {f.pk for f in due_follow_ups(request.user)},
    }
    return render(request, "attention/consultation.html", context)


@require_POST
@role_required(Role.EXPERT)
def consultation_triage(request: HttpRequest, pk: int) -> HttpResponse:
    found, side = _open(request, pk)
    form = TriageForm(request.POST)
    if side != "expert":
        raise PermissionDenied
    if form.is_valid():
        try:
            actions.triage(
                request,
                found,
                Triage(form.cleaned_data["decision"]),
                theme=form.cleaned_data["theme"],
                reason=form.cleaned_data["decline_reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The triage is saved; the asker sees it."))
    else:
        messages.error(request, _("Choose what the expert team does."))
    return redirect("attention:consultation", pk=pk)


@require_POST
@role_required(Role.EXPERT)
def consultation_advise(request: HttpRequest, pk: int) -> HttpResponse:
    found, side = _open(request, pk)
    form = AdviceForm(request.POST)
    if side != "expert":
        raise PermissionDenied
    if form.is_valid():
        try:
            actions.advise(request, found, form.cleaned_data["advice"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The advice is saved; the asker sees it."))
    else:
        messages.error(request, _("Write the advice."))
    return redirect("attention:consultation", pk=pk)


@require_POST
@role_required(*ASKERS)
def follow_up_answer(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = (
        FollowUp.objects.filter(pk=pk, answered_at__isnull=True)
        .select_related("consultation__case")
        .first()
    )
    if follow_up is None or consultation_side(request.user, follow_up.consultation) != "asker":
        raise Http404
    form = FollowUpForm(request.POST)
    if form.is_valid():
        actions.answer_follow_up(request, follow_up, **form.cleaned_data)
        messages.success(request, _("Thank you: the expert team learns from your answer."))
    else:
        messages.error(request, _("Answer both questions."))
    return redirect("attention:consultation", pk=follow_up.consultation_id)


@role_required(Role.EXPERT, Role.ANALYST, Role.VIEWER)
def figures(request: HttpRequest) -> HttpResponse:
    teams = expert_figure_teams(request.user)
    thresholds = thresholds_by_region(t.region_id for t in teams)
    rows = [expert_figures(t, thresholds[t.region_id].consultation_norm_days) for t in teams]
    own = {t.pk for t in teams if team_membership(request.user, t.pk, Role.EXPERT)}
    return render(request, "attention/expert_figures.html", {"rows": rows, "own": own})


@require_POST
@role_required(Role.EXPERT)
def theme_to_knelpunt(request: HttpRequest, team_id: int, theme: str) -> HttpResponse:
    team = Team.objects.filter(pk=team_id).select_related("region").first()
    if team is None or theme not in Theme.values:
        raise Http404
    row = next((r for r in expert_figures(team, 0).themes if r.theme == theme), None)
    if row is None or not row.raisable:
        raise Http404
    bottleneck = actions.theme_to_bottleneck(request, team, Theme(theme), str(row.count))
    messages.success(request, _("The theme is raised as a knelpunt."))
    return redirect("bottlenecks:detail", pk=bottleneck.pk)
