"""The critical-incident indicators against small data sets computed by hand, with the boundary
cases their definitions name: three months to the day, a youth with several diagnoses, twelve
months after closing for a youth whose household moved, periods that events cross."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import World
from elkedagbeter.cases.models import (
    Case,
    DiagnosisGroup,
    EndKind,
    Event,
    EventKind,
    HouseholdMember,
    LegalBasis,
    MemberRole,
    ResidenceType,
)
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.incident_indicators import add_months
from elkedagbeter.indicators.models import IndicatorFact

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = date(2026, 11, 23)


def _figure(code: str, kind: str, start: date, team_id: int) -> tuple[int, int] | None:
    fact = IndicatorFact.objects.filter(
        indicator=code, period_kind=kind, period_start=start, team_id=team_id
    ).first()
    return (fact.numerator, fact.denominator) if fact else None


def _youth(case: Case, pseudonym: str = "") -> HouseholdMember:
    return HouseholdMember.objects.create(
        case=case, role=MemberRole.YOUTH, birth_year=2012, pseudonym=pseudonym
    )


def _placement(case: Case, start: date, end: date, end_kind: str) -> None:
    Event.objects.create(
        case=case,
        kind=EventKind.PLACEMENT,
        member=_youth(case),
        started_on=start,
        ended_on=end,
        residence_type=ResidenceType.FAMILY_HOME,
        legal_basis=LegalBasis.VOLUNTARY,
        end_kind=end_kind,
    )


def test_three_months_is_the_same_day_three_months_later_or_the_months_last_day() -> None:
    assert add_months(date(2026, 1, 15), 3) == date(2026, 4, 15)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2026, 10, 31), 3) == date(2027, 1, 31)


def test_failed_placements_end_unplanned_within_three_months(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2025, 1, 1))
    unplanned, planned = EndKind.UNPLANNED, EndKind.PLANNED
    _placement(case, date(2025, 10, 15), date(2026, 1, 15), unplanned)  # exactly 3 months: counts
    _placement(case, date(2025, 10, 15), date(2026, 1, 16), unplanned)  # a day more: not
    _placement(case, date(2025, 12, 1), date(2025, 12, 31), unplanned)  # counts, in 2025
    _placement(case, date(2026, 2, 1), date(2026, 2, 20), planned)  # planned: not
    _placement(case, date(2026, 2, 1), date(2026, 2, 20), "")  # not recorded: not

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("mislukte_plaatsingen", "jaar", date(2025, 1, 1), team) == (1, 0)
    assert _figure("mislukte_plaatsingen", "jaar", date(2026, 1, 1), team) == (1, 0)
    assert _figure("mislukte_plaatsingen", "maand", date(2026, 1, 1), team) == (1, 0)
    assert _figure("mislukte_plaatsingen", "maand", date(2026, 2, 1), team) is None


def test_youths_with_three_changes_of_diagnosis_count_once_per_period(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2024, 1, 1))
    many, few = _youth(case), _youth(case)
    groups = DiagnosisGroup
    for day, group in (
        (date(2024, 3, 1), groups.ADHD),  # first diagnosis: no change
        (date(2024, 9, 1), groups.ADHD),  # the same again: no change
        (date(2025, 2, 1), groups.AUTISM),  # change 1
        (date(2025, 6, 1), groups.TRAUMA),  # change 2
        (date(2025, 12, 31), groups.ADHD),  # change 3: flagged, in 2025
        (date(2026, 1, 1), groups.AUTISM),  # change 4: flagged again, in 2026
        (date(2026, 1, 20), groups.CONDUCT),  # change 5: same month, same youth, once
    ):
        Event.objects.create(
            case=case, kind=EventKind.DIAGNOSIS, member=many, started_on=day, diagnosis=group
        )
    for day, group in ((date(2025, 1, 1), groups.ANXIETY), (date(2025, 2, 1), groups.MOOD)):
        Event.objects.create(
            case=case, kind=EventKind.DIAGNOSIS, member=few, started_on=day, diagnosis=group
        )

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("diagnosewisselingen", "jaar", date(2025, 1, 1), team) == (1, 0)
    assert _figure("diagnosewisselingen", "kwartaal", date(2025, 10, 1), team) == (1, 0)
    assert _figure("diagnosewisselingen", "maand", date(2026, 1, 1), team) == (1, 0)
    assert _figure("diagnosewisselingen", "jaar", date(2024, 1, 1), team) is None


def test_recurrence_follows_the_youth_to_another_team_within_twelve_months(world: World) -> None:
    first = Case.objects.create(
        team=world.team_a, opened_on=date(2024, 1, 1), closed_on=date(2025, 3, 31)
    )
    _youth(first, "P-ANNA")
    _youth(first, "P-BRAM")
    # The household moved: Anna's new case is with a team in another municipality, 365 days on.
    again = Case.objects.create(team=world.team_c, opened_on=date(2026, 3, 31))
    _youth(again, "P-ANNA")
    # Bram comes back a day later than twelve months.
    late = Case.objects.create(team=world.team_c, opened_on=date(2026, 4, 1))
    _youth(late, "P-BRAM")
    # A youth without a pseudonym cannot be recognised.
    Case.objects.create(team=world.team_c, opened_on=date(2026, 2, 1))

    facts.rebuild(today=TODAY)

    team_c = world.team_c.pk
    assert _figure("recidive", "jaar", date(2026, 1, 1), team_c) == (1, 3)
    assert _figure("recidive", "kwartaal", date(2026, 1, 1), team_c) == (1, 2)
    assert _figure("recidive", "kwartaal", date(2026, 4, 1), team_c) == (0, 1)
    assert _figure("recidive", "jaar", date(2024, 1, 1), world.team_a.pk) == (0, 1)


def test_incidents_count_on_their_day(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2025, 1, 1))
    youth = _youth(case)
    Event.objects.create(
        case=case,
        kind=EventKind.PLACEMENT,
        member=youth,
        started_on=date(2025, 2, 1),
        ended_on=date(2025, 12, 31),
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.VOLUNTARY,
        end_kind=EndKind.PLANNED,
    )
    for kind, day in (
        (EventKind.RETURN_HOME, date(2025, 12, 31)),
        (EventKind.REVICTIMISATION, date(2026, 1, 1)),
        (EventKind.REVICTIMISATION, date(2026, 2, 1)),
        (EventKind.RUNAWAY, date(2025, 6, 1)),
        (EventKind.SCHOOL_DROPOUT, date(2026, 3, 31)),
    ):
        Event.objects.create(case=case, kind=kind, member=youth, started_on=day)

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("thuisplaatsingen", "jaar", date(2025, 1, 1), team) == (1, 0)
    assert _figure("hervictimisatie", "kwartaal", date(2026, 1, 1), team) == (2, 0)
    assert _figure("hervictimisatie", "jaar", date(2025, 1, 1), team) is None
    assert _figure("weglopen", "maand", date(2025, 6, 1), team) == (1, 0)
    assert _figure("schooluitval", "kwartaal", date(2026, 1, 1), team) == (1, 0)
    assert _figure("mislukte_plaatsingen", "jaar", date(2025, 1, 1), team) is None
