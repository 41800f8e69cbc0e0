"""A monitoring moment for a household with three desired results, in chromium: six clicks, and
the saved form records how long it was open and how many inputs changed (the script counts on
submit; nothing is sent before)."""

from __future__ import annotations

import pytest

from conftest import World
from elkedagbeter.cases.models import FormTiming, Goal
from elkedagbeter.monitoring.models import MonitoringMoment

from .conftest import Site

pytestmark = pytest.mark.browser


def test_six_clicks_and_the_cost_is_recorded(site: Site, world: World) -> None:
    goals = [Goal.objects.create(case=world.case_a, text=f"Doel {n}") for n in range(3)]
    page = site.log_in_fully(world.user("professional"))
    site.open(f"/casussen/{world.case_a.reference}/monitoring/nieuw/")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method))
    for goal in goals:
        page.check(f"#id_goal_{goal.pk}_3")  # +1
    page.check("#id_safety_6")
    page.check("#id_plan_fits_0")
    page.check("#id_heard_3")
    assert "POST" not in requests  # nothing leaves the page before saving
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/casussen/{world.case_a.reference}/**")
    assert MonitoringMoment.objects.filter(case=world.case_a).count() == 1
    timing = FormTiming.objects.get(form="cases:moment_new")
    assert timing.changed_inputs == 6
    assert timing.case_id == world.case_a.pk
    assert site.csp_violations == []
