"""API test helpers: a client per persona that carries a bearer token and never a session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from conftest import World
from elkedagbeter.accounts.models import User
from elkedagbeter.api.actions import issue_token

ApiClientFactory = Callable[..., Client]


def token_for(user: User, *, days: int = 1) -> str:
    _token, secret = issue_token(user, name="tests", valid_for=timedelta(days=days))
    return secret


def bearer_client(secret: str | None, **headers: str) -> Client:
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    # enforce_csrf_checks: the API must not depend on CSRF tokens (it has no session auth).
    return Client(enforce_csrf_checks=True, headers=headers)


@pytest.fixture
def api(world: World) -> ApiClientFactory:
    """``api("professional")``: a client with a fresh token of that persona; ``api(None)``: one
    without a token. Extra keyword arguments become request headers."""

    def make(persona: str | None, **headers: str) -> Client:
        secret = token_for(world.user(persona)) if persona is not None else None
        return bearer_client(secret, **headers)

    return make


def post_json(client: Client, url: str, data: Any, **extra: Any) -> Any:
    return client.post(url, data, content_type="application/json", **extra)
