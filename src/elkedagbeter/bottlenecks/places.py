"""Where a bottleneck can be raised from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from elkedagbeter.organisations.models import Municipality, Role
from elkedagbeter.organisations.scoping import memberships_of

from .forms import Place

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User

    AnyUser = User | AnonymousUser


def places_of(user: AnyUser) -> list[Place]:
    """Where the user may raise a bottleneck from: their teams; for analysts their
    municipality, or their region and its municipalities."""
    places: dict[str, Place] = {}
    for m in memberships_of(user):
        if m.team is not None and m.role in {Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT}:
            team = m.team
            places[f"team-{team.pk}"] = Place(
                f"team-{team.pk}", team.name, team.region, team.municipality, team
            )
        elif m.role == Role.ANALYST and m.municipality is not None:
            municipality = m.municipality
            places[f"gemeente-{municipality.pk}"] = Place(
                f"gemeente-{municipality.pk}",
                municipality.name,
                municipality.region,
                municipality,
            )
        elif m.role == Role.ANALYST and m.region is not None:
            region = m.region
            places[f"regio-{region.pk}"] = Place(f"regio-{region.pk}", region.name, region)
            for municipality in Municipality.objects.filter(region=region):
                places[f"gemeente-{municipality.pk}"] = Place(
                    f"gemeente-{municipality.pk}", municipality.name, region, municipality
                )
    return list(places.values())
