"""Faults: the database going away gives a clear 503 page (or JSON for the API) and stores
nothing half; the next request, once the database is back, works; a crashed import stores
nothing at all."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.api.actions import issue_token
from elkedagbeter.api.authentication import BearerTokenAuthentication
from elkedagbeter.audit.models import AccessLogEntry
from elkedagbeter.cases import actions, imports
from elkedagbeter.cases.imports import ImportKind, ImportMode
from elkedagbeter.cases.models import Case, PlanVersion

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _database_away(*args: Any, **kwargs: Any) -> None:
    raise OperationalError("server closed the connection unexpectedly")


def test_a_page_says_the_database_is_away_and_to_try_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = log_in(Client(raise_request_exception=False), world.user("professional"))
    monkeypatch.setattr(SessionStore, "load", _database_away)  # the first query of a request

    response = client.get(reverse("cases:list"))

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Elke Dag Beter is even niet bereikbaar" in page
    assert "nooit half" in page
    assert "server closed the connection" not in page  # no technical detail for the user
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_api_answers_503_in_json(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _token, secret = issue_token(world.user("professional"), name="fout", valid_for=None)
    monkeypatch.setattr(BearerTokenAuthentication, "authenticate", _database_away)

    response = Client(raise_request_exception=False).get(
        reverse("api:case_list"), headers={"Authorization": f"Bearer {secret}"}
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["code"]) == (503, "unavailable")
    assert "database" in problem["detail"]


def test_any_other_error_is_still_our_own_500(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = log_in(Client(raise_request_exception=False), world.user("professional"))

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(SessionStore, "load", broken)

    response = client.get(reverse("cases:list"))

    assert response.status_code == 500
    assert "Wat u eerder opsloeg is veilig" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRESQL, reason="ends a real server connection: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_the_database_going_away_mid_save_stores_nothing_half(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server ends the request's connection after the plan row is written and before the
    access-log entry: the user gets the 503 page, neither row is stored, and the next save
    (on a new connection) goes through."""
    client = log_in(Client(raise_request_exception=False), world.user("professional"))
    url = reverse("cases:plan", args=[world.case_a.reference])
    log_case_update = actions.log_case_update

    def server_goes_away(*args: Any, **kwargs: Any) -> None:
        backend = connection.connection.info.backend_pid
        with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [backend])
        log_case_update(*args, **kwargs)

    monkeypatch.setattr(actions, "log_case_update", server_goes_away)
    entries_before = AccessLogEntry.objects.count()

    response = client.post(url, {"text": "Plan na het gesprek", "based_on": "0"})

    assert response.status_code == 503
    assert "niet bereikbaar" in response.content.decode()
    assert not PlanVersion.objects.filter(case=world.case_a).exists()
    assert not AccessLogEntry.objects.filter(reason="plan v1").exists()
    assert AccessLogEntry.objects.count() >= entries_before  # nothing logged was lost

    monkeypatch.setattr(actions, "log_case_update", log_case_update)
    again = client.post(url, {"text": "Plan na het gesprek", "based_on": "0"})
    assert again.status_code == 302
    assert PlanVersion.objects.get(case=world.case_a).text == "Plan na het gesprek"


def test_an_import_that_crashes_half_way_stores_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even in the mode that keeps the good rows, the rows are written in one transaction: a
    crash (here the third save failing) leaves the team's cases as they were."""
    rows = [
        {"bron_id": f"EXT-{number}", "gestart_op": f"2026-01-0{number}"} for number in range(1, 6)
    ]
    saves = 0
    original = Case.save

    def crash_on_the_third(self: Case, *args: Any, **kwargs: Any) -> None:
        nonlocal saves
        saves += 1
        if saves == 3:
            raise OperationalError("disk I/O error")
        original(self, *args, **kwargs)

    monkeypatch.setattr(Case, "save", crash_on_the_third)
    before = Case.objects.count()

    with pytest.raises(OperationalError):
        imports.run_import(
            rows,
            kind=ImportKind.CASES,
            team=world.team_a,
            mode=ImportMode.GOOD_ROWS,
            commit=True,
        )

    assert saves == 3
    assert Case.objects.count() == before
