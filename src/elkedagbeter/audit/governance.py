"""Who gave whom which role, and who set up whose account: into the access log.

The organisations and accounts apps sit below audit, so they announce these steps with signals
and this module writes the entries (NEN 7513: who acted, on whose authority, about whom).
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.http import HttpRequest

from elkedagbeter.accounts.signals import account_code_changed
from elkedagbeter.organisations.models import Membership, MembershipRequest, Role
from elkedagbeter.organisations.scoping import memberships_of
from elkedagbeter.organisations.signals import membership_granted, membership_request_changed

from .actions import record_access
from .models import AccessLogEntry, ActionCode, AuthorisationRule, EventCode, Result

OBJECT_TYPE_USER = "gebruiker"

_REQUEST_EVENTS = {
    "requested": EventCode.MEMBERSHIP_REQUEST,
    "approved": EventCode.MEMBERSHIP_APPROVE,
    "rejected": EventCode.MEMBERSHIP_REJECT,
    "refused_attempt": EventCode.MEMBERSHIP_APPROVE,
}


def user_ref(user_id: int | None) -> str:
    return f"user:{user_id}" if user_id is not None else ""


def _acting_membership(request: HttpRequest, *roles: Role) -> Membership | None:
    return next((m for m in memberships_of(request.user) if m.role in roles), None)


def _describe(role: str, place: str) -> str:
    return f"{Role(role).label} — {place}"


@receiver(membership_request_changed)
def _membership_request_changed(
    sender: Any,
    request: HttpRequest,
    membership_request: MembershipRequest,
    event: str,
    **kwargs: Any,
) -> None:
    asked = membership_request
    reason = _describe(asked.role, asked.scope_label)
    if event == "requested":
        reason += f"; {asked.reason}"
    else:
        reason += f"; requested by {asked.requested_by or '-'}"
        if asked.decision_note:
            reason += f"; {asked.decision_note}"
    record_access(
        request,
        event=_REQUEST_EVENTS[event],
        action=ActionCode.CREATE if event == "approved" else ActionCode.EXECUTE,
        rule=AuthorisationRule.ADMIN,
        result=Result.REFUSED if event == "refused_attempt" else Result.SUCCESS,
        membership=_acting_membership(request, Role.ADMIN, Role.COORDINATOR),
        object_type=OBJECT_TYPE_USER,
        object_ref=user_ref(asked.user_id),
        reason=reason[:2000],
    )


@receiver(membership_granted)
def _membership_granted(
    sender: Any, request: HttpRequest | None, membership: Membership, operator: str, **kwargs: Any
) -> None:
    reason = _describe(membership.role, membership.scope_label)
    if request is not None:
        record_access(
            request,
            event=EventCode.MEMBERSHIP_GRANT,
            action=ActionCode.CREATE,
            rule=AuthorisationRule.ADMIN,
            membership=_acting_membership(request, Role.ADMIN),
            object_type=OBJECT_TYPE_USER,
            object_ref=user_ref(membership.user_id),
            reason=reason,
        )
        return
    record_operator_action(
        operator,
        event=EventCode.MEMBERSHIP_GRANT,
        action=ActionCode.CREATE,
        object_ref=user_ref(membership.user_id),
        reason=f"{reason}; given from the command line",
    )


@receiver(account_code_changed)
def _account_code_changed(
    sender: Any,
    request: HttpRequest | None,
    user_id: int,
    event: str,
    detail: str,
    result: str = Result.SUCCESS,
    operator: str = "",
    **kwargs: Any,
) -> None:
    code = EventCode.ACCOUNT_CODE_ISSUE if event == "issued" else EventCode.ACCOUNT_CODE_REDEEM
    if request is None:
        record_operator_action(
            operator,
            event=code,
            action=ActionCode.EXECUTE,
            object_ref=user_ref(user_id),
            reason=detail,
        )
        return
    issued_by_admin = event == "issued"
    record_access(
        request,
        event=code,
        action=ActionCode.EXECUTE,
        rule=AuthorisationRule.ADMIN if issued_by_admin else AuthorisationRule.SELF,
        result=Result(result),
        membership=_acting_membership(request, Role.ADMIN) if issued_by_admin else None,
        object_type=OBJECT_TYPE_USER,
        object_ref=user_ref(user_id),
        reason=detail,
    )


def record_operator_action(
    operator: str, *, event: EventCode, action: ActionCode, object_ref: str, reason: str
) -> AccessLogEntry:
    """An entry for a step taken from the command line, where there is no request."""
    return AccessLogEntry.objects.create(
        event_code=event,
        action_code=action,
        result=Result.SUCCESS,
        authorisation_rule=AuthorisationRule.ADMIN,
        user_display=(operator or "manage.py")[:150],
        object_type=OBJECT_TYPE_USER,
        object_ref=object_ref,
        reason=reason,
    )
