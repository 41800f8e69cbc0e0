"""Pages leave out links the role cannot use, a 403 names the roles a page is for and does not
send a functioneel beheerder to themselves, and an analyst's table of municipalities has no row
named after the region (the expert team, which holds no cases of its own)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from elkedagbeter.core.permissions import may_open

pytestmark = pytest.mark.django_db


def test_the_expert_is_not_offered_registering_or_importing(client_for, world: World) -> None:
    expert = client_for("expert").get(reverse("cases:list")).content.decode()
    professional = client_for("professional").get(reverse("cases:list")).content.decode()

    for url in (reverse("cases:new"), reverse("cases:import")):
        assert f'href="{url}"' not in expert
        assert f'href="{url}"' in professional
    assert not may_open(world.user("expert"), reverse("cases:new"))
    assert may_open(world.user("professional"), reverse("cases:new"))


def test_the_beheerder_is_not_offered_the_lessons_page(client_for) -> None:
    admin = client_for("admin").get(reverse("knowledge:home")).content.decode()
    analyst = client_for("analyst").get(reverse("knowledge:home")).content.decode()

    assert f'href="{reverse("knowledge:lessons")}"' not in admin
    assert f'href="{reverse("knowledge:lessons")}"' in analyst


def test_a_403_names_the_roles_and_sends_a_beheerder_to_membership_requests(client_for) -> None:
    response = client_for("admin").get(reverse("knowledge:lessons"))
    page = response.content.decode()

    assert response.status_code == 403
    assert "Deze pagina is voor: jeugdprofessional, teamcoördinator" in page
    assert "Als functioneel beheerder krijgt u deze pagina zelf niet" in page
    assert "vraag dan de functioneel beheerder" not in page.lower()

    other = client_for("analyst").get(reverse("cases:new")).content.decode()
    assert "functioneel beheerder van uw organisatie" in other


def test_the_analysts_table_of_municipalities_has_no_row_for_the_region(
    client: Client, client_for, world: World
) -> None:
    page = client_for("analyst").get(reverse("pages:home")).content.decode()

    assert ">Aa<" in page and ">Bee<" in page
    assert f">{world.north.name}<" not in page
    assert f">{world.expert_team.name}<" not in page
