"""The case page names the zero goals the case touches, counted as the figures count them, with
a link to each O-plaat; only those who work on the case see it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.test import Client

from conftest import World, log_in
from elkedagbeter.cases.models import (
    Case,
    Event,
    EventKind,
    HouseholdMember,
    Intervention,
    Involvement,
    MemberRole,
    Party,
)
from elkedagbeter.cases.overview import case_overview
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.indicators import facts

pytestmark = pytest.mark.django_db


def _event(case: Case, kind: str, day: date, **fields: object) -> Event:
    return Event.objects.create(case=case, kind=kind, started_on=day, **fields)


def _seclusion(case: Case, day: date) -> Event:
    return _event(case, EventKind.SECLUSION, day, duration_minutes=30, place="De Horst")


def _transfer(case: Case, day: date) -> Event:
    return _event(case, EventKind.TRANSFER, day, from_setting="Groep 1", to_setting="Groep 2")


def _page(world: World, persona: str, case: Case) -> str:
    client = log_in(Client(), world.user(persona))
    response = client.get(f"/casussen/{case.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_seclusion_and_a_third_transfer_show_their_zero_goals(world: World) -> None:
    case = world.case_a
    _seclusion(case, date(2025, 3, 4))
    for day in (date(2025, 1, 10), date(2025, 4, 2), date(2025, 9, 30)):
        _transfer(case, day)

    page = _page(world, "professional", case)

    assert "Nuldoelen die deze casus raakt" in page
    assert "/beweging-van-0/nuldoelen/separaties/" in page
    assert "/beweging-van-0/nuldoelen/overplaatsingen/" in page
    assert "30 september 2025" in page  # the third transfer within twelve months
    assert "/beweging-van-0/nuldoelen/gesloten/" not in page


def test_two_transfers_in_a_year_touch_no_zero_goal(world: World) -> None:
    _transfer(world.case_a, date(2025, 1, 10))
    _transfer(world.case_a, date(2025, 4, 2))
    _transfer(world.case_a, date(2026, 6, 1))  # more than twelve months after the first

    page = _page(world, "coordinator", world.case_a)

    assert "/beweging-van-0/nuldoelen/overplaatsingen/" not in page
    assert "Deze casus raakt tot nu toe geen van de nuldoelen." in page


def test_the_expert_team_of_an_escalated_case_sees_them_too(world: World) -> None:
    _seclusion(world.case_escalated, date(2025, 5, 1))
    client = log_in(Client(), world.user("expert"))
    url = f"/casussen/{world.case_escalated.reference}/"
    response = client.get(url)
    if response.status_code == 302:  # the expert states a reason first
        client.post(response["Location"], {"reason": "Bespreking in het expertteam"})
        response = client.get(url)
    assert "/beweging-van-0/nuldoelen/separaties/" in response.content.decode()


def test_the_case_page_rows_give_the_zero_goals_what_their_own_reads_give(world: World) -> None:
    """The case page hands its overview to the zero goals' part so that events, youths,
    interventions and involvements are not read twice: what the indicators then see of the case
    must be exactly what they see when they read the case themselves."""
    case, earlier = (
        world.case_a,
        CaseFactory(team=world.team_a, opened_on=date(2023, 9, 1), closed_on=date(2024, 5, 1)),
    )
    youth = HouseholdMember.objects.create(
        case=case, role=MemberRole.YOUTH, birth_year=2010, pseudonym="p-1"
    )
    HouseholdMember.objects.create(case=case, role=MemberRole.PARENT, birth_year=1980)
    HouseholdMember.objects.create(
        case=earlier, role=MemberRole.YOUTH, birth_year=2010, pseudonym="p-1"
    )
    _event(
        case,
        EventKind.SECLUSION,
        date(2025, 3, 4),
        duration_minutes=30,
        place="De Horst",
        member=youth,
    )
    _event(case, EventKind.CRISIS, date(2025, 1, 2), member=youth)
    _event(case, EventKind.CRISIS, date(2025, 1, 2))  # same day: recorded order decides
    _transfer(case, date(2024, 11, 30))
    Intervention.objects.create(case=case, description="Gezinscoach", started_on=date(2025, 2, 1))
    for party, started in ((Party.SCHOOL, date(2025, 1, 5)), (Party.GP, date(2024, 12, 1))):
        Involvement.objects.create(
            case=case, party=party, description=" Huisarts Oost ", started_on=started
        )

    overview = case_overview(case, world.user("professional").pk, show_emergency=False)
    given, read = facts.case_data(case, overview), facts.case_data(case)

    assert given.events and given.youth_ids and given.earlier_closings == [date(2024, 5, 1)]
    assert len(given.parties) == 2 and given.intervention_starts == [date(2025, 2, 1)]
    assert given == replace(read, parties=sorted(read.parties, key=given.parties.index))
