"""Bulk import: every bad row reported with its row, column and a Dutch reason; all or nothing,
or only the good rows, as the user chose; never half-imported; the documented examples work."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from conftest import World, log_in
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.cases.imports import ImportKind, ImportMode, read_rows, run_import
from elkedagbeter.cases.models import Case, Event
from elkedagbeter.monitoring.models import MonitoringMoment

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parents[4] / "docs" / "import"
FUTURE = (timezone.localdate() + timedelta(days=3)).isoformat()

HEADER = (
    "casus;soort;datum;einddatum;jeugdige_geboortejaar;hulpvorm;juridische_grond;"
    "van;naar;duur_minuten;plaats"
)
BAD_EVENTS = f"""{HEADER}
WT-1;crisis;2025-01-10;;;;;;;;
;crisis;2025-01-10;;;;;;;;
WT-404;crisis;2025-01-10;;;;;;;;
WT-1;ruzie;2025-01-10;;;;;;;;
WT-1;crisis;gisteren;;;;;;;;
WT-1;crisis;{FUTURE};;;;;;;;
WT-1;crisis;2025-02-10;2025-01-10;;;;;;;
WT-1;uithuisplaatsing;2025-03-01;;2012;;;;;;
WT-1;uithuisplaatsing;2025-03-01;;2012;13;vrijwillig;;;;
WT-1;uithuisplaatsing;2025-03-01;;2012;11;vrijwillig;;;;
WT-1;uithuisplaatsing;2025-04-01;;2012;12;vrijwillig;;;;
WT-1;separatie;2025-03-05;;2012;;;;;;
WT-1;separatie;2025-03-05;;2012;;;;;veertig;kamer
WT-1;overplaatsing;2025-03-05;;2012;;;groep A;;;
WT-1;uithuisplaatsing;2025-03-01;;2012;15;vrijwillig;;;;
"""


@pytest.fixture
def source_case(world: World) -> Case:
    return Case.objects.create(
        team=world.team_a, source_ref="WT-1", opened_on=timezone.localdate() - timedelta(days=900)
    )


def _rows(text: str) -> list[dict[str, str]]:
    return read_rows(io.BytesIO(text.encode()), "rows.csv")


def test_every_kind_of_bad_row_is_reported_and_nothing_is_written(
    world: World, source_case: Case
) -> None:
    report = run_import(
        _rows(BAD_EVENTS),
        kind=ImportKind.EVENTS,
        team=world.team_a,
        mode=ImportMode.ALL_OR_NOTHING,
        commit=True,
    )

    problems = {(p.row, p.column): p.message for p in report.problems}
    assert problems == {
        (3, "casus"): "Deze kolom is verplicht.",
        (4, "casus"): "Geen casus “WT-404” in dit team (casusnummer of bron_id).",
        (5, "soort"): problems[(5, "soort")],
        (6, "datum"): "“gisteren” is geen datum; gebruik 2026-01-31 of 31-01-2026.",
        (7, "datum"): "Een datum kan niet in de toekomst liggen.",
        (8, "einddatum"): "De einddatum ligt voor de begindatum.",
        (9, "hulpvorm"): "Kies de hulpvorm met verblijf.",
        (
            10,
            "juridische_grond",
        ): "Een gesloten plaatsing vraagt een machtiging gesloten jeugdhulp.",
        (12, "datum"): problems[(12, "datum")],
        (13, "duur_minuten"): "Vul bij een separatie de duur in minuten in.",
        (13, "plaats"): "Vul bij een separatie de plaats in waar die plaatsvond.",  # both
        (14, "duur_minuten"): "“veertig” is geen geheel getal.",
        (15, "naar"): "Vul bij een overplaatsing in waar de jeugdige naartoe ging.",
        (16, "hulpvorm"): problems[(16, "hulpvorm")],
    }
    assert problems[(5, "soort")].startswith("“ruzie” is niet een van: uithuisplaatsing")
    assert problems[(12, "datum")].startswith("Deze jeugdige heeft in die periode al een plaatsing")
    assert report.good_rows == 2 and not report.committed
    assert not Event.objects.exists()


def test_good_rows_only_writes_the_good_ones_in_one_go(world: World, source_case: Case) -> None:
    report = run_import(
        _rows(BAD_EVENTS),
        kind=ImportKind.EVENTS,
        team=world.team_a,
        mode=ImportMode.GOOD_ROWS,
        commit=True,
    )

    assert report.committed and report.imported == 2
    kinds = sorted(source_case.events.values_list("kind", flat=True))
    assert kinds == ["crisis", "uithuisplaatsing"]
    assert source_case.members.get().birth_year == 2012


def test_a_dry_run_writes_nothing(world: World, source_case: Case) -> None:
    report = run_import(
        _rows(BAD_EVENTS),
        kind=ImportKind.EVENTS,
        team=world.team_a,
        mode=ImportMode.GOOD_ROWS,
        commit=False,
    )

    assert report.good_rows == 2
    assert not Event.objects.exists()


def test_missing_columns_are_named(world: World) -> None:
    report = run_import(
        _rows("bron_id;begin\nX;2025-01-01\n"),
        kind=ImportKind.CASES,
        team=world.team_a,
        mode=ImportMode.ALL_OR_NOTHING,
        commit=True,
    )

    assert [(p.row, p.message) for p in report.problems] == [
        (1, "Verplichte kolommen ontbreken: gestart_op.")
    ]


def test_the_documented_examples_import_cleanly_and_only_once(world: World) -> None:
    def load(name: str, kind: ImportKind) -> int:
        path = EXAMPLES / f"{name}.csv"
        rows = read_rows(io.BytesIO(path.read_bytes()), path.name)
        report = run_import(
            rows, kind=kind, team=world.team_a, mode=ImportMode.ALL_OR_NOTHING, commit=True
        )
        assert report.problems == []
        return report.imported

    assert load("casussen", ImportKind.CASES) == 2
    assert load("gebeurtenissen", ImportKind.EVENTS) == 4
    assert load("monitoringmomenten", ImportKind.MOMENTS) == 2
    again = read_rows(io.BytesIO((EXAMPLES / "casussen.csv").read_bytes()), "casussen.csv")
    report = run_import(
        again, kind=ImportKind.CASES, team=world.team_a, mode=ImportMode.GOOD_ROWS, commit=True
    )
    assert report.imported == 0 and report.bad_rows == 2
    assert Case.objects.filter(team=world.team_a).exclude(source_ref="").count() == 2


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_excel_file_goes_through_the_screens_with_a_check_first(
    world: World, source_case: Case
) -> None:
    content = _xlsx(
        [
            ["Casus", "Datum", "Veiligheid", "Plan past", "Gehoord"],
            ["WT-1", timezone.localdate() - timedelta(days=2), 6, "ja", 4],
            ["WT-1", timezone.localdate() - timedelta(days=1), 11, "ja", None],
        ]
    )
    client = log_in(Client(), world.user("coordinator"))

    checked = client.post(
        reverse("cases:import"),
        {
            "upload": SimpleUploadedFile("momenten.xlsx", content),
            "kind": "monitoringmomenten",
            "team": world.team_a.pk,
            "mode": "goede_regels",
        },
    )
    assert "Veiligheid is een getal van 1 tot en met 10." in checked.content.decode()
    assert not MonitoringMoment.objects.exists()

    client.post(reverse("cases:import"), {"confirm": "1"})

    assert MonitoringMoment.objects.get().safety == 6
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.CASE_IMPORT, object_ref=source_case.reference
    ).exists()


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(world: World) -> None:
    client = log_in(Client(), world.user("coordinator"))

    response = client.post(
        reverse("cases:import"),
        {
            "upload": SimpleUploadedFile("kapot.xlsx", b"dit is geen excel"),
            "kind": "casussen",
            "team": world.team_a.pk,
            "mode": "alles",
        },
    )

    assert "Dit bestand kan niet worden gelezen als Excel-werkmap (.xlsx)." in (
        response.content.decode()
    )


def test_a_team_cannot_import_into_another_team(world: World) -> None:
    client = log_in(Client(), world.user("outsider"))

    response = client.post(
        reverse("cases:import"),
        {
            "upload": SimpleUploadedFile("c.csv", b"bron_id;gestart_op\nX;2025-01-01\n"),
            "kind": "casussen",
            "team": world.team_a.pk,
            "mode": "alles",
        },
    )

    assert response.status_code == 200
    assert "team" in response.context["form"].errors
    assert not Case.objects.filter(source_ref="X").exists()
