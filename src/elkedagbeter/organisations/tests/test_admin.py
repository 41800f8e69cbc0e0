"""The functioneel beheerder manages their own area in the admin, and nothing beyond it."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Membership, Role, Team, TeamType

pytestmark = pytest.mark.django_db


def _admin(world: World) -> Client:
    return log_in(Client(), world.user("admin"))


def test_an_admin_adds_a_team_in_their_region(world: World) -> None:
    municipality = world.team_a.municipality
    assert municipality is not None

    response = _admin(world).post(
        reverse("admin:organisations_team_add"),
        {
            "name": "Wijkteam Nieuw",
            "team_type": TeamType.NEIGHBOURHOOD,
            "region": world.north.pk,
            "municipality": municipality.pk,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert Team.objects.filter(name="Wijkteam Nieuw", region=world.north).exists()


def test_an_admin_cannot_place_a_team_in_another_region(world: World) -> None:
    south_municipality = world.team_d.municipality
    assert south_municipality is not None

    response = _admin(world).post(
        reverse("admin:organisations_team_add"),
        {
            "name": "Wijkteam Elders",
            "team_type": TeamType.NEIGHBOURHOOD,
            "region": world.south.pk,
            "municipality": south_municipality.pk,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"region", "municipality"}
    assert not Team.objects.filter(name="Wijkteam Elders").exists()


def test_a_regional_admin_cannot_hand_out_a_national_role(world: World) -> None:
    response = _admin(world).post(
        reverse("admin:organisations_membership_add"),
        {"user": world.user("professional").pk, "role": Role.ANALYST},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {
        "region": [
            "Kies waar de rol geldt: een gemeente of de jeugdregio in uw gebied. Alleen een "
            "landelijk beheerder geeft een rol voor heel Nederland."
        ]
    }
    assert not Membership.objects.filter(
        user=world.user("professional"), role=Role.ANALYST
    ).exists()


def test_a_regional_admin_gives_a_role_in_their_region(world: World) -> None:
    response = _admin(world).post(
        reverse("admin:organisations_membership_add"),
        {"user": world.user("professional").pk, "role": Role.ANALYST, "region": world.north.pk},
    )

    assert response.status_code == 302
    assert Membership.objects.filter(
        user=world.user("professional"), role=Role.ANALYST, region=world.north
    ).exists()


def test_an_admin_sees_only_the_people_of_their_area(world: World) -> None:
    south_user = User.objects.create_user(username="zuid-professional")
    Membership.objects.create(user=south_user, role=Role.PROFESSIONAL, team=world.team_d)

    page = _admin(world).get(reverse("admin:accounts_user_changelist")).content.decode()

    assert ">outsider</a>" in page
    assert ">zuid-professional</a>" not in page
    assert ">viewer</a>" not in page  # a national membership lies outside region Noord


def test_deleting_a_lockout_lets_the_user_try_again(world: World) -> None:
    attempt = AccessAttempt.objects.create(
        username="outsider", ip_address="127.0.0.1", failures_since_start=5
    )

    response = _admin(world).post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
