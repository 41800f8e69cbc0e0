"""What the help costs, in chromium: an analyst reads the cost table and downloads it as CSV; a
professional records the arrangement of a case on its page."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from conftest import World
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.costs.models import Arrangement, Tariff

from .conftest import Site, dutch
from .test_accessibility import _serious_violations

pytestmark = pytest.mark.browser


def _spending(world: World, year: int) -> None:
    """Six heavy arrangements in team A this year, at 6000 euro each."""
    Tariff.objects.create(
        region=world.north, key="zwaar", amount_cents=600000, valid_from=date(year, 1, 1)
    )
    for _ in range(6):
        case = CaseFactory(team=world.team_a, opened_on=date(year, 1, 1))
        Arrangement.objects.create(case=case, level="zwaar", agreed_on=date(year, 1, 1))


def test_an_analyst_reads_the_costs_and_downloads_them(site: Site, world: World) -> None:
    year = timezone.localdate().year
    _spending(world, year)
    page = site.log_in("analyst")
    page.get_by_role("link", name=dutch("What the help costs")).click()

    assert page.get_by_role("heading", level=1).inner_text() == dutch("What the help costs")
    table = page.get_by_role("table").filter(has_text=dutch("By team")).inner_text()
    assert "Wijkteam A" in table and "36.000" in table
    assert _serious_violations(site) == []
    with page.expect_download() as download:
        page.get_by_role("link", name=dutch("Download as CSV")).click()
    assert download.value.suggested_filename == f"kosten-{year}.csv"
    path = download.value.path()
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("jaar;indeling;groep;trajecten")
    assert "36000" in text
    assert site.csp_violations == []


def test_a_professional_records_the_arrangement_on_the_case_page(site: Site, world: World) -> None:
    page = site.log_in_fully(world.user("professional"))
    site.open(f"/casussen/{world.case_a.reference}/")
    section = page.locator("section[data-part=arrangement]")
    assert dutch("No arrangement is recorded for this case.") in section.inner_text()

    section.locator("select[name=level]").select_option("midden")
    section.get_by_role("button", name=dutch("Record the arrangement")).click()

    assert site.path == f"/casussen/{world.case_a.reference}/#arrangement"
    section = page.locator("section[data-part=arrangement]")
    assert "Arrangement: midden, afgesproken op" in section.inner_text()
    assert Arrangement.objects.get(case=world.case_a).level == "midden"
    assert _serious_violations(site) == []
    assert site.csp_violations == []
