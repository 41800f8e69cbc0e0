"""Moderation: nothing is used or public before approval; analysts moderate their own area;
rejection needs a reason; edits are de-identified again; withdrawal wipes a story."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.stories import actions, selectors
from elkedagbeter.stories.actions import Telling, tell_story
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import Answer, PatternStatus, PatternStory, Story, StoryStatus
from elkedagbeter.stories.patterns import create_pattern
from elkedagbeter.stories.signification import AnswerValue

from .factories import told

pytestmark = pytest.mark.django_db


def _analyst(world: World) -> Client:
    return log_in(Client(), world.user("analyst"), second_factor=False)


def test_a_new_story_waits_in_the_queue_of_its_regions_analyst_only(world: World) -> None:
    north = told(world.team_a.municipality, status=StoryStatus.SUBMITTED, title="Noord")
    told(world.team_d.municipality, status=StoryStatus.SUBMITTED, title="Zuid")

    page = _analyst(world).get(reverse("stories:queue")).content.decode()
    assert "Noord" in page and "Zuid" not in page
    assert north not in selectors.learning_stories(world.user("viewer"))
    other = _analyst(world).get(
        reverse("stories:moderate", args=[Story.objects.get(title="Zuid").reference])
    )
    assert other.status_code == 404


def test_nothing_is_public_or_used_before_approval(world: World) -> None:
    story = told(world.team_a.municipality, status=StoryStatus.SUBMITTED)
    pattern = create_pattern("Gehoord worden", region=world.north, stories=[story.pk])
    PatternStory.objects.filter(pattern=pattern).update(exemplary=True)
    pattern.status = PatternStatus.PUBLISHED
    pattern.save()

    public = Client().get(reverse("stories:public_pattern", args=[pattern.slug])).content.decode()
    assert story.title not in public
    assert not selectors.learning_stories(world.user("viewer")).exists()

    actions.approve_story(world.user("analyst"), story, title=story.title, text=story.text)
    public = Client().get(reverse("stories:public_pattern", args=[pattern.slug])).content.decode()
    assert story.title in public
    assert selectors.learning_stories(world.user("viewer")).get() == story


def test_approve_with_edits_de_identifies_the_edit_again(world: World) -> None:
    story = told(world.team_a.municipality, status=StoryStatus.SUBMITTED)
    response = _analyst(world).post(
        reverse("stories:moderate", args=[story.reference]),
        {
            "decision": "approve",
            "title": "Gehoord",
            "text": story.text + " Later belde Pieter nog.",
            "reason": "Zin toegevoegd",
        },
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == StoryStatus.APPROVED and story.edited_by_moderator
    assert "Pieter" not in story.text and "[PERSOON-1]" in story.text
    assert story.moderated_by == world.user("analyst")
    assert story.replacements[-1]["tag"] == "[PERSOON-1]"


def test_rejecting_needs_a_reason_which_is_kept(world: World) -> None:
    story = told(world.team_a.municipality, status=StoryStatus.SUBMITTED)
    url = reverse("stories:moderate", args=[story.reference])
    response = _analyst(world).post(url, {"decision": "reject", "title": "", "text": ""})
    assert "Geef de reden waarom u dit verhaal afwijst." in response.content.decode()
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED

    _analyst(world).post(url, {"decision": "reject", "reason": "Gaat niet over jeugdhulp"})
    story.refresh_from_db()
    assert (story.status, story.moderation_note) == (
        StoryStatus.REJECTED,
        "Gaat niet over jeugdhulp",
    )


def test_the_moderator_sees_which_kinds_were_replaced(world: World) -> None:
    story = told(
        world.team_a.municipality,
        status=StoryStatus.SUBMITTED,
        text="Onze zoon Daan wachtte lang. Bel 06-12345678 als u vragen hebt.",
    )
    page = _analyst(world).get(reverse("stories:moderate", args=[story.reference])).content.decode()
    assert '<mark class="edb-tag">[PERSOON-1]</mark>' in page
    assert "[TELEFOONNUMMER-1]" in page
    assert "Daan" not in page and "12345678" not in page


@pytest.mark.postgres
def test_withdrawal_with_the_code_wipes_the_story_once(world: World) -> None:
    framework = ensure_default_framework()
    dyad = framework.signifiers.get(code="vangnet-springplank")
    story, code = tell_story(
        framework,
        Telling(
            title="Mijn verhaal",
            text="Het ging eindelijk beter thuis.",
            narrator_role="jongere",
            municipality=world.team_a.municipality,
            consent_learning=True,
            answers={dyad.pk: AnswerValue(position=700)},
        ),
        status=StoryStatus.APPROVED,
    )
    create_pattern("Thuis", region=world.north, stories=[story.pk])

    wrong = Client().post(reverse("stories:withdraw"), {"code": "AAAA-BBBB-CCCC"})
    assert "kennen deze code niet" in wrong.content.decode()
    done = Client().post(reverse("stories:withdraw"), {"code": code.lower().replace("-", " ")})
    assert done.context["done"]

    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN
    assert (story.title, story.text, story.replacements) == ("", "", [])
    assert not Answer.objects.filter(story=story).exists()
    assert not PatternStory.objects.filter(story=story).exists()
    assert not selectors.learning_stories(world.user("viewer")).exists()
    again = Client().post(reverse("stories:withdraw"), {"code": code})
    assert not again.context["done"]
