"""Telling and signifying a story on the public form: no account, CSRF, honeypot, rate limit, no
address stored, Dutch messages that keep what was typed, answers stored on the 0-1000 scale."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from conftest import World
from elkedagbeter.stories.frameworks import current_framework, ensure_default_framework
from elkedagbeter.stories.models import Answer, Framework, Story, StoryStatus

from .factories import signifier, told

pytestmark = pytest.mark.django_db
URL = "/verhalen/delen/"


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> None:
    cache.clear()


def _form(framework: Framework, **extra: str) -> dict[str, str]:
    data = {
        "title": "Eindelijk iemand die luisterde",
        "text": "We wachtten maanden op hulp. Toen kwam de wijkcoach en die nam ons serieus.",
        "narrator_role": "ouder",
        "consent_learning": "on",
    }
    data.update(extra)
    return data


@pytest.mark.postgres
def test_an_anonymous_teller_shares_and_signifies_a_story(world: World) -> None:
    framework = ensure_default_framework()
    triad = signifier(framework, "oplossing")
    dyad = signifier(framework, "vangnet-springplank")
    other_dyad = signifier(framework, "overheid-samenleving")
    untouched = signifier(framework, "speciaal-normaal")
    statements = signifier(framework, "uitspraken")
    aa = world.team_a.municipality
    data = _form(
        framework,
        municipality=str(world.team_a.municipality_id),
        year="2025",
        month="3",
        consent_publication="on",
        **{
            f"s{triad.pk}_0": "50",
            f"s{triad.pk}_1": "30",
            f"s{triad.pk}_2": "20",
            f"s{dyad.pk}": "80",
            f"s{dyad.pk}_touched": "1",
            f"s{other_dyad.pk}_nvt": "on",
            f"s{untouched.pk}": "50",
            f"s{untouched.pk}_touched": "0",  # the script says: never moved
            f"s{statements.pk}": ["0", "4"],
        },
    )
    response = Client(REMOTE_ADDR="192.0.2.44").post(URL, data)

    assert response.status_code == 200
    code = response.context["code"]
    assert len(code) == 14
    story = Story.objects.get()
    assert story.status == StoryStatus.SUBMITTED
    assert story.framework == framework
    assert (story.municipality, story.region) == (aa, world.north)
    assert str(story.happened_on) == "2025-03-01" and story.month_known
    assert story.consent_learning and story.consent_publication
    answers = {a.signifier.code: a for a in story.answers.select_related("signifier")}
    assert answers["oplossing"].shares == (500, 300, 200)
    assert answers["vangnet-springplank"].position == 800
    assert answers["overheid-samenleving"].not_applicable
    assert "speciaal-normaal" not in answers
    assert answers["uitspraken"].choices == [0, 4]
    # No address anywhere with the story.
    stored = " ".join(str(v) for v in Story.objects.values().get().values())
    assert "192.0.2.44" not in stored
    assert code not in stored


def test_without_the_script_the_slider_value_sent_is_the_answer(world: World) -> None:
    framework = ensure_default_framework()
    dyad = signifier(framework, "probleem-persoon")
    Client().post(URL, _form(framework, **{f"s{dyad.pk}": "50"}))

    assert Answer.objects.get(signifier=dyad).position == 500


def test_a_triad_that_does_not_add_up_gets_a_dutch_message_and_keeps_the_input(
    world: World,
) -> None:
    framework = ensure_default_framework()
    triad = signifier(framework, "regie")
    data = _form(
        framework, **{f"s{triad.pk}_0": "50", f"s{triad.pk}_1": "30", f"s{triad.pk}_2": "5"}
    )
    with translation.override("nl"):
        response = Client(headers={"accept-language": "nl"}).post(URL, data)

    assert response.status_code == 200
    assert Story.objects.count() == 0
    page = response.content.decode()
    assert "moeten samen 100 zijn; nu is het 85" in page
    assert "We wachtten maanden op hulp" in page and 'value="50"' in page


def test_missing_story_and_role_are_named_in_dutch(world: World) -> None:
    response = Client(headers={"accept-language": "nl"}).post(URL, {"title": "Kort"})

    page = response.content.decode()
    assert "Vertel hier uw verhaal." in page
    assert "Kies wie u bent" in page
    assert Story.objects.count() == 0


def test_the_honeypot_stores_nothing_but_looks_like_success(world: World) -> None:
    framework = ensure_default_framework()
    response = Client().post(URL, _form(framework, website="http://spam.example"))

    assert response.status_code == 200
    assert response.context["code"] is None
    assert Story.objects.count() == 0


def test_many_submissions_from_one_address_are_slowed_down(world: World, settings) -> None:
    settings.STORY_RATE_LIMIT = 2
    framework = ensure_default_framework()
    client = Client(REMOTE_ADDR="192.0.2.7")
    statuses = [client.post(URL, _form(framework)).status_code for _ in range(3)]
    other = Client(REMOTE_ADDR="192.0.2.8").post(URL, _form(framework)).status_code

    assert statuses == [200, 200, 429]
    assert other == 200
    assert Story.objects.count() == 3


def test_the_form_needs_its_csrf_token(world: World) -> None:
    framework = ensure_default_framework()
    response = Client(enforce_csrf_checks=True).post(URL, _form(framework))

    assert response.status_code == 403
    assert Story.objects.count() == 0


def test_a_region_runs_its_own_framework_and_stories_record_the_version(world: World) -> None:
    national = ensure_default_framework()
    regional = Framework.objects.create(slug="noord", name="Noord luistert", region=world.north)
    regional.signifiers.create(
        code="thuis", kind="triad", prompt="Thuis voelde als:", labels=["rust", "strijd", "hoop"]
    )
    # The signifiers follow the story and who tells it (steps 1 and 2).
    response = Client().post(
        f"/verhalen/delen/{world.north.code}/",
        {"_step": "1", "_move": "next", "narrator_role": "ouder"},
    )
    assert "Thuis voelde als:" in response.content.decode()
    assert current_framework(None) == national

    from elkedagbeter.stories.frameworks import new_version

    second = new_version(regional)
    assert (second.version, current_framework(world.north.code)) == (2, second)
    assert not Framework.objects.get(pk=regional.pk).is_active
    Client().post(f"/verhalen/delen/{world.north.code}/", _form(second))
    story = Story.objects.get()
    assert story.framework == second and story.region == world.north


@pytest.mark.postgres
def test_the_database_refuses_a_triad_that_does_not_sum_to_1000(world: World) -> None:
    story = told(world.team_a.municipality)
    triad = signifier(story.framework, "verschil")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(story=story, signifier=triad, share_a=500, share_b=300, share_c=100)
    Answer.objects.create(story=story, signifier=triad, share_a=500, share_b=300, share_c=200)
