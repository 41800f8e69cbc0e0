"""The pages most people open read a fixed number of queries, however much data lies behind them:
the case list, the case page, the region's dashboard and the country's. A change that adds a query
per row, or a few per page, shows here before it shows in a load test (docs/performance.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.cases.models import Case, Event, EventKind
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.tests.helpers import record_seclusions
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Counted when this test was written (SQLite and PostgreSQL alike), after a first request that
# warms the session. Change a count only with the reason in the commit message.
CASE_LIST_QUERIES = 7
CASE_PAGE_QUERIES = 30  # 32, + arrangement, iJw care episodes, family answers, youth views;
# - the counts of analysis and plan versions (read with the latest of each); - the zero goals'
# reads of events, youths, interventions and involvements (given the page's overview)
# The dashboards worked out (analyst: home places read once; + the figures' version) and
# served from the kept HTML while the figures' version stays (indicators/versions.py).
DASHBOARD_QUERIES = {"analyst": (13, 7), "viewer": (10, 5)}


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm: the session, the language, the form-timing key
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _dashboard_queries(client: Client, url: str) -> tuple[int, int]:
    """Queries of the dashboard worked out afresh, and of the same dashboard kept."""
    client.get(url)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as worked_out:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).status_code == 200
    return len(worked_out), len(kept)


def _more_cases(world: World, count: int) -> list[Case]:
    today = timezone.localdate()
    cases = [CaseFactory(team=world.team_a) for _ in range(count)]
    for case in cases:
        MonitoringMoment.objects.create(
            case=case, recorded_on=today, scale=ScoreScale.GAS, safety=7, plan_fits=PlanFit.YES
        )
    return cases


def test_the_case_list_does_not_grow_with_the_cases(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    few = _queries(client, reverse("cases:list"))

    _more_cases(world, 30)
    many = _queries(client, reverse("cases:list"))

    assert few == many == CASE_LIST_QUERIES


def test_the_case_page_does_not_grow_with_its_timeline(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    url = reverse("cases:detail", args=[world.case_a.reference])
    empty = _queries(client, url)

    start = timezone.localdate() - timedelta(days=300)
    Event.objects.bulk_create(
        Event(case=world.case_a, kind=EventKind.CRISIS, started_on=start + timedelta(days=n))
        for n in range(100)
    )
    full = _queries(client, url)

    assert empty == full == CASE_PAGE_QUERIES


@pytest.mark.parametrize(
    ("persona", "query"),
    [("analyst", ""), ("viewer", "?plaats=land&periode=kwartaal")],
    ids=["region", "country"],
)
def test_the_dashboards_do_not_grow_with_the_figures(
    world: World, persona: str, query: str
) -> None:
    client = log_in(Client(), world.user(persona), second_factor=False)
    url = reverse("indicators:dashboard") + query
    facts.rebuild()
    empty = _dashboard_queries(client, url)

    for case in (world.case_a, world.case_b, *_more_cases(world, 10)):
        record_seclusions(case, 6, timezone.localdate())
    facts.rebuild()
    full = _dashboard_queries(client, url)

    assert empty == full == DASHBOARD_QUERIES[persona]
