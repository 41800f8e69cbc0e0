"""Scoped reads for the iJw pages."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Region, Role
from elkedagbeter.organisations.scoping import memberships_of

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
