"""Reads of cases, scoped at the source: nothing here returns a case the user may not see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from elkedagbeter.audit.models import AuthorisationRule
from elkedagbeter.monitoring.models import MonitoringMoment
from elkedagbeter.organisations.models import Membership, Role
from elkedagbeter.organisations.scoping import (
    Area,
    case_team_ids,
    expert_team_ids,
    memberships_of,
)

from .models import Case, EmergencyAccess

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User


CASE_STATUS_OPEN = "open"
CASE_STATUS_CLOSED = "gesloten"


def cases_visible_to(user: User | AnonymousUser) -> QuerySet[Case]:
    """Own teams' cases for professionals and coordinators; escalated cases for expert teams.
    Analysts and viewers get nothing: they see aggregates only."""
    own = case_team_ids(user)
    expert = expert_team_ids(user)
    if not own and not expert:
        return Case.objects.none()
    return Case.objects.filter(Q(team_id__in=own) | Q(escalated_to_id__in=expert)).select_related(
        "team", "escalated_to"
    )


def case_list_for(
    user: User | AnonymousUser, *, status: str = "", number: str = ""
) -> QuerySet[Case]:
    """The case list: the visible cases, open or closed or both, whose number contains `number`,
    each with the date of its last monitoring moment as `last_moment_on`."""
    cases = cases_visible_to(user)
    if status == CASE_STATUS_OPEN:
        cases = cases.filter(closed_on__isnull=True)
    elif status == CASE_STATUS_CLOSED:
        cases = cases.filter(closed_on__isnull=False)
    if number:
        cases = cases.filter(reference__icontains=number)
    last_moment = MonitoringMoment.objects.filter(case=OuterRef("pk")).order_by("-recorded_on")
    return cases.annotate(last_moment_on=Subquery(last_moment.values("recorded_on")[:1]))


def imported_cases(user: User | AnonymousUser) -> QuerySet[Case]:
    """The own teams' cases that came in by an import (they have a bron_id), by bron_id."""
    return (
        Case.objects.filter(team_id__in=case_team_ids(user))
        .exclude(source_ref="")
        .select_related("team")
        .order_by("team__name", "source_ref")
    )


@dataclass(frozen=True)
class CaseGrant:
    """Why a user may access a case: the membership it rests on and the rule it follows."""

    membership: Membership
    rule: AuthorisationRule

    @property
    def needs_reason(self) -> bool:
        return self.rule == AuthorisationRule.ESCALATION


# Rules under which a case may be changed (an emergency read may only read).
WRITE_RULES = frozenset({AuthorisationRule.TEAM_MEMBERSHIP, AuthorisationRule.ESCALATION})
EMERGENCY_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT})


def case_grant(user: User | AnonymousUser, case: Case) -> CaseGrant | None:
    """Why ``user`` may open ``case``: own team, escalation to their expert team, or a running
    emergency access; None when they may not."""
    memberships = memberships_of(user)
    for membership in memberships:
        if membership.team_id == case.team_id and membership.role in {
            Role.PROFESSIONAL,
            Role.COORDINATOR,
        }:
            return CaseGrant(membership, AuthorisationRule.TEAM_MEMBERSHIP)
    for membership in memberships:
        if (
            case.escalated_to_id is not None
            and membership.team_id == case.escalated_to_id
            and membership.role == Role.EXPERT
        ):
            return CaseGrant(membership, AuthorisationRule.ESCALATION)
    return _emergency_grant(user, case, memberships)


def _emergency_grant(
    user: User | AnonymousUser, case: Case, memberships: list[Membership]
) -> CaseGrant | None:
    membership = next((m for m in memberships if m.role in EMERGENCY_ROLES), None)
    if membership is None or user.pk is None:
        return None
    running = EmergencyAccess.objects.filter(
        case=case, user_id=user.pk, expires_at__gt=timezone.now()
    ).exists()
    return CaseGrant(membership, AuthorisationRule.BREAK_GLASS) if running else None


def open_case_counts_by_team(area: Area) -> dict[int, int]:
    """Open cases per team in an area: an aggregate, for figures that never show one case."""
    rows = (
        Case.objects.filter(area.team_q("team__"), closed_on__isnull=True)
        .values("team_id")
        .annotate(n=Count("id"))
    )
    return {row["team_id"]: row["n"] for row in rows}
