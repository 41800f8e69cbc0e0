"""Bringing a team's history in (issue 24): every problem of a row, unknown columns named, the
case number each bron_id became (page, CSV, API), and analyses and interventions with their
dates, so imported help is not counted as help without an explanatory analysis."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.cases.imports import ImportKind, ImportMode, read_rows, run_import
from elkedagbeter.cases.models import AnalysisVersion, Case, Intervention

pytestmark = pytest.mark.django_db


def _rows(text: str) -> list[dict[str, str]]:
    return read_rows(io.BytesIO(text.encode()), "rows.csv")


def _run(world: World, text: str, kind: ImportKind, mode: ImportMode = ImportMode.ALL_OR_NOTHING):
    return run_import(_rows(text), kind=kind, team=world.team_a, mode=mode, commit=True)


def test_a_row_missing_two_fields_reports_both(world: World) -> None:
    report = _run(
        world, "bron_id;gestart_op;afgesloten_op\n;;\nWT-2;2025-01-01;\n", ImportKind.CASES
    )
    problems = {(p.row, p.column) for p in report.problems}
    assert problems == {(2, "bron_id"), (2, "gestart_op")}
    assert not report.committed and not Case.objects.filter(source_ref="WT-2").exists()

    Case.objects.create(team=world.team_a, source_ref="WT-1", opened_on=date(2024, 1, 1))
    report = _run(
        world,
        "casus;datum;veiligheid;plan_past\nWT-1;;;misschien\n",
        ImportKind.MOMENTS,
    )
    assert {p.column for p in report.problems} == {"datum", "veiligheid", "plan_past"}


def test_an_unknown_column_is_named_and_does_not_block(world: World) -> None:
    report = _run(
        world, "bron_id;gestart_op;naam_moeder;Afgesloten\nWT-3;2025-01-01;x;\n", ImportKind.CASES
    )
    assert report.unknown_columns == ["naam_moeder", "afgesloten"]
    assert report.committed and report.problems == []


def test_the_case_number_of_each_bron_id_is_shown_and_exported(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    upload = SimpleUploadedFile(
        "casussen.csv", b"bron_id;gestart_op;extra\nWT-7;2025-01-01;1\nWT-8;2025-02-01;2\n"
    )
    checked = client.post(
        reverse("cases:import"),
        {"upload": upload, "kind": "casussen", "team": world.team_a.pk, "mode": "alles"},
    ).content.decode()
    assert "Deze kolom kent de import niet en wordt niet ingelezen: extra." in checked
    done = client.post(reverse("cases:import"), {"confirm": "1"}).content.decode()
    seven = Case.objects.get(team=world.team_a, source_ref="WT-7")
    assert 'id="created-cases"' in done
    assert f">{seven.reference}</a>" in done

    page = client.get(reverse("cases:source_refs")).content.decode()
    assert "WT-7" in page and seven.reference in page
    csv_text = client.get(reverse("cases:source_refs") + "?formaat=csv").content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0] == "bron_id;casusnummer;team;gestart_op"
    assert f"WT-7;{seven.reference};{world.team_a.name};2025-01-01" in lines
    # Only the own teams' cases: team B's imported case is not listed.
    Case.objects.create(team=world.team_b, source_ref="WT-B", opened_on=date(2024, 1, 1))
    assert "WT-B" not in client.get(reverse("cases:source_refs")).content.decode()


def test_analyses_and_interventions_are_imported_with_their_dates(world: World) -> None:
    case = Case.objects.create(team=world.team_a, source_ref="WT-1", opened_on=date(2023, 1, 1))
    report = _run(
        world,
        "casus;datum;opvoeding;wonen\nWT-1;2023-02-01;Ouders oneens over regels;\n"
        "WT-1;2024-01-15;;Te klein huis\nWT-1;2024-03-01;;\n",
        ImportKind.ANALYSES,
        ImportMode.GOOD_ROWS,
    )
    assert [(p.row, p.column) for p in report.problems] == [(4, "opvoeding")]
    versions = list(AnalysisVersion.objects.filter(case=case).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].created_at.date() == date(2023, 2, 1)
    assert versions[1].hypotheses == {"wonen": "Te klein huis"}

    report = _run(
        world,
        "casus;omschrijving;gestart_op;beeindigd_op\nWT-1;Gezinscoaching;2023-03-01;2023-09-01\n"
        "WT-1;;2023-01-01;2022-01-01\n",
        ImportKind.INTERVENTIONS,
        ImportMode.GOOD_ROWS,
    )
    assert {(p.row, p.column) for p in report.problems} == {
        (3, "omschrijving"),
        (3, "beeindigd_op"),
    }
    intervention = Intervention.objects.get(case=case)
    assert (intervention.started_on, intervention.ended_on) == (date(2023, 3, 1), date(2023, 9, 1))
