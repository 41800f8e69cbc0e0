"""The five core tasks of a professional's first hour in chromium, for ``make bench``: register
a household with two members and a goal, record a monitoring moment, add a seclusion, escalate
to the expert team, raise a knelpunt. Prints clicks, inputs, pages and seconds per task (a
script's pace, so the seconds are the application's share); never fails on time or counts.

    .venv/bin/python -m pytest -q -s -p no:cacheprovider bench/first_hour.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Frame, Page
from tests.browser.conftest import Site, browser, dutch, site  # noqa: F401 - the fixtures

from conftest import World
from elkedagbeter.bottlenecks.models import Bottleneck, Level
from elkedagbeter.bottlenecks.tests.factories import BodyFactory, RuleFactory
from elkedagbeter.cases.models import Case, Event, EventKind
from elkedagbeter.monitoring.models import MonitoringMoment

pytestmark = pytest.mark.browser


@dataclass
class Walk:
    """Performs and counts a user's actions: clicks (links, buttons, radios, boxes), inputs
    (typed, picked or ticked), pages loaded."""

    page: Page
    clicks: int = 0
    inputs: int = 0
    pages: int = 0
    figures: list[tuple[str, int, int, int, float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._loaded)

    def _loaded(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.pages += 1

    def click_link(self, name: str) -> None:
        self.page.get_by_role("link", name=name).first.click()
        self.clicks += 1

    def click_button(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()
        self.clicks += 1

    def fill(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.inputs += 1

    def select(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)
        self.inputs += 1

    def check(self, selector: str) -> None:
        self.page.check(selector)
        self.clicks += 1
        self.inputs += 1

    def task(self, name: str, steps: Callable[[], None]) -> None:
        self.clicks = self.inputs = self.pages = 0
        started = time.perf_counter()
        steps()
        self.page.wait_for_load_state()
        seconds = time.perf_counter() - started
        self.figures.append((name, self.clicks, self.inputs, self.pages, seconds))


def test_the_five_core_tasks(site: Site, world: World) -> None:  # noqa: F811
    municipality = world.team_a.municipality
    body = BodyFactory(  # type: ignore[no-untyped-call]
        name="Gemeente Aa, team Jeugd", region=world.north, municipality=municipality
    )
    RuleFactory(  # type: ignore[no-untyped-call]
        position=10, body=body, level=Level.MUNICIPALITY, municipality=municipality
    )
    page = site.log_in_fully(world.user("professional"))
    site.open("/casussen/")
    walk = Walk(page)
    found: dict[str, Case] = {}

    def register() -> None:
        walk.click_link(dutch("Register a household"))
        walk.select("#id_lid-0-role", "ouder")
        walk.fill("#id_lid-0-birth_year", "1984")
        walk.select("#id_lid-1-role", "jeugdige")
        walk.fill("#id_lid-1-birth_year", "2012")
        walk.fill("#id_goal", "Weer elke dag naar school")
        walk.click_button(dutch("Register"))
        page.wait_for_url("**/casussen/C-*/")
        found["case"] = Case.objects.exclude(pk=world.case_a.pk).get(team=world.team_a)

    def moment() -> None:
        case = found["case"]
        walk.click_link(dutch("Record a monitoring moment"))
        walk.check(f"#id_goal_{case.goals.get().pk}_3")
        walk.check("#id_safety_6")
        walk.check("#id_plan_fits_0")
        walk.click_button(dutch("Save"))
        page.wait_for_url("**#monitoring")

    def seclusion() -> None:
        case = found["case"]
        walk.click_link(dutch("Add an event"))
        walk.check("input[name=kind][value=separatie]")
        walk.click_button(dutch("Next"))
        walk.select("#id_member", str(case.members.get(birth_year=2012).pk))
        walk.fill("#id_started_on", time.strftime("%Y-%m-%d"))
        walk.fill("#id_duration_minutes", "30")
        walk.fill("#id_place", "Time-outruimte")
        walk.click_button(dutch("Save"))
        page.wait_for_url("**#tijdlijn")

    def escalate() -> None:
        walk.click_link(dutch("Escalate to the expert team"))
        walk.fill("#id_consent_on", time.strftime("%Y-%m-%d"))
        walk.click_button(dutch("Escalate"))
        page.wait_for_load_state()

    def knelpunt() -> None:
        walk.click_link(dutch("Raise a bottleneck"))
        walk.check("input[name=category]")
        walk.fill("#id_title", "Twee gemeenten betwisten wie de pleegzorg betaalt")
        page.click("main form button[type=submit]")
        walk.clicks += 1
        page.wait_for_url("**/knelpunten/*/")

    walk.task("register a household (2 members, 1 goal)", register)
    walk.task("record a monitoring moment", moment)
    walk.task("add a seclusion", seclusion)
    walk.task("escalate to the expert team", escalate)
    walk.task("raise a knelpunt", knelpunt)

    case = found["case"]
    done = (
        case.members.count() == 2,
        MonitoringMoment.objects.filter(case=case).exists(),
        Event.objects.filter(case=case, kind=EventKind.SECLUSION).exists(),
        Case.objects.get(pk=case.pk).escalated_to_id is not None,
        Bottleneck.objects.exists(),
    )
    print("\nfirst hour, five core tasks in chromium (clicks, inputs, pages, seconds):")
    for (name, clicks, inputs, pages, seconds), saved in zip(walk.figures, done, strict=True):
        print(_row(name, clicks, inputs, pages, seconds) + ("" if saved else "  (not saved)"))
    clicks = sum(f[1] for f in walk.figures)
    inputs = sum(f[2] for f in walk.figures)
    pages = sum(f[3] for f in walk.figures)
    print(_row("all five", clicks, inputs, pages, sum(f[4] for f in walk.figures)))


def _row(name: str, clicks: int, inputs: int, pages: int, seconds: float) -> str:
    figures = f"{clicks:3d} clicks {inputs:3d} inputs {pages:3d} pages {seconds:5.1f} s"
    return f"  {name:44s} {figures}"
