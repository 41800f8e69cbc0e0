"""Pattern suggestions become curated pattern pages: name, merge, exemplary stories, tips per
audience, publication; the management command runs theme finding for cron."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.demo.synthetic_stories import planted_set
from elkedagbeter.stories.models import (
    Audience,
    Pattern,
    PatternStatus,
    StoryStatus,
    Suggestion,
    SuggestionStatus,
)
from elkedagbeter.stories.patterns import run_suggestions

from .factories import told

pytestmark = pytest.mark.django_db


def _stories(world: World, count: int = 60) -> None:
    for index, s in enumerate(planted_set(count, themes=3, seed=5)):
        told(
            world.team_a.municipality,
            title=s.title,
            text=s.text,
            publication=index % 2 == 0,
        )


def _analyst(world: World) -> Client:
    return log_in(Client(), world.user("analyst"), second_factor=False)


@pytest.mark.postgres
def test_suggestions_cover_approved_learning_stories_only(world: World) -> None:
    _stories(world)
    told(world.team_a.municipality, status=StoryStatus.SUBMITTED, title="Wacht nog")
    told(world.team_a.municipality, learning=False, title="Niet om van te leren")

    run = run_suggestions(world.north, k=3)

    assert run.story_count == 60
    suggestions = list(run.suggestions.all())
    assert len(suggestions) == 3 and sum(s.size for s in suggestions) == 60
    assert all(s.keywords and len(s.exemplars) == 3 for s in suggestions)
    # A new run puts the previous open suggestions aside.
    run_suggestions(world.north, k=2)
    assert Suggestion.objects.filter(run=run, status=SuggestionStatus.DISMISSED).count() == 3


@pytest.mark.postgres
def test_a_moderator_names_merges_and_publishes_a_pattern(world: World) -> None:
    _stories(world)
    client = _analyst(world)
    client.post(reverse("stories:suggest"), {"region": world.north.pk})
    first, second, third = Suggestion.objects.filter(status=SuggestionStatus.OPEN)[:3]

    response = client.post(
        reverse("stories:suggestion", args=[first.pk]), {"action": "accept", "name": "Wachten"}
    )
    pattern = Pattern.objects.get(name="Wachten")
    assert response["Location"] == reverse("stories:pattern_edit", args=[pattern.slug])
    assert pattern.memberships.count() == first.size
    assert pattern.memberships.filter(exemplary=True).count() == 3

    client.post(
        reverse("stories:suggestion", args=[second.pk]), {"action": "merge", "pattern": pattern.pk}
    )
    client.post(reverse("stories:suggestion", args=[third.pk]), {"action": "dismiss"})
    assert pattern.memberships.count() == first.size + second.size
    assert Suggestion.objects.get(pk=third.pk).status == SuggestionStatus.DISMISSED

    client.post(
        reverse("stories:pattern_edit", args=[pattern.slug]),
        {
            "action": "save",
            "name": "Wachten op hulp",
            "description": "Gezinnen wachten lang.",
            "status": PatternStatus.PUBLISHED,
            "more_like_this": "Overbruggingszorg vanaf dag één.",
            "fewer_like_that": "",
            "tip_professionals": "Bel tijdens het wachten elke twee weken.",
            "tip_gemeenten": "Koop overbruggingszorg in.",
        },
    )
    pattern.refresh_from_db()
    assert pattern.name == "Wachten op hulp" and pattern.status == PatternStatus.PUBLISHED
    assert {t.audience for t in pattern.tips.all()} == {
        Audience.PROFESSIONALS,
        Audience.MUNICIPALITIES,
    }
    page = Client().get(reverse("stories:public_pattern", args=[pattern.slug])).content.decode()
    assert "Koop overbruggingszorg in." in page and "Overbruggingszorg vanaf dag één." in page
    exemplary = pattern.memberships.filter(exemplary=True).select_related("story")
    for membership in exemplary:
        assert (membership.story.title in page) == membership.story.consent_publication


def test_merging_two_patterns_moves_stories_and_archives_one(world: World) -> None:
    _stories(world, 20)
    run_suggestions(world.north, k=2)
    client = _analyst(world)
    a, b = Suggestion.objects.filter(status=SuggestionStatus.OPEN)
    client.post(reverse("stories:suggestion", args=[a.pk]), {"action": "accept", "name": "A"})
    client.post(reverse("stories:suggestion", args=[b.pk]), {"action": "accept", "name": "B"})
    first, second = Pattern.objects.get(name="A"), Pattern.objects.get(name="B")

    client.post(
        reverse("stories:pattern_edit", args=[first.slug]),
        {"action": "merge", "pattern": second.pk},
    )
    first.refresh_from_db()
    assert first.status == PatternStatus.ARCHIVED
    assert second.memberships.count() == 20


def test_another_regions_analyst_cannot_curate(world: World) -> None:
    _stories(world, 12)
    run_suggestions(world.north, k=2)
    suggestion = Suggestion.objects.order_by("pk").first()
    assert suggestion is not None
    from elkedagbeter.accounts.tests.factories import UserFactory
    from elkedagbeter.organisations.models import Membership, Role

    south_analyst = UserFactory()
    Membership.objects.create(user=south_analyst, role=Role.ANALYST, region=world.south)
    client = log_in(Client(), south_analyst, second_factor=False)
    assert client.get(reverse("stories:suggestion", args=[suggestion.pk])).status_code == 404


def test_the_command_runs_theme_finding_per_region(world: World) -> None:
    _stories(world, 20)
    out = io.StringIO()
    call_command("suggest_story_patterns", "--clusters", "2", stdout=out)
    assert "Jeugdregio Noord: 2 suggestions from 20 stories" in out.getvalue()
