"""Important writes on cases. Each owns its transaction and its access-log entry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode
from elkedagbeter.organisations.models import Role, Team
from elkedagbeter.organisations.scoping import memberships_of

from .models import Case
from .selectors import CaseGrant


def register_case(request: HttpRequest, *, team: Team) -> Case:
    """Open a new household case for one of the user's own teams."""
    membership = next(
        (
            m
            for m in memberships_of(request.user)
            if m.team_id == team.pk and m.role in {Role.PROFESSIONAL, Role.COORDINATOR}
        ),
        None,
    )
    if membership is None:
        raise PermissionDenied
    with transaction.atomic():
        case = Case.objects.create(team=team)
        record_access(
            request,
            event=EventCode.CASE_CREATE,
            action=ActionCode.CREATE,
            rule=AuthorisationRule.TEAM_MEMBERSHIP,
            membership=membership,
            object_type=OBJECT_TYPE_CASE,
            object_ref=case.reference,
        )
    return case


def log_case_read(
    request: HttpRequest,
    case: Case,
    grant: CaseGrant,
    *,
    event: EventCode = EventCode.CASE_READ,
    reason: str = "",
) -> None:
    record_access(
        request,
        event=event,
        action=ActionCode.READ,
        rule=grant.rule,
        membership=grant.membership,
        object_type=OBJECT_TYPE_CASE,
        object_ref=case.reference,
        reason=reason,
    )
