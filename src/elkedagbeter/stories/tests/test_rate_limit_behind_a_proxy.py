"""The story form's rate limit behind a reverse proxy counts the address the proxy added
(audit/addresses.py), not what the client wrote in X-Forwarded-For. It used to take the leftmost
entry, which the client writes: 12 stories passed a limit of 5."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import World
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import Story

from .test_public_form import URL, _form

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


def test_a_client_rotating_the_leftmost_entry_is_still_limited(world: World, settings: Any) -> None:
    settings.TRUSTED_PROXY_HOPS = 1
    settings.STORY_RATE_LIMIT = 5
    framework = ensure_default_framework()
    client = Client(REMOTE_ADDR=PROXY)

    statuses = [
        client.post(
            URL, _form(framework), HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9"
        ).status_code
        for n in range(12)
    ]
    other = client.post(URL, _form(framework), HTTP_X_FORWARDED_FOR="203.0.113.10").status_code

    assert statuses == [200] * 5 + [429] * 7
    assert other == 200  # another visitor behind the same proxy has a limit of their own
    assert Story.objects.count() == 6


def test_without_trusted_proxies_x_forwarded_for_is_ignored(world: World, settings: Any) -> None:
    settings.TRUSTED_PROXY_HOPS = 0
    settings.STORY_RATE_LIMIT = 2
    framework = ensure_default_framework()
    client = Client(REMOTE_ADDR="192.0.2.7")

    statuses = [
        client.post(URL, _form(framework), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]
