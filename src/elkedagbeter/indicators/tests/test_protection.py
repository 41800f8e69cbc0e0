"""Small numbers stay hidden across pages: whatever a reader collects from every page of the
dashboard, no hidden count can be worked out by subtraction."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from django.utils import timezone

from conftest import World
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import HiddenFigure
from elkedagbeter.indicators.periods import Period, PeriodKind
from elkedagbeter.indicators.places import COUNTRY, Place, children, place_from_slug
from elkedagbeter.indicators.selectors import indicator_views
from elkedagbeter.indicators.tests.helpers import record_seclusions
from elkedagbeter.organisations.models import Municipality, Region, Team

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

Cell = tuple[str, PeriodKind, date]  # place slug, period kind, period start
SECLUSIONS = "separaties"


def _places() -> list[Place]:
    found, todo = [], [COUNTRY]
    while todo:
        place = todo.pop()
        found.append(place)
        todo += children(place)
    # Teams outside the drill-down (an expert team) have a page of their own too.
    for team in Team.objects.all():
        place = place_from_slug(f"team-{team.pk}")
        if place is not None and place not in found:
            found.append(place)
    return found


def _periods(today: date) -> list[Period]:
    return [
        Period.containing(kind, date(year, month, 1))
        for kind in PeriodKind
        for year in (today.year - 1, today.year)
        for month in range(1, 13, kind.months)
        if date(year, month, 1) <= today
    ]


def _everything_shown(code: str, today: date) -> dict[Cell, int]:
    """Every count of ``code`` any page shows, for every place and every period one can pick."""
    shown: dict[Cell, int] = {}
    for place in _places():
        for last in _periods(today):
            view = next(
                v for v in indicator_views(place, last.kind, last) if v.indicator.code == code
            )
            rows = [(place, period, figure) for period, figure in view.series]
            rows += [(row.place, last, row.figure) for row in view.parts]
            for where, period, figure in rows:
                assert figure.count is not None
                if figure.count.value is not None:
                    shown[(where.slug, period.kind, period.start)] = figure.count.value
    return shown


def _sums(today: date) -> list[tuple[Cell, list[Cell]]]:
    """What a reader knows adds up: areas to their parts, quarters to months, years to
    quarters. Periods that have not begun are known to be zero, so they are left out."""
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
    for period in _periods(today):
        sums += [
            ((whole, period.kind, period.start), [(p, period.kind, period.start) for p in parts])
            for whole, parts in areas.items()
        ]
        begun = [p for p in period.parts() if p.start <= today]
        sums += [
            ((slug, period.kind, period.start), [(slug, p.kind, p.start) for p in begun])
            for slug in everywhere
            if begun
        ]
    return sums


def _recoverable(shown: dict[Cell, int], today: date) -> list[Cell]:
    """Hidden cells a reader can compute: the one unknown cell of a sum."""
    known = dict(shown)
    found = []
    changed = True
    while changed:  # a recovered cell may give away the next one
        changed = False
        for total, parts in _sums(today):
            unknown = [cell for cell in [total, *parts] if cell not in known]
            if len(unknown) != 1:
                continue
            cell = unknown[0]
            rest = sum(known[part] for part in parts if part != cell)
            known[cell] = rest if cell == total else known[total] - rest
            found.append(cell)
            changed = True
    return found


@pytest.fixture
def small_municipality(world: World) -> World:
    """Aa (teams A and B) has 10 + 6 seclusions this month, Bee (team C) 3: on the region's
    page Bee is "< 5" and Aa is hidden with it."""
    today = timezone.localdate()
    record_seclusions(world.case_a, 10, today)
    record_seclusions(world.case_b, 6, today)
    record_seclusions(CaseFactory(team=world.team_c), 3, today)
    facts.rebuild()
    return world


def test_a_figure_hidden_on_one_page_is_hidden_on_every_page(small_municipality: World) -> None:
    today = timezone.localdate()
    month = Period.containing(PeriodKind.MONTH, today)
    aa = place_from_slug(f"gemeente-{small_municipality.team_a.municipality_id}")
    region = place_from_slug(f"regio-{small_municipality.north.pk}")
    assert aa is not None and region is not None

    def figure(place: Place) -> str:
        view = next(
            v
            for v in indicator_views(place, PeriodKind.MONTH, month)
            if v.indicator.code == SECLUSIONS
        )
        return str(view.current)

    on_region_page = {
        row.place.name: str(row.figure)
        for v in indicator_views(region, PeriodKind.MONTH, month)
        if v.indicator.code == SECLUSIONS
        for row in v.parts
    }
    assert on_region_page == {"Aa": "\N{MULTIPLICATION SIGN}", "Bee": "< 5"}
    assert figure(aa) == "\N{MULTIPLICATION SIGN}"  # not 16: 19 - 16 would give Bee's 3 away
    assert figure(region) == "19"


@pytest.mark.parametrize("code", [SECLUSIONS, "jongeren_gesepareerd"])
def test_no_hidden_figure_can_be_worked_out_from_all_pages_together(
    small_municipality: World, code: str
) -> None:
    today = timezone.localdate()
    record_seclusions(
        CaseFactory(team=small_municipality.team_d), 2, today
    )  # region Zuid: small too
    facts.rebuild()

    shown = _everything_shown(code, today)

    assert _recoverable(shown, today) == []


def test_without_the_whole_table_s_protection_pages_give_each_other_away(
    small_municipality: World,
) -> None:
    # The reason protection.py exists: each page protected on its own is not enough.
    HiddenFigure.objects.all().delete()
    today = timezone.localdate()

    assert _recoverable(_everything_shown(SECLUSIONS, today), today) != []


@pytest.mark.django_db(transaction=True)  # figures follow a change once it is committed
def test_a_change_to_a_case_protects_the_figures_again(small_municipality: World) -> None:
    today = timezone.localdate()
    # Zuid becomes small: the country's page hides Noord with it, so must Noord's own page.
    record_seclusions(CaseFactory(team=small_municipality.team_d), 2, today)

    assert _recoverable(_everything_shown(SECLUSIONS, today), today) == []
