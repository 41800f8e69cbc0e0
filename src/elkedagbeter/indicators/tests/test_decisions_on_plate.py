"""The O-plaat lists the zero goal's decisions in the place's region with their measured effect;
the effect only for those who may see the figures of the decision's place. A decision has its own
page for the same people."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.indicators.decisions import DecisionInput, record_decision
from elkedagbeter.indicators.models import Decision

pytestmark = pytest.mark.django_db


def _decide(world: World, title: str, code: str = "separaties", **where: object) -> Decision:
    given = DecisionInput(
        title=title,
        starts_on=timezone.localdate(),
        region=where.pop("region", world.north),
        indicator_codes=(code,),
        **where,
    )
    return record_decision(given, by=world.user("analyst"), origin="KP-00001")


def _plate(world: World, persona: str, query: str = "") -> str:
    client = log_in(Client(), world.user(persona))
    url = reverse("indicators:plate", kwargs={"code": "separaties"}) + query
    return client.get(url).content.decode()


def test_the_plate_lists_the_regions_decisions_with_their_effect_per_role(world: World) -> None:
    _decide(world, "Time-in in Aa", municipality=world.team_a.municipality)
    _decide(world, "Time-in in team B", municipality=world.team_b.municipality, team=world.team_b)
    _decide(world, "Time-in in Zuid", region=world.south)
    _decide(world, "Minder overdrachten", "overdrachten")  # another zero goal

    analyst = _plate(world, "analyst")
    assert "Genomen besluiten en hun effect" in analyst
    assert "Time-in in Aa" in analyst and "Time-in in team B" in analyst
    assert "Time-in in Zuid" not in analyst  # another region
    assert "Minder overdrachten" not in analyst
    assert analyst.count('class="edb-effect ') == 2

    # Team A's professional sees the region and its municipalities, not team B on its own.
    professional = _plate(world, "professional")
    assert "Time-in in Aa" in professional and "Time-in in team B" in professional
    assert professional.count('class="edb-effect ') == 1
    assert "Het gemeten effect zien alleen wie de cijfers van Wijkteam B mag zien." in professional

    # Team B's professional sees its own team's effect too.
    assert _plate(world, "outsider").count('class="edb-effect ') == 2


def test_the_plate_without_decisions_says_so(world: World) -> None:
    assert "Nog geen besluiten vastgelegd voor dit nuldoel." in _plate(world, "coordinator")


def test_the_decision_page_is_for_those_who_see_its_figures(world: World) -> None:
    decision = _decide(
        world, "Time-in in team B", municipality=world.team_b.municipality, team=world.team_b
    )
    url = reverse("indicators:decision", kwargs={"pk": decision.pk})
    for persona, status in [
        ("analyst", 200),
        ("viewer", 200),
        ("outsider", 200),
        ("professional", 404),  # another team
        ("admin", 403),
    ]:
        response = log_in(Client(), world.user(persona)).get(url)
        assert response.status_code == status, persona
    page = log_in(Client(), world.user("analyst")).get(url).content.decode()
    assert "Time-in in team B" in page and 'class="edb-effect ' in page
