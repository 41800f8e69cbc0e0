"""Story collections in and out: CSV export and import (all or nothing, Dutch row messages), and
the transformation-stories site from the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.stories import seedsite
from elkedagbeter.stories.models import NarratorRole, Pattern, PatternStatus, Story, StoryStatus
from elkedagbeter.stories.signification import AnswerValue

from .factories import told

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parent / "data" / "seedsite_sample.txt"


@pytest.mark.postgres
def test_export_then_import_keeps_the_signification(world: World) -> None:
    told(
        world.team_a.municipality,
        title="=Formule?",
        answers={
            "oplossing": AnswerValue(shares=(600, 300, 100)),
            "vangnet-springplank": AnswerValue(position=750),
            "speciaal-normaal": AnswerValue(not_applicable=True),
            "uitspraken": AnswerValue(choices=[0, 9]),
        },
    )
    viewer = log_in(Client(), world.user("viewer"), second_factor=False)
    csv_text = viewer.get(reverse("stories:export")).content.decode("utf-8")
    assert csv_text.startswith("\ufeffreferentie;titel;verhaal")
    assert "'=Formule?" in csv_text  # no formula for spreadsheets

    Story.objects.all().delete()
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    upload = SimpleUploadedFile("verhalen.csv", csv_text.encode("utf-8"))
    response = analyst.post(reverse("stories:import"), {"upload": upload, "moderated": "on"})
    assert response.context["report"].imported == 1
    story = Story.objects.get()
    assert story.status == StoryStatus.APPROVED and story.region == world.north
    answers = {a.signifier.code: a for a in story.answers.select_related("signifier")}
    assert answers["oplossing"].shares == (600, 300, 100)
    assert answers["vangnet-springplank"].position == 750
    assert answers["speciaal-normaal"].not_applicable
    assert answers["uitspraken"].choices == [0, 9]


def test_an_import_with_a_bad_row_imports_nothing_and_names_row_and_column(world: World) -> None:
    csv_text = (
        "titel;verhaal;verteller;gemeente;oplossing_a;oplossing_b;oplossing_c\n"
        "Goed;Het ging goed met Jan.;ouder;;500;500;0\n"
        "Fout;Het ging mis.;buurman;Nergenshuizen;500;400;0\n"
    )
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    upload = SimpleUploadedFile("verhalen.csv", csv_text.encode("utf-8"))
    response = analyst.post(reverse("stories:import"), {"upload": upload})
    problems = {(p.row, p.column) for p in response.context["report"].problems}
    assert problems == {(3, "verteller"), (3, "gemeente"), (3, "oplossing")}
    assert not Story.objects.exists()
    assert "Onbekende gemeente" in response.content.decode()


def test_the_seed_site_is_read_with_patterns_roles_and_dates(world: World) -> None:
    # An invented page in the seed site's format; `make demo` reads the real one when the seed
    # documents are next to the checkout.
    site = seedsite.parse_file(SAMPLE)
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

    assert seedsite.load(site, world.north) == (2, 3)
    assert seedsite.load(site, world.north) == (0, 0)  # idempotent
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
    site = seedsite.parse(sample)
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
