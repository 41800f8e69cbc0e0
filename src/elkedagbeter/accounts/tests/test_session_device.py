"""The device that verified a session counts only while it exists, is confirmed and belongs to
the session's user (django-otp's rules, with the device read by a query compiled once)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import World, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _sent_to_verify(client: Client) -> bool:
    response = client.get(reverse("cases:list"))
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:verify")
    )


def test_a_verified_session_opens_case_pages(world: World) -> None:
    client = log_in(Client(), world.user("professional"))

    assert client.get(reverse("cases:list")).status_code == 200


def test_a_removed_or_unconfirmed_device_no_longer_counts(world: World) -> None:
    removed = log_in(Client(), world.user("professional"))
    unconfirmed = log_in(Client(), world.user("coordinator"))

    TOTPDevice.objects.filter(user=world.user("professional")).delete()
    TOTPDevice.objects.filter(user=world.user("coordinator")).update(confirmed=False)

    assert _sent_to_verify(removed)
    assert _sent_to_verify(unconfirmed)


def test_another_users_device_does_not_count(world: World) -> None:
    client = log_in(Client(), world.user("professional"), second_factor=False)
    other = TOTPDevice.objects.get(user=world.user("coordinator"))
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = other.persistent_id
    session.save()

    assert _sent_to_verify(client)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_device_id_that_names_no_device_does_not_count(world: World) -> None:
    client = log_in(Client(), world.user("professional"), second_factor=False)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = f"{TOTPDevice._meta.label_lower}/{2**40}"
    session.save()

    assert _sent_to_verify(client)
