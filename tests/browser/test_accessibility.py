"""axe-core finds no serious or critical accessibility problems on the pages everyone passes,
and no page breaks the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import World
from elkedagbeter.attention.refresh import refresh_cases
from elkedagbeter.attention.tests.factories import moments
from elkedagbeter.cases.models import Goal

from .conftest import Site

pytestmark = pytest.mark.browser

AXE = Axe()


def _serious_violations(site: Site) -> list[str]:
    results = AXE.run(site.page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def _login_page(site: Site, world: World) -> None:
    site.open("/inloggen/")


def _login_page_with_errors(site: Site, world: World) -> None:
    site.log_in("professional", "wrong")


def _verification_page(site: Site, world: World) -> None:
    site.log_in("professional")


def _landing_page(site: Site, world: World) -> None:
    site.open("/")


def _home_of(persona: str) -> Callable[[Site, World], None]:
    def visit(site: Site, world: World) -> None:
        user = world.user(persona)
        if user.totpdevice_set.exists():
            site.log_in_fully(user)
        else:
            site.log_in(persona)

    return visit


def _case_list(site: Site, world: World) -> None:
    site.log_in_fully(world.user("professional"))
    site.open("/casussen/")


def _attention_list(site: Site, world: World) -> None:
    moments(world.case_a, "nee", "nee", safety=3)
    refresh_cases([world.case_a.pk])
    site.log_in_fully(world.user("coordinator"))
    site.open("/aandacht/")


def _moment_form(site: Site, world: World) -> None:
    for n in range(3):
        Goal.objects.create(case=world.case_a, text=f"Doel {n}")
    site.log_in_fully(world.user("professional"))
    site.open(f"/casussen/{world.case_a.reference}/monitoring/nieuw/")


def _not_found(site: Site, world: World) -> None:
    site.open("/bestaat-niet/")


PAGES = {
    "login": _login_page,
    "login with errors": _login_page_with_errors,
    "verification": _verification_page,
    "landing": _landing_page,
    "home professional": _home_of("professional"),
    "home analyst": _home_of("analyst"),
    "home admin": _home_of("admin"),
    "case list": _case_list,
    "attention list": _attention_list,
    "monitoring moment": _moment_form,
    "not found": _not_found,
}


@pytest.mark.parametrize("visit", PAGES.values(), ids=PAGES.keys())
def test_no_serious_accessibility_violations(
    site: Site, world: World, visit: Callable[[Site, World], None]
) -> None:
    visit(site, world)

    assert _serious_violations(site) == []
    assert site.csp_violations == []


def test_an_untouched_required_field_is_not_shown_as_an_error(site: Site, world: World) -> None:
    # The component library paints every :invalid field red, and an empty required field is
    # :invalid before anyone typed; our stylesheet waits until the user tried to send.
    page = site.log_in_fully(world.user("professional"))
    site.open("/casussen/noodtoegang/")
    reason = page.locator("#id_reason")
    untouched = reason.evaluate("e => getComputedStyle(e).borderTopColor")

    page.locator("main button[type=submit]").last.click()  # the browser refuses the empty field

    assert reason.evaluate("e => getComputedStyle(e).borderTopColor") != untouched
    assert site.csp_violations == []
