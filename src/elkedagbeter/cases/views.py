"""Case pages. Thin: scoping comes from selectors, writes and logging from actions."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import (
    AccessLogEntry,
    ActionCode,
    AuthorisationRule,
    EventCode,
    Result,
)
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role, Team
from elkedagbeter.organisations.scoping import case_team_ids

from . import actions
from .forms import AccessReasonForm, NewCaseForm
from .models import Case
from .selectors import CaseGrant, case_grant, cases_visible_to

CASE_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT)
_REASONS_SESSION_KEY = "edb_case_read_reasons"


@role_required(*CASE_ROLES)
def case_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(cases_visible_to(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {"page_obj": page})


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def case_new(request: HttpRequest) -> HttpResponse:
    teams = Team.objects.filter(pk__in=case_team_ids(request.user))
    form = NewCaseForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        case = actions.register_case(request, team=form.cleaned_data["team"])
        return redirect("cases:detail", reference=case.reference)
    return render(request, "cases/case_new.html", {"form": form})


def _granted_case(request: HttpRequest, reference: str) -> tuple[Case, CaseGrant]:
    """The case and the rule that grants access, or 404 (also when it exists but is not yours,
    so nobody learns which references exist). A refused attempt on a real case is logged."""
    case = Case.objects.select_related("team", "escalated_to").filter(reference=reference).first()
    if case is None:
        raise Http404
    grant = case_grant(request.user, case)
    if grant is None:
        record_access(
            request,
            event=EventCode.CASE_READ,
            action=ActionCode.READ,
            rule=AuthorisationRule.NONE,
            result=Result.REFUSED,
            object_type=OBJECT_TYPE_CASE,
            object_ref=case.reference,
        )
        raise Http404
    return case, grant


def _stated_reason(request: HttpRequest, reference: str) -> str | None:
    stored = request.session.get(_REASONS_SESSION_KEY, {}).get(reference)
    if not stored:
        return None
    if datetime.fromisoformat(stored["until"]) < timezone.now():
        return None
    return str(stored["reason"])


@role_required(*CASE_ROLES)
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case, grant = _granted_case(request, reference)
    reason = ""
    if grant.needs_reason:
        stated = _stated_reason(request, reference)
        if stated is None:
            return redirect("cases:reason", reference=reference)
        reason = stated
    actions.log_case_read(request, case, grant, reason=reason)
    return render(
        request, "cases/case_detail.html", {"case": case, "grant": grant, "Rule": AuthorisationRule}
    )


@role_required(Role.EXPERT)
def case_reason(request: HttpRequest, reference: str) -> HttpResponse:
    """An expert states why they open a case escalated to their team; valid for some hours."""
    case, grant = _granted_case(request, reference)
    if not grant.needs_reason:
        return redirect("cases:detail", reference=reference)
    form = AccessReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = timezone.now() + timedelta(hours=settings.ESCALATED_READ_REASON_HOURS)
        reasons = request.session.get(_REASONS_SESSION_KEY, {})
        reasons[reference] = {"reason": form.cleaned_data["reason"], "until": until.isoformat()}
        request.session[_REASONS_SESSION_KEY] = reasons
        return redirect("cases:detail", reference=reference)
    return render(request, "cases/case_reason.html", {"case": case, "form": form})


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def case_access_log(request: HttpRequest, reference: str) -> HttpResponse:
    """Who read or changed this case: for the case's own team."""
    case, grant = _granted_case(request, reference)
    if grant.rule != AuthorisationRule.TEAM_MEMBERSHIP:
        raise Http404
    actions.log_case_read(request, case, grant, event=EventCode.CASE_ACCESS_LOG_READ)
    entries = AccessLogEntry.objects.filter(object_type=OBJECT_TYPE_CASE, object_ref=reference)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "cases/case_access_log.html", {"case": case, "page_obj": page})
