"""Opening a case from a page: who may, on what grounds, and the read that gets logged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode, Result
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role
from elkedagbeter.prepared import prepared

from .. import actions
from ..models import Case
from ..selectors import WRITE_RULES, CaseGrant, case_grant

CASE_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT)
REASONS_SESSION_KEY = "edb_case_read_reasons"

CaseView = Callable[..., HttpResponse]

# Every case page opens the case by its reference: compiled once (elkedagbeter/prepared.py).
_CASE = prepared(
    lambda reference: Case.objects.select_related("team__region", "escalated_to").filter(
        reference=reference
    )[:1],
    reference=str,
)


def granted_case(request: HttpRequest, reference: str) -> tuple[Case, CaseGrant]:
    """The case and the rule that grants access, or 404 (also when it exists but is not yours,
    so nobody learns which references exist). A refused attempt on a real case is logged."""
    case = _CASE.first(reference=reference)
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


def stated_reason(request: HttpRequest, reference: str) -> str | None:
    stored = request.session.get(REASONS_SESSION_KEY, {}).get(reference)
    if not stored:
        return None
    if datetime.fromisoformat(stored["until"]) < timezone.now():
        return None
    return str(stored["reason"])


def case_view(
    *, write: bool = False, roles: tuple[Role, ...] = CASE_ROLES
) -> Callable[[CaseView], CaseView]:
    """Open the case named in the URL for the view as ``view(request, case, grant, ...)``.

    Experts state a reason first; ``write`` pages need the team's or the expert team's grant
    (an emergency read only reads). Every GET is logged as a read of the case."""

    def decorator(view: CaseView) -> CaseView:
        @role_required(*roles)
        @wraps(view)
        def wrapped(
            request: HttpRequest, reference: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            case, grant = granted_case(request, reference)
            reason = ""
            if grant.needs_reason:
                stated = stated_reason(request, reference)
                if stated is None:
                    return redirect("cases:reason", reference=reference)
                reason = stated
            if write and grant.rule not in WRITE_RULES:
                raise PermissionDenied
            if request.method == "GET":
                actions.log_case_read(request, case, grant, reason=reason)
            return view(request, case, grant, *args, **kwargs)

        return wrapped

    return decorator
