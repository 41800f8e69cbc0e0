"""The case list, registering a household, the case page and its access log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseFormSet
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE
from elkedagbeter.audit.models import AccessLogEntry, AuthorisationRule, EventCode
from elkedagbeter.core.permissions import role_required
from elkedagbeter.monitoring.models import ScoreScale
from elkedagbeter.organisations.models import Role, Team
from elkedagbeter.organisations.scoping import case_team_ids, expert_team_ids
from elkedagbeter.prepared import prepared

from .. import actions
from ..forms import (
    AccessReasonForm,
    CaseListFilterForm,
    FieldGroup,
    MemberFormSet,
    NewCaseForm,
    NewMemberForm,
)
from ..models import Case, Goal, TriageMarker
from ..overview import case_overview
from ..page_parts import case_parts, timeline
from ..selectors import CASE_STATUS_OPEN, WRITE_RULES, CaseGrant, case_list_for
from .access import CASE_ROLES, REASONS_SESSION_KEY, case_view, granted_case


@role_required(*CASE_ROLES)
def case_list(request: HttpRequest) -> HttpResponse:
    """The user's cases, the open ones unless asked otherwise; searchable by case number."""
    filters = CaseListFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    status = chosen.get("status") or CASE_STATUS_OPEN
    number = chosen.get("nummer") or ""
    page = Paginator(case_list_for(request.user, status=status, number=number), 25).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page_obj": page,
        "filters": filters,
        "query_string": query.urlencode(),
        "has_own_team": bool(case_team_ids(request.user)),
        "has_expert_team": bool(expert_team_ids(request.user)),
        "is_filtered": bool(number) or status != CASE_STATUS_OPEN,
    }
    return render(request, "cases/case_list.html", context)


MEMBER_ROWS = 2  # rows shown at first: most households start with a parent and a youth
MAX_MEMBER_ROWS = 20


def _member_rows(request: HttpRequest) -> BaseFormSet[NewMemberForm]:
    """The member rows; "another member" sends the form back with one empty row more."""
    if request.method != "POST":
        return MemberFormSet(prefix="lid")
    data = request.POST.copy()
    if "more_members" in request.POST:
        try:
            total = int(data.get("lid-TOTAL_FORMS", MEMBER_ROWS))
        except ValueError:
            total = MEMBER_ROWS
        data["lid-TOTAL_FORMS"] = str(min(max(total, 0) + 1, MAX_MEMBER_ROWS))
    return MemberFormSet(data, prefix="lid")


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def case_new(request: HttpRequest) -> HttpResponse:
    """One page for the household: the case, its members and its first desired result."""
    teams = Team.objects.filter(pk__in=case_team_ids(request.user))
    form = NewCaseForm(request.POST or None, teams=teams)
    members = _member_rows(request)
    saving = request.method == "POST" and "more_members" not in request.POST
    if saving and form.is_valid() and members.is_valid():
        with transaction.atomic():
            case = actions.register_case(
                request,
                team=form.cleaned_data["team"],
                score_scale=form.cleaned_data["score_scale"] or ScoreScale.GAS,
            )
            for row in members:
                if row.has_changed():
                    member = row.save(commit=False)
                    actions.add_member(request, case, member, bsn=row.cleaned_data["bsn"])
            if form.cleaned_data["goal"].strip():
                actions.add_item(request, case, Goal(text=form.cleaned_data["goal"].strip()))
        messages.success(request, _("The household is registered."))
        return redirect("cases:detail", reference=case.reference)
    if request.method == "POST" and not saving:
        # Another row was asked for: show what was typed, without errors yet.
        shown: list[forms.BaseForm] = [form, *members.forms]
        for part in shown:
            part._errors = ErrorDict()  # type: ignore[attr-defined]
    context = {
        "form": form,
        "case_part": FieldGroup(form, ["team", "score_scale"], errors=True),
        "goal_part": FieldGroup(form, ["goal"]),
        "members": members,
        "max_rows": MAX_MEMBER_ROWS,
    }
    return render(request, "cases/case_new.html", context)


PART_RULES = {AuthorisationRule.TEAM_MEMBERSHIP, AuthorisationRule.ESCALATION}


# The knelpunten raised from the case, compiled once (elkedagbeter/prepared.py). Bottlenecks sits
# above cases: its model is reached through the case's reverse relation, not imported.
def _raised(case_id: int) -> QuerySet[Any]:
    model = Case._meta.get_field("bottlenecks").related_model
    assert not isinstance(model, str)
    return model._default_manager.filter(case_id=case_id)


_RAISED = prepared(_raised, case_id=int)


@case_view()
def case_detail(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    overview = case_overview(
        case,
        request.user.pk or 0,
        show_emergency=grant.rule == AuthorisationRule.TEAM_MEMBERSHIP,
    )
    context = {
        "case": case,
        "grant": grant,
        "Rule": AuthorisationRule,
        "o": overview,
        "can_write": grant.rule in WRITE_RULES,
        # What higher apps add (the zero goals touched): for those who work on the case only.
        "parts": case_parts(request.user, case, overview) if grant.rule in PART_RULES else [],
        "marker_labels": [
            TriageMarker(code).label for code in case.markers if code in TriageMarker.values
        ],
        "timeline": timeline(
            request.user, case, list(overview.events), with_parts=grant.rule in PART_RULES
        ),
        "raised": _RAISED.list(case_id=case.pk, known={"case": case}),
    }
    return render(request, "cases/case_detail.html", context)


@role_required(Role.EXPERT)
def case_reason(request: HttpRequest, reference: str) -> HttpResponse:
    """An expert states why they open a case escalated to their team; valid for some hours."""
    case, grant = granted_case(request, reference)
    if not grant.needs_reason:
        return redirect("cases:detail", reference=reference)
    form = AccessReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = timezone.now() + timedelta(hours=settings.ESCALATED_READ_REASON_HOURS)
        reasons = request.session.get(REASONS_SESSION_KEY, {})
        reasons[reference] = {"reason": form.cleaned_data["reason"], "until": until.isoformat()}
        request.session[REASONS_SESSION_KEY] = reasons
        return redirect("cases:detail", reference=reference)
    return render(request, "cases/case_reason.html", {"case": case, "form": form})


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def case_access_log(request: HttpRequest, reference: str) -> HttpResponse:
    """Who read or changed this case: for the case's own team."""
    case, grant = granted_case(request, reference)
    if grant.rule != AuthorisationRule.TEAM_MEMBERSHIP:
        raise Http404
    actions.log_case_read(request, case, grant, event=EventCode.CASE_ACCESS_LOG_READ)
    entries = AccessLogEntry.objects.filter(object_type=OBJECT_TYPE_CASE, object_ref=reference)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "cases/case_access_log.html", {"case": case, "page_obj": page})
