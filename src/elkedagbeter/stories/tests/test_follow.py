"""The storyteller's receipt: a follow code shown once after sharing, with which the teller sees
only their own story's fate: the moderation status, the published patterns it joined, their
tips and what other apps did with those patterns. A wrong code says nothing about other
stories; attempts are rate-limited like withdrawal."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import World
from elkedagbeter.stories import pattern_followups
from elkedagbeter.stories.actions import withdraw_story
from elkedagbeter.stories.follow import issue_follow_code
from elkedagbeter.stories.models import (
    Audience,
    Pattern,
    PatternStatus,
    PatternStory,
    Story,
    StoryStatus,
    Tip,
)
from elkedagbeter.stories.pattern_followups import Followup

from .factories import told

pytestmark = pytest.mark.django_db
URL = "/verhalen/volgen/"
NEUTRAL = "Voor deze code kunnen we niets tonen."


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> None:
    cache.clear()


def _follow(code: str, client: Client | None = None) -> str:
    response = (client or Client()).post(URL, {"code": code})
    assert response.status_code == 200
    return response.content.decode()


def _in_pattern(story: Story, name: str, slug: str, tip: str) -> Pattern:
    pattern = Pattern.objects.create(name=name, slug=slug, status=PatternStatus.PUBLISHED)
    PatternStory.objects.create(pattern=pattern, story=story)
    Tip.objects.create(pattern=pattern, audience=Audience.PROFESSIONALS, text=tip)
    return pattern


def test_the_teller_gets_a_follow_code_and_sees_the_story_waiting(world: World) -> None:
    response = Client().post(
        "/verhalen/delen/",
        {
            "title": "Eindelijk iemand die luisterde",
            "text": "We wachtten maanden op hulp. Toen kwam de wijkcoach en die nam ons serieus.",
            "narrator_role": "ouder",
            "consent_learning": "on",
        },
    )
    page = response.content.decode()
    assert "Uw volgcode" in page
    found = re.search(r'id="follow-code">([A-Z0-9-]+)<', page)
    assert found is not None
    withdrawal = re.search(r'id="withdrawal-code">([A-Z0-9-]+)<', page)
    assert withdrawal is not None and withdrawal.group(1) != found.group(1)

    page = _follow(found.group(1).lower())  # typed by hand, in lower case

    assert "Nog niet gelezen" in page
    # The withdrawal code is not a follow code.
    assert NEUTRAL in _follow(withdrawal.group(1))


def test_each_code_shows_its_own_story_only(world: World) -> None:
    first = told(title="Gehoord worden")
    second = told(title="Te lang gewacht", status=StoryStatus.SUBMITTED)
    first_code, second_code = issue_follow_code(first), issue_follow_code(second)
    _in_pattern(first, "Gehoord worden", "gehoord-worden", "Vraag door naar wat het gezin wil.")
    Pattern.objects.create(name="Concept", slug="concept", status=PatternStatus.DRAFT)
    PatternStory.objects.create(pattern=Pattern.objects.get(slug="concept"), story=first)

    page = _follow(first_code)
    assert "Gepubliceerd" in page
    assert 'href="/verhalen/patronen/gehoord-worden/"' in page
    assert "Vraag door naar wat het gezin wil." in page
    assert "Concept" not in page  # a draft pattern is not shown
    assert "moderator" not in page.split('id="receipt"')[1].split("</section>")[0].lower()

    page = _follow(second_code)
    assert "Nog niet gelezen" in page
    assert "gehoord-worden" not in page
    assert "Vraag door" not in page


def test_a_wrong_code_gets_one_neutral_message(world: World) -> None:
    story = told()
    issue_follow_code(story)

    page = _follow("ABCD-EFGH-JKLM")

    assert NEUTRAL in page
    assert story.reference not in page


def test_a_withdrawn_story_still_says_so(world: World) -> None:
    from elkedagbeter.stories.actions import Telling, tell_story
    from elkedagbeter.stories.frameworks import ensure_default_framework

    story, withdrawal_code = tell_story(
        ensure_default_framework(),
        Telling(title="Weg ermee", text="Liever toch niet.", narrator_role="ouder"),
    )
    code = issue_follow_code(story)
    assert withdraw_story(withdrawal_code)

    assert "Ingetrokken" in _follow(code)


def test_a_rejected_story_shows_no_reason_or_moderator(world: World) -> None:
    story = told()
    code = issue_follow_code(story)
    Story.objects.filter(pk=story.pk).update(
        status=StoryStatus.REJECTED,
        moderation_note="Bevat namen van de buurvrouw",
        moderated_by=world.user("analyst"),
    )

    page = _follow(code)

    assert "Niet gebruikt" in page
    assert "buurvrouw" not in page
    assert world.user("analyst").username not in page


@pytest.fixture
def followup() -> Iterator[None]:
    def knelpunten(pattern_id: int) -> list[Followup]:
        return [Followup(kind="Knelpunt", title="Wachtlijst jeugd-GGZ", status="In behandeling")]

    pattern_followups.register_pattern_followup(knelpunten)
    yield
    pattern_followups._followups.remove(knelpunten)


@pytest.mark.usefixtures("followup")
def test_what_other_apps_did_with_the_pattern_is_shown(world: World) -> None:
    story = told()
    code = issue_follow_code(story)
    _in_pattern(story, "Wachten", "wachten", "Bel na twee weken.")

    page = _follow(code)

    assert "Wachtlijst jeugd-GGZ" in page
    assert "In behandeling" in page


def test_attempts_are_rate_limited_and_csrf_protected(world: World) -> None:
    client = Client()
    for _ in range(20):
        client.post(URL, {"code": "ABCD-EFGH-JKLM"})
    story = told()
    code = issue_follow_code(story)

    response = client.post(URL, {"code": code})

    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post(URL, {"code": code}).status_code == 403
