"""The findings page reads a round in a fixed number of queries, however many dossiers."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.models import ReviewRound

from .factories import answer_all, import_rows, new_round, request_for, second_expert


def _round(world: World, size: int, suffix: str) -> ReviewRound:
    expert = world.user("expert")
    colleague = second_expert(world.expert_team, f"colleague-{suffix}")
    round_ = new_round(expert, world.expert_team, [expert, colleague], sample_size=size)
    rows = [{"bron_id": f"{suffix}-{n}", "verblijfsketen": "14>13"} for n in range(size)]
    import_rows(expert, round_, rows)
    actions.draw_sample(request_for(expert), round_)
    for dossier in round_.dossiers.all():
        for review in dossier.reviews.all():
            answer_all(review, {}, note="Let op")
    return round_


def _queries(client: Client, round_: ReviewRound) -> int:
    url = reverse("reviews:findings", args=[round_.pk])
    client.get(url)  # warm: the session is written at most once a minute (core/sessions.py)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_findings_page_queries_do_not_grow_with_the_dossiers(world: World) -> None:
    client = log_in(Client(), world.user("expert"))
    small, large = _round(world, 3, "s"), _round(world, 30, "l")
    assert _queries(client, small) == _queries(client, large)
