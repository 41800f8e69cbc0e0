"""Logging in twice within one 30-second window: the code the app shows was accepted a moment
ago and django-otp takes every code once. The page says so and how long until the next code,
does not count it as a wrong guess, and in demo mode shows the next code, which works at once.
A throttle after wrong codes names its seconds; the login page names the lock-out rule."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import World
from elkedagbeter.accounts import totp
from elkedagbeter.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _password_step(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _device(world: World) -> TOTPDevice:
    device = world.user("professional").totpdevice_set.get()
    # Far from a step boundary, so the code cannot change between two lines of this test.
    while totp.seconds_until_next_code(device) < 3:
        time.sleep(1)
    return device


def test_a_code_used_a_moment_ago_says_so_and_how_long_to_wait(world: World) -> None:
    device = _device(world)
    code = totp.current_code(device)
    first = _password_step("professional").post(reverse("accounts:verify"), {"token": code})
    assert first.status_code == 302

    second = _password_step("professional").post(reverse("accounts:verify"), {"token": code})

    page = second.content.decode()
    assert "Deze code is al gebruikt, wacht op de volgende (nog" in page
    assert "seconden)" in page or "seconde)" in page
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # not a wrong guess


def test_demo_mode_shows_the_next_code_when_the_current_one_was_used(
    world: World, settings: Any
) -> None:
    settings.DEMO_MODE = True
    device = _device(world)
    client = _password_step("professional")
    fresh = client.get(reverse("accounts:verify")).content.decode()
    assert f"de huidige code is {totp.current_code(device)}" in fresh
    assert (
        client.post(reverse("accounts:verify"), {"token": totp.current_code(device)}).status_code
        == 302
    )

    again = _password_step("professional")
    page = again.get(reverse("accounts:verify")).content.decode()
    device.refresh_from_db()
    next_code = totp.next_usable_code(device)
    assert next_code is not None and next_code != totp.current_code(device)
    assert "de huidige code is al gebruikt" in page
    assert next_code in page
    assert again.post(reverse("accounts:verify"), {"token": next_code}).status_code == 302


def test_outside_demo_mode_no_code_is_shown(world: World) -> None:
    device = _device(world)
    page = _password_step("professional").get(reverse("accounts:verify")).content.decode()
    assert totp.current_code(device) not in page


def test_after_wrong_codes_the_wait_is_named_in_seconds(world: World) -> None:
    device = _device(world)
    client = _password_step("professional")
    wrong = "000000" if totp.current_code(device) != "000000" else "111111"
    for _attempt in range(3):
        response = client.post(reverse("accounts:verify"), {"token": wrong})
    page = response.content.decode()
    assert re.search(r"Te veel verkeerde codes\. Wacht \d+ seconden? voordat u het opnieuw", page)


def test_a_wrong_password_names_the_lock_out_rule(world: World, settings: Any) -> None:
    page = Client().post(
        reverse("accounts:login"), {"username": "professional", "password": "nope"}
    )
    text = page.content.decode()
    assert f"Na {settings.AXES_FAILURE_LIMIT} verkeerde pogingen achter elkaar" in text
    assert "15 minuten geblokkeerd" in text
