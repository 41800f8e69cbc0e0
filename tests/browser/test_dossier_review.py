"""A full review round in chromium: an expert opens a round, imports anonymised dossiers (one bad
row named), draws the sample, reviews every dossier (an unanswered item refused without losing
what was typed), resolves a difference with the second reviewer, closes and shares the round,
raises a conclusion as a bottleneck, and downloads the report; an analyst then sees the
findings with small numbers hidden. The pages pass axe and the Content-Security-Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from conftest import World
from elkedagbeter.reviews.models import ReviewRound, RoundStatus
from elkedagbeter.reviews.tests.factories import answer_all, second_expert

from .conftest import Site, dutch
from .test_accessibility import _serious_violations

pytestmark = pytest.mark.browser

CSV = (
    "bron_id;organisatie;verblijfsketen;samenvatting\n"
    "RES-1;Instelling A;14>14>13;Opgenomen na crisis.\n"
    "RES-2;Instelling A;11>12;Pleegzorg liep vast.\n"
    "RES-3;Instelling B;14;Open groep.\n"
    "RES-4;Instelling B;77;Onbekende code.\n"
)


def _submit(page: Page, name: str = "") -> None:
    selector = f"main form button[name={name}]" if name else "main form button[type=submit]"
    page.locator(selector).last.click()


def _review_in_browser(site: Site, round_: ReviewRound, dossier_pk: int, *, first: bool) -> None:
    page = site.open(f"/dossierreviews/{round_.pk}/dossiers/{dossier_pk}/")
    if first:
        assert _serious_violations(site) == []
    items = list(round_.items.all())
    for item in items:
        if item.code == "nazorg" and first:
            continue  # left open on purpose
        if item.is_number:
            page.fill(f"#id_item_{item.pk}", "1")
        else:
            page.check(f"#id_item_{item.pk}_1")  # "nee"
    page.fill("#id_note", "Geen verklarende analyse gevonden.")
    _submit(page, "submit")
    if first:
        nazorg = next(item for item in items if item.code == "nazorg")
        assert page.locator(f"#id_item_{nazorg.pk}_error").inner_text() == dutch(
            "Answer this item before handing in."
        )
        assert page.input_value("#id_note") == "Geen verklarende analyse gevonden."
        assert page.is_checked(f"#id_item_{items[0].pk}_1")  # nothing lost
        page.check(f"#id_item_{nazorg.pk}_0")
        _submit(page, "submit")
    assert site.path == f"/dossierreviews/{round_.pk}/"


def test_a_full_review_round(site: Site, world: World) -> None:
    expert = world.user("expert")
    colleague = second_expert(world.expert_team)
    page = site.log_in_fully(expert)

    # Open the round.
    site.open("/dossierreviews/")
    page.get_by_role("link", name=dutch("Open a review round")).click()
    page.fill("#id_title", "Uitstroom 24-uurszorg")
    page.fill("#id_question", "Wat helpt jeugdigen uit de 24-uurszorg?")
    page.check("#id_population_2")  # imported dossiers (the third choice)
    page.fill("#id_sample_size", "2")
    page.fill("#id_seed", "7")
    page.get_by_label(colleague.get_full_name()).check()
    _submit(page)
    round_ = ReviewRound.objects.get()
    assert site.path == f"/dossierreviews/{round_.pk}/"
    assert set(round_.reviewers.all()) == {expert, colleague}

    # The checklist takes an item of the team's own.
    page.get_by_role("link", name=dutch("Checklist (%(counter)s item)").split(" (")[0]).click()
    page.fill("#id_question", "Onderwijs geregeld")
    _submit(page)
    assert round_.items.filter(code="onderwijs-geregeld", kind="ja_nee").exists()
    assert _serious_violations(site) == []
    site.open(f"/dossierreviews/{round_.pk}/")

    # Import the population: the bad row is named, the good ones are imported.
    page.get_by_role("link", name=dutch("Import anonymised dossiers")).click()
    page.set_input_files(
        "#id_upload",
        files=[{"name": "dossiers.csv", "mimeType": "text/csv", "buffer": CSV.encode()}],
    )
    page.check("#id_mode_1")  # good rows only
    _submit(page)
    assert "“77”" in page.locator("main table").inner_text()
    assert _serious_violations(site) == []
    page.get_by_role("button", name="3").click()  # "3 regels importeren"
    assert round_.imported_dossiers.count() == 3

    # Draw the sample.
    site.open(f"/dossierreviews/{round_.pk}/")
    page.get_by_role("button", name=dutch("Draw the sample and start reviewing")).click()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.REVIEWING
    dossiers = list(round_.dossiers.order_by("number"))
    assert len(dossiers) == 2
    assert dutch("Drawing again with this seed gives the same dossiers.") in page.inner_text("main")
    assert _serious_violations(site) == []

    # Both reviewers read each dossier; the colleague differs on two yes/no items of the first.
    numbers = {item.code: 1 for item in round_.items.filter(kind="aantal")}
    for index, dossier in enumerate(dossiers):
        _review_in_browser(site, round_, dossier.pk, first=index == 0)
        differing = {"gezin_betrokken": "ja"} if index == 0 else {"nazorg": "ja"}
        answer_all(dossier.reviews.get(reviewer=colleague), {**numbers, **differing})
    # Dossier 1: the expert said "nee" to aftercare at first try, then "ja"; the colleague "nee".
    # Dossier 2: the expert said "nee", the colleague "ja". Both are resolved as "nee".
    for dossier in dossiers:
        site.open(f"/dossierreviews/{round_.pk}/dossiers/{dossier.pk}/afstemmen/")
        assert _serious_violations(site) == []
        assert page.locator("main table tbody tr").count() >= 1
        for radio in page.locator("main form input[type=radio][value=nee]").all():
            radio.check()
        _submit(page)
        assert page.get_by_role("status").first.inner_text() == dutch(
            "The agreed answers are saved."
        )

    # Close and share.
    site.open(f"/dossierreviews/{round_.pk}/")
    page.get_by_role("button", name=dutch("Close the round")).click()
    assert page.get_by_role("status").first.inner_text() == dutch("The round is closed.")
    page.get_by_role("button", name=dutch("Share the findings outside the team")).click()
    round_.refresh_from_db()
    assert round_.is_closed and round_.shared

    # A conclusion raised as a bottleneck needs its category.
    page.get_by_role("link", name=dutch("Add a conclusion")).click()
    page.fill("#id_text", "Geen enkel dossier had een verklarende analyse.")
    page.check("#id_raise_bottleneck")
    _submit(page)
    assert page.locator("#id_bottleneck_category_error").is_visible()
    assert page.input_value("#id_text") == "Geen enkel dossier had een verklarende analyse."
    page.select_option("#id_bottleneck_category", "geen_aanbod")
    page.fill("#id_bottleneck_title", "Geen verklarende analyse voor opname")
    _submit(page)
    bottleneck = round_.conclusions.get().bottleneck
    assert bottleneck is not None  # raised at once and routed to a body
    page.get_by_role("link", name="Geen verklarende analyse voor opname").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(bottleneck.number)
    page.go_back()

    # The findings, as the team sees them, and the PDF.
    page.get_by_role("link", name=dutch("Findings report"), exact=True).click()
    table = page.locator("main table").first.inner_text()
    assert dutch("Explanatory analysis present") in table
    assert "0%" in table  # nobody found an explanatory analysis
    assert _serious_violations(site) == []
    with page.expect_download() as download:
        page.get_by_role("link", name=dutch("Download as PDF")).click()
    assert download.value.suggested_filename == f"dossierreview-{round_.pk}.pdf"
    assert site.csp_violations == []

    # An analyst of the region sees the shared findings with small numbers hidden.
    page.get_by_role("button", name=dutch("Log out")).click()
    site.log_in("analyst")
    site.open(f"/dossierreviews/{round_.pk}/bevindingen/")
    assert "< 5" in page.inner_text("main")
    assert "Geen verklarende analyse gevonden." not in page.inner_text("main")
    assert _serious_violations(site) == []
