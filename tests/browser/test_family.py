"""Issue 19 on a phone: a professional hands over an invitation code; the parent makes an account
on a 375x667 screen, sets up the second factor, gives a score, and the professional sees it
beside their own. axe-core finds no serious or critical problem on the family pages, nothing
scrolls sideways, and the family pages tell the browser to keep nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from conftest import World
from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.tests.factories import PASSWORD
from elkedagbeter.family.models import FamilyKind
from elkedagbeter.family.tests.factories import household

from .conftest import Site
from .test_login import current_code_of_pending

pytestmark = pytest.mark.browser

AXE = Axe()
PHONE = {"width": 375, "height": 667}


def _serious_violations(site: Site) -> list[str]:
    results = AXE.run(site.page)
    return [
        f"{site.path} {violation['id']} ({violation['impact']}): "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def phone(browser: Browser, live_server: object) -> Iterator[Site]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    site = Site(page=context.new_page(), base_url=str(live_server))
    site.page.on(
        "console",
        lambda message: (
            site.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield site
    context.close()


def test_invitation_first_login_score_and_the_professional_sees_it(
    site: Site, phone: Site, world: World
) -> None:
    home = household(world.case_a, world.user("professional"))
    reference = world.case_a.reference

    # The professional makes a code for the parent.
    site.log_in_fully(world.user("professional"))
    page = site.open(f"/casussen/{reference}/gezin/")
    page.select_option("#id_member", str(home.parent.pk))
    page.select_option("#id_kind", FamilyKind.PARENT)
    page.locator("button[name=invite]").click()
    code = page.get_by_test_id("family-code").inner_text()

    # The parent, on a phone: the code, a username and password, then the authenticator app.
    page = phone.open("/gezin/uitnodiging/")
    assert _serious_violations(phone) == []
    page.fill("#id_code", code)
    page.fill("#id_username", "ouder-van-a")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.locator("main button[type=submit]").click()
    assert phone.path.startswith("/tweestapsverificatie/instellen/")
    parent = User.objects.get(username="ouder-van-a")
    phone.enter_code(current_code_of_pending(parent))
    assert phone.path == "/gezin/"

    for path in ("/gezin/", "/gezin/mijn-antwoorden/", "/gezin/plan/", "/gezin/wie-keek/"):
        response = page.goto(phone.base_url + path)
        assert response is not None and "no-store" in response.headers["cache-control"]
        assert _serious_violations(phone) == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways ({width}px)"

    # Their own score: "better than we hoped" (1 on the GAS scale is the professional's; 2 here).
    page = phone.open("/gezin/mijn-antwoorden/")
    page.check("input[name=safety][value='6']")
    page.check("input[name=heard][value='2']")
    page.check(f"input[name=goal_{home.goal.pk}][value='2']")
    page.locator("main button[type=submit]").click()
    assert phone.path == "/gezin/"

    # The professional sees it beside their own score.
    page = site.open(f"/casussen/{reference}/")
    scores = page.get_by_test_id("family-scores").inner_text()
    assert "Ouder: 2" in scores
    assert site.csp_violations == [] and phone.csp_violations == []
