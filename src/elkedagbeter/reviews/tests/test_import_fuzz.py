"""The dossier import under hypothesis (docs/fuzzing.md): any file with any cell text gets a
report naming row and column in Dutch and never crashes; all-or-nothing stores nothing when a
row is wrong, good-rows stores exactly the good rows; valid rows are all stored as given.

Marked ``postgres``: PostgreSQL enforces the column lengths and number ranges SQLite does not."""

from __future__ import annotations

import io
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import World, count_fuzz_case, fuzz_settings
from elkedagbeter.cases.imports import ImportMode, Problem, RowError, read_rows
from elkedagbeter.cases.models import AgeBand
from elkedagbeter.cases.tests.fuzzing import (
    cell,
    csv_bytes,
    in_dutch_and_english,
    numbers,
    upload,
)
from elkedagbeter.reviews.imports import OPTIONAL, REQUIRED, run_import
from elkedagbeter.reviews.models import ImportedDossier, ReviewRound

from .factories import new_round

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

HEADER = REQUIRED + OPTIONAL
_unique = itertools.count(1)
codes = st.lists(st.sampled_from(["11", "12", "13", "14"]), max_size=5)
CELLS = {
    "bron_id": cell(
        st.sampled_from(["DOS-1", "DOS-2", "DOS-3"]), st.text(min_size=60, max_size=70)
    ),
    "organisatie": cell(st.sampled_from(["Instelling A", "Wijkteam B"])),
    "leeftijdsgroep": cell(st.sampled_from(AgeBand.values)),
    "verblijfsketen": cell(codes.map(">".join), codes.map(", ".join), st.just("14>15")),
    "overplaatsingen": cell(st.integers(0, 40).map(str), numbers, st.just("40000")),
    "samenvatting": cell(st.sampled_from(["Kort verblijf.", "Lang verhaal " * 400])),
}


@pytest.fixture
def round_(world: World) -> ReviewRound:
    return new_round(world.user("expert"), world.expert_team, [world.user("expert")])


def _read(data: bytes, filename: str) -> list[Problem]:
    try:
        read_rows(io.BytesIO(data), filename)
    except RowError as error:
        return [Problem(1, error.column, error.message)]
    return []


@pytest.mark.parametrize("mode", list(ImportMode))
def test_any_dossier_file_gets_a_dutch_report_and_is_stored_whole_or_not_at_all(
    round_: ReviewRound, mode: ImportMode
) -> None:
    row = st.tuples(*(CELLS[column] for column in HEADER))

    @fuzz_settings
    @given(file=upload(HEADER, row))
    def check(file: tuple[bytes, str]) -> None:
        data, filename = file
        before = ImportedDossier.objects.count()
        if in_dutch_and_english(lambda: _read(data, filename)):
            count_fuzz_case(f"import dossiers/{mode}", "unreadable")
            return
        rows = read_rows(io.BytesIO(data), filename)
        in_dutch_and_english(lambda: run_import(rows, round_, mode=mode, commit=False).problems)
        report = run_import(rows, round_, mode=mode, commit=True)
        for problem in report.problems:
            assert problem.row == 1 or problem.column in HEADER, problem
        stored = ImportedDossier.objects.count() - before
        if any(p.row == 1 for p in report.problems) or (
            mode == ImportMode.ALL_OR_NOTHING and report.problems
        ):
            assert stored == 0 and not report.committed
            outcome = "refused"
        else:
            assert stored == report.imported == report.good_rows
            outcome = "stored" if not report.problems else "good rows stored"
        count_fuzz_case(f"import dossiers/{mode}", outcome)

    check()


def test_valid_dossiers_are_all_stored_as_given(round_: ReviewRound) -> None:
    dossier = st.fixed_dictionaries(
        {
            "organisatie": st.sampled_from(["", "Instelling A", "Zorgboerderij Één"]),
            "leeftijdsgroep": st.sampled_from(["", *AgeBand.values]),
            "keten": codes,
            "overplaatsingen": st.none() | st.integers(0, 30),
        }
    )

    @fuzz_settings
    @given(
        dossiers=st.lists(dossier, min_size=1, max_size=6),
        encoding=st.sampled_from(["utf-8-sig", "cp1252", "utf-16"]),
    )
    def check(dossiers: list[dict[str, object]], encoding: str) -> None:
        refs = [f"DOS-{next(_unique)}" for _ in dossiers]
        rows = [
            [
                ref,
                d["organisatie"],
                d["leeftijdsgroep"],
                ">".join(d["keten"]),
                "" if d["overplaatsingen"] is None else str(d["overplaatsingen"]),
            ]
            for ref, d in zip(refs, dossiers, strict=True)
        ]
        header = ["bron_id", "organisatie", "leeftijdsgroep", "verblijfsketen", "overplaatsingen"]
        data = csv_bytes(header, rows, delimiter=";", encoding=encoding)
        report = run_import(
            read_rows(io.BytesIO(data), "d.csv"),
            round_,
            mode=ImportMode.ALL_OR_NOTHING,
            commit=True,
        )
        assert report.problems == [] and report.imported == len(dossiers)
        for ref, d in zip(refs, dossiers, strict=True):
            stored = ImportedDossier.objects.get(round=round_, source_ref=ref)
            assert stored.organisation == d["organisatie"]
            assert stored.age_band == d["leeftijdsgroep"]
            assert stored.residence_chain == d["keten"]
            expected = d["overplaatsingen"]
            assert stored.transfers == (
                max(len(d["keten"]) - 1, 0) if expected is None else expected
            )
        count_fuzz_case("import dossiers/valid", "stored")

    check()


def test_more_transfers_than_the_column_holds_is_a_problem(round_: ReviewRound) -> None:
    rows = [{"bron_id": "DOS-1", "overplaatsingen": "40000"}]
    report = run_import(rows, round_, mode=ImportMode.GOOD_ROWS, commit=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "overplaatsingen")]
    assert not ImportedDossier.objects.exists()
