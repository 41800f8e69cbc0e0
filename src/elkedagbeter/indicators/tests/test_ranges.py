"""Small numbers stay hidden when someone reasons with ranges (issue 23).

The attacker here is written independently of the product's protection: it reads every count
that any page shows, for every place and period, takes each "< 5" as 1 to 4 and each cross as
at least 0, writes down every sum a reader knows (an area is the sum of its parts, a year of its
quarters, a quarter of its months) and asks a linear program (scipy's ``linprog``) for the lowest
and highest value of each hidden cell."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import pytest
from django.db import transaction
from django.test.utils import override_settings
from scipy.optimize import linprog

from conftest import World
from elkedagbeter.cases.models import Case
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.indicators import facts, protection
from elkedagbeter.indicators.periods import Period, PeriodKind
from elkedagbeter.indicators.places import COUNTRY, Place, children, place_from_slug
from elkedagbeter.indicators.selectors import indicator_views
from elkedagbeter.indicators.tests.helpers import record_seclusions
from elkedagbeter.organisations.models import Municipality, Region, Team

pytestmark = pytest.mark.django_db

Cell = tuple[str, PeriodKind, date]  # place slug, period kind, period start
SECLUSIONS = "separaties"
YEAR = 2025
TODAY = date(YEAR + 1, 2, 15)


def _places() -> list[Place]:
    found, todo = [], [COUNTRY]
    while todo:
        place = todo.pop()
        found.append(place)
        todo += children(place)
    for team in Team.objects.all():  # an expert team has a page of its own
        place = place_from_slug(f"team-{team.pk}")
        if place is not None and place not in found:
            found.append(place)
    return found


def _periods() -> list[Period]:
    return [
        Period.containing(kind, date(year, month, 1))
        for kind in PeriodKind
        for year in (YEAR, YEAR + 1)
        for month in range(1, 13, kind.months)
        if date(year, month, 1) <= TODAY
    ]


def _read_every_page() -> dict[Cell, str]:
    """Every seclusion count as some page shows it, as text: "12", "0", "< 5" or a cross."""
    shown: dict[Cell, str] = {}
    for place in _places():
        for last in _periods():
            view = next(
                v for v in indicator_views(place, last.kind, last) if v.indicator.code == SECLUSIONS
            )
            rows = [(place, period, figure) for period, figure in view.series]
            rows += [(row.place, last, row.figure) for row in view.parts]
            for where, period, figure in rows:
                if period.start <= TODAY:
                    shown.setdefault((where.slug, period.kind, period.start), str(figure))
    return shown


def _sums() -> list[tuple[Cell, list[Cell]]]:
    areas: dict[str, list[str]] = defaultdict(list)
    for region in Region.objects.all():
        areas["land"].append(f"regio-{region.pk}")
    for municipality in Municipality.objects.all():
        areas[f"regio-{municipality.region_id}"].append(f"gemeente-{municipality.pk}")
    for team in Team.objects.all():
        whole = (
            f"gemeente-{team.municipality_id}"
            if team.municipality_id
            else f"regio-{team.region_id}"
        )
        areas[whole].append(f"team-{team.pk}")
    everywhere = list(areas) + [part for parts in areas.values() for part in parts]
    sums = []
    for period in _periods():
        sums += [
            ((whole, period.kind, period.start), [(p, period.kind, period.start) for p in parts])
            for whole, parts in areas.items()
        ]
        begun = [p for p in period.parts() if p.start <= TODAY]
        sums += [
            ((slug, period.kind, period.start), [(slug, p.kind, p.start) for p in begun])
            for slug in everywhere
            if begun
        ]
    return sums


def _attack(shown: dict[Cell, str]) -> dict[Cell, tuple[float, float]]:
    """The lowest and highest value of every hidden cell that the shown text and the sums
    allow."""
    sums = [(total, parts) for total, parts in _sums() if all(c in shown for c in [total, *parts])]
    cells = sorted(shown)
    index = {cell: i for i, cell in enumerate(cells)}
    bounds: list[tuple[float, float | None]] = []
    for cell in cells:
        text = shown[cell]
        if text == "< 5":
            bounds.append((1, 4))
        elif text == "\N{MULTIPLICATION SIGN}":
            bounds.append((0, None))
        else:
            bounds.append((int(text), int(text)))
    equations = [[0.0] * len(cells) for _ in sums]
    for row, (total, parts) in zip(equations, sums, strict=True):
        row[index[total]] = 1.0
        for part in parts:
            row[index[part]] -= 1.0
    ranges = {}
    for cell in cells:
        if bounds[index[cell]][0] == bounds[index[cell]][1]:
            continue
        ends = []
        for sign in (1.0, -1.0):
            objective = [0.0] * len(cells)
            objective[index[cell]] = sign
            result = linprog(
                objective, A_eq=equations, b_eq=[0.0] * len(sums), bounds=bounds, method="highs"
            )
            assert result.status in (0, 3), result.message
            ends.append(math.inf if result.status == 3 else float(result.x[index[cell]]))
        ranges[cell] = (ends[0], ends[1])
    return ranges


def _whole_numbers(low: float, high: float) -> float:
    if math.isinf(high):
        return math.inf
    return math.floor(high + 1e-6) - math.ceil(low - 1e-6) + 1


def _case(team: Team) -> Case:
    return CaseFactory(team=team, opened_on=date(YEAR, 1, 1))


@pytest.fixture
def small_region(world: World) -> World:
    """Wijkteam A (in Aa, with Wijkteam B) has 4 seclusions in each quarter of the year, all in
    the quarter's first month: "< 5" every quarter, 16 in the year. Subtraction recovers none of
    its quarters, but four cells of at most 4 that add up to 16 are all 4."""
    team_a, team_b = _case(world.team_a), _case(world.team_b)
    team_c, team_d = _case(world.team_c), _case(world.team_d)
    for month in (1, 4, 7, 10):
        record_seclusions(team_a, 4, date(YEAR, month, 10))
        record_seclusions(team_b, 20, date(YEAR, month, 10))
        record_seclusions(team_c, 9, date(YEAR, month, 12))
        record_seclusions(team_d, 12, date(YEAR, month, 14))
    return world


def _protect(*, ranges: bool) -> None:
    facts.rebuild(today=TODAY)  # protects too
    protection.protect(TODAY, ranges=ranges)


def test_protection_against_subtraction_alone_lets_ranges_pin_hidden_cells(
    small_region: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    _protect(ranges=False)
    shown = _read_every_page()

    ranges = _attack(shown)

    team_a = f"team-{small_region.team_a.pk}"
    quarters = [(team_a, PeriodKind.QUARTER, date(YEAR, m, 1)) for m in (1, 4, 7, 10)]
    assert [shown[q] for q in quarters] == ["< 5"] * 4
    assert shown[(team_a, PeriodKind.YEAR, date(YEAR, 1, 1))] == "16"
    assert [ranges[q] for q in quarters] == [pytest.approx((4.0, 4.0))] * 4


def test_no_hidden_cell_is_pinned_or_narrowed_below_three_values(
    small_region: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    _protect(ranges=True)
    shown = _read_every_page()

    ranges = _attack(shown)

    assert ranges  # there is something hidden to attack
    narrowed = {cell: r for cell, r in ranges.items() if _whole_numbers(*r) < 3}
    assert narrowed == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("protect_on_commit", [False, True])
def test_a_change_is_protected_against_ranges_when_it_commits(
    world: World, monkeypatch: pytest.MonkeyPatch, protect_on_commit: bool
) -> None:
    """The region is protected; then Wijkteam A records 4 seclusions in each quarter and
    commits. Only the refresh after that commit, which audits what the change can affect,
    protects it: without it each page protects itself against subtraction alone."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    with override_settings(INDICATORS_PROTECT_ON_COMMIT=False), transaction.atomic():
        for month in (1, 4, 7, 10):
            record_seclusions(_case(world.team_b), 20, date(YEAR, month, 10))
            record_seclusions(_case(world.team_c), 9, date(YEAR, month, 12))
            record_seclusions(_case(world.team_d), 12, date(YEAR, month, 14))
    _protect(ranges=True)
    case = _case(world.team_a)

    with override_settings(INDICATORS_PROTECT_ON_COMMIT=protect_on_commit), transaction.atomic():
        for month in (1, 4, 7, 10):
            record_seclusions(case, 4, date(YEAR, month, 10))

    shown = _read_every_page()
    narrowed = {cell: r for cell, r in _attack(shown).items() if _whole_numbers(*r) < 3}
    team_a = f"team-{world.team_a.pk}"
    assert shown[(team_a, PeriodKind.YEAR, date(YEAR, 1, 1))] == "16"  # the change is in
    if protect_on_commit:
        assert narrowed == {}
    else:
        assert (team_a, PeriodKind.QUARTER, date(YEAR, 1, 1)) in narrowed
