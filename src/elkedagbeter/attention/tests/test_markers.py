"""Light triage markers on the household: set on the case page with history, weigh in the
signals, and compare routes of similar households across teams in aggregate only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.attention.similar import routes_by_team
from elkedagbeter.cases.models import ChangeRecord, Event, EventKind, TriageMarker
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.organisations.scoping import aggregate_area

pytestmark = pytest.mark.django_db


def test_markers_are_set_with_history(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    url = reverse("cases:markers", args=[world.case_a.reference])
    response = client.post(url, {"markers": ["schulden", "veiligheid"]})
    assert response.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.markers == ["schulden", "veiligheid"]
    change = ChangeRecord.objects.get(case=world.case_a, field="markers")
    assert change.new_value == "schulden, veiligheid"
    page = client.get(reverse("cases:detail", args=[world.case_a.reference])).content.decode()
    assert "Schulden" in page


def test_routes_of_similar_households_per_team_with_small_numbers_hidden(world: World) -> None:
    a = [CaseFactory(team=world.team_a, markers=["schulden"]) for _ in range(6)]
    b = [CaseFactory(team=world.team_b, markers=["schulden"]) for _ in range(2)]
    CaseFactory(team=world.team_b, markers=["lvb"])
    for case in a[:5]:
        Event.objects.create(
            case=case, kind=EventKind.PLACEMENT, residence_type="11", started_on=case.opened_on
        )
    rows = {
        r.team: r for r in routes_by_team(aggregate_area(world.user("analyst")), TriageMarker.DEBTS)
    }
    assert rows["Wijkteam A"].households.value == 6
    assert (rows["Wijkteam A"].placed.count.value, rows["Wijkteam A"].placed.percent) == (5, 83)
    assert rows["Wijkteam B"].households.suppressed
    assert rows["Wijkteam B"].placed.percent is None
    assert len(b) == 2
    page = log_in(Client(), world.user("analyst")).get(
        reverse("attention:similar") + "?kenmerk=schulden"
    )
    body = page.content.decode()
    assert "83%" in body and a[0].reference not in body
