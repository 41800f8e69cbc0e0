"""Scoping helpers: the one place that decides what part of the organisation a user may see.

Every selector in every app starts from these functions, so a permission rule changes here and
nowhere else. Memberships are read once per request-user object and cached on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from elkedagbeter.prepared import prepared

from .models import CASE_DATA_ROLES, Membership, Municipality, Region, Role, Team

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # Any user model: organisations sits below accounts and does not import it.
    User = AbstractBaseUser

_CACHE_ATTRIBUTE = "_edb_memberships"
CASE_WORK_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT})

# Read on every page: compiled once (elkedagbeter/prepared.py).
_MEMBERSHIPS = prepared(
    lambda user_id: Membership.objects.filter(user_id=user_id).select_related(
        "team__municipality", "team__region", "municipality__region", "region"
    ),
    user_id=int,
)


def memberships_of(user: User | AnonymousUser) -> list[Membership]:
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = _MEMBERSHIPS.list(user_id=user.pk)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_memberships(user: User | AnonymousUser) -> None:
    """Drop the cache, e.g. after memberships changed within one request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def roles_of(user: User | AnonymousUser) -> set[Role]:
    return {Role(m.role) for m in memberships_of(user)}


def has_role(user: User | AnonymousUser, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


# Apps above organisations that give access to case data without a membership (the family's
# own access) register a check here in their ``AppConfig.ready()``, so the second factor is
# required for those users too without this app naming them.
_second_factor_checks: list[Callable[[User | AnonymousUser], bool]] = []


def register_second_factor_check(check: Callable[[User | AnonymousUser], bool]) -> None:
    """``check(user)`` says whether ``user`` must pass a second factor for another reason than a
    membership role (registered once per app)."""
    if check not in _second_factor_checks:
        _second_factor_checks.append(check)


def needs_second_factor(user: User | AnonymousUser) -> bool:
    if roles_of(user) & CASE_DATA_ROLES:
        return True
    return user.is_authenticated and any(check(user) for check in _second_factor_checks)


def team_membership(user: User | AnonymousUser, team_id: int, *roles: Role) -> Membership | None:
    """The user's membership of the team in one of ``roles``, if any."""
    return next((m for m in memberships_of(user) if m.team_id == team_id and m.role in roles), None)


def team_ids_with_role(user: User | AnonymousUser, *roles: Role) -> set[int]:
    return {m.team_id for m in memberships_of(user) if m.role in roles and m.team_id is not None}


def case_team_ids(user: User | AnonymousUser) -> set[int]:
    """Teams whose own cases the user works on (professionals and coordinators)."""
    return team_ids_with_role(user, Role.PROFESSIONAL, Role.COORDINATOR)


def expert_team_ids(user: User | AnonymousUser) -> set[int]:
    """Expert teams the user belongs to; they see cases escalated to those teams."""
    return team_ids_with_role(user, Role.EXPERT)


@dataclass(frozen=True)
class Area:
    """A part of the hierarchy, as a union of teams, municipalities and regions (or the country)."""

    national: bool = False
    region_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()
    team_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.national or self.region_ids or self.municipality_ids or self.team_ids)

    def team_q(self, prefix: str = "") -> Q:
        """A filter on a team relation: ``Case.objects.filter(area.team_q("team__"))``."""
        if self.national:
            return Q()
        if self.is_empty:
            return Q(pk__in=[])
        return (
            Q(**{f"{prefix}region_id__in": self.region_ids})
            | Q(**{f"{prefix}municipality_id__in": self.municipality_ids})
            | Q(**{f"{prefix}id__in": self.team_ids})
        )

    def teams(self) -> QuerySet[Team]:
        return Team.objects.filter(self.team_q()).select_related("municipality", "region")

    def covers(
        self,
        *,
        team: Team | None = None,
        municipality: Municipality | None = None,
        region: Region | None = None,
    ) -> bool:
        """Whether a place (a team, a municipality, a region, or with none the country) lies
        within this area."""
        if self.national:
            return True
        if team is not None:
            return (
                team.region_id in self.region_ids
                or team.municipality_id in self.municipality_ids
                or team.pk in self.team_ids
            )
        if municipality is not None:
            return (
                municipality.region_id in self.region_ids
                or municipality.pk in self.municipality_ids
            )
        if region is not None:
            return region.pk in self.region_ids
        return False

    def memberships(self) -> QuerySet[Membership]:
        """Memberships at places within this area."""
        if self.national:
            return Membership.objects.all()
        return Membership.objects.filter(
            Q(team__in=self.teams())
            | Q(municipality__region_id__in=self.region_ids)
            | Q(municipality_id__in=self.municipality_ids)
            | Q(region_id__in=self.region_ids)
        )

    def users_q(self, prefix: str = "") -> Q:
        """People a beheerder of this area may manage: members of a place in the area, and
        people not yet placed anywhere (newly created accounts)."""
        if self.national:
            return Q()
        return Q(**{f"{prefix}memberships__in": self.memberships()}) | Q(
            **{f"{prefix}memberships__isnull": True}
        )


def _area_for(memberships: list[Membership]) -> Area:
    if any(
        m.team_id is None and m.municipality_id is None and m.region_id is None for m in memberships
    ):
        return Area(national=True)
    return Area(
        region_ids=frozenset(m.region_id for m in memberships if m.region_id is not None),
        municipality_ids=frozenset(
            m.municipality_id for m in memberships if m.municipality_id is not None
        ),
        team_ids=frozenset(m.team_id for m in memberships if m.team_id is not None),
    )


def aggregate_area(user: User | AnonymousUser) -> Area:
    """Where the user may see aggregate figures: analysts and viewers their municipality, region or
    the country; coordinators their own teams. Never single cases."""
    relevant = [
        m for m in memberships_of(user) if m.role in {Role.ANALYST, Role.VIEWER, Role.COORDINATOR}
    ]
    return _area_for(relevant)


def figure_area(user: User | AnonymousUser) -> Area:
    """Where the user may see zero-goal figures: the aggregate area, and for the work floor
    (professionals, coordinators, expert teams) also their own team and the team's region.
    Figures only, suppressed; never a case of another team."""
    area = aggregate_area(user)
    work_floor = [m for m in memberships_of(user) if m.role in CASE_WORK_ROLES and m.team_id]
    if area.national or not work_floor:
        return area
    return Area(
        region_ids=area.region_ids | {m.team.region_id for m in work_floor if m.team},
        municipality_ids=area.municipality_ids,
        team_ids=area.team_ids | {m.team_id for m in work_floor if m.team_id},
    )


def administered_area(user: User | AnonymousUser) -> Area:
    """Where a functioneel beheerder manages organisations, teams and memberships."""
    return _area_for([m for m in memberships_of(user) if m.role == Role.ADMIN])
