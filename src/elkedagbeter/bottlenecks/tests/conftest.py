"""A routed region for bottleneck tests, on top of the shared personas (see /conftest.py).

Region Noord has a municipal body for Aa handled by ``handler`` (an analyst of Aa), a regional
body handled by the region's ``analyst``, the region's coordinator handled by ``admin``'s
colleague ``regiocoordinator``, and a national body handled by ``viewer``. Rules: financing at
municipal level → Aa's body; anything at regional level → the regional body; anything at
national level → the national body.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import World, _member
from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks.models import Category, Level, ResponsibleBody
from elkedagbeter.organisations.models import Role

from .factories import BodyFactory, RuleFactory


@dataclass
class Routed:
    world: World
    municipal: ResponsibleBody
    regional: ResponsibleBody
    coordinator: ResponsibleBody
    national: ResponsibleBody
    handler: User
    region_coordinator: User


@pytest.fixture
def routed(world: World) -> Routed:
    aa = world.team_a.municipality
    handler = _member("handler", Role.ANALYST, municipality=aa)
    region_coordinator = _member("regiocoordinator", Role.ANALYST, region=world.north)
    municipal = BodyFactory(name="Gemeente Aa, team Jeugd", region=world.north, handlers=[handler])
    municipal.municipality = aa
    municipal.save()
    regional = BodyFactory(
        name="Jeugdregio Noord, inkoop",
        level=Level.REGION,
        region=world.north,
        handlers=[world.user("analyst")],
    )
    coordinator = BodyFactory(
        name="Knelpuntencoördinator Noord",
        level=Level.REGION,
        region=world.north,
        is_region_coordinator=True,
        handlers=[region_coordinator],
    )
    national = BodyFactory(
        name="Ministerie", level=Level.NATIONAL, region=None, handlers=[world.user("viewer")]
    )
    RuleFactory(position=10, body=municipal, category=Category.FINANCING, level=Level.MUNICIPALITY)
    RuleFactory(position=20, body=regional, level=Level.REGION)
    RuleFactory(position=30, body=national, region=None, level=Level.NATIONAL)
    return Routed(world, municipal, regional, coordinator, national, handler, region_coordinator)
