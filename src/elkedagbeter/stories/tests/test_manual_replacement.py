"""A moderator replaces what the de-identifier missed: every occurrence in the story becomes a
new tag, the fix is counted per kind (shown on the queue) and the words are stored nowhere."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.stories import actions, selectors
from elkedagbeter.stories.models import ManualReplacement, StoryStatus

from .factories import told

pytestmark = pytest.mark.django_db

MISSED = "Het Blauwe Huis"


def test_words_are_replaced_everywhere_and_counted_per_kind(world: World) -> None:
    story = told(
        world.team_a.municipality,
        status=StoryStatus.SUBMITTED,
        title="Eindelijk rust",
        text="We sliepen in het blauwe huis. Het blauwe huis was koud, zei [PERSOON-1].",
    )
    assert "blauwe huis" in story.text  # lower case: nothing says it is a name
    fix = actions.replace_by_hand(world.user("analyst"), story, words=MISSED, kind="instelling")
    story.refresh_from_db()
    assert "blauwe" not in story.text.lower()
    assert story.text.count("[INSTELLING-1]") == 2 and "[PERSOON-1]" in story.text
    assert [r["tag"] for r in story.replacements].count("[INSTELLING-1]") == 2
    assert fix.occurrences == 2 and fix.region_id == story.region_id
    assert selectors.manual_fixes_per_kind(world.user("analyst")) == {"INSTELLING": 1}
    assert selectors.manual_fixes_per_kind(None) == {"INSTELLING": 1}
    assert MISSED.lower() not in str(list(ManualReplacement.objects.values())).lower()


def test_words_not_in_the_story_and_other_areas_are_refused(world: World) -> None:
    story = told(world.team_a.municipality, status=StoryStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        actions.replace_by_hand(world.user("analyst"), story, words="Nergens", kind="persoon")
    with pytest.raises(ValidationError):
        actions.replace_by_hand(world.user("analyst"), story, words="wijkcoach", kind="wat")
    south = told(world.team_d.municipality, status=StoryStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        actions.replace_by_hand(world.user("analyst"), south, words="wijkcoach", kind="persoon")
    assert not ManualReplacement.objects.exists()


def test_the_moderation_screen_replaces_and_the_queue_shows_the_count(world: World) -> None:
    story = told(
        world.team_a.municipality,
        status=StoryStatus.SUBMITTED,
        text="De wijkcoach kwam langs met buurjongen kees.",
    )
    client = log_in(Client(), world.user("analyst"), second_factor=False)
    page = client.get(reverse("stories:moderate", args=[story.reference])).content.decode()
    assert reverse("stories:replace", args=[story.reference]) in page
    response = client.post(
        reverse("stories:replace", args=[story.reference]), {"words": "kees", "kind": "persoon"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert '<mark class="edb-tag">[PERSOON-1]</mark>' in page and "kees" not in page
    queue = client.get(reverse("stories:queue")).content.decode()
    assert "PERSOON" in queue
