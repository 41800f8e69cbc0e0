"""A professional registers a household, adds a placement and records a monitoring moment, in
chromium; the monitoring moment must take six inputs or fewer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from conftest import World
from elkedagbeter.cases.models import Case
from elkedagbeter.monitoring.models import MonitoringMoment

from .conftest import Site, dutch

pytestmark = pytest.mark.browser


class Inputs:
    """Performs and counts what a user types, picks or ticks (not the save button)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.count = 0

    def fill(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.count += 1

    def select(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)
        self.count += 1

    def check(self, selector: str) -> None:
        self.page.check(selector)
        self.count += 1


def _save(page: Page) -> None:
    page.click("main form button[type=submit]")


def test_register_a_household_add_a_placement_and_monitor(site: Site, world: World) -> None:
    page = site.log_in_fully(world.user("professional"))
    site.open("/casussen/")
    page.get_by_role("link", name=dutch("Register a household")).click()
    # One page: the professional's only team is preselected, a member row and the first goal.
    page.select_option("#id_lid-0-role", "jeugdige")
    page.fill("#id_lid-0-birth_year", "2011")
    page.fill("#id_goal", "Weer elke dag naar school")
    page.press("#id_goal", "Enter")  # Enter registers (not "another member")
    case = Case.objects.exclude(pk=world.case_a.pk).get(team=world.team_a)
    page.wait_for_url(f"**/casussen/{case.reference}/")
    assert case.members.count() == 1 and case.goals.count() == 1

    page.get_by_role("link", name=dutch("Add an event")).click()
    page.get_by_label(dutch("Out-of-home placement"), exact=True).check()
    page.get_by_role("button", name=dutch("Next")).click()
    page.select_option("#id_member", str(case.members.get().pk))
    page.fill("#id_started_on", (timezone.localdate() - timedelta(days=10)).isoformat())
    page.select_option("#id_residence_type", "13")  # closed, without its legal basis
    _save(page)
    assert page.locator("#id_legal_basis_error").inner_text() == dutch(
        "A closed placement needs a closed youth care order (machtiging gesloten jeugdhulp)."
    )
    assert page.input_value("#id_member") == str(case.members.get().pk)  # nothing lost
    page.select_option("#id_legal_basis", "71")
    _save(page)
    assert page.get_by_role("status").inner_text() == dutch("The event is on the timeline.")
    assert case.events.get().legal_basis == "71"

    page.get_by_role("link", name=dutch("Record a monitoring moment")).first.click()
    inputs = Inputs(page)
    goal = case.goals.get()
    inputs.check(f"#id_goal_{goal.pk}_3")  # +1 on -2..+2
    inputs.check("#id_safety_6")  # 7
    inputs.check("#id_plan_fits_0")
    inputs.check("#id_heard_3")
    _save(page)

    assert site.path == f"/casussen/{case.reference}/#monitoring"
    moment = MonitoringMoment.objects.get(case=case)
    assert (moment.safety, moment.plan_fits, moment.heard) == (7, "ja", 4)
    assert inputs.count <= 6
    assert site.csp_violations == []
