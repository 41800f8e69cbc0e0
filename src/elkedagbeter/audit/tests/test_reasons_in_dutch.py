"""The access log reads in Dutch: the short reasons actions store ("escalated to …", "event
12") are shown as Dutch phrases, also for rows written before, and searching the log records
what was searched for in words, not as a query string."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World, log_in
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.audit.reasons import describe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("escalated to Expertteam Noord", "geëscaleerd naar Expertteam Noord"),
        (
            "transferred from Wijkteam A to Wijkteam B",
            "overgedragen van Wijkteam A naar Wijkteam B",
        ),
        ("analysis v2", "verklarende analyse, versie 2"),
        ("plan v3", "ondersteuningsplan, versie 3"),
        ("event 12", "gebeurtenis 12"),
        ("monitoring moment 7", "monitoringsmoment 7"),
        ("householdmember 4", "gezinslid 4"),
        ("import gebeurtenissen", "import van gebeurtenissen"),
        ("3 entries older than 2026-01-01", "3 regels ouder dan 2026-01-01"),
        ("Overleg met het wijkteam", "Overleg met het wijkteam"),  # typed by a person: as is
    ],
)
def test_stored_reasons_are_shown_in_dutch(stored: str, shown: str) -> None:
    with translation.override("nl"):
        assert describe(stored) == shown


def test_searching_the_log_records_the_filters_in_words(world: World) -> None:
    client = log_in(Client(), world.user("admin"))
    client.get(reverse("audit:search"), {"event": EventCode.CASE_READ, "user": "jan"})
    client.get(reverse("audit:search"))

    searches = AccessLogEntry.objects.filter(event_code=EventCode.ACCESS_LOG_SEARCH).order_by("pk")
    filtered, plain = (entry.reason for entry in searches)
    assert filtered.startswith("Toegangslog doorzocht: ")
    assert "Gebruiker: jan" in filtered and "=" not in filtered and "&" not in filtered
    assert plain == "Toegangslog bekeken zonder filter"


def test_the_log_page_shows_an_escalation_in_dutch(world: World) -> None:
    professional = log_in(Client(), world.user("professional"))
    response = professional.post(
        reverse("cases:escalate", args=[world.case_a.reference]),
        {"expert_team": world.expert_team.pk, "consent_on": "2026-01-05"},
    )
    assert response.status_code == 302

    page = log_in(Client(), world.user("admin")).get(reverse("audit:search")).content.decode()
    assert f"geëscaleerd naar {world.expert_team.name}" in page
    assert "escalated to" not in page
