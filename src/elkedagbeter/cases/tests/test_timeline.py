"""The rules a case's timeline obeys: in the validation (with Dutch messages per field) and, where
a rule needs no other rows or today's date, in the database itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from conftest import World
from elkedagbeter.cases.models import (
    Event,
    EventKind,
    HouseholdMember,
    LegalBasis,
    MemberRole,
    ResidenceType,
)
from elkedagbeter.cases.timeline import event_errors

TODAY = date(2026, 11, 23)


def _placement(start: date, end: date | None, member_id: int = 1, pk: int | None = None) -> Event:
    return Event(
        pk=pk,
        kind=EventKind.PLACEMENT,
        member_id=member_id,
        started_on=start,
        ended_on=end,
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.VOLUNTARY,
    )


days = st.integers(min_value=0, max_value=400)


@given(first_start=days, first_length=st.none() | days, second_start=days, second_length=days)
def test_two_placements_of_one_youth_clash_exactly_when_they_overlap(
    first_start: int, first_length: int | None, second_start: int, second_length: int
) -> None:
    origin = TODAY - timedelta(days=900)
    first_end = None if first_length is None else first_start + first_length
    existing = _placement(
        origin + timedelta(days=first_start),
        None if first_end is None else origin + timedelta(days=first_end),
        pk=1,
    )
    new = _placement(
        origin + timedelta(days=second_start),
        origin + timedelta(days=second_start + second_length),
    )
    overlap = second_start <= (first_end if first_end is not None else 10**6) and (
        first_start <= second_start + second_length
    )

    errors = event_errors(new, TODAY, [existing])

    assert ("started_on" in errors) == overlap
    # Another youth's placement never clashes.
    assert "started_on" not in event_errors(new, TODAY, [_placement(existing.started_on, None, 2)])


@given(offset=st.integers(min_value=-30, max_value=30))
def test_events_cannot_lie_in_the_future(offset: int) -> None:
    event = Event(kind=EventKind.CRISIS, started_on=TODAY + timedelta(days=offset))

    assert ("started_on" in event_errors(event, TODAY, [])) == (offset > 0)


@pytest.mark.parametrize(
    ("event", "fields"),
    [
        (Event(kind=EventKind.PLACEMENT, started_on=TODAY), {"residence_type", "member"}),
        (
            Event(
                kind=EventKind.PLACEMENT,
                member_id=1,
                started_on=TODAY,
                residence_type=ResidenceType.CLOSED,
                legal_basis=LegalBasis.VOLUNTARY,
            ),
            {"legal_basis"},
        ),
        (Event(kind=EventKind.SECLUSION, started_on=TODAY), {"duration_minutes", "place"}),
        (Event(kind=EventKind.TRANSFER, started_on=TODAY), {"from_setting", "to_setting"}),
        (
            Event(kind=EventKind.CRISIS, started_on=TODAY, ended_on=TODAY - timedelta(days=1)),
            {"ended_on"},
        ),
    ],
)
def test_each_broken_rule_names_its_field(event: Event, fields: set[str]) -> None:
    assert set(event_errors(event, TODAY, [])) == fields


def _row(world: World, **fields: object) -> None:
    youth = HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2012
    )
    values = {"case": world.case_a, "member": youth, "started_on": TODAY, **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(**values)


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"kind": EventKind.PLACEMENT},
        {"kind": EventKind.PLACEMENT, "residence_type": ResidenceType.CLOSED},
        {"kind": EventKind.SECLUSION, "place": "afzonderingsruimte"},
        {"kind": EventKind.SECLUSION, "duration_minutes": 30},
        {"kind": EventKind.TRANSFER, "from_setting": "groep A"},
        {"kind": EventKind.CRISIS, "ended_on": TODAY - timedelta(days=1)},
    ],
    ids=[
        "placement without type",
        "closed placement without legal basis",
        "seclusion without duration",
        "seclusion without place",
        "transfer without destination",
        "end before start",
    ],
)
def test_the_database_refuses_what_the_rules_forbid(
    world: World, fields: dict[str, object]
) -> None:
    _row(world, **fields)
