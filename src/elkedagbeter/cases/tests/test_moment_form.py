"""The monitoring moment in at most six inputs, each one click, on the case's fixed scale, with
the last values carried forward and the family's own scores optional."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.cases.models import Goal
from elkedagbeter.monitoring.models import MonitoringMoment

pytestmark = pytest.mark.django_db


def _url(world: World) -> str:
    return reverse("cases:moment_new", args=[world.case_a.reference])


def _goals(world: World, n: int = 3) -> list[Goal]:
    return [Goal.objects.create(case=world.case_a, text=f"Doel {i}") for i in range(n)]


def _client(world: World) -> Client:
    return log_in(Client(), world.user("professional"))


def _main_inputs(html: str) -> set[str]:
    """Names of the inputs outside the optional <details> blocks."""
    form = re.search(r'<form method="post" novalidate>(.*?)</form>', html, flags=re.S)
    assert form is not None
    main = re.sub(r"<details.*?</details>", "", form.group(1), flags=re.S)
    names = set(re.findall(r'<input[^>]*name="([^"]+)"', main))
    return names - {"csrfmiddlewaretoken"}


def test_three_goals_take_six_inputs_each_one_click(world: World) -> None:
    goals = _goals(world)
    html = _client(world).get(_url(world)).content.decode()
    assert _main_inputs(html) == {
        *(f"goal_{g.pk}" for g in goals),
        "safety",
        "plan_fits",
        "heard",
    }
    assert 'type="number"' not in html  # no typing: every score is a choice
    assert html.index('id="scale"') < html.index(f"goal_{goals[0].pk}")  # the scale first


def test_last_values_are_carried_forward(world: World) -> None:
    goal = _goals(world, 1)[0]
    client = _client(world)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client.post(
        _url(world),
        {f"goal_{goal.pk}": "1", "safety": "6", "plan_fits": "deels", "recorded_on": yesterday},
    )
    html = client.get(_url(world)).content.decode()
    assert re.search(rf'name="goal_{goal.pk}" value="1" id="[^"]+" checked', html)
    assert re.search(r'name="safety" value="6" id="[^"]+" checked', html)
    assert re.search(r'name="plan_fits" value="deels" id="[^"]+" checked', html)
    # Saving the carried values again is one click: the save button.
    response = client.post(
        _url(world), {f"goal_{goal.pk}": "1", "safety": "6", "plan_fits": "deels"}
    )
    assert response.status_code == 302
    assert MonitoringMoment.objects.filter(case=world.case_a).count() == 2


def test_the_case_scale_is_used_and_family_scores_are_kept(world: World) -> None:
    world.case_a.score_scale = "tien"
    world.case_a.save()
    goal = _goals(world, 1)[0]
    client = _client(world)
    html = client.get(_url(world)).content.decode()
    assert f'name="goal_{goal.pk}" value="10"' in html
    response = client.post(
        _url(world),
        {f"goal_{goal.pk}": "8", f"family_{goal.pk}": "5", "safety": "7", "plan_fits": "ja"},
    )
    assert response.status_code == 302
    moment = MonitoringMoment.objects.get(case=world.case_a)
    score = moment.scores.get()
    assert (moment.scale, score.score, score.family_score) == ("tien", 8, 5)
    assert moment.recorded_on is not None  # the date defaults to today
