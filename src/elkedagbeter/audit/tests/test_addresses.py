"""The client address behind proxies: the entry our own proxies added to X-Forwarded-For, never
what the client wrote there, and the same address for the story form's rate limit
(stories/tests/test_rate_limit_behind_a_proxy.py), the access log and the login lock-out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.audit.addresses import client_address
from elkedagbeter.audit.models import AccessLogEntry

PROXY = "10.0.0.2"  # REMOTE_ADDR: the proxy in front of the application


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.9", PROXY),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the client wrote 1.2.3.4
        (2, "1.2.3.4, 203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "198.51.100.7", PROXY),  # fewer entries than proxies: not through them
        (1, "", PROXY),
        (1, "1.2.3.4, not-an-address", PROXY),
        (1, "1.2.3.4, 2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_address_is_the_one_the_trusted_proxies_added(
    settings: Any, hops: int, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


@pytest.mark.django_db
def test_the_access_log_records_the_same_address(world: World, settings: Any) -> None:
    settings.TRUSTED_PROXY_HOPS = 1
    client = log_in(Client(), world.user("professional"))

    client.get(
        reverse("cases:detail", args=[world.case_a.reference]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
    )

    entry = AccessLogEntry.objects.filter(object_ref=world.case_a.reference).get()
    assert entry.client_address == "203.0.113.9"


def _hops(**env: str) -> str:
    """TRUSTED_PROXY_HOPS as the settings read it from ``env`` in a clean interpreter."""
    script = "from django.conf import settings as s; s._setup(); print(s.TRUSTED_PROXY_HOPS)"
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "elkedagbeter.settings.test",
        "PYTHONPATH": str(Path(__file__).parents[3]),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env={**base, **env}, capture_output=True, text=True
    )
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def test_the_old_setting_still_means_one_proxy() -> None:
    assert _hops() == "0"
    assert _hops(TRUSTED_PROXY_HOPS="2") == "2"
    assert _hops(STORY_TRUST_FORWARDED_FOR="true") == "1"
    assert _hops(STORY_TRUST_FORWARDED_FOR="true", TRUSTED_PROXY_HOPS="0") == "0"
    assert "TRUSTED_PROXY_HOPS must be at least 0" in _hops(TRUSTED_PROXY_HOPS="-1")
