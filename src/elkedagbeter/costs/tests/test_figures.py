"""Cost figures against sums computed by hand, and the suppression of small counts."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import World
from elkedagbeter.cases.models import Case, EndKind, Event, EventKind, HouseholdMember, MemberRole
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.costs.figures import TOTAL, CostRow, cost_figures, days_cost, tariff_table
from elkedagbeter.costs.models import Arrangement, Tariff
from elkedagbeter.organisations.models import Team
from elkedagbeter.organisations.scoping import Area, aggregate_area

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def _tariffs(world: World) -> None:
    north = world.north
    Tariff.objects.create(
        region=north, key="12", amount_cents=10000, valid_from=date(2025, 1, 1),
        valid_to=date(2025, 12, 31),
    )  # fmt: skip
    Tariff.objects.create(region=north, key="12", amount_cents=11000, valid_from=date(2026, 1, 1))
    Tariff.objects.create(region=north, key="13", amount_cents=50000, valid_from=date(2025, 1, 1))
    Tariff.objects.create(
        region=north, key="licht", amount_cents=150000, valid_from=date(2025, 1, 1)
    )
    Tariff.objects.create(
        region=north, key="zwaar", amount_cents=600000, valid_from=date(2025, 1, 1)
    )
    # Another region's tariff is never applied to the north.
    Tariff.objects.create(
        region=world.south, key="12", amount_cents=99999, valid_from=date(2025, 1, 1)
    )


def _placement(case: Case, key: str, start: date, end: date | None, end_kind: str = "") -> None:
    youth = HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=2012)
    Event.objects.create(
        case=case,
        kind=EventKind.PLACEMENT,
        member=youth,
        started_on=start,
        ended_on=end,
        residence_type=key,
        legal_basis="71" if key == "13" else "vrijwillig",
        end_kind=end_kind if end else "",
    )


def _cases(team: Team, count: int, level: str, agreed_on: date) -> list[Case]:
    cases = [CaseFactory(team=team) for _ in range(count)]
    for case in cases:
        Arrangement.objects.create(case=case, level=level, agreed_on=agreed_on)
    return cases


def _data(world: World, *, broken_off: int = 1) -> None:
    """Hand-computed, 2025 in the north:
    team A (Aa): 5 light arrangements, 5 x 1500 = 7500 euro, and one of them a family-home
      placement 22 Dec 2025 - 10 Jan 2026: 10 days x 100 = 1000 euro in 2025 (10 x 110 in 2026);
    team B (Aa): 5 heavy arrangements, 5 x 6000 = 30000 euro, ``broken_off`` of them broken off;
    team C (Bee): a closed placement 1-28 Feb 2025, unplanned (failed): 28 x 500 = 14000 euro,
      and a family-home placement from 1 Nov 2025, no end: 61 x 100 = 6100 euro.
    Total 12 trajectories, 58600 euro. Team D (south) has a light arrangement without a tariff.
    """
    _tariffs(world)
    Case.objects.all().delete()
    team_a_cases = _cases(world.team_a, 5, "licht", date(2025, 3, 1))
    _placement(team_a_cases[0], "12", date(2025, 12, 22), date(2026, 1, 10), EndKind.PLANNED)
    for case in _cases(world.team_b, 5, "zwaar", date(2025, 6, 1))[:broken_off]:
        Event.objects.create(case=case, kind=EventKind.BREAKDOWN, started_on=date(2025, 9, 1))
    closed, open_ended = CaseFactory(team=world.team_c), CaseFactory(team=world.team_c)
    _placement(closed, "13", date(2025, 2, 1), date(2025, 2, 28), EndKind.UNPLANNED)
    _placement(open_ended, "12", date(2025, 11, 1), None)
    _cases(world.team_d, 1, "licht", date(2025, 3, 1))


def _row(rows: list[CostRow], key: str | int) -> CostRow:
    return next(row for row in rows if row.key == str(key))


def test_days_are_priced_at_the_tariff_valid_on_each_day(world: World) -> None:
    _tariffs(world)
    tariffs = tariff_table([world.north.pk])[(world.north.pk, "12")]
    assert days_cost(tariffs, date(2025, 12, 22), date(2026, 1, 10)) == 10 * 10000 + 10 * 11000
    # A day no tariff covers costs nothing.
    assert days_cost(tariffs, date(2024, 12, 31), date(2025, 1, 1)) == 10000


def test_spending_per_team_municipality_and_area_against_hand_computed_sums(
    world: World,
) -> None:
    _data(world)
    figures = cost_figures(aggregate_area(world.user("analyst")), 2025, TODAY)

    total = _row(figures.by_team, TOTAL)
    assert total.trajectories.value == 12
    assert total.spending_cents == 5_860_000
    assert total.mean_cents == round(5_860_000 / 12)

    team_c = _row(figures.by_team, world.team_c.pk)
    assert team_c.trajectories.reason == "small"
    assert team_c.spending_cents is None and team_c.mean_cents is None
    # C alone hidden would be the total minus A and B: one of them is hidden as well.
    team_a, team_b = _row(figures.by_team, world.team_a.pk), _row(figures.by_team, world.team_b.pk)
    assert [team_a.trajectories.reason, team_b.trajectories.reason].count("secondary") == 1
    shown = team_a if team_b.spending_cents is None else team_b
    assert shown.spending_cents in {750_000 + 100_000, 3_000_000}
    if shown is team_b:
        assert shown.mean_cents == 600_000
    else:
        assert shown.mean_cents == 170_000

    # Aa has 10 trajectories but Bee only 2: both hidden, the total shown.
    assert _row(figures.by_municipality, world.team_c.municipality_id).trajectories.reason == (
        "small"
    )
    assert _row(figures.by_municipality, world.team_a.municipality_id).spending_cents is None
    assert _row(figures.by_municipality, TOTAL).spending_cents == 5_860_000

    at_home = _row(figures.by_area, "thuis")
    assert (at_home.trajectories.value, at_home.spending_cents) == (10, 3_750_000)
    assert _row(figures.by_area, "gesloten").spending_cents is None  # one trajectory
    assert _row(figures.by_area, "uithuisplaatsing").spending_cents is None  # two

    # One broken-off and one failed trajectory: counted, never shown.
    assert figures.broken_off.trajectories.reason == "small"
    assert figures.broken_off.spending_cents is None
    assert figures.failed.trajectories.reason == "small"


def test_the_cost_of_broken_off_trajectories_from_five(world: World) -> None:
    _data(world, broken_off=5)
    figures = cost_figures(aggregate_area(world.user("analyst")), 2025, TODAY)
    assert figures.broken_off.trajectories.value == 5
    assert figures.broken_off.spending_cents == 3_000_000
    assert figures.broken_off.mean_cents == 600_000


def test_a_placement_across_the_year_counts_its_days_in_each_year(world: World) -> None:
    _data(world)
    figures = cost_figures(Area(region_ids=frozenset({world.north.pk})), 2026, TODAY)
    # 2026: only the placement of team A (10 x 110 euro) and team C's open placement from
    # 1 Jan to today, 181 days x 110 euro: two trajectories, so nothing is shown.
    total = _row(figures.by_team, TOTAL)
    assert total.trajectories.reason == "small"
    assert total.spending_cents is None


def test_the_2026_sum_when_shown(world: World) -> None:
    _data(world)
    for case in [CaseFactory(team=world.team_c) for _ in range(3)]:
        _placement(case, "12", date(2026, 6, 1), date(2026, 6, 30), EndKind.PLANNED)
    figures = cost_figures(Area(region_ids=frozenset({world.north.pk})), 2026, TODAY)
    total = _row(figures.by_team, TOTAL)
    assert total.trajectories.value == 5
    assert total.spending_cents == 10 * 11000 + 181 * 11000 + 3 * 30 * 11000


def test_a_region_sees_only_its_own_trajectories(world: World) -> None:
    _data(world)
    south = cost_figures(Area(region_ids=frozenset({world.south.pk})), 2025, TODAY)
    # Team D's arrangement has no tariff in the south: nothing was spent.
    assert _row(south.by_team, TOTAL).trajectories.value == 0
    assert _row(south.by_team, TOTAL).spending_cents == 0
