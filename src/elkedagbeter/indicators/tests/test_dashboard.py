"""The dashboard and its exports: each role within its area, small numbers protected, and never a
single case within reach of an analyst or a viewer."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import World, log_in
from elkedagbeter.cases.models import Case
from elkedagbeter.indicators import facts, protection, versions
from elkedagbeter.indicators.exports import Number, neutralised, table_response
from elkedagbeter.indicators.models import HiddenFigure, RegionalAmbition
from elkedagbeter.indicators.tests.helpers import record_seclusions
from elkedagbeter.organisations.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

DASHBOARD = reverse("indicators:dashboard")


@pytest.fixture
def figures(world: World) -> World:
    today = timezone.localdate()
    record_seclusions(world.case_a, 7, today)
    record_seclusions(world.case_b, 2, today)
    facts.rebuild()
    return world


def rows_of(sheet: Any) -> dict[object, object]:
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row}


def _page(client: Client, query: str = "") -> str:
    response = client.get(f"{DASHBOARD}?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_an_analyst_sees_the_region_and_drills_down_with_small_numbers_hidden(
    figures: World,
) -> None:
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)
    municipality = Municipality.objects.get(pk=figures.team_a.municipality_id)

    region = _page(analyst)
    teams = _page(analyst, f"plaats=gemeente-{municipality.pk}")

    assert "Beweging van 0: Jeugdregio Noord" in region
    assert "Separaties" in region
    assert "Wijkteam A" in teams and "Wijkteam B" in teams
    assert "&lt; 5" in teams  # team B's two seclusions
    assert ">2<" not in teams
    for case in (figures.case_a, figures.case_b):
        assert case.reference not in region + teams


def test_nobody_reaches_figures_outside_their_area(figures: World) -> None:
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)
    coordinator = log_in(Client(), figures.user("coordinator"))
    south = figures.south.pk

    assert analyst.get(f"{DASHBOARD}?plaats=regio-{south}").status_code == 404
    assert analyst.get(f"{DASHBOARD}?plaats=team-{figures.team_d.pk}").status_code == 404
    assert analyst.get(f"{DASHBOARD}?plaats=land").status_code == 404
    assert coordinator.get(f"{DASHBOARD}?plaats=team-{figures.team_b.pk}").status_code == 404
    # The coordinator's dashboard opens on the region, with the own team beside it.
    opening = _page(coordinator)
    assert "Beweging van 0: Jeugdregio Noord" in opening
    assert f"plaats=team-{figures.team_a.pk}" in opening


def test_the_work_floor_sees_its_region_and_its_own_team_only(figures: World) -> None:
    for persona in ("professional", "coordinator"):
        client = log_in(Client(), figures.user(persona))

        assert client.get(f"{DASHBOARD}?plaats=regio-{figures.north.pk}").status_code == 200
        assert client.get(f"{DASHBOARD}?plaats=team-{figures.team_a.pk}").status_code == 200
        assert client.get(f"{DASHBOARD}?plaats=team-{figures.team_b.pk}").status_code == 404
        assert client.get(f"{DASHBOARD}?plaats=regio-{figures.south.pk}").status_code == 404
        page = client.get(f"{DASHBOARD}?plaats=regio-{figures.north.pk}").content.decode()
        assert figures.case_a.reference not in page
        assert figures.case_b.reference not in page


def test_the_export_holds_the_protected_figures_and_no_formulas(figures: World) -> None:
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)
    municipality = figures.team_a.municipality_id
    url = reverse("indicators:export", kwargs={"code": "separaties", "fmt": "xlsx"})

    response = analyst.get(f"{url}?plaats=gemeente-{municipality}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}

    assert response["Content-Disposition"].startswith("attachment;")
    assert "< 5" in cells and "Wijkteam A" in cells
    assert "2" not in cells
    assert rows_of(sheet)["Wijkteam A"] == "\N{MULTIPLICATION SIGN}"  # hidden with B's 2
    assert 9 in rows_of(sheet).values()  # Aa's 7 + 2 this month: a number, not text
    assert not any(figures.case_a.reference in cell for cell in cells)


def test_the_xlsx_holds_numbers_as_numbers_and_hidden_cells_as_text() -> None:
    rows = [
        ["Periode", "=1+1", "-"],
        [7, Number(0.125, "13%", "0%"), Number(0.5, "0,50", "0.00"), "< 5"],
    ]
    response = table_response(rows, filename="x", fmt="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None

    assert [cell.value for cell in sheet[1]][:3] == ["Periode", "=1+1", "-"]  # text, no quote
    assert sheet["B1"].data_type == "s"  # never a formula
    assert sheet["A2"].value == 7
    assert sheet["B2"].value == 0.125 and sheet["B2"].number_format == "0%"
    assert sheet["C2"].value == 0.5 and sheet["C2"].number_format == "0.00"
    assert sheet["D2"].value == "< 5"
    csv_text = table_response(rows, filename="x", fmt="csv").content.decode()
    assert "13%" in csv_text and "'=1+1" in csv_text and "'-" not in csv_text


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+31", "'+31"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Wijkteam", "Wijkteam"),
        (7, 7),
    ],
)
def test_cells_that_would_be_formulas_are_neutralised(cell: object, safe: object) -> None:
    assert neutralised(cell) == safe


def test_a_region_approves_a_finished_period_and_only_then_it_is_public(world: World) -> None:
    last_year = timezone.localdate().year - 1
    record_seclusions(world.case_a, 7, date(last_year, 5, 1))
    record_seclusions(world.case_b, 6, date(last_year, 6, 1))
    facts.rebuild()
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    coordinator = log_in(Client(), world.user("coordinator"))
    public = reverse("public_figures:region", kwargs={"region_id": world.north.pk})
    query = f"plaats=regio-{world.north.pk}&periode=jaar&tot={last_year}"
    approve = f"{reverse('indicators:approve')}?{query}"

    before = Client().get(public).content.decode()
    refused = coordinator.post(approve)
    analyst.post(approve)
    running = analyst.post(
        f"{reverse('indicators:approve')}?plaats=regio-{world.north.pk}&periode=jaar", follow=True
    )
    after = Client().get(public).content.decode()

    assert "nog geen cijfers vastgesteld" in before
    assert refused.status_code == 403
    assert "Een periode die nog loopt kan niet worden vastgesteld" in running.content.decode()
    assert '<td class="utrecht-table__cell">15</td>' in after  # 13, rounded to 5
    assert ">13<" not in after
    assert "niet vastgesteld" in after  # the running year

    export = reverse(
        "public_figures:export", kwargs={"region_id": world.north.pk, "code": "separaties"}
    )
    lines = Client().get(f"{export}?periode=jaar").content.decode().lstrip("\ufeff").splitlines()
    rows = [line.split(";") for line in lines]
    assert rows[0] == ["Gebied", "Periode", "Indicator", "Waarde", "Status"]
    # Every row names its area and period: the region's years and its municipalities.
    assert any(row[:2] == ["Jeugdregio Noord", str(last_year)] for row in rows)
    assert any(row[:2] == ["Aa", str(last_year)] for row in rows)
    assert all(len(row) == 5 and row[0] and row[1] for row in rows)


def test_the_o_plaat_shows_the_ambition_and_the_region_s_own_plan(figures: World) -> None:
    RegionalAmbition.objects.create(
        region=figures.north,
        zero_goal="separaties",
        good_enough=4,
        baseline_year=2025,
        who_we_need="Aanbieders\nOuders",
        initiatives="Leertafel",
    )
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)

    page = analyst.get(reverse("indicators:plate", kwargs={"code": "separaties"})).content.decode()

    assert "0 separaties" in page
    assert "Geen kind of jongere in separatie" in page
    assert "Aanbieders" in page and "Leertafel" in page
    assert "Basis (2025)" in page


def test_the_pdf_report_has_every_indicator_with_its_figures(figures: World) -> None:
    record_seclusions(figures.case_a, 4, timezone.localdate())  # 7 + 4 for team A, 2 for team B
    facts.rebuild()
    RegionalAmbition.objects.create(
        region=figures.north, zero_goal="separaties", who_we_need="Leertafel Noord"
    )
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)

    response = analyst.get(f"{reverse('indicators:report')}?plaats=regio-{figures.north.pk}")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)

    assert response["Content-Type"] == "application/pdf"
    assert "Separaties" in text and "Gezinnen die zich gehoord voelen" in text
    assert "13" in text  # the region's seclusions this year
    assert "0 separaties" in text and "Leertafel Noord" in text
    assert figures.case_a.reference not in text


def test_a_coordinator_lists_the_team_s_cases_behind_a_number(figures: World) -> None:
    coordinator = log_in(Client(), figures.user("coordinator"))
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)
    quiet = Case.objects.create(team=figures.team_a)
    url = reverse("indicators:cases_behind", kwargs={"code": "separaties"})
    query = f"plaats=team-{figures.team_a.pk}&periode=maand"

    page = coordinator.get(f"{url}?{query}").content.decode()
    other_team = coordinator.get(f"{url}?plaats=team-{figures.team_b.pk}&periode=maand")

    assert figures.case_a.reference in page
    assert quiet.reference not in page
    assert figures.case_b.reference not in page
    assert other_team.status_code == 404
    assert analyst.get(f"{url}?{query}").status_code == 403


def _seclusions_now(page: str) -> str:
    section = page.split('id="ind-separaties"')[1]
    return section.split('<dd class="edb-figure">')[1].split("</dd>")[0]


def test_kept_html_never_shows_figures_older_than_the_facts(figures: World) -> None:
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)
    before = _page(analyst)

    record_seclusions(figures.case_a, 3, timezone.localdate())
    facts.rebuild()
    after = _page(analyst)
    analyst.cookies["django_language"] = "en"
    in_english = _page(analyst)

    assert _seclusions_now(before) == "9"
    assert _seclusions_now(after) == "12"
    assert "Seclusions" in in_english and "Separaties" not in in_english


def _section(page: str, code: str) -> str:
    return page.split(f'id="ind-{code}"')[1].split("</section>")[0]


def test_kept_html_follows_a_renamed_team_and_a_new_ambition(figures: World) -> None:
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)
    teams = f"plaats=gemeente-{figures.team_a.municipality_id}"
    kept_teams, kept_region = _page(analyst, teams), _page(analyst)

    figures.team_a.name = "Wijkteam Aa-Oost"
    figures.team_a.save()
    RegionalAmbition.objects.create(region=figures.north, zero_goal="separaties", good_enough=3)

    assert "Wijkteam Aa-Oost" not in _section(kept_teams, "separaties")
    assert "Wijkteam Aa-Oost" in _section(_page(analyst, teams), "separaties")
    assert "Goed genoeg" not in _section(kept_region, "separaties")
    assert "Goed genoeg" in _section(_page(analyst), "separaties")


def test_a_new_protection_pattern_gives_new_versions_and_the_same_one_keeps_them(
    figures: World,
) -> None:
    protection.protect()
    same = versions.current(None)
    protection.protect()
    kept = versions.current(None)
    HiddenFigure.objects.filter(indicator="separaties", level="team").delete()
    protection.protect()

    assert kept == same
    assert versions.current(None) != same
    assert {region for region, _token in same} == {figures.north.pk, figures.south.pk}


def test_a_kept_dashboard_does_not_work_its_figures_out_again(figures: World) -> None:
    analyst = log_in(Client(), figures.user("analyst"), second_factor=False)
    _page(analyst)

    with CaptureQueriesContext(connection) as queries:
        again = _page(analyst)

    assert _seclusions_now(again) == "9"
    assert not [q for q in queries.captured_queries if "indicators_indicatorfact" in q["sql"]]


def test_a_change_in_one_region_leaves_the_other_s_version(figures: World) -> None:
    north, south = versions.current(figures.north.pk), versions.current(figures.south.pk)

    record_seclusions(figures.case_a, 1, timezone.localdate())
    facts.rebuild([figures.team_a.pk])

    assert versions.current(figures.north.pk) != north
    assert versions.current(figures.south.pk) == south
    assert versions.current(None) != north + south
