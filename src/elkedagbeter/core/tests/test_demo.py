"""`make demo` loads the demo region; running it twice must not duplicate anything."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.models import Case, Event
from elkedagbeter.core.demo import ACCOUNTS, DEMO_API_TOKEN
from elkedagbeter.organisations.models import Team


def _counts() -> tuple[int, int, int, int]:
    return Team.objects.count(), User.objects.count(), Case.objects.count(), Event.objects.count()


@pytest.mark.django_db
def test_the_demo_loads_once_and_prints_every_login() -> None:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())

    assert _counts() == first
    assert first[0] == 8  # 6 neighbourhood teams, 1 expert team, 1 provider location
    printed = out.getvalue()
    assert all(account.username in printed for account in ACCOUNTS)
    response = Client(headers={"Authorization": f"Bearer {DEMO_API_TOKEN}"}).get("/api/v1/casussen")
    assert response.status_code == 200
    assert response.json()["_embedded"]["casussen"]
