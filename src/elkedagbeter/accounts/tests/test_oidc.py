"""Single sign-on against a real OpenID provider (oidc-provider-mock on a local port).

The browser's part is played by the test client (our side) and ``requests`` (the provider's
authorisation form); tokens, signatures and the user-info call are the real protocol.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from conftest import World
from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.oidc import username_for_subject
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def sso(provider: str, settings: object) -> str:
    """Switch single sign-on on, as setting OIDC_RP_CLIENT_ID does in a deployment."""
    values = {
        "ROOT_URLCONF": "elkedagbeter.accounts.tests.oidc_urls",
        "OIDC_ENABLED": True,
        "AUTHENTICATION_BACKENDS": [
            *settings.AUTHENTICATION_BACKENDS,
            "elkedagbeter.accounts.oidc.OIDCBackend",
        ],
        "OIDC_RP_CLIENT_ID": "elkedagbeter",
        "OIDC_RP_CLIENT_SECRET": "not-a-secret",
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": "openid email profile",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{provider}/oauth2/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": f"{provider}/oauth2/token",
        "OIDC_OP_USER_ENDPOINT": f"{provider}/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": f"{provider}/jwks",
        "OIDC_TRUST_PROVIDER_MFA": False,
        "OIDC_CREATE_USER": True,
        # The mock provider signs with a single key that has no "kid"; real providers name it.
        "OIDC_VERIFY_KID": False,
    }
    for name, value in values.items():
        setattr(settings, name, value)
    return provider


def _provider_user(provider: str, subject: str, **claims: object) -> None:
    response = requests.put(f"{provider}/users/{subject}", json=claims, timeout=5)
    response.raise_for_status()


def _sso_login(client: Client, subject: str, *, deny: bool = False) -> str:
    """Go through the provider's authorisation as ``subject``; returns where we end up."""
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302
    form = {"action": "deny"} if deny else {"sub": subject}
    answer = requests.post(start["Location"], data=form, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = urlsplit(answer.headers["Location"])
    assert callback.path == "/oidc/callback/"
    finish = client.get(f"{callback.path}?{callback.query}")
    assert finish.status_code == 302
    return str(finish["Location"])


def _member_with_subject(world: World, subject: str, role: Role) -> User:
    user = User.objects.create_user(username=username_for_subject(subject))
    Membership.objects.create(user=user, role=role, team=world.team_a)
    return user


def test_a_known_user_logs_in_through_the_provider(sso: str, world: World) -> None:
    user = User.objects.create_user(username=username_for_subject("analist-7"))
    Membership.objects.create(user=user, role=Role.ANALYST, region=world.north)
    _provider_user(sso, "analist-7", email="a7@gemeente.example", given_name="Ada")
    client = Client()

    landing = _sso_login(client, "analist-7")

    assert landing == "/"
    assert client.get("/").context["user"] == user
    user.refresh_from_db()
    assert (user.first_name, user.email) == ("Ada", "a7@gemeente.example")
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.LOGIN, user_id_ref=str(user.pk)
    ).exists()


def test_without_provider_mfa_a_case_worker_still_needs_our_code(sso: str, world: World) -> None:
    _member_with_subject(world, "prof-1", Role.PROFESSIONAL)
    _provider_user(sso, "prof-1", amr=["pwd"])
    client = Client()

    _sso_login(client, "prof-1")

    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:verify"))


def test_provider_mfa_counts_as_the_second_factor(sso: str, world: World) -> None:
    _member_with_subject(world, "prof-2", Role.PROFESSIONAL)
    _provider_user(sso, "prof-2", amr=["pwd", "mfa"])
    client = Client()

    _sso_login(client, "prof-2")

    assert client.get(reverse("cases:list")).status_code == 200


def test_a_trusted_provider_counts_as_the_second_factor(
    sso: str, world: World, settings: object
) -> None:
    settings.OIDC_TRUST_PROVIDER_MFA = True
    _member_with_subject(world, "prof-3", Role.PROFESSIONAL)
    _provider_user(sso, "prof-3")
    client = Client()

    _sso_login(client, "prof-3")

    assert client.get(reverse("cases:list")).status_code == 200


def test_a_new_person_gets_an_account_without_any_role(sso: str, world: World) -> None:
    _provider_user(sso, "nieuw-9", email="n9@wijkteam.example")
    client = Client()

    _sso_login(client, "nieuw-9")

    user = User.objects.get(username=username_for_subject("nieuw-9"))
    assert not user.memberships.exists()
    assert not user.has_usable_password()
    assert client.get(reverse("cases:list")).status_code == 403


def test_without_automatic_accounts_an_unknown_person_is_refused(
    sso: str, world: World, settings: object
) -> None:
    settings.OIDC_CREATE_USER = False
    _provider_user(sso, "onbekend-1")
    client = Client()

    landing = _sso_login(client, "onbekend-1")

    assert landing.startswith(reverse("accounts:login"))
    assert not User.objects.filter(username=username_for_subject("onbekend-1")).exists()


def test_a_denied_authorisation_ends_on_the_login_page(sso: str, world: World) -> None:
    client = Client()

    landing = _sso_login(client, "whoever", deny=True)

    assert landing.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    page = client.get(landing)
    assert "Inloggen via uw organisatie is niet gelukt." in page.content.decode()
