"""A coordinator shares a good example for a zero goal and finds it again from that zero goal's
O-plaat; a visitor without an account finds an example by searching with another inflection;
every Wat werkt page passes axe-core."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.knowledge.models import ReflectionSession
from elkedagbeter.knowledge.sources import refresh
from elkedagbeter.knowledge.tests.factories import (
    CatalogueItemFactory,
    GoodExampleFactory,
    InitiativeFactory,
)

from .conftest import Site
from .test_accessibility import _serious_violations

pytestmark = pytest.mark.browser


def test_a_good_example_is_shared_and_found_from_the_o_plaat(site: Site, world: World) -> None:
    page = site.log_in_fully(world.user("coordinator"))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wat werkt").click()
    assert _serious_violations(site) == []
    page.get_by_role("link", name="Een goed voorbeeld delen").first.click()

    page.get_by_label("Titel").fill("Leertafel zonder afzondering")
    page.get_by_label("Wat er gedaan is").fill("Elke maand bespreken we één situatie op de groep.")
    page.get_by_label("Voor wie").fill("Groepsleiding van gesloten groepen")
    page.get_by_label("Wat het opleverde").fill("Minder separaties op de groepen.")
    page.get_by_label("Contact (rol)").fill("teamleider behandelgroep")
    page.get_by_label("Minder gesloten plaatsingen, naar 0 separaties").check()
    page.get_by_label("0 separaties", exact=True).check()
    assert _serious_violations(site) == []
    page.get_by_role("button", name="Opslaan").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Leertafel zonder afzondering"
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Beweging van 0"
    ).click()
    page.goto(site.base_url + "/beweging-van-0/nuldoelen/separaties/")
    examples = page.get_by_role("region", name="Goede voorbeelden")
    examples.get_by_role("link", name="Leertafel zonder afzondering").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Leertafel zonder afzondering"
    assert "Minder separaties op de groepen." in page.content()
    assert site.csp_violations == []


def test_a_visitor_finds_the_example_by_another_form_of_the_word(site: Site, world: World) -> None:
    example = GoodExampleFactory(
        title="Netwerkberaad", region=world.north, achieved="Minder uithuisplaatsingen"
    )
    example.themes.create(theme="uithuisplaatsingen")
    refresh(example)

    page = site.open("/wat-werkt/")
    page.get_by_label("Zoeken").fill("uithuisplaatsing")
    page.get_by_role("main").get_by_role("button", name="Zoeken").click()
    assert page.get_by_role("heading", level=2).first.inner_text() == (
        "1 resultaat voor “uithuisplaatsing”"
    )
    assert _serious_violations(site) == []
    page.get_by_role("link", name="Netwerkberaad").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Netwerkberaad"


def test_the_wat_werkt_pages_pass_axe(site: Site, world: World) -> None:
    item = CatalogueItemFactory(name="Gezinscoaching")
    initiative = InitiativeFactory(region=world.north, zero_goal="separaties")
    ReflectionSession.objects.create(
        team=world.team_a,
        held_on=timezone.localdate(),
        participant_roles=["professionals"],
        learned="We betrekken ouders eerder.",
    )
    site.log_in_fully(world.user("coordinator"))
    for path in (
        reverse("knowledge:catalogue"),
        reverse("knowledge:item", args=[item.code]),
        reverse("knowledge:examples"),
        reverse("knowledge:logbook", args=[world.team_a.pk]),
        reverse("knowledge:session_new", args=[world.team_a.pk]),
        reverse("knowledge:lessons"),
        reverse("knowledge:initiatives"),
        reverse("knowledge:initiative", args=[initiative.pk]),
        reverse("knowledge:initiative_new"),
    ):
        site.open(path)
        assert (path, _serious_violations(site)) == (path, [])
    assert site.csp_violations == []
