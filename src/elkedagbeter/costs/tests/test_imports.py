"""The tariff import: row-level Dutch problems, all or nothing or the good rows, scope."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from conftest import World
from elkedagbeter.cases.imports import ImportMode
from elkedagbeter.costs.imports import parse_euro, run_tariff_import
from elkedagbeter.costs.models import Tariff
from elkedagbeter.organisations.scoping import Area

pytestmark = pytest.mark.django_db


def _row(**values: str) -> dict[str, str]:
    row = {"regio": "noord", "soort": "zwaar", "bedrag": "6000", "geldig_van": "2025-01-01"}
    row.update(values)
    return row


def test_amounts_in_dutch_and_international_notation() -> None:
    assert parse_euro("6000") == 600000
    assert parse_euro("€ 1.234,56") == 123456
    assert parse_euro("1234.5") == 123450
    assert parse_euro("123,45") == 12345


def test_all_or_nothing_and_good_rows(world: World) -> None:
    rows = [
        _row(),
        _row(soort="12", bedrag="185,40", geldig_van="01-01-2025", geldig_tot="31-12-2025"),
        _row(soort="mega"),
        _row(soort="licht", bedrag="veel"),
        _row(soort="midden", geldig_van="2025-06-01", geldig_tot="2025-01-01"),
    ]
    with translation.override("nl"):
        report = run_tariff_import(rows, mode=ImportMode.ALL_OR_NOTHING, commit=True)
    assert not report.committed and Tariff.objects.count() == 0
    assert [(p.row, p.column) for p in report.problems] == [
        (4, "soort"),
        (5, "bedrag"),
        (6, "geldig_tot"),
    ]
    assert "is geen hulpvorm of arrangement" in report.problems[0].message

    report = run_tariff_import(rows, mode=ImportMode.GOOD_ROWS, commit=True)
    assert report.committed and report.created == 2
    family_home = Tariff.objects.get(key="12")
    assert family_home.amount_cents == 18540
    assert family_home.valid_to == date(2025, 12, 31)


def test_a_known_tariff_is_updated_and_an_overlapping_one_refused(world: World) -> None:
    run_tariff_import([_row()], mode=ImportMode.ALL_OR_NOTHING, commit=True)
    report = run_tariff_import(
        [_row(bedrag="6500", geldig_tot="2025-12-31")], mode=ImportMode.ALL_OR_NOTHING, commit=True
    )
    assert report.updated == 1 and Tariff.objects.get().amount_cents == 650000
    report = run_tariff_import(
        [_row(geldig_van="2025-06-01")], mode=ImportMode.ALL_OR_NOTHING, commit=True
    )
    assert [p.column for p in report.problems] == ["geldig_van"]
    both = [_row(soort="licht"), _row(soort="licht", geldig_van="2025-03-01")]
    report = run_tariff_import(both, mode=ImportMode.ALL_OR_NOTHING, commit=False)
    assert [p.row for p in report.problems] == [3]


def test_a_regional_keeper_imports_only_their_regions(world: World) -> None:
    north_only = Area(region_ids=frozenset({world.north.pk}))
    report = run_tariff_import(
        [_row(regio="zuid")], mode=ImportMode.ALL_OR_NOTHING, commit=True, area=north_only
    )
    assert [p.column for p in report.problems] == ["regio"]


def test_the_command_reads_csv(world: World, tmp_path: Path) -> None:
    path = tmp_path / "tarieven.csv"
    path.write_text(
        "regio;soort;bedrag;geldig_van;geldig_tot\n"
        "noord;licht;1500;2025-01-01;\n"
        "noord;13;612,50;2025-01-01;2025-12-31\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_tariffs", str(path), stdout=out)
    assert Tariff.objects.count() == 2
    path.write_text("regio;soort;bedrag;geldig_van\nnoord;x;1;2025-01-01\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_tariffs", str(path), stdout=out, stderr=io.StringIO())


def test_the_admin_form_refuses_an_overlapping_tariff(world: World) -> None:
    from django.core.exceptions import ValidationError

    Tariff.objects.create(
        region=world.north, key="11", amount_cents=7000, valid_from=date(2025, 1, 1)
    )
    overlapping = Tariff(
        region=world.north, key="11", amount_cents=7500, valid_from=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError):
        overlapping.full_clean()
    Tariff(
        region=world.south, key="11", amount_cents=7500, valid_from=date(2026, 1, 1)
    ).full_clean()
