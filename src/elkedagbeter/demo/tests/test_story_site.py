"""The transformation-stories site from the seed documents, read into patterns and stories
(``manage.py import_story_site``; ``make demo`` reads the real one when the seed documents are
next to the checkout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import World
from elkedagbeter.demo import story_site
from elkedagbeter.stories.models import NarratorRole, Pattern, PatternStatus, Story

SAMPLE = Path(__file__).resolve().parent / "data" / "story_site_sample.txt"


@pytest.mark.django_db
def test_the_seed_site_is_read_with_patterns_roles_and_dates(world: World) -> None:
    # An invented page in the seed site's format; `make demo` reads the real one when the seed
    # documents are next to the checkout.
    site = story_site.parse_file(SAMPLE)
    assert [p.name for p in site.patterns] == ["Ruimte om te doen", "Samen verantwoordelijk"]
    assert [(s.title, s.role, str(s.happened_on)) for s in site.stories] == [
        ("Eerst de vraag, dan het formulier", NarratorRole.PROFESSIONAL, "2016-03-01"),
        ("Samen met de buurt", NarratorRole.PARENT, "2015-10-01"),
        ("Een tafel voor iedereen", NarratorRole.EXECUTIVE, "2017-01-01"),
    ]
    shared = [s.title for s in site.stories if len(s.patterns) > 1]
    assert shared == ["Samen met de buurt"]  # told under both patterns, stored once
    assert set(site.patterns[0].tips) == {
        "professionals",
        "coordinatoren",
        "ketenpartners",
        "gemeenten",
    }
    assert set(site.patterns[1].tips) == {"professionals", "gemeenten"}

    assert story_site.load(site, world.north) == (2, 3)
    assert story_site.load(site, world.north) == (0, 0)  # idempotent
    pattern = Pattern.objects.get(name="Samen verantwoordelijk")
    assert pattern.status == PatternStatus.PUBLISHED and pattern.memberships.count() == 2
    assert "Groningen" not in Story.objects.get(title="Samen met de buurt").text


def test_seed_parser_on_a_small_sample() -> None:
    """Runs without the seed documents: the format in a nutshell."""
    sample = (
        "» Tips\n\nWachten\n\nGezinnen wachten lang.\n\nLees hiernaast de exemplarische verhalen "
        "bij dit patroon.\n\n[sluiten]\n\n» Te lang\n\nEen moeder vertelt:\n\nWe wachtten een "
        "jaar.\n\nMaart 2024\n[sluiten]\n\n» Wachten\n\nTips voor: » professionals\nTip voor "
        "professionals: Bel tussendoor.\n[sluiten]\n"
    )
    site = story_site.parse(sample)
    assert [(p.name, p.description, p.tips) for p in site.patterns] == [
        ("Wachten", "Gezinnen wachten lang.", {"professionals": "Bel tussendoor."})
    ]
    story = site.stories[0]
    assert (story.title, story.role, str(story.happened_on), story.patterns) == (
        "Te lang",
        NarratorRole.PARENT,  # "een moeder"
        "2024-03-01",
        ["Wachten"],
    )
