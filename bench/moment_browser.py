"""One monitoring moment in chromium, for ``make bench``: a household with three desired results,
the clicks a professional makes, and what the application itself recorded for the form (seconds
open until saved, inputs changed). Prints figures; never fails on time.

    .venv/bin/python -m pytest -q -s -p no:cacheprovider bench/moment_browser.py
"""

from __future__ import annotations

import time

import pytest
from tests.browser.conftest import Site, browser, site  # noqa: F401 - the fixtures

from conftest import World
from elkedagbeter.cases.models import FormTiming, Goal

pytestmark = pytest.mark.browser


def test_one_monitoring_moment(site: Site, world: World) -> None:  # noqa: F811
    goals = [Goal.objects.create(case=world.case_a, text=f"Doel {n}") for n in range(3)]
    page = site.log_in_fully(world.user("professional"))
    clicks = [f"#id_goal_{goal.pk}_3" for goal in goals]
    clicks += ["#id_safety_6", "#id_plan_fits_0", "#id_heard_3"]
    started = time.perf_counter()
    site.open(f"/casussen/{world.case_a.reference}/monitoring/nieuw/")
    for selector in clicks:
        page.check(selector)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/casussen/{world.case_a.reference}/**")
    elapsed = time.perf_counter() - started
    timing = FormTiming.objects.get(form="cases:moment_new")
    print(
        f"\nmonitoring moment, 3 desired results: {len(clicks)} inputs clicked, "
        f"{timing.changed_inputs} recorded as changed, {timing.seconds} s recorded open "
        f"(a script's clicks; {elapsed:.1f} s from opening to saved page in chromium)"
    )
