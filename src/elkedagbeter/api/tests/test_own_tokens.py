"""A person makes their own API token after a fresh second-factor code; the access log names the
token on every call made with it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.accounts import totp
from elkedagbeter.api.models import ApiToken
from elkedagbeter.audit.models import AccessLogEntry, EventCode

from .conftest import bearer_client

pytestmark = pytest.mark.django_db
PAGE = "api_tokens:list"


def _current_code(world: World, persona: str) -> str:
    device = totp.confirmed_device(world.user(persona))
    assert device is not None
    return totp.current_code(device)


def _make(world: World, client: Client, code: str) -> str | None:
    response = client.post(
        reverse(PAGE), {"name": "Bronsysteem", "valid_days": "90", "token": code}
    )
    found = re.search(r"edb_[\w-]{20,}", response.content.decode())
    return found.group(0) if found else None


def test_a_professional_makes_a_token_for_themselves(world: World) -> None:
    client = log_in(Client(), world.user("professional"))

    secret = _make(world, client, _current_code(world, "professional"))

    assert secret is not None
    token = ApiToken.objects.get()
    assert token.user == world.user("professional")
    assert bearer_client(secret).get(reverse("api:case_list")).status_code == 200
    # Shown once: the list afterwards has the prefix only.
    assert secret not in client.get(reverse(PAGE)).content.decode()
    issued = AccessLogEntry.objects.get(event_code=EventCode.API_TOKEN_ISSUE)
    assert issued.user_display == "professional" and token.prefix in issued.reason


def test_a_token_needs_the_current_code_not_the_session_alone(world: World) -> None:
    client = log_in(Client(), world.user("professional"))

    wrong = client.post(
        reverse(PAGE), {"name": "Bronsysteem", "valid_days": "90", "token": "000000"}
    )

    assert not ApiToken.objects.exists()
    assert "Deze code klopt niet of is verlopen" in wrong.content.decode()
    assert 'value="Bronsysteem"' in wrong.content.decode()  # what was typed stays


def test_every_call_with_a_token_is_logged_with_its_prefix(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    secret = _make(world, client, _current_code(world, "professional"))
    assert secret is not None
    reference = world.case_a.reference

    bearer_client(secret).get(reverse("api:case_detail", args=[reference]))

    read = AccessLogEntry.objects.get(event_code=EventCode.CASE_READ)
    assert read.user_display == "professional"
    assert read.token_prefix == ApiToken.objects.get().prefix
    assert secret.startswith(read.token_prefix)


def test_a_person_revokes_their_own_token_and_no_one_elses(world: World) -> None:
    owner = log_in(Client(), world.user("professional"))
    secret = _make(world, owner, _current_code(world, "professional"))
    token = ApiToken.objects.get()

    other = log_in(Client(), world.user("coordinator")).post(
        reverse("api_tokens:revoke", args=[token.pk])
    )
    token.refresh_from_db()
    assert other.status_code == 404 and not token.revoked

    owner.post(reverse("api_tokens:revoke", args=[token.pk]))

    token.refresh_from_db()
    assert token.revoked
    assert bearer_client(secret).get(reverse("api:case_list")).status_code == 401
    assert AccessLogEntry.objects.filter(event_code=EventCode.API_TOKEN_REVOKE).count() == 1


def test_the_beheerder_revokes_and_expires_but_never_makes_or_sees(world: World) -> None:
    owner = log_in(Client(), world.user("professional"))
    secret = _make(world, owner, _current_code(world, "professional"))
    assert secret is not None
    token = ApiToken.objects.get()
    admin = log_in(Client(), world.user("admin"))

    listing = admin.get(reverse("admin:api_apitoken_changelist")).content.decode()
    admin.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    assert token.prefix in listing and secret not in listing
    assert admin.get(reverse("admin:api_apitoken_add")).status_code == 403
    token.refresh_from_db()
    assert token.revoked
    revoked = AccessLogEntry.objects.get(event_code=EventCode.API_TOKEN_REVOKE)
    assert revoked.user_display == "admin"
