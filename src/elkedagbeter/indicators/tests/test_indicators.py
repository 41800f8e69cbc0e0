"""Every indicator against a small data set computed by hand, with the boundary cases the
definitions name: periods, spans, the twelve-month window, the norm, and a household that moves."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import transaction
from django.utils import timezone

from conftest import World
from elkedagbeter.cases.models import (
    AnalysisVersion,
    Case,
    CaseTransfer,
    Event,
    EventKind,
    HouseholdMember,
    Intervention,
    LegalBasis,
    MemberRole,
    ResidenceType,
    TransferKind,
)
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import IndicatorFact
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment, PlanFit, ScoreScale

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = date(2026, 11, 23)


def _figure(code: str, kind: str, start: date, team_id: int) -> tuple[int, int] | None:
    fact = IndicatorFact.objects.filter(
        indicator=code, period_kind=kind, period_start=start, team_id=team_id
    ).first()
    return (fact.numerator, fact.denominator) if fact else None


def _youth(case: Case, year: int = 2010) -> HouseholdMember:
    return HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=year)


def _event(case: Case, kind: str, day: date, **values: object) -> Event:
    return Event.objects.create(case=case, kind=kind, started_on=day, **values)


def test_seclusions_count_every_time_and_youths_once_per_period(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2025, 1, 1))
    youth = _youth(case)
    for day in (date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 20)):
        _event(case, EventKind.SECLUSION, day, member=youth, duration_minutes=30, place="kamer")

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("separaties", "maand", date(2026, 1, 1), team) == (1, 0)
    assert _figure("separaties", "maand", date(2026, 2, 1), team) == (2, 0)
    assert _figure("separaties", "kwartaal", date(2026, 1, 1), team) == (3, 0)
    assert _figure("jongeren_gesepareerd", "maand", date(2026, 2, 1), team) == (1, 0)
    assert _figure("jongeren_gesepareerd", "kwartaal", date(2026, 1, 1), team) == (1, 0)
    assert _figure("jongeren_gesepareerd", "jaar", date(2026, 1, 1), team) == (1, 0)


def test_placements_count_when_they_start_by_legal_basis_and_type(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2025, 1, 1))
    youth, sister = _youth(case), _youth(case, 2012)
    _event(
        case,
        EventKind.PLACEMENT,
        date(2025, 12, 15),
        ended_on=date(2026, 2, 1),
        member=youth,
        residence_type=ResidenceType.CLOSED,
        legal_basis=LegalBasis.CLOSED_CARE_ORDER,
    )
    _event(
        case,
        EventKind.PLACEMENT,
        date(2026, 3, 1),
        member=sister,
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.VOLUNTARY,
    )

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("uhp_gedwongen", "jaar", date(2025, 1, 1), team) == (1, 0)
    assert _figure("uhp_gedwongen", "jaar", date(2026, 1, 1), team) is None  # voluntary only
    assert _figure("gesloten_plaatsingen", "maand", date(2025, 12, 1), team) == (1, 0)
    assert _figure("gesloten_plaatsingen", "maand", date(2026, 1, 1), team) is None


def test_three_transfers_within_twelve_months_and_not_beyond(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2024, 1, 1))
    youth = _youth(case)
    days = [date(2025, 1, 10), date(2025, 6, 1), date(2026, 1, 10), date(2026, 1, 11)]
    for day in days:
        _event(case, EventKind.TRANSFER, day, member=youth, from_setting="a", to_setting="b")

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    # 2026-01-10: transfers on 2025-01-10 (exactly 365 days before: outside), 06-01, 01-10 → 2.
    # 2026-01-11: 2025-06-01, 2026-01-10, 2026-01-11 → 3.
    assert _figure("drie_overplaatsingen", "maand", date(2026, 1, 1), team) == (1, 0)
    assert _figure("drie_overplaatsingen", "jaar", date(2025, 1, 1), team) is None


def test_interventions_before_the_first_analysis(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2026, 3, 1))
    analysed = timezone.make_aware(datetime(2026, 3, 10, 9, 0))
    AnalysisVersion.objects.create(case=case, number=1, created_at=analysed)
    for day in (date(2026, 3, 2), date(2026, 3, 10), date(2026, 4, 1)):
        Intervention.objects.create(case=case, description="x", started_on=day)

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("zonder_analyse", "maand", date(2026, 3, 1), team) == (1, 2)  # same day: ok
    assert _figure("zonder_analyse", "kwartaal", date(2026, 1, 1), team) == (1, 2)
    assert _figure("zonder_analyse", "kwartaal", date(2026, 4, 1), team) == (0, 1)


def test_waiting_time_counts_when_it_ends_and_the_norm_itself_is_not_above(
    world: World, settings: object
) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2026, 1, 1))
    youth, sister = _youth(case), _youth(case, 2012)
    _event(case, EventKind.WAITING_START, date(2026, 1, 5), member=youth)
    _event(case, EventKind.WAITING_END, date(2026, 2, 16), member=youth)  # 42 days: the norm
    _event(case, EventKind.WAITING_START, date(2026, 1, 5), member=sister)
    _event(case, EventKind.WAITING_END, date(2026, 2, 17), member=sister)  # 43 days

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("wachttijd_boven_norm", "maand", date(2026, 2, 1), team) == (1, 2)
    assert _figure("wachttijd_boven_norm", "maand", date(2026, 1, 1), team) is None


def test_goal_attainment_and_feeling_heard(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2026, 1, 1))
    goals = [case.goals.create(text="a"), case.goals.create(text="b")]
    gas = MonitoringMoment.objects.create(
        case=case,
        recorded_on=date(2026, 5, 3),
        scale=ScoreScale.GAS,
        safety=6,
        plan_fits=PlanFit.YES,
        heard=4,
    )
    GoalScore.objects.create(moment=gas, goal=goals[0], scale=ScoreScale.GAS, score=2)
    GoalScore.objects.create(moment=gas, goal=goals[1], scale=ScoreScale.GAS, score=-1)
    ten = MonitoringMoment.objects.create(
        case=case,
        recorded_on=date(2026, 5, 20),
        scale=ScoreScale.TEN,
        safety=6,
        plan_fits=PlanFit.NO,
        heard=3,
    )
    GoalScore.objects.create(moment=ten, goal=goals[0], scale=ScoreScale.TEN, score=8)
    MonitoringMoment.objects.create(
        case=case,
        recorded_on=date(2026, 5, 25),
        scale=ScoreScale.GAS,
        safety=6,
        plan_fits=PlanFit.NO,
    )

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("doelrealisatie", "maand", date(2026, 5, 1), team) == (1, 2)  # 1-10 left out
    assert _figure("gehoord", "maand", date(2026, 5, 1), team) == (1, 2)  # no answer left out


def test_a_household_that_moves_takes_only_its_future_along(world: World) -> None:
    case = Case.objects.create(team=world.team_c, opened_on=date(2026, 1, 15))
    moved = timezone.make_aware(datetime(2026, 3, 10, 12, 0))
    CaseTransfer.objects.create(
        case=case,
        kind=TransferKind.TRANSFER,
        from_team=world.team_a,
        to_team=world.team_c,
        override_reason="verhuisd",
        created_at=moved,
    )
    _event(case, EventKind.HANDOVER, date(2026, 2, 1))
    _event(case, EventKind.BREAKDOWN, date(2026, 4, 1))

    facts.rebuild(today=TODAY)

    a, b = world.team_a.pk, world.team_c.pk
    assert _figure("overdrachten", "maand", date(2026, 2, 1), a) == (1, 1)
    assert _figure("overdrachten", "maand", date(2026, 3, 1), a) == (0, 1)  # until the move
    assert _figure("overdrachten", "maand", date(2026, 3, 1), b) == (1, 1)  # the transfer
    assert _figure("overdrachten", "kwartaal", date(2026, 1, 1), a) == (1, 1)
    assert _figure("overdrachten", "kwartaal", date(2026, 1, 1), b) == (1, 1)
    assert _figure("overdrachten", "maand", date(2026, 11, 1), b) == (0, 1)  # open until today
    assert _figure("overdrachten", "maand", date(2026, 12, 1), b) is None
    assert _figure("afgebroken", "maand", date(2026, 4, 1), b) == (1, 0)
    assert _figure("afgebroken", "maand", date(2026, 4, 1), a) is None


@pytest.mark.django_db(transaction=True)
def test_a_change_reaches_the_figures_as_soon_as_it_is_committed(world: World) -> None:
    youth = _youth(world.case_a)
    today = timezone.localdate()
    month = today.replace(day=1)

    with transaction.atomic():
        _event(
            world.case_a, EventKind.SECLUSION, today, member=youth, duration_minutes=5, place="k"
        )
        assert _figure("separaties", "maand", month, world.team_a.pk) is None
    assert _figure("separaties", "maand", month, world.team_a.pk) == (1, 0)

    world.case_a.events.all().delete()
    assert _figure("separaties", "maand", month, world.team_a.pk) is None
