"""Passwords are stored with Argon2id at OWASP's parameters; older hashes still let people in
and are stored again with these (issue 21: a crowd logging in at nine)."""

from __future__ import annotations

from collections.abc import Iterator

import argon2
import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.test import Client, override_settings
from django.urls import reverse

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.tests.factories import UserFactory
from elkedagbeter.settings import base

pytestmark = pytest.mark.django_db

PASSWORD = "een lang genoeg wachtwoord"


@pytest.fixture
def production_hashers() -> Iterator[None]:
    """The hashers of the real settings: the test settings use a fast one."""
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        yield


def test_a_new_password_is_stored_as_argon2id_with_owasp_parameters(
    production_hashers: None,
) -> None:
    encoded = make_password(PASSWORD)

    parameters = argon2.extract_parameters(encoded.removeprefix("argon2"))
    assert parameters.type is argon2.Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (
        19 * 1024,
        2,
        1,
    )


def test_a_password_hashed_with_django_s_defaults_still_logs_in_and_is_stored_again(
    production_hashers: None,
) -> None:
    user: User = UserFactory(username="annelies")
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    assert "m=102400" in user.password

    response = Client().post(
        reverse("accounts:login"), {"username": "annelies", "password": PASSWORD}
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert "m=19456,t=2,p=1" in user.password
