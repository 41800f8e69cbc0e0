"""The scoping selectors every later query uses: who sees which cases and which area."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from conftest import World
from elkedagbeter.accounts.tests.factories import UserFactory
from elkedagbeter.cases.models import Case
from elkedagbeter.cases.selectors import case_grant, cases_visible_to, open_case_counts_by_team
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.organisations.models import Membership, Role, Team, TeamType
from elkedagbeter.organisations.scoping import (
    administered_area,
    aggregate_area,
    forget_memberships,
    needs_second_factor,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _references(world: World, persona: str) -> set[str]:
    return set(cases_visible_to(world.user(persona)).values_list("reference", flat=True))


def test_case_workers_see_their_own_teams_and_escalated_cases(world: World) -> None:
    a, b, escalated = world.case_a, world.case_b, world.case_escalated

    assert _references(world, "professional") == {a.reference}
    assert _references(world, "coordinator") == {a.reference}
    assert _references(world, "outsider") == {b.reference, escalated.reference}
    assert _references(world, "expert") == {escalated.reference}


@pytest.mark.parametrize("persona", ["analyst", "viewer", "admin"])
def test_aggregate_and_admin_roles_see_no_single_case(world: World, persona: str) -> None:
    assert _references(world, persona) == set()
    assert case_grant(world.user(persona), world.case_a) is None


def test_a_professional_in_two_teams_sees_both(world: World) -> None:
    user = world.user("professional")
    Membership.objects.create(user=user, role=Role.PROFESSIONAL, team=world.team_c)
    case_c = CaseFactory(team=world.team_c)
    forget_memberships(user)

    assert _references(world, "professional") == {world.case_a.reference, case_c.reference}


def test_areas_follow_the_hierarchy(world: World) -> None:
    north_teams = {world.team_a, world.team_b, world.team_c, world.expert_team}

    assert set(aggregate_area(world.user("analyst")).teams()) == north_teams
    assert aggregate_area(world.user("viewer")).national
    assert set(aggregate_area(world.user("coordinator")).teams()) == {world.team_a}
    assert aggregate_area(world.user("professional")).is_empty
    assert set(administered_area(world.user("admin")).teams()) == north_teams
    assert administered_area(world.user("analyst")).is_empty


def test_open_case_counts_stay_inside_the_area(world: World) -> None:
    CaseFactory(team=world.team_d)

    counts = open_case_counts_by_team(aggregate_area(world.user("analyst")))

    assert counts == {world.team_a.pk: 1, world.team_b.pk: 2}
    assert world.team_d.pk not in counts


def test_second_factor_follows_the_role(world: World) -> None:
    needs = {persona: needs_second_factor(user) for persona, user in world.users.items()}

    assert needs == {
        "professional": True,
        "coordinator": True,
        "outsider": True,
        "expert": True,
        "analyst": False,
        "viewer": False,
        "admin": True,
    }


@pytest.mark.parametrize(
    "scope",
    [
        {"team": "team_a", "region": "north"},  # a team role with a region too
        {"region": "north"},  # a team role without a team
    ],
)
def test_the_database_refuses_memberships_that_do_not_fit_the_role(
    world: World, scope: dict[str, str]
) -> None:
    values = {field: getattr(world, attribute) for field, attribute in scope.items()}
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), role=Role.PROFESSIONAL, **values)


def test_the_database_refuses_a_neighbourhood_team_without_municipality(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(
            name="Zwevend team", team_type=TeamType.NEIGHBOURHOOD, region=world.north
        )


def test_the_database_refuses_a_case_closed_before_it_opened(world: World) -> None:
    case = world.case_a
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(closed_on=case.opened_on.replace(year=2000))
