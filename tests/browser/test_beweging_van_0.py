"""An analyst drills down from the region to a team and back on the dashboard, within the limits
of their role; the dashboard and the O-plaat pass axe-core, and the O-plaat prints on one A4."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from conftest import World
from elkedagbeter.cases.models import Event, EventKind, HouseholdMember, MemberRole
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import RegionalAmbition

from .conftest import Site
from .test_accessibility import _serious_violations

pytestmark = pytest.mark.browser


def _figures(world: World) -> None:
    youth = HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2010
    )
    for _ in range(6):
        Event.objects.create(
            case=world.case_a,
            kind=EventKind.SECLUSION,
            started_on=timezone.localdate(),
            member=youth,
            duration_minutes=15,
            place="kamer",
        )
    facts.rebuild()


def test_an_analyst_drills_down_to_a_team_and_back(site: Site, world: World) -> None:
    _figures(world)
    page = site.log_in("analyst")
    page.get_by_role("link", name="Beweging van 0").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Beweging van 0: Jeugdregio Noord"
    assert _serious_violations(site) == []
    page.get_by_role("link", name="Aa", exact=True).first.click()
    page.get_by_role("link", name="Wijkteam A", exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Beweging van 0: Wijkteam A"
    seclusions = page.locator("#ind-separaties").locator("xpath=..")
    assert seclusions.locator(".edb-figure").inner_text() == "6"
    assert (
        page.get_by_role("link", name="Wijkteam B", exact=True).count() == 0
    )  # a team has no parts

    page.get_by_role("navigation", name="Niveaus").get_by_role(
        "link", name="Jeugdregio Noord"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Beweging van 0: Jeugdregio Noord"
    assert page.get_by_role("navigation", name="Niveaus").get_by_role("link").count() == 0
    assert site.csp_violations == []


def test_a_coordinator_sees_the_region_and_the_own_team_only(site: Site, world: World) -> None:
    _figures(world)
    site.log_in_fully(world.user("coordinator"))
    page = site.open("/beweging-van-0/")

    assert page.get_by_role("heading", level=1).inner_text() == "Beweging van 0: Jeugdregio Noord"
    page.get_by_role("link", name="Wijkteam A").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Beweging van 0: Wijkteam A"
    assert world.case_a.reference not in page.content()
    response = page.goto(f"{site.base_url}/beweging-van-0/?plaats=team-{world.team_b.pk}")
    assert response is not None and response.status == 404
    response = page.goto(f"{site.base_url}/beweging-van-0/?plaats=regio-{world.south.pk}")
    assert response is not None and response.status == 404


def test_the_o_plaat_passes_axe_and_prints_on_one_a4(site: Site, world: World) -> None:
    _figures(world)
    RegionalAmbition.objects.create(
        region=world.north,
        zero_goal="separaties",
        good_enough=10,
        baseline_year=2025,
        who_we_need="\n".join(f"Partner {n}" for n in range(6)),
        initiatives="\n".join(f"Initiatief {n}" for n in range(6)),
    )
    site.log_in("analyst")
    page = site.open("/beweging-van-0/nuldoelen/separaties/")

    assert _serious_violations(site) == []
    assert site.csp_violations == []
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(printed.pages) == 1
    assert "Partner 5" in printed.pages[0].extract_text()
