"""The admin's delete confirmations count what a delete takes along or what stands in its way,
per kind of object, and never name it: Django's own page listed a team's case numbers and
knelpunten, and a user's emergency reads by case number, to the functioneel beheerder, who must
not see case data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, _member, log_in
from elkedagbeter.bottlenecks import actions as bottleneck_actions
from elkedagbeter.bottlenecks.models import Bottleneck, Category
from elkedagbeter.bottlenecks.tests.factories import BodyFactory
from elkedagbeter.cases.models import EmergencyAccess
from elkedagbeter.organisations.models import Membership, Role, Team
from elkedagbeter.organisations.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def knelpunt(world: World) -> Bottleneck:
    BodyFactory(name="Coördinator Noord", region=world.north, is_region_coordinator=True)
    draft = bottleneck_actions.Draft(
        region=world.north,
        category=Category.WAITING,
        title="Wachtlijst pleegzorg in Aa",
        municipality=world.team_a.municipality,
        team=world.team_a,
    )
    return bottleneck_actions.raise_bottleneck(world.user("professional"), draft)


def _confirmation(client: Client, model: str, pk: int) -> str:
    response = client.get(reverse(f"admin:{model}_delete", args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def _leaks(page: str, world: World, knelpunt: Bottleneck) -> list[str]:
    secrets = [world.case_a.reference, world.case_b.reference, knelpunt.number, knelpunt.title]
    return [secret for secret in secrets if secret in page]


def test_deleting_a_team_with_cases_counts_them_and_is_refused(
    world: World, knelpunt: Bottleneck
) -> None:
    admin = log_in(Client(), world.user("admin"))

    page = _confirmation(admin, "organisations_team", world.team_a.pk)
    admin.post(reverse("admin:organisations_team_delete", args=[world.team_a.pk]), {"post": "yes"})

    assert _leaks(page, world, knelpunt) == []
    assert "Casussen: 1 (geteld, niet opgesomd" in page
    assert "Knelpunten: 1 (geteld, niet opgesomd" in page
    assert Team.objects.filter(pk=world.team_a.pk).exists()


def test_the_delete_selected_action_counts_too(world: World, knelpunt: Bottleneck) -> None:
    admin = log_in(Client(), world.user("admin"))

    response = admin.post(
        reverse("admin:organisations_team_changelist"),
        {"action": "delete_selected", "_selected_action": [world.team_a.pk, world.team_b.pk]},
    )

    page = response.content.decode()
    assert _leaks(page, world, knelpunt) == []
    assert "Casussen: 3 (geteld, niet opgesomd" in page


def test_deleting_a_user_counts_their_emergency_reads_without_case_numbers(
    world: World, knelpunt: Bottleneck
) -> None:
    outsider = world.user("outsider")
    EmergencyAccess.objects.create(
        case=world.case_a,
        user=outsider,
        reason="Crisis in het weekend",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    admin = log_in(Client(), world.user("admin"))

    page = _confirmation(admin, "accounts_user", outsider.pk)

    assert _leaks(page, world, knelpunt) == []
    assert "Noodtoegangen: 1" in page or "Emergency accesses: 1" in page


@pytest.mark.parametrize("persona", ["admin", "national admin"])
def test_no_delete_confirmation_the_beheerder_reaches_names_case_data(
    world: World, knelpunt: Bottleneck, persona: str
) -> None:
    user = _member("landelijk", Role.ADMIN) if persona == "national admin" else world.user("admin")
    client = log_in(Client(), user)
    municipality = world.team_a.municipality
    assert municipality is not None
    membership = Membership.objects.get(user=world.user("professional"))
    pages: list[tuple[str, Any]] = [
        ("organisations_team", world.team_a.pk),
        ("organisations_municipality", municipality.pk),
        ("organisations_membership", membership.pk),
        ("accounts_user", world.user("professional").pk),
    ]
    if persona == "national admin":
        pages.append(("organisations_region", world.north.pk))
    for model, pk in pages:
        page = _confirmation(client, model, pk)
        assert _leaks(page, world, knelpunt) == [], model


def test_a_delete_that_takes_only_memberships_along_still_works(world: World) -> None:
    admin = log_in(Client(), world.user("admin"))
    empty = TeamFactory(name="Wijkteam Leeg", municipality=world.team_a.municipality)
    Membership.objects.create(user=world.user("outsider"), role=Role.PROFESSIONAL, team=empty)

    page = _confirmation(admin, "organisations_team", empty.pk)
    admin.post(reverse("admin:organisations_team_delete", args=[empty.pk]), {"post": "yes"})

    assert "Lidmaatschappen: 1" in page
    assert not Team.objects.filter(pk=empty.pk).exists()
