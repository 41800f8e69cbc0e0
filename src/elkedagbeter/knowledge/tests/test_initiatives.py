"""Improvement initiatives walk the ontwikkelcirkel one stage at a time, each stage with its
evidence and the indicator it means to move; a finished round starts the next with a new question;
only coordinators, expert teams and analysts of the region move them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.knowledge import actions
from elkedagbeter.knowledge.models import ImprovementInitiative, Stage

from .factories import InitiativeFactory, decision_fields

pytestmark = pytest.mark.django_db


def test_a_new_initiative_starts_at_the_question_with_the_zero_goals_indicator(
    world: World,
) -> None:
    client = log_in(Client(), world.user("analyst"), second_factor=False)
    response = client.post(
        reverse("knowledge:initiative_new"),
        {
            "title": "Minder gesloten plaatsingen",
            "question": "Waarom komen jongeren uit onze regio in een gesloten plaatsing?",
            "region": world.north.pk,
            "zero_goal": "gesloten",
            "indicator": "",
            **decision_fields(f"regio-{world.north.pk}", "gesloten_plaatsingen"),
        },
    )

    initiative = ImprovementInitiative.objects.get()
    assert response["Location"] == reverse("knowledge:initiative", args=[initiative.pk])
    assert (initiative.stage, initiative.indicator) == (Stage.QUESTION, "gesloten_plaatsingen")


def test_an_initiative_needs_an_indicator_or_a_zero_goal(world: World) -> None:
    client = log_in(Client(), world.user("analyst"), second_factor=False)
    data = {"title": "Iets", "question": "Waarom?", "region": world.north.pk}

    page = client.post(reverse("knowledge:initiative_new"), data).content.decode()
    assert "Kies de indicator, of een nuldoel." in page
    assert not ImprovementInitiative.objects.exists()


def test_the_circle_is_walked_stage_by_stage(world: World) -> None:
    initiative = InitiativeFactory(region=world.north, zero_goal="separaties")
    client = log_in(Client(), world.user("coordinator"))
    url = reverse("knowledge:initiative_advance", args=[initiative.pk])

    walked = []
    for stage in list(Stage)[:-1]:
        client.post(url, {"evidence": f"Bewijs bij {stage.value}", "indicator": "separaties"})
        initiative.refresh_from_db()
        walked.append(initiative.stage)
    assert walked == [s.value for s in list(Stage)[1:]]  # never a stage skipped
    records = list(initiative.records.values_list("stage", "evidence"))
    assert records == [(s.value, f"Bewijs bij {s.value}") for s in list(Stage)[:-1]]

    with pytest.raises(ValidationError):
        actions.advance_initiative(
            world.user("coordinator"), initiative, evidence="meer", indicator="separaties"
        )


def test_a_stage_without_evidence_does_not_move(world: World) -> None:
    initiative = InitiativeFactory(region=world.north)
    client = log_in(Client(), world.user("expert"))

    page = client.post(
        reverse("knowledge:initiative_advance", args=[initiative.pk]),
        {"evidence": "", "indicator": "separaties"},
    )
    assert "Beschrijf wat deze fase vond of deed." in page.content.decode()
    initiative.refresh_from_db()
    assert initiative.stage == Stage.QUESTION


def test_the_new_question_starts_the_next_round_once(world: World) -> None:
    initiative: ImprovementInitiative = InitiativeFactory(
        region=world.north, stage=Stage.NEW_QUESTION
    )
    client = log_in(Client(), world.user("coordinator"))
    url = reverse("knowledge:initiative_next_round", args=[initiative.pk])

    response = client.post(
        url,
        {
            "question": "Werkt het ook voor jongere kinderen?",
            "title": "",
            **decision_fields(f"regio-{initiative.region_id}", "separaties"),
        },
    )

    follow_up = ImprovementInitiative.objects.get(follows=initiative)
    assert response["Location"] == reverse("knowledge:initiative", args=[follow_up.pk])
    assert follow_up.stage == Stage.QUESTION
    assert follow_up.title == initiative.title
    assert initiative.records.get().stage == Stage.NEW_QUESTION
    client.post(url, {"question": "Nog een keer?"})
    assert ImprovementInitiative.objects.filter(follows=initiative).count() == 1


def test_only_the_region_moves_its_initiatives(world: World) -> None:
    south = InitiativeFactory(region=world.south)

    with pytest.raises(PermissionDenied):
        actions.advance_initiative(
            world.user("analyst"), south, evidence="x", indicator="separaties"
        )
    viewer = log_in(Client(), world.user("viewer"), second_factor=False)
    assert viewer.get(reverse("knowledge:initiative", args=[south.pk])).status_code == 200
    page = viewer.get(reverse("knowledge:initiative", args=[south.pk])).content.decode()
    assert "initiative_advance" not in page and "volgende-fase" not in page
