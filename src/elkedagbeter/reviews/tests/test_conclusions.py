"""What a round teaches reaches others: a conclusion that names a systemic barrier becomes a
bottleneck at once, routed like any other, and a shared lesson is found in the Wat werkt search."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Status
from elkedagbeter.knowledge import search
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.models import ReviewRound

from .factories import import_rows, new_round, request_for, second_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(world: World) -> ReviewRound:
    expert = world.user("expert")
    round_ = new_round(expert, world.expert_team, [expert, second_expert(world.expert_team)])
    import_rows(expert, round_, [{"bron_id": f"DOS-{n}", "verblijfsketen": "14"} for n in (1, 2)])
    actions.draw_sample(request_for(expert), round_)
    return round_


def test_a_conclusion_raised_as_a_bottleneck_lands_with_a_body(
    round_: ReviewRound, world: World
) -> None:
    conclusion = actions.add_conclusion(
        request_for(world.user("expert")),
        round_,
        text="Na een overplaatsing stopt de behandeling.",
        raise_bottleneck=True,
        bottleneck_category=Category.NO_SUITABLE_CARE,
        bottleneck_title="Behandeling stopt bij overplaatsing",
    )

    bottleneck = conclusion.bottleneck
    assert bottleneck is not None
    assert bottleneck.region == world.north
    assert bottleneck.raised_by_team == world.expert_team
    assert bottleneck.status == Status.REPORTED
    # No routing rule in this world: the region's coordinator has it, and the history says so.
    assert bottleneck.body.is_region_coordinator
    assert bottleneck.history.get().routing_note
    expert = log_in(Client(), world.user("expert"))
    page = expert.get(reverse("reviews:detail", kwargs={"pk": round_.pk})).content.decode()
    assert reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk}) in page


def test_a_plain_conclusion_raises_nothing(round_: ReviewRound, world: World) -> None:
    conclusion = actions.add_conclusion(
        request_for(world.user("expert")),
        round_,
        text="Gezinnen waren zelden betrokken.",
        raise_bottleneck=False,
        bottleneck_category=Category.COOPERATION,  # left over in the form, unticked
        bottleneck_title="Gezin niet betrokken",
    )

    assert conclusion.bottleneck is None and not conclusion.raise_bottleneck
    assert not Bottleneck.objects.exists()


def test_only_the_round_s_team_concludes(round_: ReviewRound, world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.add_conclusion(
            request_for(world.user("professional")),
            round_,
            text="x",
            raise_bottleneck=True,
            bottleneck_category=Category.WAITING,
            bottleneck_title="y",
        )
    assert not Bottleneck.objects.exists()


@pytest.mark.postgres
def test_a_shared_lesson_is_found_in_the_wat_werkt_search(
    round_: ReviewRound, world: World
) -> None:
    expert = request_for(world.user("expert"))
    actions.add_lesson(
        expert, round_, title="Verklarende analyses vooraf", text="Eerst begrijpen.", shareable=True
    )
    actions.add_lesson(
        expert, round_, title="Verklarende analyses intern", text="Nog niet delen.", shareable=False
    )

    found = {d.title for d in search.search(world.user("analyst"), "verklarende analyse")}

    assert found == {"Verklarende analyses vooraf"}  # shared only, and "analyses" by its stem
    assert search.search(AnonymousUser(), "verklarende analyse") == []
