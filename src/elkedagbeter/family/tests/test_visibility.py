"""The written rule (docs/family.md, enforced in ``visibility``): from 16 a young person decides
about their own part; from 12 to 16 both the young person and the parents see it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.attention.models import Agreement, CaseConference
from elkedagbeter.cases.models import AgeBand, Event, EventKind, HouseholdMember, MemberRole

from ..models import FamilyAccess, FamilyKind, TeamContact
from ..selectors import family_page
from ..visibility import age_of, parents_see_youth_part, viewer_for
from ..words import everyday
from .factories import Household, family_account, family_client, household

TODAY = date(2026, 6, 1)


def _member(world: World, **fields: object) -> HouseholdMember:
    return HouseholdMember.objects.create(case=world.case_a, role=MemberRole.YOUTH, **fields)


@pytest.mark.parametrize(
    ("age", "shares", "parents_see"),
    [(11, False, True), (12, False, True), (15, False, True), (16, False, False), (17, True, True)],
)
def test_the_age_rule_for_one_young_person(
    world: World, age: int, shares: bool, parents_see: bool
) -> None:
    youth = _member(world, birth_year=TODAY.year - age)
    assert parents_see_youth_part(youth, shares, today=TODAY) is parents_see


def test_only_an_age_band_counts_as_deciding_for_themselves(world: World) -> None:
    youth = _member(world, age_band=AgeBand.TEENAGER)
    assert age_of(youth, TODAY) == 16
    assert not parents_see_youth_part(youth, False, today=TODAY)


def _accounts(world: World) -> tuple[Household, FamilyAccess, FamilyAccess, FamilyAccess]:
    prof = world.user("professional")
    home = household(world.case_a, prof)
    parent = family_account(prof, world.case_a, home.parent, FamilyKind.PARENT, "ouder")
    teen = family_account(prof, world.case_a, home.teen, FamilyKind.YOUTH, "jongere14")
    older = family_account(prof, world.case_a, home.older, FamilyKind.YOUTH, "jongere17")
    return home, parent, teen, older


def test_who_sees_whose_part(world: World) -> None:
    home, parent, teen, older = _accounts(world)
    of_parent, of_teen, of_older = viewer_for(parent), viewer_for(teen), viewer_for(older)
    assert of_parent.sees_member(None) and of_teen.sees_member(None)  # the household's part
    assert of_parent.sees_member(home.teen.pk)  # 14: parents see it
    assert not of_parent.sees_member(home.older.pk)  # 17: the young person decides
    assert of_teen.sees_member(home.teen.pk) and not of_teen.sees_member(home.older.pk)
    assert of_older.sees_member(home.older.pk) and not of_older.sees_member(home.teen.pk)
    older.shares_with_parents = True
    older.save()
    assert viewer_for(parent).sees_member(home.older.pk)


def test_the_timeline_follows_the_rule(world: World) -> None:
    home, parent, teen, older = _accounts(world)
    day = timezone.localdate()
    Event.objects.create(
        case=world.case_a, member=home.teen, kind=EventKind.RUNAWAY, started_on=day
    )
    Event.objects.create(
        case=world.case_a, member=home.older, kind=EventKind.SCHOOL_DROPOUT, started_on=day
    )
    ran, stopped = str(everyday(EventKind.RUNAWAY)), str(everyday(EventKind.SCHOOL_DROPOUT))
    assert [line.text for line in family_page(parent).timeline] == [ran]
    assert [line.text for line in family_page(teen).timeline] == [ran]
    assert [line.text for line in family_page(older).timeline] == [stopped]


def test_a_young_person_under_16_cannot_hide_their_part(world: World) -> None:
    _home, _parent, teen, older = _accounts(world)
    response = family_client(teen).post(reverse("family:sharing"), {"shares": ""})
    assert response.status_code == 200 and not response.context["decides"]
    response = family_client(older).post(reverse("family:sharing"), {"shares": "on"})
    assert response.status_code == 302
    older.refresh_from_db()
    assert older.shares_with_parents


def test_the_page_shows_plan_contact_meetings_and_agreements(world: World) -> None:
    home, parent, _teen, _older = _accounts(world)
    TeamContact.objects.create(
        case=world.case_a, display_name="Wijkcoach Jip", role="casusregisseur"
    )
    today = timezone.localdate()
    CaseConference.objects.create(
        case=world.case_a,
        held_on=today + timedelta(days=7),
        question="Hoe verder met school?",
        participants="Wijkteam",
    )
    earlier = CaseConference.objects.create(
        case=world.case_a,
        held_on=today - timedelta(days=7),
        question="Wie helpt thuis?",
        participants="Wijkteam",
    )
    Agreement.objects.create(
        conference=earlier, what="Elke week een gesprek", who="Wijkteam", due_on=today
    )
    response = family_client(parent).get(reverse("family:home"))
    page = response.content.decode()
    for text in (
        home.goal.text,
        home.plan.text,
        "Wijkcoach Jip",
        "casusregisseur",
        "Hoe verder met school?",
        "Wie helpt thuis?",
        "Elke week een gesprek",
    ):
        assert text in page, text
