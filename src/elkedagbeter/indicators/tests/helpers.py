"""Building figures for the indicator tests."""

from __future__ import annotations

from datetime import date

from elkedagbeter.cases.models import Case, Event, EventKind, HouseholdMember, MemberRole


def record_seclusions(case: Case, count: int, day: date) -> None:
    """``count`` seclusions of one new youth of ``case`` on ``day``."""
    youth = HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=2010)
    for _ in range(count):
        Event.objects.create(
            case=case,
            kind=EventKind.SECLUSION,
            started_on=day,
            member=youth,
            duration_minutes=10,
            place="kamer",
        )
