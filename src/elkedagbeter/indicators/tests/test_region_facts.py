"""The country's figures come from the regions' totals (``RegionFact``), built with the facts:
they must show exactly what adding up every team's facts showed, and follow a commit."""

from __future__ import annotations

import threading
from contextlib import suppress
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from conftest import World, postgres_only
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.indicators import facts, protection, region_facts, selectors
from elkedagbeter.indicators.models import IndicatorFact, RegionFact
from elkedagbeter.indicators.periods import Period, PeriodKind
from elkedagbeter.indicators.places import COUNTRY, Place
from elkedagbeter.indicators.selectors import IndicatorView, indicator_views
from elkedagbeter.indicators.tests.helpers import record_seclusions

pytestmark = pytest.mark.postgres

SECLUSIONS = "separaties"


def _country(kind: PeriodKind, day: date) -> list[IndicatorView]:
    return indicator_views(COUNTRY, kind, Period.containing(kind, day))


def _summing_every_team(place: Place) -> object:
    """How the country's figures were read before the regions' totals: every team's facts."""
    return IndicatorFact.objects.filter(place.fact_filter())


def _region_rows() -> dict[tuple[object, ...], tuple[int, int, int]]:
    return {
        (r.indicator, r.period_kind, r.period_start, r.region_id): (
            r.pk,
            r.numerator,
            r.denominator,
        )
        for r in RegionFact.objects.all()
    }


def _sums_of_the_facts() -> dict[tuple[object, ...], tuple[int, int]]:
    rows = IndicatorFact.objects.values("indicator", "period_kind", "period_start", "region_id")
    return {
        (row["indicator"], row["period_kind"], row["period_start"], row["region_id"]): (
            row["n"],
            row["d"],
        )
        for row in rows.annotate(n=Sum("numerator"), d=Sum("denominator"))
    }


@pytest.mark.django_db
def test_the_country_shows_what_every_team_s_facts_add_up_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    call_command("generate_synthetic", preset="small", regions=2, cases=64, no_figures=True)
    # The whole table's protection (20 s for these 64 teams) gives both ways of reading the
    # same hidden cells; without it every sum is shown, which is the stricter comparison.
    monkeypatch.setattr(protection, "protect", lambda *args, **kwargs: 0)
    facts.rebuild()
    today = timezone.localdate()
    from_regions = {kind: _country(kind, today) for kind in PeriodKind}

    monkeypatch.setattr(selectors, "_facts", _summing_every_team)
    from_teams = {kind: _country(kind, today) for kind in PeriodKind}

    assert from_regions == from_teams
    quarters = from_regions[PeriodKind.QUARTER]
    shown = [figure for view in quarters for _period, figure in view.series]
    shown += [row.figure for view in quarters for row in view.parts]
    assert sum(1 for figure in shown if figure.value) > 20  # figures, not only empty cells
    assert len(from_regions[PeriodKind.QUARTER][0].parts) == 2


@pytest.mark.django_db
def test_the_regions_totals_are_the_sums_of_their_teams_facts(world: World) -> None:
    today = timezone.localdate()
    for team in (world.team_a, world.team_c, world.team_d):
        record_seclusions(CaseFactory(team=team), 3, today)
    facts.rebuild()

    expected = _sums_of_the_facts()
    assert {key: value[1:] for key, value in _region_rows().items()} == expected
    quarter = Period.containing(PeriodKind.QUARTER, today).start
    assert expected[(SECLUSIONS, "kwartaal", quarter, world.north.pk)][0] == 6


@pytest.mark.django_db(transaction=True)  # the regions' totals follow a change once committed
def test_a_commit_changes_the_country_s_figures_in_its_own_region_and_periods(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = timezone.localdate()
    record_seclusions(world.case_a, 6, today)
    record_seclusions(world.case_b, 6, today)
    in_zuid = CaseFactory(team=world.team_d)
    facts.rebuild()
    before = _region_rows()

    def seclusions() -> object:
        views = _country(PeriodKind.QUARTER, today)
        return next(v for v in views if v.indicator.code == SECLUSIONS).current.value

    assert seclusions() == 12

    record_seclusions(in_zuid, 7, today)  # each event is committed at once

    assert seclusions() == 19
    from_regions = {kind: _country(kind, today) for kind in PeriodKind}
    monkeypatch.setattr(selectors, "_facts", _summing_every_team)
    assert from_regions == {kind: _country(kind, today) for kind in PeriodKind}
    # Only Zuid's rows in the periods of the change were written again.
    after = _region_rows()
    written = {key for key, row in after.items() if before.get(key, (None,))[0] != row[0]}
    assert {key[3] for key in written} == {world.south.pk}
    assert {key[2] for key in written} == {Period.containing(k, today).start for k in PeriodKind}
    assert {key: after[key] for key in before if key not in written} == {
        key: row for key, row in before.items() if key not in written
    }


@postgres_only("row locks are PostgreSQL's; SQLite has one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_two_commits_in_one_region_at_the_same_moment_add_up_both(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two teams of Noord refreshed at once, each in its own transaction: the second waits for
    the first, so Noord's totals hold both (without the lock: a duplicate row, or the second
    summing the first's old facts)."""
    today = timezone.localdate()
    record_seclusions(world.case_a, 6, today)
    record_seclusions(CaseFactory(team=world.team_c), 6, today)
    teams = [world.team_a.pk, world.team_c.pk]
    IndicatorFact.objects.filter(team_id__in=teams, indicator=SECLUSIONS).update(numerator=0)
    both_built = threading.Barrier(2, timeout=2)
    lock = region_facts._lock

    def wait_for_the_other_then_lock(region_ids: set[int] | None) -> None:
        with suppress(threading.BrokenBarrierError):
            both_built.wait()
        lock(region_ids)

    monkeypatch.setattr(region_facts, "_lock", wait_for_the_other_then_lock)
    errors: list[Exception] = []

    def refresh(team_id: int) -> None:
        try:
            facts.rebuild([team_id])
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=refresh, args=(team,)) for team in teams]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert {key: row[1:] for key, row in _region_rows().items()} == _sums_of_the_facts()
    quarter = Period.containing(PeriodKind.QUARTER, today).start
    assert _sums_of_the_facts()[(SECLUSIONS, "kwartaal", quarter, world.north.pk)] == (12, 0)
