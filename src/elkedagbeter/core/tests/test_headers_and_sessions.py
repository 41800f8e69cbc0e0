"""What a browser receives, with the production defaults (test_settings.py shows production
loads them): HTTPS only with HSTS, a strict Content-Security-Policy that forbids framing,
cookies that are Secure, HttpOnly and SameSite and end with the browser, and a session that
ends after 30 idle minutes, at log-out, and is renewed at log-in."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.sessions.backends import db as session_db
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

YEAR = 31_536_000


@pytest.fixture(autouse=True)
def production_defaults(settings: Any) -> None:
    """The values production runs with (the test settings relax them for plain HTTP)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = YEAR
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True


def _pages(world: World) -> dict[str, tuple[Client, str]]:
    professional = log_in(Client(), world.user("professional"))
    return {
        "landing page": (Client(), "/"),
        "login": (Client(), reverse("accounts:login")),
        "public story form": (Client(), reverse("stories:share")),
        "case page": (professional, reverse("cases:detail", args=[world.case_a.reference])),
        "API": (Client(), reverse("api:case_list")),
        "not found": (Client(), "/bestaat-niet/"),
    }


def test_every_kind_of_answer_carries_the_security_headers(world: World) -> None:
    for name, (client, url) in _pages(world).items():
        response = client.get(url, secure=True)

        assert response["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains", name
        policy = dict(
            directive.strip().split(" ", 1)
            for directive in response["Content-Security-Policy"].split(";")
        )
        assert policy["frame-ancestors"] == "'none'", name
        assert policy["default-src"] == policy["script-src"] == "'self'", name
        assert policy["object-src"] == policy["base-uri"] == "'none'", name
        assert "unsafe" not in response["Content-Security-Policy"], name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name


def test_plain_http_is_sent_to_https(world: World) -> None:
    response = Client().get(reverse("accounts:login"))

    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + reverse("accounts:login")


def _log_in_with_password(client: Client, username: str) -> Any:
    client.get(reverse("accounts:login"), secure=True)
    return client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD}, secure=True
    )


def test_cookies_are_secure_and_http_only_and_end_with_the_browser(world: World) -> None:
    client = Client()
    response = _log_in_with_password(client, world.user("analyst").username)

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert not session["max-age"] and not session["expires"]  # gone when the browser closes
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]


def test_logging_in_gives_a_new_session_key(world: World) -> None:
    client = Client()
    client.get(reverse("accounts:login"), secure=True)
    session = client.session
    session["planted"] = "by someone else"  # a key an attacker could have planted
    session.save()
    planted = client.cookies["sessionid"].value

    _log_in_with_password(client, world.user("analyst").username)

    assert client.cookies["sessionid"].value != planted


def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(session_db.timezone, "now", lambda: moment)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_session_ends_after_thirty_idle_minutes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = log_in(Client(), world.user("professional"))
    cases = reverse("cases:list")
    start = timezone.now()
    assert client.get(cases, secure=True).status_code == 200

    _at(monkeypatch, start + timedelta(minutes=25))
    assert client.get(cases, secure=True).status_code == 200  # and the 30 minutes start again
    _at(monkeypatch, start + timedelta(minutes=50))
    assert client.get(cases, secure=True).status_code == 200
    _at(monkeypatch, start + timedelta(minutes=81))
    idle = client.get(cases, secure=True)

    assert idle.status_code == 302
    assert idle["Location"].startswith(reverse("accounts:login"))


def test_logging_out_ends_the_session_on_the_server(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    stolen = client.cookies["sessionid"].value

    client.post(reverse("accounts:logout"), secure=True)
    replay = Client()
    replay.cookies["sessionid"] = stolen
    response = replay.get(reverse("cases:list"), secure=True)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_within_a_minute_do_not_write_the_session(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = log_in(Client(), world.user("professional"))
    cases = reverse("cases:list")
    start = timezone.now()
    _at(monkeypatch, start)
    client.get(cases, secure=True)
    expiry = Session.objects.get().expire_date

    _at(monkeypatch, start + timedelta(seconds=50))
    client.get(cases, secure=True)
    unchanged = Session.objects.get().expire_date
    _at(monkeypatch, start + timedelta(seconds=70))
    client.get(cases, secure=True)

    assert unchanged == expiry
    assert Session.objects.get().expire_date == start + timedelta(seconds=70, minutes=30)


def test_an_anonymous_visit_creates_no_session(world: World) -> None:
    Client().get(reverse("stories:share"))

    assert not Session.objects.exists()
