"""Scoped reads for the iJw pages."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Region, Role, Team
from elkedagbeter.organisations.scoping import memberships_of

from .models import CareEpisode, UnregisteredStatus, UnregisteredYouth

IMPORT_ROLES = (Role.ADMIN, Role.ANALYST)


def import_regions(user: User | AnonymousUser) -> QuerySet[Region]:
    """The regions whose messages the user may import: those of their administrator or analyst
    memberships (a national one: every region)."""
    ids: set[int] = set()
    for membership in memberships_of(user):
        if membership.role not in IMPORT_ROLES:
            continue
        if membership.region_id is not None:
            ids.add(membership.region_id)
        elif membership.municipality is not None:
            ids.add(membership.municipality.region_id)
        elif membership.team is not None:
            ids.add(membership.team.region_id)
        else:
            return Region.objects.order_by("name")
    return Region.objects.filter(pk__in=ids).order_by("name")


UNREGISTERED_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR)


def unregistered_teams(user: User | AnonymousUser) -> list[Team]:
    """The user's own neighbourhood teams (professional or coordinator): they see the youths
    known only from messages of those teams' municipalities."""
    return [
        membership.team
        for membership in memberships_of(user)
        if membership.role in UNREGISTERED_ROLES
        and membership.team is not None
        and membership.team.municipality_id is not None
    ]


def unregistered_for(user: User | AnonymousUser) -> QuerySet[UnregisteredYouth]:
    """Open unregistered youths of the municipalities of the user's teams."""
    municipalities = {team.municipality_id for team in unregistered_teams(user)}
    return UnregisteredYouth.objects.filter(
        municipality_id__in=municipalities, status=UnregisteredStatus.OPEN
    ).select_related("municipality")


def episodes_by_youth(youths: list[UnregisteredYouth]) -> dict[int, list[CareEpisode]]:
    """The care episodes of these youths (one query), by youth id."""
    keys = {(youth.region_id, youth.pseudonym): youth.pk for youth in youths}
    found: dict[int, list[CareEpisode]] = {youth.pk: [] for youth in youths}
    episodes = CareEpisode.objects.filter(
        region_id__in={y.region_id for y in youths}, pseudonym__in=[y.pseudonym for y in youths]
    ).order_by("started_on", "requested_on", "id")
    for episode in episodes:
        pk = keys.get((episode.region_id, episode.pseudonym))
        if pk is not None:
            found[pk].append(episode)
    return found
