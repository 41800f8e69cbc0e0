"""Mijn aandacht vandaag in chromium: a professional lands on their attention list, sets a signal
aside with a reason and opens a new plan version in one click; a coordinator sees the team and
raises a knelpunt from a line."""

from __future__ import annotations

import pytest

from conftest import World
from elkedagbeter.attention.models import NextStep, Rule, Signal, Status
from elkedagbeter.attention.refresh import refresh_cases
from elkedagbeter.attention.tests.factories import moments
from elkedagbeter.cases.tests.factories import CaseFactory

from .conftest import Site, dutch

pytestmark = pytest.mark.browser


def _two_cases(world: World) -> tuple[Signal, Signal]:
    moments(world.case_a, "nee", "nee")
    other = CaseFactory(team=world.team_a, case_manager=world.user("professional"))
    moments(other, "ja", "ja", safety=3)
    refresh_cases([world.case_a.pk, other.pk])
    return (
        Signal.objects.get(case=world.case_a, rule=Rule.PLAN_MISFIT),
        Signal.objects.get(case=other, rule=Rule.SAFETY),
    )


def test_professional_lands_on_the_list_and_acts(site: Site, world: World) -> None:
    misfit, safety = _two_cases(world)
    page = site.log_in_fully(world.user("professional"))
    site.open("/")
    section = page.locator("#attention")
    # Safety weighs heaviest, so its case comes first.
    lines = section.locator(".edb-attention-line")
    assert lines.count() == 2
    assert safety.case.reference in lines.first.inner_text()
    assert "3" in lines.first.locator(".edb-signal").inner_text()

    page.get_by_role("link", name=dutch("My attention"), exact=True).click()
    line = page.locator(f"#line-{misfit.case.reference}")
    line.locator("summary").click()
    line.locator("input[value=bewust]").check()
    line.get_by_role("button", name=dutch("Set aside")).click()
    assert (
        dutch("The signal is set aside. Thank you for the reason.")
        in page.get_by_role("status").inner_text()
    )
    misfit.refresh_from_db()
    assert (misfit.status, misfit.set_aside_reason) == (Status.SET_ASIDE, "bewust")

    page.locator(f"#line-{safety.case.reference} [data-step=plan]").click()
    assert site.path == f"/casussen/{safety.case.reference}/plan/"
    safety.refresh_from_db()
    assert (safety.status, safety.next_step) == (Status.ACTED, NextStep.PLAN)
    assert site.csp_violations == []


def test_coordinator_sees_the_team_and_raises_a_knelpunt(site: Site, world: World) -> None:
    moments(world.case_a, "nee", "nee")
    colleague = CaseFactory(team=world.team_a, case_manager=world.user("professional"))
    moments(colleague, "nee", "nee")
    refresh_cases([world.case_a.pk, colleague.pk])
    page = site.log_in_fully(world.user("coordinator"))
    site.open("/aandacht/")
    assert page.locator(".edb-attention-line").count() == 2
    page.locator(f"#line-{colleague.reference} [data-step=knelpunt]").click()
    assert site.path == f"/knelpunten/casus/{colleague.reference}/"
    assert Signal.objects.get(case=colleague).next_step == NextStep.BOTTLENECK
    assert site.csp_violations == []
