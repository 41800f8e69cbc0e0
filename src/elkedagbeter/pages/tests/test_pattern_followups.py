"""A knelpunt raised about a story pattern reaches the storyteller: the follow page shows it with
the body that holds the mandate and its status; its title and decision once it is published."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Status
from elkedagbeter.bottlenecks.tests.conftest import Routed
from elkedagbeter.indicators.decisions import DecisionInput, record_decision
from elkedagbeter.stories.follow import issue_follow_code
from elkedagbeter.stories.models import Pattern, PatternStatus, PatternStory, StoryStatus
from elkedagbeter.stories.tests.factories import told

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> None:
    cache.clear()


def _pattern_with_story() -> tuple[Pattern, str]:
    story = told(title="Niemand zag ons", status=StoryStatus.APPROVED)
    code = issue_follow_code(story)
    pattern = Pattern.objects.create(
        name="Niemand ziet ons", slug="niemand-ziet-ons", status=PatternStatus.PUBLISHED
    )
    PatternStory.objects.create(pattern=pattern, story=story)
    return pattern, code


def _raise_about(routed: Routed, pattern: Pattern) -> Bottleneck:
    client = log_in(Client(), routed.world.user("professional"))
    page = client.get(reverse("stories:public_pattern", args=[pattern.slug])).content.decode()
    assert f"patroon={pattern.pk}" in page
    query = f"?patroon={pattern.pk}&categorie={Category.FINANCING}"
    form = client.get(reverse("bottlenecks:new") + query).content.decode()
    assert f'name="pattern" value="{pattern.pk}"' in form
    client.post(
        reverse("bottlenecks:new") + query,
        {
            "category": Category.FINANCING,
            "title": "Gezinnen voelen zich niet gezien door de toegang",
            "description": "Zie het patroon.",
            "place": client.get(reverse("bottlenecks:new"))
            .context["form"]
            .fields["place"]
            .choices[0][0],
            "level": "",
            "age_band": "",
            "pattern": pattern.pk,
            "confirmed": "True",
        },
    )
    return Bottleneck.objects.get()


def test_the_storyteller_sees_the_knelpunt_raised_about_their_pattern(
    routed: Routed,
) -> None:
    pattern, code = _pattern_with_story()
    bottleneck = _raise_about(routed, pattern)

    page = Client().post("/verhalen/volgen/", {"code": code}).content.decode()

    assert bottleneck.from_pattern_id == pattern.pk
    assert "Een knelpunt over dit patroon" in page
    assert str(bottleneck.body) in page
    assert bottleneck.title not in page  # not published yet
    assert routed.world.case_a.reference not in page


def test_once_published_the_title_and_the_decision_show(
    routed: Routed,
) -> None:
    pattern, code = _pattern_with_story()
    bottleneck = _raise_about(routed, pattern)
    decision = record_decision(
        DecisionInput(
            title="Eén loket voor alle gezinnen",
            starts_on=timezone.localdate(),
            region=routed.world.north,
            indicator_codes=("separaties",),
        ),
        by=routed.handler,
        origin=bottleneck.number,
    )
    Bottleneck.objects.filter(pk=bottleneck.pk).update(
        status=Status.SOLVED, decision=decision, published_at=timezone.now()
    )

    page = Client().post("/verhalen/volgen/", {"code": code}).content.decode()

    assert bottleneck.title in page
    assert "Eén loket voor alle gezinnen" in page
