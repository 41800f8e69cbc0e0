"""Who we need for a zero goal: who sees and does what with the requests to partners, decided
here and nowhere else.

- The region's analysts (an analyst membership at the region itself) ask, withdraw, and
  record the answer of a party that is a role in words (nobody acts for "jeugdrechters" here).
- A body's handlers answer what is asked of their body; a team's coordinators answer for
  their team or provider location.
- Whoever sees a zero goal's O-plaat sees its open requests: they hold no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from elkedagbeter.organisations.models import Region, Role, Team
from elkedagbeter.organisations.scoping import memberships_of, team_ids_with_role

from .models import PartnerAnswer, PartnerRequest, PartnerStatus, ResponsibleBody
from .selectors import handled_body_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User

    AnyUser = User | AnonymousUser


def asking_region_ids(user: AnyUser) -> set[int]:
    """The regions whose analyst the user is: the people who set out the region's ambitions."""
    return {
        m.region_id
        for m in memberships_of(user)
        if m.role == Role.ANALYST and m.region_id is not None
    }


def may_ask(user: AnyUser, region_id: int | None) -> bool:
    return region_id is not None and region_id in asking_region_ids(user)


def coordinated_team_ids(user: AnyUser) -> set[int]:
    return team_ids_with_role(user, Role.COORDINATOR)


def acts_for_party(user: AnyUser, request: PartnerRequest) -> bool:
    if request.body_id is not None:
        return request.body_id in handled_body_ids(user)
    if request.team_id is not None:
        return request.team_id in coordinated_team_ids(user)
    return may_ask(user, request.region_id)


def may_answer(user: AnyUser, request: PartnerRequest) -> bool:
    return request.is_open and acts_for_party(user, request)


def may_withdraw(user: AnyUser, request: PartnerRequest) -> bool:
    return request.is_open and may_ask(user, request.region_id)


def has_inbox(user: AnyUser) -> bool:
    """Whether the user acts for a body or coordinates a team: someone things can be asked of."""
    return bool(handled_body_ids(user)) or bool(coordinated_team_ids(user))


def _with_answers(queryset: QuerySet[PartnerRequest]) -> QuerySet[PartnerRequest]:
    return queryset.select_related("region", "body", "team").prefetch_related(
        Prefetch("answers", queryset=PartnerAnswer.objects.select_related("by"))
    )


def requests_to(user: AnyUser) -> QuerySet[PartnerRequest]:
    """What is asked of the bodies the user acts for and the teams they coordinate, the
    unanswered first."""
    bodies = handled_body_ids(user)
    teams = coordinated_team_ids(user)
    if not bodies and not teams:
        return PartnerRequest.objects.none()
    return _with_answers(
        PartnerRequest.objects.filter(Q(body_id__in=bodies) | Q(team_id__in=teams))
    ).order_by(
        Case(
            When(status=PartnerStatus.ASKED, then=Value(0)),
            When(status=PartnerStatus.WITHDRAWN, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "-asked_at",
        "-id",
    )


def requests_of_region(
    region_id: int, zero_goal: str, *, withdrawn: bool = False
) -> QuerySet[PartnerRequest]:
    found = PartnerRequest.objects.filter(region_id=region_id, zero_goal=zero_goal)
    if not withdrawn:
        found = found.exclude(status=PartnerStatus.WITHDRAWN)
    return _with_answers(found).order_by("asked_at", "id")


def askable_bodies(region: Region) -> QuerySet[ResponsibleBody]:
    """The region's active bodies and the national ones."""
    return ResponsibleBody.objects.filter(
        Q(region=region) | Q(region__isnull=True), is_active=True
    ).order_by("level", "name")


def askable_teams(region: Region) -> QuerySet[Team]:
    return Team.objects.filter(region=region, is_active=True).order_by("name")


@dataclass(frozen=True)
class PlatePartners:
    """The O-plaat's "who we need": the region's open requests for the zero goal."""

    zero_goal: str
    region_id: int | None
    requests: list[PartnerRequest]
    can_ask: bool


def plate_partners(user: AnyUser, zero_goal: str, region_id: int | None) -> PlatePartners:
    """Registered as the O-plaat part ``partners``; the country (no region) asks nobody."""
    requests = list(requests_of_region(region_id, zero_goal)) if region_id is not None else []
    return PlatePartners(zero_goal, region_id, requests, may_ask(user, region_id))
