"""The login lock-out counts failures per username *and* client address: five wrong passwords
lock that username from that address only, so nobody can lock a known colleague out from
elsewhere by typing their username (locking by username alone let anyone do that for 15
minutes). The address is the one our proxy added (audit/addresses.py), and the page says how
long the lock lasts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from elkedagbeter.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(password: str, username: str = "outsider", **headers: str) -> Any:
    return Client(**headers).post(
        reverse("accounts:login"), {"username": username, "password": password}
    )


def _fail_until_locked(**headers: str) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _log_in("not the password", **headers)


def test_the_same_username_from_another_address_is_not_locked_out(world: World) -> None:
    _fail_until_locked(REMOTE_ADDR="192.0.2.66")

    locked = _log_in(PASSWORD, REMOTE_ADDR="192.0.2.66")
    elsewhere = _log_in(PASSWORD, REMOTE_ADDR="198.51.100.5")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302  # on to the second factor


def test_behind_the_proxy_the_lock_follows_the_address_the_proxy_added(
    world: World, settings: Any
) -> None:
    settings.TRUSTED_PROXY_HOPS = 1
    for n in range(settings.AXES_FAILURE_LIMIT):  # a guesser rotating what they write
        _log_in("guess", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")

    locked = _log_in(PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    colleague = _log_in(PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.20")

    assert locked.status_code == 429
    assert colleague.status_code == 302


def test_the_lock_out_page_names_the_minutes(world: World, settings: Any) -> None:
    _fail_until_locked(REMOTE_ADDR="192.0.2.67")
    page = _log_in(PASSWORD, REMOTE_ADDR="192.0.2.67").content.decode()
    assert "Tijdelijk geblokkeerd" in page
    assert "De blokkade duurt 15 minuten na de laatste poging." in page

    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    _fail_until_locked(REMOTE_ADDR="192.0.2.68")
    page = _log_in(PASSWORD, REMOTE_ADDR="192.0.2.68").content.decode()
    assert "De blokkade duurt 1 minuut na de laatste poging." in page
