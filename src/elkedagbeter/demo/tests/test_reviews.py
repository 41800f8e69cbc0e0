"""The demo's closed round tells the seed study's story in its findings."""

from __future__ import annotations

from conftest import World
from elkedagbeter.demo.reviews import load_demo_reviews
from elkedagbeter.reviews.findings import build
from elkedagbeter.reviews.models import ReviewRound, RoundStatus
from elkedagbeter.reviews.selectors import View
from elkedagbeter.reviews.tests.factories import number, second_expert, yes_no
from elkedagbeter.reviews.tests.test_access import _placed_case


def test_demo_rounds_echo_the_seed_study_and_load_once(world: World) -> None:
    reviewers = [world.user("expert"), second_expert(world.expert_team)]
    _placed_case(world.team_a)
    for _ in range(2):
        load_demo_reviews(
            world.expert_team,
            reviewers,
            consenting=world.team_a,
            coordinator=world.user("coordinator"),
        )
    closed, running = ReviewRound.objects.order_by("created_at")
    assert ReviewRound.objects.count() == 2
    findings = build(closed, View.FULL)
    assert (findings.dossiers.value, findings.complete.value, findings.open_work) == (32, 32, 0)
    assert yes_no(findings, "verklarende_analyse").yes.value == 1
    assert number(findings, "therapievormen").total.value == 24
    assert number(findings, "therapievormen").dossiers_with_any.value == 19
    assert number(findings, "therapievormen_passend").total.value == 4
    assert yes_no(findings, "gezin_betrokken").yes.value == 7
    assert findings.longest is not None and findings.longest[1].placements == 11
    assert closed.shared and closed.status == RoundStatus.CLOSED
    assert running.status == RoundStatus.REVIEWING
    consent = running.dossiers.get().consent
    assert consent is not None and consent.given_by == world.user("coordinator")
