"""Invitation: issued by the case's team, one-time, hashed, expiring, withdrawable, logged, and
locked after repeated wrong codes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from conftest import World
from elkedagbeter.accounts.tests.factories import PASSWORD
from elkedagbeter.audit.models import AccessLogEntry, EventCode, Result

from ..models import FamilyAccess, FamilyKind, Invitation
from ..views import CODE_TRIES
from .factories import household, invited


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _redeem(client: Client, code: str, username: str = "moeder1") -> HttpResponse:
    return client.post(
        reverse("family:redeem"),
        {"code": code, "username": username, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )


def test_professional_invites_and_code_is_stored_as_digest_only(
    world: World, client_for: object
) -> None:
    home = household(world.case_a, world.user("professional"))
    client = client_for("professional")  # type: ignore[operator]
    url = reverse("family:invite", kwargs={"reference": world.case_a.reference})
    response = client.post(url, {"member": home.parent.pk, "kind": FamilyKind.PARENT})
    assert response.status_code == 200
    code = response.context["code"]
    assert code and response["Cache-Control"] == "no-store"
    invitation = Invitation.objects.get()
    assert code not in invitation.code_digest and len(invitation.code_digest) == 64
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.ACCOUNT_CODE_ISSUE, object_ref=world.case_a.reference
    ).exists()


def test_only_parents_as_parent_and_youths_from_12(world: World) -> None:
    home = household(world.case_a, world.user("professional"))
    prof = world.user("professional")
    with pytest.raises(ValidationError):
        invited(prof, world.case_a, home.parent, FamilyKind.YOUTH)
    with pytest.raises(ValidationError):
        invited(prof, world.case_a, home.teen, FamilyKind.PARENT)
    home.teen.birth_year = timezone.localdate().year - 11
    home.teen.save()
    with pytest.raises(ValidationError):
        invited(prof, world.case_a, home.teen, FamilyKind.YOUTH)
    other = household(world.case_b, world.user("outsider"))
    with pytest.raises(ValidationError):
        invited(prof, world.case_a, other.parent, FamilyKind.PARENT)


def test_another_team_cannot_invite(world: World, client_for: object) -> None:
    household(world.case_a, world.user("professional"))
    url = reverse("family:invite", kwargs={"reference": world.case_a.reference})
    assert client_for("outsider").get(url).status_code == 404  # type: ignore[operator]


def test_redeem_makes_an_account_and_asks_for_the_second_factor(world: World) -> None:
    home = household(world.case_a, world.user("professional"))
    code = invited(world.user("professional"), world.case_a, home.parent, FamilyKind.PARENT)
    client = Client()
    response = _redeem(client, code.lower().replace("-", " "))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:setup"))
    access = FamilyAccess.objects.get()
    assert access.user.username == "moeder1" and access.member == home.parent
    assert access.user.check_password(PASSWORD)
    # Without the second factor the family pages are out of reach.
    assert client.get(reverse("family:home"))["Location"].startswith(reverse("accounts:verify"))
    assert client.get(reverse("accounts:setup")).status_code == 200
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.ACCOUNT_CODE_REDEEM, user_role="ouder", result=Result.SUCCESS
    ).exists()
    # The code works once.
    response = _redeem(Client(), code, username="moeder2")
    assert response.status_code == 200 and FamilyAccess.objects.count() == 1


@pytest.mark.parametrize("spoil", ["expired", "withdrawn"])
def test_expired_or_withdrawn_code_gets_a_clear_dutch_message(world: World, spoil: str) -> None:
    home = household(world.case_a, world.user("professional"))
    code = invited(world.user("professional"), world.case_a, home.parent, FamilyKind.PARENT)
    if spoil == "expired":
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    else:
        Invitation.objects.update(withdrawn_at=timezone.now())
    with translation.override("nl"):
        response = Client(HTTP_ACCEPT_LANGUAGE="nl").post(
            reverse("family:redeem"),
            {"code": code, "username": "u1", "new_password1": PASSWORD, "new_password2": PASSWORD},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert not FamilyAccess.objects.exists()
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.ACCOUNT_CODE_REDEEM, result=Result.REFUSED
    ).exists()


def test_repeated_wrong_codes_lock_out(world: World) -> None:
    home = household(world.case_a, world.user("professional"))
    code = invited(world.user("professional"), world.case_a, home.parent, FamilyKind.PARENT)
    client = Client()
    for _attempt in range(CODE_TRIES):
        assert _redeem(client, "AAAA-BBBB-CCCC").status_code == 200
    assert _redeem(client, "AAAA-BBBB-CCCC").status_code == 429
    # Even the right code waits until the lock has passed.
    assert _redeem(client, code).status_code == 429
    assert not FamilyAccess.objects.exists()


def test_withdraw_by_the_team(world: World, client_for: object) -> None:
    home = household(world.case_a, world.user("professional"))
    code = invited(world.user("professional"), world.case_a, home.parent, FamilyKind.PARENT)
    invitation = Invitation.objects.get()
    url = reverse(
        "family:withdraw", kwargs={"reference": world.case_a.reference, "pk": invitation.pk}
    )
    assert client_for("outsider").post(url).status_code == 404  # type: ignore[operator]
    assert client_for("professional").post(url).status_code == 302  # type: ignore[operator]
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    assert _redeem(Client(), code).status_code == 200
    assert not FamilyAccess.objects.exists()
