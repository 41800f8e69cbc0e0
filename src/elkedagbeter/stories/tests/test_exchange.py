"""Story collections in and out: CSV export and import (all or nothing, Dutch row messages)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.stories.models import Story, StoryStatus
from elkedagbeter.stories.signification import AnswerValue

from .factories import told

pytestmark = pytest.mark.django_db


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
