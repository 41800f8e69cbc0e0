"""Two people for a case role, and a token made by its owner, in chromium."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import World
from elkedagbeter.accounts.tests.factories import UserFactory
from elkedagbeter.organisations.models import Membership, MembershipRequest, Role

from .conftest import Site, current_code, dutch

pytestmark = pytest.mark.browser


def test_a_coordinator_approves_a_new_team_member(site: Site, world: World) -> None:
    newcomer = UserFactory(username="nieuwe-collega", first_name="Noor", last_name="Nieuw")
    MembershipRequest.objects.create(
        user=newcomer,
        role=Role.PROFESSIONAL,
        team=world.team_a,
        reason="Start op 1 december",
        requested_by=world.user("admin"),
    )

    site.log_in_fully(world.user("coordinator"))
    site.page.get_by_role("link", name=dutch("Teams")).first.click()
    assert site.page.get_by_text("Start op 1 december").is_visible()
    site.page.fill("input[name=toelichting]", "Welkom")
    site.page.get_by_role("button", name=dutch("Approve")).click()

    assert site.path == f"/teams/{world.team_a.pk}/"
    row = site.page.get_by_role("row", name="Noor Nieuw")
    assert "nieuw teamlid sinds" in row.inner_text()
    assert str(world.user("coordinator")) in row.inner_text()
    assert Membership.objects.filter(user=newcomer, team=world.team_a).exists()
    assert site.csp_violations == []


def test_a_professional_makes_a_token_shown_once(site: Site, world: World) -> None:
    professional = world.user("professional")
    site.log_in_fully(professional)
    site.page.get_by_role("link", name=dutch("API tokens")).click()

    site.page.fill("#id_name", "Registratiesysteem")
    # A TOTP code counts once and the login just used this one: let the clock move on, as it
    # would for a person who takes a moment to fill in the form.
    TOTPDevice.objects.filter(user=professional).update(last_t=-1)
    site.page.fill("#id_token", current_code(professional))
    site.page.get_by_role("button", name=dutch("Make token")).click()

    secret = site.page.locator(".utrecht-alert code").inner_text()
    assert secret.startswith("edb_")
    site.page.reload()
    assert secret not in site.page.content()
    assert site.page.get_by_role("cell", name="Registratiesysteem").is_visible()
    assert site.csp_violations == []
