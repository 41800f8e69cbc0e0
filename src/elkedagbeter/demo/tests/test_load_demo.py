"""`make demo` loads the demo region; running it twice must not duplicate anything."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks.models import Bottleneck, Status, StatusChange
from elkedagbeter.cases.models import Case, Event
from elkedagbeter.costs.figures import TOTAL, cost_figures
from elkedagbeter.costs.models import Arrangement, Tariff
from elkedagbeter.demo.region import ACCOUNTS, DEMO_API_TOKEN
from elkedagbeter.knowledge import search
from elkedagbeter.organisations.models import Team


def _counts() -> tuple[int, ...]:
    return (
        Team.objects.count(),
        User.objects.count(),
        Case.objects.count(),
        Event.objects.count(),
        Bottleneck.objects.count(),
        StatusChange.objects.count(),
        Tariff.objects.count(),
        Arrangement.objects.count(),
    )


@pytest.mark.django_db
def test_the_demo_loads_once_and_prints_every_login() -> None:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())

    assert _counts() == first
    assert first[0] == 14  # 12 neighbourhood teams, 1 expert team, 1 provider location
    printed = out.getvalue()
    assert all(account.username in printed for account in ACCOUNTS)
    response = Client(headers={"Authorization": f"Bearer {DEMO_API_TOKEN}"}).get("/api/v1/casussen")
    assert response.status_code == 200
    assert response.json()["_embedded"]["casussen"]
    # Bottlenecks with a history in every status, routed by rules, some published.
    assert {b.status for b in Bottleneck.objects.all()} == set(Status)
    assert Bottleneck.objects.filter(published_at__isnull=False).count() >= 2
    # The expert team has no municipality: its municipal bottleneck falls back, and says so.
    fallback = Bottleneck.objects.get(routed_by__isnull=True)
    assert fallback.body.is_region_coordinator and "Geen routeringsregel" in fallback.routing_note
    # Everything the demo loads is in the Wat werkt search, the dossier review's lessons too.
    analyst = User.objects.get(username="analyst")
    found = {d.url.split("#")[0] for d in search.search(analyst, "verklarende analyse")}
    assert reverse("reviews:lessons") in found
    # Wat de hulp kost has a shown total for the region this year (14 tariffs, 2025 and 2026).
    assert first[6] == 14
    from django.utils import timezone

    from elkedagbeter.organisations.scoping import aggregate_area

    figures = cost_figures(aggregate_area(analyst), timezone.localdate().year)
    total = next(row for row in figures.by_team if row.key == TOTAL)
    assert total.spending_cents and total.trajectories.value


@pytest.mark.django_db
def test_loading_the_demo_prints_no_e_mail_and_names_the_port() -> None:
    """The console backend would print whole raw e-mails before the login table."""
    from django.core import mail

    out = io.StringIO()
    mail.outbox = []
    call_command("load_demo", "--port", "8080", stdout=out)

    printed = out.getvalue()
    assert "Content-Type:" not in printed and "Subject:" not in printed
    assert "http://127.0.0.1:8080/api/v1/casussen" in printed
    assert mail.outbox == []  # held back, not printed and not left behind
