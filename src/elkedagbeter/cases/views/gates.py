"""Who else may see a case: escalation to the expert team and transfer to another team (each with
the family's consent or a reasoned override), and the emergency "break the glass" read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from elkedagbeter.audit.models import AuthorisationRule
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role, Team, TeamType
from elkedagbeter.organisations.scoping import memberships_of

from .. import actions
from ..forms import ConsentForm, EmergencyAccessForm, EscalationForm, TeamTransferForm
from ..models import Case
from ..selectors import EMERGENCY_ROLES, CaseGrant, case_grant
from .access import CASE_ROLES, case_view


@case_view(write=True, roles=(Role.PROFESSIONAL, Role.COORDINATOR))
def case_escalate(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    if grant.rule != AuthorisationRule.TEAM_MEMBERSHIP:
        raise PermissionDenied
    expert_teams = Team.objects.filter(
        region=case.team.region, team_type=TeamType.EXPERT, is_active=True
    )
    form = EscalationForm(request.POST or None, expert_teams=expert_teams)
    if request.method == "POST" and form.is_valid():
        actions.escalate_case(
            request, case, expert_team=form.cleaned_data["expert_team"], gate=_gate(form)
        )
        messages.success(request, _("The case is shared with the expert team."))
        return redirect("cases:detail", reference=case.reference)
    return render(request, "cases/case_escalate.html", {"case": case, "form": form})


@case_view(write=True, roles=(Role.PROFESSIONAL, Role.COORDINATOR))
def case_transfer(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    if grant.rule != AuthorisationRule.TEAM_MEMBERSHIP:
        raise PermissionDenied
    teams = Team.objects.filter(
        region=case.team.region, team_type=TeamType.NEIGHBOURHOOD, is_active=True
    ).exclude(pk=case.team_id)
    form = TeamTransferForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        to_team = form.cleaned_data["to_team"]
        actions.transfer_case(request, case, to_team=to_team, gate=_gate(form))
        messages.success(
            request,
            _("Case %(reference)s now belongs to %(team)s.")
            % {"reference": case.reference, "team": to_team},
        )
        return redirect("cases:list")
    return render(request, "cases/case_transfer.html", {"case": case, "form": form})


def _gate(form: ConsentForm) -> actions.Consent:
    return actions.Consent(
        consent_on=form.cleaned_data["consent_on"],
        override_reason=form.cleaned_data["override_reason"].strip(),
    )


def _emergency_region_ids(request: HttpRequest) -> set[int]:
    return {
        m.team.region_id
        for m in memberships_of(request.user)
        if m.role in EMERGENCY_ROLES and m.team is not None
    }


@role_required(*CASE_ROLES)
def emergency_access(request: HttpRequest) -> HttpResponse:
    """Open a case outside your teams in an emergency. The same answer whether or not the case
    exists elsewhere, so the page cannot be used to probe case numbers."""
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = Case.objects.filter(
            reference=form.cleaned_data["reference"],
            team__region_id__in=_emergency_region_ids(request),
        ).first()
        if case is not None and case_grant(request.user, case) is not None:
            return redirect("cases:detail", reference=case.reference)
        if case is not None:
            actions.break_glass(request, case, reason=form.cleaned_data["reason"])
            return redirect("cases:detail", reference=case.reference)
        form.add_error("reference", _("There is no case with this number in your region."))
    return render(request, "cases/emergency_access.html", {"form": form})
