"""An imported analysis counts on its own date: help imported with a later start is not counted
as help without an explanatory analysis (issue 24)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from conftest import World
from elkedagbeter.cases.imports import ImportKind, ImportMode, read_rows, run_import
from elkedagbeter.cases.models import Case
from elkedagbeter.indicators.facts import case_data
from elkedagbeter.indicators.registry import _without_analysis

pytestmark = pytest.mark.django_db


def _import(world: World, kind: ImportKind, text: str) -> None:
    rows = read_rows(io.BytesIO(text.encode()), "rows.csv")
    report = run_import(
        rows, kind=kind, team=world.team_a, mode=ImportMode.ALL_OR_NOTHING, commit=True
    )
    assert report.committed, report.problems


def test_imported_help_after_an_imported_analysis_is_not_without_one(world: World) -> None:
    case = Case.objects.create(team=world.team_a, source_ref="WT-1", opened_on=date(2023, 1, 1))
    _import(world, ImportKind.ANALYSES, "casus;datum;opvoeding\nWT-1;2023-02-01;Regels thuis\n")
    _import(
        world,
        ImportKind.INTERVENTIONS,
        "casus;omschrijving;gestart_op\nWT-1;Gezinscoaching;2023-03-01\n"
        "WT-1;Eerder gestart;2023-01-15\n",
    )
    missing = {o.start: o.numerator for o in _without_analysis(case_data(case))}
    assert missing == {date(2023, 3, 1): 0, date(2023, 1, 15): 1}
