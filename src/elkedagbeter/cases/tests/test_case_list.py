"""The case list: open cases unless asked otherwise, a search by case number, the date of the last
monitoring moment, and a caption that only mentions an expert team to someone who has one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale

pytestmark = pytest.mark.django_db


def _list(client_for, persona: str = "professional", **query: str) -> str:
    response = client_for(persona).get(reverse("cases:list"), query)
    assert response.status_code == 200
    return str(response.content.decode())


def test_open_cases_by_default_closed_ones_on_request(client_for, world: World) -> None:
    today = timezone.localdate()
    closed = CaseFactory(team=world.team_a, opened_on=today - timedelta(days=90), closed_on=today)

    default = _list(client_for)
    only_closed = _list(client_for, status="gesloten")
    everything = _list(client_for, status="alle")

    assert world.case_a.reference in default and closed.reference not in default
    assert closed.reference in only_closed and world.case_a.reference not in only_closed
    assert world.case_a.reference in everything and closed.reference in everything


def test_search_by_part_of_the_case_number(client_for, world: World) -> None:
    other = CaseFactory(team=world.team_a)

    found = _list(client_for, nummer=world.case_a.reference[-4:].lower())

    assert world.case_a.reference in found
    assert other.reference not in found
    assert "Geen casussen gevonden met dit filter" in _list(client_for, nummer="ZZZZZZZZ")


def test_search_never_reaches_a_case_of_another_team(client_for, world: World) -> None:
    page = _list(client_for, status="alle", nummer=world.case_b.reference)

    assert reverse("cases:detail", args=[world.case_b.reference]) not in page
    assert "Geen casussen gevonden met dit filter" in page


def test_the_last_monitoring_moment_is_shown(client_for, world: World) -> None:
    CaseFactory(team=world.team_a)
    for day in (date(2026, 3, 2), date(2026, 5, 14)):
        MonitoringMoment.objects.create(
            case=world.case_a,
            recorded_on=day,
            scale=ScoreScale.GAS,
            safety=6,
            plan_fits=PlanFit.YES,
        )

    page = _list(client_for)

    assert "14 mei 2026" in page and "2 maart 2026" not in page
    assert "Laatste monitoringmoment" in page
    assert "nog geen" in page  # the second case has no moment yet


def test_the_caption_mentions_an_expert_team_only_to_its_members(client_for, world: World) -> None:
    professional = _list(client_for, "professional")
    expert = _list(client_for, "expert")

    assert "expertteam" not in professional.lower().split("<caption")[1].split("</caption>")[0]
    assert "Casussen van uw teams" in professional
    assert world.case_escalated.reference in expert
    assert "naar uw expertteam zijn geëscaleerd" in expert


def test_a_bad_status_is_named_and_the_open_cases_still_show(client_for, world: World) -> None:
    page = _list(client_for, status="kapot", nummer=world.case_a.reference)

    assert "Selecteer een geldige keuze" in page
    assert world.case_a.reference in page
