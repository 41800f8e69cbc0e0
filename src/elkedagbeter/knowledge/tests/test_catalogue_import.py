"""The catalogue import: every bad row reported with its row, column and a Dutch reason; all or
nothing, or only the good rows; a known code updates; the shipped example file imports cleanly."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.cases.imports import ImportMode, read_rows
from elkedagbeter.knowledge.imports import run_catalogue_import
from elkedagbeter.knowledge.models import CatalogueItem, EvidenceLevel

from .factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

HEADER = "code;naam;doelgroep;bewijskracht;richtlijnen;meer_informatie"
ROWS = f"""{HEADER}
gezinscoaching;Gezinscoaching;Gezinnen;goed onderbouwd;Richtlijn A|Richtlijn B;
;Netwerkberaad;Gezinnen;Effectief volgens goede aanwijzingen;;https://example.nl/netwerk
zonder-naam;;Gezinnen;goed beschreven;;
onbekend-niveau;Iets;Gezinnen;bewezen effectief;;
gezinscoaching;Dubbel;Gezinnen;goed beschreven;;
slechte-link;Link;Gezinnen;goed beschreven;;geen adres
geen-niveau;Niveauloos;Gezinnen;;;
"""


def _rows(text: str) -> list[dict[str, str]]:
    return read_rows(io.BytesIO(text.encode()), "catalogus.csv")


def test_bad_rows_are_reported_in_dutch_and_nothing_is_written() -> None:
    report = run_catalogue_import(_rows(ROWS), mode=ImportMode.ALL_OR_NOTHING, commit=True)

    problems = {(p.row, p.column): p.message for p in report.problems}
    assert problems == {
        (4, "naam"): "Deze kolom is verplicht.",
        (5, "bewijskracht"): problems[(5, "bewijskracht")],
        (6, "code"): "De code “gezinscoaching” staat twee keer in het bestand.",
        (7, "meer_informatie"): "“geen adres” is geen webadres.",
        (8, "bewijskracht"): "Deze kolom is verplicht.",
    }
    assert problems[(5, "bewijskracht")].startswith(
        "“bewezen effectief” is geen niveau van bewijskracht; gebruik een van: niet beoordeeld;"
    )
    assert report.good_rows == 2 and not report.committed
    assert not CatalogueItem.objects.exists()


def test_good_rows_only_writes_the_good_ones() -> None:
    report = run_catalogue_import(_rows(ROWS), mode=ImportMode.GOOD_ROWS, commit=True)

    assert report.committed and (report.created, report.updated) == (2, 0)
    coaching = CatalogueItem.objects.get(code="gezinscoaching")
    assert coaching.evidence is EvidenceLevel.WELL_FOUNDED
    assert coaching.guideline_lines == ["Richtlijn A", "Richtlijn B"]
    network = CatalogueItem.objects.get(code="netwerkberaad")  # the code comes from the name
    assert network.evidence_level == "goede_aanwijzingen"
    assert network.source_url == "https://example.nl/netwerk"


def test_a_known_code_updates_the_intervention() -> None:
    CatalogueItemFactory(code="gezinscoaching", name="Oude naam", evidence_level="goed_beschreven")
    text = f"{HEADER}\ngezinscoaching;Gezinscoaching;Gezinnen;sterke_aanwijzingen;;\n"

    report = run_catalogue_import(_rows(text), mode=ImportMode.ALL_OR_NOTHING, commit=True)

    assert (report.created, report.updated) == (0, 1)
    item = CatalogueItem.objects.get()
    assert (item.name, item.evidence_level) == ("Gezinscoaching", "sterke_aanwijzingen")


def test_missing_columns_are_named() -> None:
    report = run_catalogue_import(
        _rows("naam;doelgroep\nIets;Gezinnen\n"), mode=ImportMode.GOOD_ROWS, commit=True
    )

    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (1, "bewijskracht", "Verplichte kolommen ontbreken: bewijskracht.")
    ]
    assert not CatalogueItem.objects.exists()


def test_the_administrator_checks_then_imports_through_the_page(world: World) -> None:
    client = log_in(Client(), world.user("admin"))
    upload = SimpleUploadedFile("catalogus.csv", ROWS.encode(), content_type="text/csv")
    url = reverse("knowledge:catalogue_import")

    checked = client.post(url, {"upload": upload, "mode": "goede_regels"})
    assert checked.status_code == 200
    assert "7 regels gecontroleerd: 2 goed, 5 met problemen" in checked.content.decode()
    assert not CatalogueItem.objects.exists()

    done = client.post(url, {"confirm": "1"})
    assert "2 toegevoegd, 0 bijgewerkt." in done.content.decode()
    assert CatalogueItem.objects.count() == 2
