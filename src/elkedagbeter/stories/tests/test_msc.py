"""Most Significant Change: a team panel chooses, the municipality panel chooses from the teams'
choices (reading their reasons), and the choice goes back to the team the story came from."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.stories import msc
from elkedagbeter.stories.models import MscRound, PanelLevel

from .factories import told

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_choices_roll_up_and_are_fed_back_to_the_team(world: World) -> None:
    today = timezone.localdate()
    ours = told(world.team_a.municipality, team=world.team_a, title="Oma hielp mee")
    told(world.team_a.municipality, team=world.team_a, title="Lang gewacht")
    theirs = told(world.team_b.municipality, team=world.team_b, title="Van team B")
    coordinator = log_in(Client(), world.user("coordinator"))
    start = (today - timedelta(days=90)).isoformat()

    response = coordinator.post(
        reverse("stories:msc_rounds"),
        {"level": "team", "team": world.team_a.pk, "period_start": start, "period_end": today},
    )
    team_round = MscRound.objects.get(level=PanelLevel.TEAM)
    assert response["Location"] == reverse("stories:msc_round", args=[team_round.pk])
    candidates = set(msc.candidates(team_round))
    assert ours in candidates and theirs not in candidates

    no_reason = coordinator.post(
        reverse("stories:msc_round", args=[team_round.pk]), {"story": ours.pk, "reason": ""}
    )
    assert "Zeg waarom uw panel" in no_reason.content.decode()
    coordinator.post(
        reverse("stories:msc_round", args=[team_round.pk]),
        {"story": ours.pk, "reason": "Het netwerk deed mee."},
    )
    assert team_round.selection.story == ours

    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    analyst.post(
        reverse("stories:msc_rounds"),
        {
            "level": "gemeente",
            "municipality": world.team_a.municipality_id,
            "period_start": start,
            "period_end": today,
        },
    )
    municipal = MscRound.objects.get(level=PanelLevel.MUNICIPALITY)
    assert list(msc.candidates(municipal)) == [ours]  # only the teams' choices
    page = analyst.get(reverse("stories:msc_round", args=[municipal.pk])).content.decode()
    assert "Het netwerk deed mee." in page
    analyst.post(
        reverse("stories:msc_round", args=[municipal.pk]),
        {"story": ours.pk, "reason": "Dit willen we vaker zien in de gemeente."},
    )

    feedback = log_in(Client(), world.user("professional")).get(reverse("stories:feedback"))
    text = feedback.content.decode()
    assert "Het netwerk deed mee." in text and "Dit willen we vaker zien in de gemeente." in text
    outsider = log_in(Client(), world.user("outsider")).get(reverse("stories:feedback"))
    assert "Het netwerk deed mee." not in outsider.content.decode()


def test_a_coordinator_cannot_open_another_teams_round(world: World) -> None:
    coordinator = log_in(Client(), world.user("coordinator"))
    response = coordinator.post(
        reverse("stories:msc_rounds"),
        {
            "level": "team",
            "team": world.team_b.pk,
            "period_start": date(2026, 1, 1),
            "period_end": date(2026, 3, 31),
        },
    )
    assert response.status_code == 200
    assert not MscRound.objects.exists()
