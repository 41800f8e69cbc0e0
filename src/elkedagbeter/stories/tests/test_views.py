"""The views: triads, dyad histograms, statement frequencies and pattern sizes for a group of
stories, filterable and comparable, with small counts suppressed; reading single stories and
"more like this"."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.stories import charts, figures, selectors
from elkedagbeter.stories.models import Story
from elkedagbeter.stories.patterns import create_pattern
from elkedagbeter.stories.signification import AnswerValue

from .factories import told

pytestmark = pytest.mark.django_db


def _signified(world: World, count: int, role: str = "ouder", position: int = 900) -> list[Story]:
    return [
        told(
            world.team_a.municipality,
            role=role,
            title=f"{role} {index}",
            happened_on=date(2025, 1 + index % 12, 1),
            answers={
                "oplossing": AnswerValue(shares=(800, 100, 100)),
                "vangnet-springplank": AnswerValue(position=position),
                "uitspraken": AnswerValue(choices=[4]),
            },
        )
        for index in range(count)
    ]


def _viewer(world: World) -> Client:
    return log_in(Client(), world.user("viewer"), second_factor=False)


@pytest.mark.postgres
def test_figures_for_a_group_with_small_counts_suppressed(world: World) -> None:
    parents = _signified(world, 7)
    _signified(world, 3, role="jongere", position=100)
    create_pattern("Wachten", region=world.north, stories=[s.pk for s in parents[:2]])
    visible = selectors.learning_stories(world.user("viewer"))

    group = figures.group_figures(
        visible, visible, selectors.readable_patterns(world.user("viewer"))
    )
    assert group.enough and group.total.value == 10
    dyad = next(d for d in group.dyads if d.signifier.code == "vangnet-springplank")
    cells = dict(dyad.rows)
    assert str(cells["0-20"]) == "< 5"  # three young people
    # With the total known, 7 would give the 3 away: hidden too (secondary suppression).
    assert cells["80-100"].reason == "secondary"
    statements = next(c for c in group.choices if c.signifier.code == "uitspraken")
    assert [str(count) for _label, count, _meter in statements.rows][4] == "10"
    assert [str(count) for _p, count, _m in group.patterns] == ["< 5"]
    triad = next(t for t in group.triads if t.signifier.code == "oplossing")
    assert triad.means[0][1] == "80%" and len(triad.chart.dots) == 10


def test_a_group_below_five_shows_no_charts(world: World) -> None:
    _signified(world, 4)
    visible = selectors.learning_stories(world.user("viewer"))
    group = figures.group_figures(
        visible, visible, selectors.readable_patterns(world.user("viewer"))
    )
    assert not group.enough and str(group.total) == "< 5" and group.triads == []


@pytest.mark.postgres
def test_filters_fade_other_stories_and_two_groups_compare(world: World) -> None:
    _signified(world, 6)
    _signified(world, 5, role="jongere", position=100)
    response = _viewer(world).get(
        reverse("stories:insight"), {"a-rol": "ouder", "b-rol": "jongere", "vergelijk": "1"}
    )
    assert response.status_code == 200
    (_pa, label_a, group_a), (_pb, label_b, group_b) = response.context["groups"]
    assert (label_a, label_b) == ("Ouder", "Jongere")
    assert (group_a.total.value, group_b.total.value) == (6, 5)
    triad = group_a.triads[0]
    assert sum(dot.faded for dot in triad.chart.dots) == 5
    page = response.content.decode()
    assert page.count('class="edb-ternary"') >= 2 and "<table" in page


@pytest.mark.postgres
def test_a_period_filter_uses_when_it_happened(world: World) -> None:
    _signified(world, 12)
    visible = selectors.learning_stories(world.user("viewer"))
    spring = figures.filtered(
        visible, figures.Filters(start=date(2025, 3, 1), end=date(2025, 5, 31))
    )
    assert spring.count() == 3


def test_the_ternary_cells_cover_the_triangle() -> None:
    corners = [(1000, 0, 0), (0, 1000, 0), (0, 0, 1000), (334, 333, 333), (0, 500, 500)]
    cells = {charts.cell_of(p) for p in corners}
    assert all(iu + iv <= charts.DENSITY_STEPS - 1 for iu, iv, _up in cells)
    assert len(cells) == 5


def test_reading_a_story_and_more_like_this(world: World) -> None:
    stories = _signified(world, 6)
    client = _viewer(world)
    response = client.get(reverse("stories:detail", args=[stories[0].reference]), {"meer": "1"})
    assert response.status_code == 200 and len(response.context["similar"]) == 5
    other_region = told(world.team_d.municipality)
    assert client.get(reverse("stories:detail", args=[other_region.reference])).status_code == 200
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    assert analyst.get(reverse("stories:detail", args=[other_region.reference])).status_code == 404
