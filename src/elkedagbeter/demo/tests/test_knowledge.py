"""The demo's Wat werkt content: the shipped example catalogue imports cleanly."""

from __future__ import annotations

import pytest

from elkedagbeter.cases.imports import ImportMode
from elkedagbeter.demo.knowledge import catalogue_rows
from elkedagbeter.knowledge.imports import run_catalogue_import
from elkedagbeter.knowledge.models import CatalogueItem


@pytest.mark.django_db
def test_the_shipped_example_catalogue_imports_without_problems() -> None:
    rows = catalogue_rows()
    report = run_catalogue_import(rows, mode=ImportMode.ALL_OR_NOTHING, commit=True)

    assert report.problems == []
    assert CatalogueItem.objects.count() == len(rows) >= 30
