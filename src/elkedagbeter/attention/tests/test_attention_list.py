"""The attention list: refresh keeps signals current, the list ranks and scopes them, next steps
and set-aside are kept and counted, and every case shown is logged as read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World
from elkedagbeter.attention.models import NextStep, Rule, Signal, Status, Thresholds
from elkedagbeter.attention.refresh import refresh_cases, refresh_region
from elkedagbeter.attention.selectors import Scope, attention_list, rule_figures
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.cases.models import HouseholdMember, MemberRole
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.organisations.scoping import aggregate_area

from .factories import backdate, days_ago, moments

pytestmark = pytest.mark.django_db


def _misfit(world: World) -> Signal:
    moments(world.case_a, "nee", "nee")
    refresh_cases([world.case_a.pk])
    return Signal.objects.get(case=world.case_a, rule=Rule.PLAN_MISFIT)


def test_refresh_opens_and_clears(world: World) -> None:
    signal = _misfit(world)
    assert signal.status == Status.OPEN
    moments(world.case_a, "ja", start_days_ago=1)
    refresh_cases([world.case_a.pk])
    signal.refresh_from_db()
    assert signal.status == Status.CLEARED


def test_a_set_aside_signal_does_not_come_back(world: World, client_for) -> None:
    signal = _misfit(world)
    response = client_for("professional").post(
        reverse("attention:set_aside", args=[signal.pk]), {"reason": "bewust", "note": "Zo gekozen"}
    )
    assert response.status_code == 302
    refresh_cases([world.case_a.pk])
    signal.refresh_from_db()
    assert signal.status == Status.SET_ASIDE
    assert signal.set_aside_reason == "bewust"
    assert not attention_list(world.user("professional"), Scope.MINE)


def test_set_aside_needs_a_reason(world: World, client_for) -> None:
    signal = _misfit(world)
    client_for("professional").post(reverse("attention:set_aside", args=[signal.pk]), {})
    signal.refresh_from_db()
    assert signal.status == Status.OPEN


def test_region_thresholds_change_what_fires(world: World) -> None:
    Thresholds.objects.create(region=world.north, plan_misfit_moments=3)
    moments(world.case_a, "nee", "nee")
    refresh_cases([world.case_a.pk])
    assert not Signal.objects.filter(case=world.case_a).exists()


def test_recurrence_through_the_pseudonym(world: World) -> None:
    earlier = backdate(CaseFactory(team=world.team_b), 300)
    earlier.closed_on = days_ago(100)
    earlier.save()
    HouseholdMember.objects.create(
        case=earlier, role=MemberRole.YOUTH, birth_year=2012, pseudonym="p1"
    )
    HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2012, pseudonym="p1"
    )
    refresh_cases([world.case_a.pk])
    signal = Signal.objects.get(case=world.case_a)
    assert signal.rule == Rule.RECURRENCE
    # Nothing of the other case is kept but its closing date.
    assert earlier.reference not in str(signal.detail)


def test_list_ranks_scopes_and_logs(world: World, client_for) -> None:
    moments(world.case_a, "nee", "nee", safety=3)  # plan misfit and low safety
    second = CaseFactory(team=world.team_a)
    moments(second, "nee", "nee")
    other_team = world.case_b
    moments(other_team, "nee", "nee")
    refresh_region(world.north.pk)
    lines = attention_list(world.user("coordinator"), Scope.TEAM)
    assert [line.reference for line in lines] == [world.case_a.reference, second.reference]
    assert other_team.reference not in {line.reference for line in lines}
    response = client_for("professional").get(reverse("attention:today"))
    assert response.status_code == 200
    body = response.content.decode()
    assert world.case_a.reference in body and other_team.reference not in body
    logged = AccessLogEntry.objects.filter(
        event_code=EventCode.CASE_READ, object_ref=world.case_a.reference, reason="aandacht"
    )
    assert logged.count() == 1


def test_a_long_list_comes_in_pages_and_only_shown_cases_are_logged(
    world: World, client_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("elkedagbeter.attention.views.SHOWN", 2)
    cases = [CaseFactory(team=world.team_a) for _ in range(3)]
    for case in cases:
        moments(case, "nee", "nee")
    refresh_region(world.north.pk)
    ranked = [line.reference for line in attention_list(world.user("coordinator"), Scope.TEAM)]
    client = client_for("coordinator")

    first = client.get(reverse("attention:today"), {"scope": "team"}).content.decode()
    second = client.get(reverse("attention:today"), {"scope": "team", "pagina": 2}).content.decode()

    assert all(ref in first for ref in ranked[:2]) and ranked[2] not in first
    assert ranked[2] in second and not any(ref in second for ref in ranked[:2])
    assert "Minder dringend" in first and "Dringender" in second
    logged = AccessLogEntry.objects.filter(event_code=EventCode.CASE_READ, reason="aandacht")
    assert sorted(logged.values_list("object_ref", flat=True)) == sorted(ranked)


def test_professional_sees_own_cases_coordinator_the_team(world: World) -> None:
    mine = CaseFactory(team=world.team_a, case_manager=world.user("professional"))
    colleagues = CaseFactory(team=world.team_a, case_manager=world.user("coordinator"))
    for case in (mine, colleagues):
        moments(case, "nee", "nee")
    refresh_cases([mine.pk, colleagues.pk])
    own = {line.reference for line in attention_list(world.user("professional"), Scope.MINE)}
    team = {line.reference for line in attention_list(world.user("coordinator"), Scope.TEAM)}
    assert own == {mine.reference}
    assert team == {mine.reference, colleagues.reference}


def test_next_step_marks_acted_and_goes_there(world: World, client_for) -> None:
    signal = _misfit(world)
    response = client_for("professional").post(
        reverse("attention:act", args=[world.case_a.reference]), {"step": NextStep.PLAN}
    )
    assert response["Location"] == reverse("cases:plan", args=[world.case_a.reference])
    signal.refresh_from_db()
    assert (signal.status, signal.next_step) == (Status.ACTED, NextStep.PLAN)


def test_no_steps_on_another_teams_case(world: World, client_for) -> None:
    moments(world.case_b, "nee", "nee")
    refresh_cases([world.case_b.pk])
    response = client_for("professional").post(
        reverse("attention:act", args=[world.case_b.reference]), {"step": NextStep.PLAN}
    )
    assert response.status_code == 404
    assert Signal.objects.get(case=world.case_b).status == Status.OPEN


def test_figures_count_per_rule_and_hide_small_numbers(world: World) -> None:
    cases = [CaseFactory(team=world.team_a) for _ in range(6)]
    for case in cases:
        moments(case, "nee", "nee")
    refresh_cases([c.pk for c in cases])
    Signal.objects.filter(case__in=cases[:5]).update(
        status=Status.SET_ASIDE, set_aside_reason="past_niet"
    )
    Signal.objects.filter(case=cases[5]).update(status=Status.ACTED, next_step=NextStep.PLAN)
    rows = {r.rule: r for r in rule_figures(aggregate_area(world.user("analyst")))}
    misfit = rows[Rule.PLAN_MISFIT]
    assert misfit.set_aside.value == 5
    assert misfit.acted.suppressed
    assert rows[Rule.SECLUSION].acted.value == 0


def test_home_shows_the_attention_list(world: World, client_for) -> None:
    _misfit(world)
    body = client_for("professional").get(reverse("pages:home")).content.decode()
    assert 'id="attention"' in body and world.case_a.reference in body
