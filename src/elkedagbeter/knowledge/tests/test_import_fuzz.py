"""The catalogue import under hypothesis (docs/fuzzing.md): any file with any cell text gets a
report naming row and column in Dutch and never crashes; all-or-nothing stores nothing when a
row is wrong, good-rows stores exactly the good rows; valid rows are all stored as given.

Marked ``postgres``: PostgreSQL enforces the column lengths that SQLite does not."""

from __future__ import annotations

import io
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import count_fuzz_case, fuzz_settings
from elkedagbeter.cases.imports import ImportMode, Problem, RowError, read_rows
from elkedagbeter.cases.tests.fuzzing import cell, in_dutch_and_english, upload, xlsx_bytes
from elkedagbeter.knowledge.imports import OPTIONAL, REQUIRED, run_catalogue_import
from elkedagbeter.knowledge.models import CatalogueItem, EvidenceLevel

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

HEADER = REQUIRED + OPTIONAL
words = st.text(
    st.characters(categories=("L", "N"), include_characters=" -'&"), min_size=1, max_size=60
)
levels = st.sampled_from(
    [*EvidenceLevel.values, "goed onderbouwd", "Effectief volgens sterke aanwijzingen"]
)
CELLS = {
    "naam": cell(words),
    "bewijskracht": cell(levels),
    "code": cell(st.sampled_from(["", "gezinscoaching", "a b", "---"]), words),
    "doelgroep": cell(words, st.text(min_size=290, max_size=310)),
    "probleemgebied": cell(words),
    "richtlijnen": cell(st.lists(words, max_size=3).map("|".join)),
    "omschrijving": cell(words),
    "meer_informatie": cell(
        st.sampled_from(["https://example.nl/x", "geen adres", "ftp://x.nl", "http://"]),
        st.text("abc/", max_size=250).map(lambda path: f"https://example.nl/{path}"),
    ),
    "regio": cell(st.sampled_from(["", "onbekend"])),  # no regions here: national or a problem
}


def _read(data: bytes, filename: str) -> list[Problem]:
    try:
        read_rows(io.BytesIO(data), filename)
    except RowError as error:
        return [Problem(1, error.column, error.message)]
    return []


@pytest.mark.parametrize("mode", list(ImportMode))
def test_any_catalogue_file_gets_a_dutch_report_and_is_stored_whole_or_not_at_all(
    mode: ImportMode,
) -> None:
    row = st.tuples(*(CELLS[column] for column in HEADER))

    @fuzz_settings
    @given(file=upload(HEADER, row))
    def check(file: tuple[bytes, str]) -> None:
        data, filename = file
        before = CatalogueItem.objects.count()
        if in_dutch_and_english(lambda: _read(data, filename)):
            count_fuzz_case(f"import catalogue/{mode}", "unreadable")
            return
        rows = read_rows(io.BytesIO(data), filename)
        in_dutch_and_english(lambda: run_catalogue_import(rows, mode=mode, commit=False).problems)
        report = run_catalogue_import(rows, mode=mode, commit=True)
        for problem in report.problems:
            assert problem.row == 1 or problem.column in HEADER, problem
        stored = CatalogueItem.objects.count() - before
        if any(p.row == 1 for p in report.problems) or (
            mode == ImportMode.ALL_OR_NOTHING and report.problems
        ):
            assert stored == 0 and not report.committed
            outcome = "refused"
        else:
            assert report.imported == report.good_rows == report.created + report.updated
            assert stored == report.created
            outcome = "stored" if not report.problems else "good rows stored"
        count_fuzz_case(f"import catalogue/{mode}", outcome)

    check()


_unique = itertools.count(1)


def test_valid_catalogue_rows_are_all_stored_as_given() -> None:
    item = st.fixed_dictionaries(
        {
            "naam": words.map(str.strip).filter(bool),
            "bewijskracht": st.sampled_from(EvidenceLevel.values),
            "doelgroep": words.map(str.strip),
            "richtlijnen": st.lists(words.map(str.strip).filter(bool), max_size=3),
        }
    )

    @fuzz_settings
    @given(items=st.lists(item, min_size=1, max_size=6))
    def check(items: list[dict[str, object]]) -> None:
        codes = [f"fuzz-{next(_unique)}" for _ in items]
        header = ["code", "naam", "bewijskracht", "doelgroep", "richtlijnen"]
        rows = [
            [code, i["naam"], i["bewijskracht"], i["doelgroep"], "|".join(i["richtlijnen"])]
            for code, i in zip(codes, items, strict=True)
        ]
        data = xlsx_bytes(header, rows)
        report = run_catalogue_import(
            read_rows(io.BytesIO(data), "c.xlsx"), mode=ImportMode.ALL_OR_NOTHING, commit=True
        )
        assert report.problems == [] and report.created == len(items)
        for code, given_item in zip(codes, items, strict=True):
            stored = CatalogueItem.objects.get(code=code)
            assert stored.name == given_item["naam"]
            assert stored.evidence_level == given_item["bewijskracht"]
            assert stored.target_group == given_item["doelgroep"]
            assert stored.guideline_lines == given_item["richtlijnen"]
        count_fuzz_case("import catalogue/valid", "stored")

    check()


def test_a_web_address_longer_than_the_column_is_a_problem() -> None:
    url = "https://example.nl/" + "a" * 200
    rows = [{"naam": "Gezinscoaching", "bewijskracht": "goed beschreven", "meer_informatie": url}]
    report = run_catalogue_import(rows, mode=ImportMode.GOOD_ROWS, commit=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "meer_informatie")]
    assert not CatalogueItem.objects.exists()
