"""Writes of the Beweging van 0: a region approves a period's figures for publication."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import memberships_of

from .models import PeriodApproval
from .periods import Period

APPROVER_ROLES = {Role.ANALYST, Role.VIEWER}


def may_approve(user: User, region_id: int) -> bool:
    """Analysts and executives of the region itself (or national ones) approve its figures."""
    return any(
        m.role in APPROVER_ROLES
        and (
            m.region_id == region_id
            or (m.region_id is None and m.municipality_id is None and m.team_id is None)
        )
        for m in memberships_of(user)
    )


def approve_period(user: User, region_id: int, period: Period) -> PeriodApproval:
    """Approve a finished period; approving twice keeps the first approval."""
    if not may_approve(user, region_id):
        raise PermissionDenied
    if period.end >= timezone.localdate():
        raise ValueError("A running period cannot be approved.")
    approval, _created = PeriodApproval.objects.get_or_create(
        region_id=region_id,
        period_kind=period.kind.value,
        period_start=period.start,
        defaults={"approved_by": user},
    )
    return approval
