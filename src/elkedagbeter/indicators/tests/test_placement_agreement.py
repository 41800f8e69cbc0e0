"""The zero goal "0 placements against the will of parents and child" is measured from who agreed,
not from the court order: both indicators on the same hand-computed placements."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import World
from elkedagbeter.cases.models import (
    Agreement,
    Case,
    Event,
    EventKind,
    HouseholdMember,
    LegalBasis,
    MemberRole,
    ResidenceType,
)
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import IndicatorFact
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = date(2026, 11, 23)
YES, NO, UNKNOWN, NA = Agreement.YES, Agreement.NO, Agreement.UNKNOWN, Agreement.NOT_APPLICABLE


def _figure(code: str, kind: str, start: date, team_id: int) -> tuple[int, int] | None:
    fact = IndicatorFact.objects.filter(
        indicator=code, period_kind=kind, period_start=start, team_id=team_id
    ).first()
    return (fact.numerator, fact.denominator) if fact else None


def _place(case: Case, day: date, legal_basis: str, agreed: tuple[str, str, str]) -> None:
    youth = HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=2012)
    Event.objects.create(
        case=case,
        kind=EventKind.PLACEMENT,
        member=youth,
        started_on=day,
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=legal_basis,
        parent_agreed=agreed[0],
        other_parent_agreed=agreed[1],
        youth_agreed=agreed[2],
    )


def test_against_the_will_and_court_ordered_differ_on_the_same_placements(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2024, 1, 1))
    # 2025 (year): five placements.
    _place(case, date(2025, 3, 1), LegalBasis.PLACEMENT_ORDER, (NO, NO, NO))  # order, against
    _place(case, date(2025, 4, 1), LegalBasis.SUPERVISION, (YES, NA, YES))  # order, agreed
    _place(case, date(2025, 5, 1), LegalBasis.VOLUNTARY, (YES, YES, NO))  # no order, against
    _place(case, date(2025, 6, 1), LegalBasis.VOLUNTARY, (YES, NA, NA))  # agreed, complete
    _place(case, date(2025, 12, 31), LegalBasis.GUARDIANSHIP, ("", "", ""))  # not recorded
    # 2026: the first day of the year belongs to 2026 and its first quarter.
    _place(case, date(2026, 1, 1), LegalBasis.VOLUNTARY, (YES, UNKNOWN, NO))  # against
    _place(case, date(2026, 1, 2), LegalBasis.VOLUNTARY, (YES, UNKNOWN, YES))  # unknown

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    y2025, y2026 = date(2025, 1, 1), date(2026, 1, 1)
    assert _figure("uhp_tegen_wil", "jaar", y2025, team) == (2, 0)
    assert _figure("uhp_gedwongen", "jaar", y2025, team) == (3, 0)
    assert _figure("uhp_instemming_onbekend", "jaar", y2025, team) == (1, 5)
    assert _figure("uhp_tegen_wil", "kwartaal", date(2025, 10, 1), team) is None
    assert _figure("uhp_gedwongen", "kwartaal", date(2025, 10, 1), team) == (1, 0)
    assert _figure("uhp_tegen_wil", "jaar", y2026, team) == (1, 0)
    assert _figure("uhp_gedwongen", "jaar", y2026, team) is None
    assert _figure("uhp_instemming_onbekend", "kwartaal", y2026, team) == (1, 2)


def test_the_zero_goal_is_measured_by_agreement_with_the_court_order_beside_it() -> None:
    goal = ZERO_GOALS["gedwongen_uhp"]
    assert goal.indicator == "uhp_tegen_wil"
    assert "uhp_gedwongen" in goal.also
