"""The demo's learning loop: signals → a routed knelpunt → a decision in Beekdal → an
initiative → an effect that is really in the generated cases, measured against the region's
other municipalities; and an initiative without one."""

from __future__ import annotations

import pytest
from django.utils import timezone

from elkedagbeter.bottlenecks.models import Bottleneck, PartnerRequest, PartnerStatus, Status
from elkedagbeter.demo import loop
from elkedagbeter.demo.region import load_demo_region
from elkedagbeter.indicators.effects import Verdict, measure_effect
from elkedagbeter.indicators.places import _municipality
from elkedagbeter.knowledge.models import ImprovementInitiative
from elkedagbeter.reviews.models import Conclusion, ConclusionZeroGoal
from elkedagbeter.stories.models import Pattern, PatternStatus, PatternZeroGoal

pytestmark = pytest.mark.django_db


def test_the_demo_shows_one_learning_loop() -> None:
    today = timezone.localdate()
    load_demo_region(today)  # what `manage.py load_demo` runs

    pattern = Pattern.objects.get(name=loop.PATTERN_NAME)
    assert pattern.status == PatternStatus.PUBLISHED
    assert PatternZeroGoal.objects.filter(pattern=pattern, zero_goal=loop.ZERO_GOAL).exists()

    knelpunt = Bottleneck.objects.get(title=loop.KNELPUNT_TITLE)
    conclusion = Conclusion.objects.get(bottleneck=knelpunt)
    assert ConclusionZeroGoal.objects.filter(conclusion=conclusion, zero_goal=loop.ZERO_GOAL)
    assert knelpunt.body.name == "Gemeente Beekdal, team Jeugd"  # routed by the rules
    assert knelpunt.status == Status.SOLVED
    decision = knelpunt.decision
    assert decision is not None
    assert decision.municipality is not None and decision.municipality.name == "Beekdal"
    assert decision.starts_on == loop.changed_on(today)
    assert sorted(decision.indicator_codes) == ["gehoord", "zonder_analyse"]

    initiative = ImprovementInitiative.objects.get(title=loop.INITIATIVE_TITLE)
    assert initiative.zero_goal == loop.ZERO_GOAL and initiative.decision is not None

    # Families in Beekdal feel heard more often, and the interval says it is not chance.
    effect = measure_effect(
        "gehoord", area=_municipality(decision.municipality), changed_on=decision.starts_on
    )
    assert effect.verdict == Verdict.IMPROVED, (effect.reason, effect.low, effect.high)
    assert effect.comparison_areas == 5
    assert effect.low is not None and effect.low > 0

    quiet = ImprovementInitiative.objects.get(title=loop.QUIET_TITLE).decision
    assert quiet is not None and quiet.municipality is not None
    quiet_effect = measure_effect(
        "overdrachten", area=_municipality(quiet.municipality), changed_on=quiet.starts_on
    )
    assert quiet_effect.verdict != Verdict.IMPROVED

    asked = PartnerRequest.objects.filter(zero_goal=loop.ZERO_GOAL)
    assert asked.filter(status=PartnerStatus.JOINED).exists()
    assert asked.filter(status=PartnerStatus.ASKED).exists()
