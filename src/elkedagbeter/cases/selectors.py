"""Reads of cases, scoped at the source: nothing here returns a case the user may not see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from elkedagbeter.audit.models import AuthorisationRule
from elkedagbeter.organisations.models import Membership, Role
from elkedagbeter.organisations.scoping import (
    Area,
    case_team_ids,
    expert_team_ids,
    memberships_of,
)

from .models import Case

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User


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


@dataclass(frozen=True)
class CaseGrant:
    """Why a user may access a case: the membership it rests on and the rule it follows."""

    membership: Membership
    rule: AuthorisationRule

    @property
    def needs_reason(self) -> bool:
        return self.rule == AuthorisationRule.ESCALATION


def case_grant(user: User | AnonymousUser, case: Case) -> CaseGrant | None:
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
    return None


def open_case_counts_by_team(area: Area) -> dict[int, int]:
    """Open cases per team in an area: an aggregate, for figures that never show one case."""
    rows = (
        Case.objects.filter(area.team_q("team__"), closed_on__isnull=True)
        .values("team_id")
        .annotate(n=Count("id"))
    )
    return {row["team_id"]: row["n"] for row in rows}
