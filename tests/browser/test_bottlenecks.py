"""A professional raises a bottleneck from a case in two clicks; the municipality's handler takes
it up and solves it; the reporting team sees the answer. In chromium, with axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from conftest import World, _member
from elkedagbeter.bottlenecks.models import (
    Bottleneck,
    Category,
    Level,
    ResponsibleBody,
    Status,
)
from elkedagbeter.bottlenecks.tests.factories import BodyFactory, RuleFactory
from elkedagbeter.cases.models import HouseholdMember, MemberRole
from elkedagbeter.organisations.models import Role

from .conftest import Site, dutch
from .test_accessibility import _serious_violations

pytestmark = pytest.mark.browser


def test_raise_from_a_case_and_resolve_as_the_responsible_body(
    site: Site, world: World, browser: Browser
) -> None:
    municipality = world.team_a.municipality
    handler = _member("gemeente-aa", Role.ANALYST, municipality=municipality)
    body: ResponsibleBody = BodyFactory(
        name="Gemeente Aa, team Jeugd", region=world.north, municipality=municipality
    )
    body.handlers.add(handler)
    RuleFactory(position=10, body=body, level=Level.MUNICIPALITY, municipality=municipality)
    HouseholdMember.objects.create(case=world.case_a, role=MemberRole.YOUTH, age_band="12-17")

    # The professional: case page → "Raise a bottleneck" → category and one sentence → send.
    page = site.log_in_fully(world.user("professional"))
    site.open(f"/casussen/{world.case_a.reference}/")
    page.get_by_role("link", name=dutch("Raise a bottleneck")).click()
    assert site.path == f"/knelpunten/casus/{world.case_a.reference}/"
    assert page.input_value("#id_age_band") == "12-17"
    assert _serious_violations(site) == []
    page.get_by_label(dutch("Financing / woonplaatsbeginsel")).check()
    page.fill("#id_title", "Twee gemeenten betwisten wie de pleegzorg betaalt")
    page.click("main form button[type=submit]")
    bottleneck = Bottleneck.objects.get()
    assert site.path == f"/knelpunten/{bottleneck.pk}/"
    assert bottleneck.body == body and bottleneck.category == Category.FINANCING
    assert world.case_a.reference in page.inner_text("main")  # the team sees the case link
    assert _serious_violations(site) == []

    # The municipality's handler, in another browser: takes it up, then solves it.
    context = browser.new_context(locale="en-US")
    other = Site(page=context.new_page(), base_url=site.base_url)
    other.page.on(
        "console",
        lambda message: (
            other.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    handler_page = other.log_in(handler.username)
    other.open("/knelpunten/")
    assert _serious_violations(other) == []
    handler_page.get_by_role("link", name=f"{bottleneck.number} {bottleneck.title}").click()
    assert world.case_a.reference not in handler_page.inner_text("main")
    handler_page.get_by_label(dutch("Take it up (in progress)")).check()
    handler_page.get_by_role("button", name=dutch("Save the step")).click()
    assert Bottleneck.objects.get().status == Status.IN_PROGRESS
    # Solving without saying what was done is refused, and the choice is kept.
    handler_page.get_by_label(dutch("Solved")).check()
    handler_page.get_by_role("button", name=dutch("Save the step")).click()
    assert handler_page.locator("#id_text_error").is_visible()
    assert handler_page.is_checked(f"input[value='{Status.SOLVED}']")
    handler_page.fill("#id_text", "De gemeente waar het kind woont betaalt voor.")
    # Solving also says what was decided; without it, the typed text stays.
    handler_page.get_by_role("button", name=dutch("Save the step")).click()
    assert handler_page.locator("#id_besluit-title_error").is_visible()
    assert handler_page.input_value("#id_text") == "De gemeente waar het kind woont betaalt voor."
    handler_page.fill("#id_besluit-title", "Woonplaatsgemeente betaalt voor, verrekent later")
    handler_page.check("input[name='besluit-indicator_codes'][value='uhp_gedwongen']")
    handler_page.get_by_role("button", name=dutch("Save the step")).click()
    assert Bottleneck.objects.get().status == Status.SOLVED
    assert Bottleneck.objects.get().decision is not None
    assert _serious_violations(other) == []
    other_violations = other.csp_violations
    context.close()

    # Back with the professional: the answer is on the bottleneck.
    site.open(f"/knelpunten/{bottleneck.pk}/")
    assert "De gemeente waar het kind woont betaalt voor." in page.inner_text("main")
    assert "Woonplaatsgemeente betaalt voor, verrekent later" in page.inner_text("main")
    assert site.csp_violations == [] and other_violations == []
