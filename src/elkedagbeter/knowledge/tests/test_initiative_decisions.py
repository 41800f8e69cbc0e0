"""An initiative and each new round start with a decision whose effect is measured; every round
shows its own effect beside the earlier ones; and the ontwikkelcirkel is a circle: an initiative
steps back a stage with what was learned."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.indicators.decisions import DecisionInput
from elkedagbeter.indicators.models import Decision
from elkedagbeter.knowledge import actions
from elkedagbeter.knowledge.models import ImprovementInitiative, Stage, StepBack

from .factories import InitiativeFactory, decision_fields

pytestmark = pytest.mark.django_db


def test_starting_without_a_decision_gives_dutch_errors_and_keeps_the_question(
    world: World,
) -> None:
    client = log_in(Client(), world.user("analyst"), second_factor=False)
    response = client.post(
        reverse("knowledge:initiative_new"),
        {
            "title": "Minder separaties",
            "question": "Waarom wordt er in onze regio gesepareerd?",
            "region": world.north.pk,
            "zero_goal": "separaties",
            "besluit-place": f"regio-{world.north.pk}",
            "besluit-starts_on": timezone.localdate().isoformat(),
        },
    )

    page = response.content.decode()
    assert "Zeg wat er verandert." in page
    assert "Kies minstens één indicator die het moet bewegen." in page
    assert "Waarom wordt er in onze regio gesepareerd?" in page
    assert not ImprovementInitiative.objects.exists() and not Decision.objects.exists()


def test_the_decision_form_preselects_the_zero_goals_indicators(world: World) -> None:
    client = log_in(Client(), world.user("analyst"), second_factor=False)
    page = client.get(reverse("knowledge:initiative_new") + "?nuldoel=separaties")
    form = page.context["extra_form"]
    assert form["indicator_codes"].value() == ["separaties", "jongeren_gesepareerd"]


def test_a_decision_in_another_region_is_refused(world: World) -> None:
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    response = analyst.post(
        reverse("knowledge:initiative_new"),
        {
            "title": "Minder separaties",
            "question": "Waarom?",
            "region": world.north.pk,
            "zero_goal": "separaties",
            **decision_fields(f"regio-{world.south.pk}", "separaties"),
        },
    )
    assert "Kies een van de aangeboden plaatsen." in response.content.decode()
    assert not ImprovementInitiative.objects.exists()


def _decision(world: World, title: str, team: bool = False) -> DecisionInput:
    return DecisionInput(
        title=title,
        starts_on=timezone.localdate(),
        region=world.north,
        municipality=world.team_a.municipality,
        team=world.team_a if team else None,
        indicator_codes=("separaties",),
        zero_goal_codes=("separaties",),
    )


def test_each_round_shows_its_own_effect_beside_the_earlier_ones(world: World) -> None:
    analyst = world.user("analyst")
    first = actions.start_initiative(
        analyst,
        ImprovementInitiative(
            title="Samen tegen separaties",
            question="Waarom?",
            region=world.north,
            zero_goal="separaties",
            indicator="separaties",
        ),
        decision=_decision(world, "Eerst een time-in overal"),
    )
    assert first.decision is not None and first.decision.origin.endswith("ronde 1")
    first.stage = Stage.NEW_QUESTION
    first.save()

    client = log_in(Client(), analyst, second_factor=False)
    response = client.post(
        reverse("knowledge:initiative_next_round", args=[first.pk]),
        {
            "question": "Werkt het ook in team A alleen?",
            **decision_fields(f"team-{world.team_a.pk}", "separaties", title="Time-in in team A"),
        },
    )
    second = ImprovementInitiative.objects.get(follows=first)
    assert response["Location"] == reverse("knowledge:initiative", args=[second.pk])
    assert second.decision is not None and second.decision.team == world.team_a

    page = client.get(reverse("knowledge:initiative", args=[second.pk])).content.decode()
    assert "Ronde 1" in page and "Ronde 2" in page
    one, two = page.index("Eerst een time-in overal"), page.index("Time-in in team A")
    assert one < two  # the earlier round first
    assert page.count('class="edb-effect ') == 2  # each round its own effect
    assert 'class="edb-effect ' in page[one:two]

    # Someone who may not see the figures of team A reads both decisions, and one effect only.
    outsider = log_in(Client(), world.user("outsider"))
    page = outsider.get(reverse("knowledge:initiative", args=[second.pk])).content.decode()
    assert "Eerst een time-in overal" in page and "Time-in in team A" in page
    assert page.count('class="edb-effect ') == 1


def test_a_new_round_without_a_decision_comes_back_with_what_was_typed(world: World) -> None:
    initiative = InitiativeFactory(region=world.north, stage=Stage.NEW_QUESTION)
    client = log_in(Client(), world.user("coordinator"))
    response = client.post(
        reverse("knowledge:initiative_next_round", args=[initiative.pk]),
        {"question": "Werkt het ook voor jongere kinderen?", "besluit-title": ""},
    )
    page = response.content.decode()
    assert "Zeg wat er verandert." in page
    assert "Werkt het ook voor jongere kinderen?" in page
    assert not ImprovementInitiative.objects.filter(follows=initiative).exists()


def test_an_initiative_steps_back_a_stage_with_what_was_learned(world: World) -> None:
    initiative = InitiativeFactory(region=world.north, zero_goal="separaties")
    client = log_in(Client(), world.user("coordinator"))
    client.post(
        reverse("knowledge:initiative_advance", args=[initiative.pk]),
        {"evidence": "De vraag is helder", "indicator": "separaties"},
    )
    url = reverse("knowledge:initiative_step_back", args=[initiative.pk])

    refused = client.post(url, {"reason": ""})
    assert "Zeg wat jullie geleerd hebben waardoor jullie een stap terug zetten." in (
        refused.content.decode()
    )
    initiative.refresh_from_db()
    assert initiative.stage == Stage.KNOWLEDGE

    response = client.post(url, {"reason": "De kennis laat zien dat de vraag te breed was"})
    assert response["Location"] == reverse("knowledge:initiative", args=[initiative.pk])
    initiative.refresh_from_db()
    assert initiative.stage == Stage.QUESTION
    step = StepBack.objects.get()
    assert (step.from_stage, step.to_stage, step.stepped_by) == (
        Stage.KNOWLEDGE,
        Stage.QUESTION,
        world.user("coordinator"),
    )

    # The question is walked again; its new record is the one shown for the stage.
    client.post(
        reverse("knowledge:initiative_advance", args=[initiative.pk]),
        {"evidence": "Smaller: alleen de jongste kinderen", "indicator": "separaties"},
    )
    page = client.get(reverse("knowledge:initiative", args=[initiative.pk])).content.decode()
    assert "Een stap terug van “Beschikbare kennis” naar “Vraag”" in page
    assert "De kennis laat zien dat de vraag te breed was" in page
    assert "Smaller: alleen de jongste kinderen" in page
    assert initiative.records.filter(stage=Stage.QUESTION).count() == 2


def test_no_step_back_from_the_question_nor_by_another_region(world: World) -> None:
    initiative = InitiativeFactory(region=world.north)
    with pytest.raises(ValidationError):
        actions.step_back(world.user("coordinator"), initiative, reason="Te vroeg")
    south = InitiativeFactory(region=world.south, stage=Stage.ANALYSIS)
    client = log_in(Client(), world.user("coordinator"))
    url = reverse("knowledge:initiative_step_back", args=[south.pk])
    assert client.post(url, {"reason": "Te vroeg"}).status_code == 404
    south.refresh_from_db()
    assert south.stage == Stage.ANALYSIS and not StepBack.objects.exists()
