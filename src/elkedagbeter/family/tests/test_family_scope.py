"""A family account reaches its own household's case and nothing else; every read is logged;
an invitation expires, can be withdrawn, and every use of it is logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.accounts.tests.factories import PASSWORD
from elkedagbeter.api.tests.conftest import bearer_client, token_for
from elkedagbeter.audit.models import AccessLogEntry, EventCode, Result

from ..middleware import family_may_use
from ..models import FamilyAccess, FamilyKind, Invitation
from .factories import family_account, family_client, household, invited


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _parent(world: World) -> FamilyAccess:
    home = household(world.case_a, world.user("professional"))
    return family_account(
        world.user("professional"), world.case_a, home.parent, FamilyKind.PARENT, "ouder-a"
    )


def test_other_households_and_professional_pages_are_out_of_reach(world: World) -> None:
    access = _parent(world)
    other = household(world.case_b, world.user("outsider"))
    client = family_client(access)
    home_page = client.get(reverse("family:home"))
    assert home_page.status_code == 200
    assert reverse("api_tokens:list") not in home_page.content.decode()  # no link it cannot use
    for reference in (world.case_a.reference, world.case_b.reference):
        for name in ("cases:detail", "family:invite"):
            url = reverse(name, kwargs={"reference": reference})
            assert client.get(url).status_code in (403, 404), url
    for name in ("cases:list", "attention:today", "api_tokens:list", "organisations:teams"):
        assert client.get(reverse(name)).status_code == 403, name
    # The family's pages take no case from the URL: they show their own household's case.
    response = client.get(reverse("family:plan"))
    assert response.context["plan"].case_id == access.case_id
    assert response.context["plan"] != other.plan


def test_a_token_gives_a_family_account_no_case_in_the_api(world: World) -> None:
    access = _parent(world)
    client = bearer_client(token_for(access.user))
    assert client.get(reverse("api:case_list")).status_code == 403
    url = reverse("api:case_detail", kwargs={"casusnummer": world.case_a.reference})
    assert client.get(url).status_code in (403, 404)


def test_only_own_and_public_url_names() -> None:
    assert family_may_use("family:home") and family_may_use("accounts:logout")
    assert family_may_use("knowledge:search")
    assert not family_may_use("family:invite") and not family_may_use("cases:detail")
    assert not family_may_use("admin:index") and not family_may_use("knowledge:initiatives")


def test_every_family_read_is_logged_like_a_professionals(world: World) -> None:
    access = _parent(world)
    client = family_client(access)
    before = AccessLogEntry.objects.filter(event_code=EventCode.CASE_READ).count()
    response = client.get(reverse("family:home"))
    assert "no-store" in response["Cache-Control"]
    entry = AccessLogEntry.objects.filter(event_code=EventCode.CASE_READ).latest("id")
    assert AccessLogEntry.objects.filter(event_code=EventCode.CASE_READ).count() == before + 1
    assert entry.object_ref == world.case_a.reference
    assert entry.user_role == FamilyKind.PARENT and entry.organisation == "gezin"
    assert entry.user_id_ref == str(access.user.pk)


def test_ended_access_closes_the_pages(world: World, client_for: object) -> None:
    access = _parent(world)
    url = reverse("family:end", kwargs={"reference": world.case_a.reference, "pk": access.pk})
    assert client_for("outsider").post(url).status_code == 404  # type: ignore[operator]
    assert client_for("professional").post(url).status_code == 302  # type: ignore[operator]
    assert family_client(access).get(reverse("family:home")).status_code == 403
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.CASE_UPDATE, reason="family access ouder ended"
    ).exists()


def test_every_use_of_an_invitation_is_logged(world: World, client_for: object) -> None:
    home = household(world.case_a, world.user("professional"))
    prof = world.user("professional")
    kept = invited(prof, world.case_a, home.parent, FamilyKind.PARENT)
    invited(prof, world.case_a, home.older, FamilyKind.YOUTH)
    spoilt = Invitation.objects.filter(kind=FamilyKind.YOUTH).get()
    withdraw = reverse(
        "family:withdraw", kwargs={"reference": world.case_a.reference, "pk": spoilt.pk}
    )
    assert client_for("professional").post(withdraw).status_code == 302  # type: ignore[operator]
    Invitation.objects.filter(pk=spoilt.pk).update(expires_at=timezone.now() - timedelta(days=1))
    form = {"username": "u9", "new_password1": PASSWORD, "new_password2": PASSWORD}
    Client().post(reverse("family:redeem"), {**form, "code": "WRNG-CODE-XXXX"})
    Client().post(reverse("family:redeem"), {**form, "code": kept})
    logged = list(
        AccessLogEntry.objects.filter(object_ref=world.case_a.reference)
        .order_by("id")
        .values_list("event_code", "reason")
    )
    assert (EventCode.ACCOUNT_CODE_ISSUE, "family invitation ouder") in logged
    assert (EventCode.ACCOUNT_CODE_ISSUE, "family invitation jongere") in logged
    assert (EventCode.CASE_UPDATE, "family invitation withdrawn") in logged
    assert (EventCode.ACCOUNT_CODE_REDEEM, "family invitation used") in logged
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.ACCOUNT_CODE_REDEEM, result=Result.REFUSED
    ).exists()


def test_invitations_expire_after_the_set_days(world: World) -> None:
    home = household(world.case_a, world.user("professional"))
    invited(world.user("professional"), world.case_a, home.parent, FamilyKind.PARENT)
    invitation = Invitation.objects.get()
    assert invitation.is_usable()
    later = invitation.created_at + timedelta(days=15)
    assert not invitation.is_usable(now=later)
