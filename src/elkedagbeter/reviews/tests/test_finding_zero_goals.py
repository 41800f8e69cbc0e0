"""Conclusions and lessons name the zero goals and child-perspective statements they concern:
the forms save them, the round and findings pages show them, a conclusion offers "Knelpunt
melden" pre-filled with them (or passes them on when it is raised at once), and the O-plaat lists
them only for those the findings are shared with."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.bottlenecks.models import Category
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.models import Conclusion, Lesson, ReviewRound, RoundStatus

from .factories import import_rows, new_round, request_for, second_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(world: World) -> ReviewRound:
    expert = world.user("expert")
    round_ = new_round(expert, world.expert_team, [expert, second_expert(world.expert_team)])
    import_rows(expert, round_, [{"bron_id": f"DOS-{n}", "verblijfsketen": "14"} for n in (1, 2)])
    actions.draw_sample(request_for(expert), round_)
    return round_


def test_the_forms_save_the_links_and_the_round_page_shows_them(
    round_: ReviewRound, world: World
) -> None:
    expert = log_in(Client(), world.user("expert"))
    expert.post(
        reverse("reviews:conclusion_new", kwargs={"pk": round_.pk}),
        {
            "text": "Jongeren worden overgeplaatst zonder analyse.",
            "zero_goals": ["overplaatsingen", "zonder_analyse"],
            "statements": ["goede_plek"],
        },
    )
    expert.post(
        reverse("reviews:lesson_new", kwargs={"pk": round_.pk}),
        {"title": "Eerst begrijpen", "text": "Analyse vooraf.", "zero_goals": ["zonder_analyse"]},
    )
    conclusion = Conclusion.objects.get()
    assert sorted(conclusion.links.zero_goal_codes) == ["overplaatsingen", "zonder_analyse"]
    assert Lesson.objects.get().links.zero_goal_codes == ["zonder_analyse"]

    page = expert.get(reverse("reviews:detail", kwargs={"pk": round_.pk})).content.decode()
    assert "0 jongeren die van plek naar plek gaan" in page
    assert "Zorg dat ik in één keer op de goede plek kom" in page
    href = page.split(reverse("bottlenecks:new") + "?")[1].split('"')[0].replace("&amp;", "&")
    query = parse_qs(href)
    assert sorted(query["nuldoel"]) == ["overplaatsingen", "zonder_analyse"]
    assert query["uitspraak"] == ["goede_plek"]
    assert query["titel"] == ["Jongeren worden overgeplaatst zonder analyse."]


def test_a_conclusion_raised_at_once_passes_its_links_to_the_knelpunt(
    round_: ReviewRound, world: World
) -> None:
    conclusion = actions.add_conclusion(
        request_for(world.user("expert")),
        round_,
        text="Separatie bij gebrek aan plek.",
        raise_bottleneck=True,
        bottleneck_category=Category.NO_SUITABLE_CARE,
        bottleneck_title="Geen plek zonder separeerruimte",
        zero_goals=["separaties"],
        statements=["nooit_opsluiten"],
    )
    assert conclusion.bottleneck is not None
    assert list(conclusion.bottleneck.zero_goals.values_list("zero_goal", flat=True)) == [
        "separaties"
    ]


def test_an_unknown_zero_goal_is_refused_naming_the_field(
    round_: ReviewRound, world: World
) -> None:
    expert = log_in(Client(), world.user("expert"))
    response = expert.post(
        reverse("reviews:conclusion_new", kwargs={"pk": round_.pk}),
        {"text": "Iets", "zero_goals": ["koffie"]},
    )
    assert "Nuldoelen: kies alleen nuldoelen uit de lijst." in response.content.decode()
    assert not Conclusion.objects.exists()


def test_the_o_plaat_lists_findings_only_where_shared(round_: ReviewRound, world: World) -> None:
    expert_request = request_for(world.user("expert"))
    actions.add_conclusion(
        expert_request, round_, text="Separatie duurt te lang.", zero_goals=["separaties"]
    )
    actions.add_lesson(
        expert_request,
        round_,
        title="Intern geleerd over separatie",
        text="Nog niet delen.",
        shareable=False,
        zero_goals=["separaties"],
    )
    url = reverse("indicators:plate", kwargs={"code": "separaties"})
    query = f"?plaats=regio-{world.north.pk}"
    analyst = log_in(Client(), world.user("analyst"))
    expert = log_in(Client(), world.user("expert"))

    own = expert.get(url).content.decode()
    assert "Separatie duurt te lang." in own and "Intern geleerd over separatie" in own
    before = analyst.get(url + query).content.decode()
    assert "Separatie duurt te lang." not in before  # the round is not shared

    ReviewRound.objects.filter(pk=round_.pk).update(status=RoundStatus.CLOSED, shared=True)
    after = analyst.get(url + query).content.decode()
    assert "Separatie duurt te lang." in after
    assert reverse("reviews:findings", kwargs={"pk": round_.pk}) in after
    assert "Intern geleerd over separatie" not in after  # a lesson the team did not share
    assert "DOS-1" not in after and "/dossiers/" not in after
