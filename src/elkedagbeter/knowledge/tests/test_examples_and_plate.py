"""Good examples are shared with their themes and zero goals, de-identified, and shown on the
O-plaat of their zero goal next to the initiatives that target it; the catalogue shows its use in
the region protected against small numbers; a case's intervention links to the catalogue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.cases.models import Case, Goal, Intervention
from elkedagbeter.knowledge.models import CatalogueItem, GoodExample
from elkedagbeter.knowledge.selectors import catalogue_usage, usage_area
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment

from .factories import CatalogueItemFactory, GoodExampleFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def test_a_shared_example_keeps_its_links_and_loses_names(world: World) -> None:
    item: CatalogueItem = CatalogueItemFactory(name="Netwerkberaad")
    client = log_in(Client(), world.user("professional"))
    response = client.post(
        reverse("knowledge:example_new"),
        {
            "title": "Eerst het netwerk van Fatima de Boer",
            "what": "Samen met Piet Jansen organiseerden we een netwerkberaad.",
            "for_whom": "Gezinnen waar uithuisplaatsing dreigt, zoals de familie Jansen",
            "achieved": "Minder uithuisplaatsingen",
            "contact_role": "jeugdprofessional wijkteam",
            "region": world.north.pk,
            "themes": ["uithuisplaatsingen", "netwerken"],
            "zero_goals": ["gedwongen_uhp"],
            "interventions": [item.pk],
        },
    )

    example = GoodExample.objects.get()
    assert response["Location"] == reverse("knowledge:example", args=[example.pk])
    assert "Piet Jansen" not in example.what and "netwerkberaad" in example.what
    # Everything in an example is public: names go from the title and "for whom" too.
    assert "Fatima" not in example.title and example.title.startswith("Eerst het netwerk")
    assert "Jansen" not in example.for_whom
    assert sorted(example.theme_codes) == ["netwerken", "uithuisplaatsingen"]
    assert example.zero_goal_codes == ["gedwongen_uhp"]
    assert list(example.interventions.all()) == [item]
    public = Client().get(reverse("knowledge:example", args=[example.pk])).content.decode()
    assert "Eerst het netwerk" in public and "Netwerkberaad" in public


def test_an_example_without_a_theme_is_refused_and_nothing_typed_is_lost(world: World) -> None:
    client = log_in(Client(), world.user("expert"))
    page = client.post(
        reverse("knowledge:example_new"),
        {"title": "Mijn titel", "what": "Wat", "for_whom": "Wie", "achieved": "Dit"},
    ).content.decode()

    assert "Kies ten minste één thema." in page
    assert 'value="Mijn titel"' in page
    assert not GoodExample.objects.exists()


def test_examples_are_filtered_by_theme_and_zero_goal(world: World) -> None:
    waiting = GoodExampleFactory(title="Overbruggen", region=world.north)
    waiting.themes.create(theme="wachttijden")
    waiting.zero_goals.create(zero_goal="wachten")
    other = GoodExampleFactory(title="Leertafel", region=world.north)
    other.themes.create(theme="gesloten")

    client = Client()
    by_theme = client.get(reverse("knowledge:examples"), {"thema": "wachttijden"})
    by_goal = client.get(reverse("knowledge:examples"), {"nuldoel": "wachten"})
    for page in (by_theme, by_goal):
        text = page.content.decode()
        assert "Overbruggen" in text and "Leertafel" not in text


def test_the_o_plaat_shows_examples_and_initiatives_for_its_zero_goal(world: World) -> None:
    example = GoodExampleFactory(title="Separatievrij werken", region=world.north)
    example.zero_goals.create(zero_goal="separaties")
    GoodExampleFactory(title="Overbruggen", region=world.north).zero_goals.create(
        zero_goal="wachten"
    )
    InitiativeFactory(title="Leertafel", region=world.north, zero_goal="separaties")
    InitiativeFactory(title="Elders", region=world.south, zero_goal="separaties")

    client = log_in(Client(), world.user("analyst"), second_factor=False)
    page = client.get(reverse("indicators:plate", args=["separaties"])).content.decode()

    assert "Separatievrij werken" in page and "Overbruggen" not in page
    assert "Leertafel" in page and "Elders" not in page  # the region's own initiatives


def _cases_with(world: World, item, count: int, score: int) -> None:
    today = timezone.localdate()
    for _ in range(count):
        case = Case.objects.create(team=world.team_a, opened_on=today - timedelta(days=100))
        Intervention.objects.create(
            case=case, description=item.name, catalogue_item=item, started_on=case.opened_on
        )
        goal = Goal.objects.create(case=case, text="Naar school")
        before = MonitoringMoment.objects.create(
            case=case,
            recorded_on=case.opened_on - timedelta(days=1),
            scale="gas",
            safety=5,
            plan_fits="ja",
        )
        GoalScore.objects.create(moment=before, goal=goal, scale="gas", score=-2)
        after = MonitoringMoment.objects.create(
            case=case, recorded_on=today, scale="gas", safety=7, plan_fits="ja"
        )
        GoalScore.objects.create(moment=after, goal=goal, scale="gas", score=score)


def test_catalogue_use_in_the_region_is_protected(world: World) -> None:
    few: CatalogueItem = CatalogueItemFactory(name="Weinig")
    many: CatalogueItem = CatalogueItemFactory(name="Veel")
    unused: CatalogueItem = CatalogueItemFactory(name="Nooit")
    _cases_with(world, few, 4, 2)
    _cases_with(world, many, 5, 1)

    area = usage_area(world.user("analyst"))
    usage = catalogue_usage(area, [few, many, unused])

    assert (str(usage[few.pk].cases), usage[few.pk].attainment_label) == ("< 5", "< 5")
    # Only scores since the intervention started count: +1 each, not the -2 before.
    assert (str(usage[many.pk].cases), usage[many.pk].attainment_label) == ("5", "+1,0")
    assert (str(usage[unused.pk].cases), usage[unused.pk].attainment_label) == ("0", "-")
    south = usage_area(world.user("viewer"))  # national: the same counts
    assert catalogue_usage(south, [many])[many.pk].cases.value == 5
    page = Client().get(reverse("knowledge:item", args=[many.code])).content.decode()
    assert "+1,0" not in page  # anonymous visitors see no use figures


def test_a_case_intervention_can_come_from_the_catalogue(world: World) -> None:
    item: CatalogueItem = CatalogueItemFactory(
        name="Gezinscoaching", evidence_level="goed_onderbouwd"
    )
    client = log_in(Client(), world.user("professional"))
    url = reverse("cases:add", args=[world.case_a.reference, "interventie"])

    empty = client.post(url, {"started_on": timezone.localdate().isoformat()})
    assert "Beschrijf de interventie of kies haar uit de catalogus." in empty.content.decode()
    client.post(url, {"catalogue_item": item.pk, "started_on": timezone.localdate().isoformat()})
    client.post(
        url, {"description": "Eigen aanpak", "started_on": timezone.localdate().isoformat()}
    )

    linked, own = world.case_a.interventions.order_by("id")
    assert (linked.description, linked.catalogue_item) == ("Gezinscoaching", item)
    assert (own.description, own.catalogue_item) == ("Eigen aanpak", None)
    page = client.get(reverse("cases:detail", args=[world.case_a.reference])).content.decode()
    assert reverse("knowledge:item", args=[item.code]) in page
