"""Wie is ervan? Routing by ordered rules, the fallback to the region's coordinator, and the
response deadline a bottleneck lands with."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from elkedagbeter.bottlenecks import actions, routing
from elkedagbeter.bottlenecks.models import (
    Category,
    DayKind,
    Level,
    ResponseNorm,
    ResponsibleBody,
    Status,
)

from .conftest import Routed
from .factories import BodyFactory, RuleFactory

pytestmark = pytest.mark.postgres  # locks, constraints and claims behave per database


def _raise(routed: Routed, category: str, level: str = "") -> actions.Draft:
    world = routed.world
    return actions.Draft(
        region=world.north,
        category=category,
        title="Knelpunt",
        level=level,
        municipality=world.team_a.municipality,
        team=world.team_a,
    )


def test_the_first_matching_rule_wins(routed: Routed) -> None:
    found = routing.route(routed.world.north, Category.FINANCING, Level.MUNICIPALITY)
    assert found.body == routed.municipal
    assert found.rule is not None and found.rule.position == 10
    assert not found.fell_back


def test_an_earlier_position_takes_precedence(routed: Routed) -> None:
    earlier: ResponsibleBody = BodyFactory(region=routed.world.north, name="Eerder")
    RuleFactory(position=5, body=earlier, category=Category.FINANCING)
    found = routing.route(routed.world.north, Category.FINANCING, Level.MUNICIPALITY)
    assert found.body == earlier


def test_inactive_rules_and_bodies_are_skipped(routed: Routed) -> None:
    first = BodyFactory(region=routed.world.north, name="Uit", is_active=False)
    RuleFactory(position=1, body=first, category=Category.FINANCING)
    RuleFactory(position=2, body=routed.regional, category=Category.FINANCING, is_active=False)
    found = routing.route(routed.world.north, Category.FINANCING, Level.MUNICIPALITY)
    assert found.body == routed.municipal


def test_another_regions_rule_does_not_match(routed: Routed) -> None:
    south_body = BodyFactory(region=routed.world.south, name="Zuid")
    RuleFactory(position=1, body=south_body, region=routed.world.south)
    assert routing.route(routed.world.north, Category.RULES, Level.REGION).body == routed.regional


def test_an_empty_criterion_matches_everything(routed: Routed) -> None:
    for category in Category:
        assert routing.route(routed.world.north, category, Level.REGION).body == routed.regional
    assert routing.route(routed.world.south, Category.WAITING, Level.NATIONAL).body == (
        routed.national
    )


def test_without_a_rule_it_goes_to_the_region_coordinator_and_says_so(routed: Routed) -> None:
    # Cooperation is solved at team level by default; there is no rule for that.
    bottleneck = actions.raise_bottleneck(
        routed.world.user("professional"), _raise(routed, Category.COOPERATION)
    )
    assert bottleneck.level == Level.TEAM
    assert bottleneck.body == routed.coordinator
    assert bottleneck.routed_by is None
    assert "Geen routeringsregel" in bottleneck.routing_note
    assert "Geen routeringsregel" in bottleneck.history.get().routing_note


def test_a_region_without_a_coordinator_gets_one_rather_than_losing_the_bottleneck(
    routed: Routed,
) -> None:
    found = routing.route(routed.world.south, Category.COOPERATION, Level.TEAM)
    assert found.fell_back
    assert found.body.is_region_coordinator and found.body.region == routed.world.south
    assert routing.route(routed.world.south, Category.RULES, Level.TEAM).body == found.body
    assert ResponsibleBody.objects.filter(region=routed.world.south).count() == 1


def test_the_reporter_may_choose_the_level(routed: Routed) -> None:
    bottleneck = actions.raise_bottleneck(
        routed.world.user("professional"), _raise(routed, Category.FINANCING, Level.REGION)
    )
    assert (bottleneck.level, bottleneck.body) == (Level.REGION, routed.regional)


def test_escalation_routes_to_the_next_level(routed: Routed) -> None:
    bottleneck = actions.raise_bottleneck(
        routed.world.user("professional"), _raise(routed, Category.FINANCING)
    )
    actions.transition(routed.handler, bottleneck, Status.ESCALATED, "Regionaal probleem")
    assert (bottleneck.level, bottleneck.body) == (Level.REGION, routed.regional)
    change = bottleneck.history.last()
    assert change is not None and change.body == routed.regional
    assert change.routing_note == "Routeringsregel 20"


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize(
    ("kind", "days", "raised", "due"),
    [
        # Thursday before Easter 2026: Good Friday counts, Easter Monday does not.
        (DayKind.WORKING, 3, date(2026, 4, 2), date(2026, 4, 8)),
        # Calendar days ending on Koningsdag (Monday 27 April 2026) run on to Tuesday.
        (DayKind.CALENDAR, 10, date(2026, 4, 17), date(2026, 4, 28)),
    ],
)
def test_the_deadline_follows_the_regions_norm(
    routed: Routed, monkeypatch: pytest.MonkeyPatch, kind: str, days: int, raised: date, due: date
) -> None:
    ResponseNorm.objects.create(
        region=routed.world.north, category=Category.FINANCING, response_days=days, day_kind=kind
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(raised))
    bottleneck = actions.raise_bottleneck(
        routed.world.user("professional"), _raise(routed, Category.FINANCING)
    )
    assert bottleneck.due_on == due


def test_without_a_norm_ten_working_days_and_no_answer_deadline(
    routed: Routed, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "now", lambda: _at(date(2025, 12, 19)))
    bottleneck = actions.raise_bottleneck(
        routed.world.user("professional"), _raise(routed, Category.FINANCING)
    )
    # Friday 19 December 2025 + 10 working days, past both Christmas days and New Year.
    assert bottleneck.due_on == date(2026, 1, 7)
    actions.transition(routed.handler, bottleneck, Status.IN_PROGRESS)
    assert bottleneck.due_on is None


def test_an_answer_norm_sets_a_deadline_once_taken_up(
    routed: Routed, monkeypatch: pytest.MonkeyPatch
) -> None:
    ResponseNorm.objects.create(
        region=routed.world.north, category=Category.FINANCING, response_days=5, answer_days=20
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(date(2026, 5, 4)))
    bottleneck = actions.raise_bottleneck(
        routed.world.user("professional"), _raise(routed, Category.FINANCING)
    )
    assert bottleneck.due_on == date(2026, 5, 12)  # skips 5 May
    actions.transition(routed.handler, bottleneck, Status.IN_PROGRESS)
    # 20 working days from Monday 4 May: skips 5 May, Ascension Day and Whit Monday.
    assert bottleneck.due_on == date(2026, 6, 4)


def test_a_rule_may_name_the_municipality(routed: Routed) -> None:
    world = routed.world
    bee = world.team_c.municipality
    bee_body: ResponsibleBody = BodyFactory(
        region=world.north, name="Gemeente Bee", municipality=bee
    )
    RuleFactory(position=1, body=bee_body, municipality=bee, level=Level.MUNICIPALITY)
    assert routing.route(world.north, Category.FINANCING, Level.MUNICIPALITY, bee).body == bee_body
    aa = world.team_a.municipality
    assert routing.route(world.north, Category.FINANCING, Level.MUNICIPALITY, aa).body == (
        routed.municipal
    )
    assert routing.route(world.north, Category.FINANCING, Level.MUNICIPALITY).body == (
        routed.municipal
    )


def test_a_region_has_one_coordinator(routed: Routed) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyFactory(region=routed.world.north, level=Level.REGION, is_region_coordinator=True)


def test_only_a_solved_bottleneck_can_be_published(routed: Routed) -> None:
    bottleneck = actions.raise_bottleneck(
        routed.world.user("professional"), _raise(routed, Category.FINANCING)
    )
    bottleneck.published_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        bottleneck.save()
