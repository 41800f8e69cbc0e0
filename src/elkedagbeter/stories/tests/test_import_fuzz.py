"""The story CSV import under hypothesis (docs/fuzzing.md), through ``exchange`` and through
``manage.py import_stories``: any file with any cell text gets a report naming row and column in
Dutch and never crashes; one bad row means nothing is stored; valid rows are all stored, and an
export imports again to the same export.

Marked ``postgres``: PostgreSQL enforces the column lengths that SQLite does not."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from conftest import World, count_fuzz_case, fuzz_settings
from elkedagbeter.cases.tests.fuzzing import ENCODINGS, any_text, cell, in_dutch_and_english
from elkedagbeter.stories import exchange
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import NarratorRole, Signifier, SignifierKind, Story

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Plain lower-case words: nothing the de-identification would take for a name or a place.
WORDS = ["het", "ging", "goed", "met", "school", "thuis", "hulp", "lang", "wachten", "samen"]
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
ROLES = [value for value, _label in NarratorRole.choices]


def _answer(s: Signifier) -> st.SearchStrategy[list[str]]:
    """Plausible cells for a signifier: valid answers, ``nvt``, and a few wrong ones."""
    if s.kind == SignifierKind.TRIAD:
        valid = st.integers(0, 1000).flatmap(
            lambda a: st.integers(0, 1000 - a).map(lambda b: [str(a), str(b), str(1000 - a - b)])
        )
        return st.one_of(valid, st.just(["nvt", "", ""]), st.just(["500", "600", "0"]))
    if s.kind == SignifierKind.DYAD:
        return st.one_of(st.integers(-5, 1005).map(str), st.just("nvt")).map(lambda c: [c])
    if s.kind == SignifierKind.MULTIPLE_CHOICE:
        chosen = st.lists(st.sampled_from(s.labels), max_size=3, unique=True)
        return st.one_of(chosen.map(exchange.LIST_SEPARATOR.join), st.just("geen label")).map(
            lambda c: [c]
        )
    return sentences.map(lambda c: [c])


def _row_strategy(signifiers: list[Signifier]) -> st.SearchStrategy[list[str]]:
    base = [
        cell(st.just("")),  # referentie
        cell(sentences, st.text(min_size=190, max_size=260)),  # titel
        cell(sentences),  # verhaal
        cell(st.sampled_from([*ROLES, "buurman"])),  # verteller
        cell(sentences),  # verteller_toelichting
        cell(st.sampled_from(["", "GM0001", "Nergenshuizen"])),  # gemeente
        cell(st.sampled_from(["2016-04", "2016-04-01", "2016", "2016-13", "gisteren"])),  # datum
        cell(st.sampled_from(["", "Wachten", "x" * 130])),  # patronen
        cell(st.sampled_from(["ja", "nee"])),  # publicatie
        cell(st.sampled_from(["ja", "nee"])),  # leren
    ]
    answers = [_answer(s) for s in signifiers]
    return st.tuples(st.tuples(*base), st.tuples(*answers)).map(
        lambda parts: list(parts[0]) + [c for cells in parts[1] for c in cells]
    )


@st.composite
def story_file(draw: st.DrawFn, signifiers: list[Signifier]) -> bytes:
    """A CSV file as people make them: any encoding and separator, rows that may be shorter or
    longer than the header, now and then arbitrary bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    header = exchange.BASE_COLUMNS + exchange.signifier_columns(signifiers)
    rows = draw(st.lists(_row_strategy(signifiers), max_size=5))
    rows = [row[: draw(st.integers(0, len(row)))] if draw(st.booleans()) else row for row in rows]
    if draw(st.integers(0, 4)) == 0:
        rows = [[*row, draw(any_text)] for row in rows]
    out = io.StringIO()
    csv.writer(out, delimiter=draw(st.sampled_from([";", ",", "\t"]))).writerows([header, *rows])
    return out.getvalue().encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


class _Problem:
    def __init__(self, row: int, column: str, message: str) -> None:
        self.row, self.column, self.message = row, column, message


def _check(data: bytes, world: World, framework: Any) -> list[Any]:
    try:
        rows = exchange.read_csv(data)
    except exchange.CsvError as error:
        return [_Problem(1, "", str(error))]
    return exchange.import_rows(rows, framework, region=world.north, approved=False).problems


def test_any_story_file_gets_a_dutch_report_and_is_stored_whole_or_not_at_all(
    world: World,
) -> None:
    framework = ensure_default_framework()
    signifiers = list(framework.signifiers.all())
    header = exchange.BASE_COLUMNS + exchange.signifier_columns(signifiers)

    @fuzz_settings
    @given(data=story_file(signifiers))
    def check(data: bytes) -> None:
        before = Story.objects.count()
        problems: list[Any] = []

        def run() -> list[Any]:
            # A run that stores rows is undone before the second language runs.
            result = _check(data, world, framework)
            if not result:
                stored = Story.objects.count() - before
                Story.objects.exclude(
                    pk__in=list(Story.objects.order_by("pk").values_list("pk", flat=True)[:before])
                ).delete()
                problems.append(stored)
            return result

        found = in_dutch_and_english(run)
        columns = set(header) | {s.code for s in signifiers}  # a triad: its code
        for problem in found:
            assert problem.row == 1 or problem.column in columns, vars(problem)
        if found:
            assert Story.objects.count() == before
            outcome = "refused"
        else:
            assert problems and all(n == problems[0] for n in problems)
            outcome = "stored"
        count_fuzz_case("import stories", outcome)

    check()


def test_the_command_reports_row_and_column_in_dutch_and_stores_nothing_on_a_problem(
    world: World,
) -> None:
    framework = ensure_default_framework()
    signifiers = list(framework.signifiers.all())

    @fuzz_settings
    @given(data=story_file(signifiers))
    def check(data: bytes) -> None:
        before = Story.objects.count()
        out, err = io.StringIO(), io.StringIO()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "verhalen.csv"
            path.write_bytes(data)
            try:
                with translation.override("nl"):
                    call_command("import_stories", csv=path, region="noord", stdout=out, stderr=err)
            except CommandError as error:
                assert Story.objects.count() == before
                assert str(error) == "Er is niets geïmporteerd." or err.getvalue() == ""
                for line in err.getvalue().splitlines():
                    assert line.startswith("Regel ") and ", kolom " in line, line
                count_fuzz_case("import stories (command)", "refused")
                return
        assert "verhalen geïmporteerd" in out.getvalue()
        count_fuzz_case("import stories (command)", "stored")

    check()


def test_valid_stories_are_all_stored_and_an_export_imports_to_the_same_export(
    world: World,
) -> None:
    framework = ensure_default_framework()
    signifiers = list(framework.signifiers.all())
    valid_answer = {
        SignifierKind.TRIAD: lambda s: st.integers(0, 1000).flatmap(
            lambda a: st.integers(0, 1000 - a).map(lambda b: [str(a), str(b), str(1000 - a - b)])
        ),
        SignifierKind.DYAD: lambda s: st.integers(0, 1000).map(lambda p: [str(p)]),
        SignifierKind.MULTIPLE_CHOICE: lambda s: st.lists(
            st.sampled_from(s.labels), max_size=3, unique=True
        ).map(lambda chosen: [exchange.LIST_SEPARATOR.join(chosen)]),
    }
    answers = st.tuples(
        *(
            valid_answer.get(SignifierKind(s.kind), lambda s: sentences.map(lambda c: [c]))(s)
            for s in signifiers
        )
    )
    story = st.tuples(
        sentences, sentences, st.sampled_from(ROLES), st.sampled_from(["2016-04", ""]), answers
    )

    @fuzz_settings
    @given(stories=st.lists(story, min_size=1, max_size=4))
    def check(stories: list[Any]) -> None:
        Story.objects.all().delete()
        header = exchange.BASE_COLUMNS + exchange.signifier_columns(signifiers)
        rows = [
            [
                "",
                title,
                text,
                role,
                "",
                "",
                when,
                "",
                "ja",
                "ja",
                *[c for cells in a for c in cells],
            ]
            for title, text, role, when, a in stories
        ]
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows([header, *rows])
        report = exchange.import_rows(
            exchange.read_csv(out.getvalue().encode()), framework, region=world.north, approved=True
        )
        assert report.problems == [] and report.imported == len(stories) == Story.objects.count()
        first = _export(signifiers)
        assert sorted(row[1:3] for row in first) == sorted(row[1:3] for row in rows)
        Story.objects.all().delete()
        exchange.import_rows(
            exchange.read_csv(_csv(header, first).encode()),
            framework,
            region=world.north,
            approved=True,
        )
        assert sorted(row[1:] for row in _export(signifiers)) == sorted(row[1:] for row in first)
        count_fuzz_case("import stories/valid round trip", "stored")

    check()


def _export(signifiers: list[Signifier]) -> list[list[str]]:
    text = exchange.export_csv(Story.objects.order_by("pk"), signifiers)
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))[1:]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([header, *rows])
    return out.getvalue()


def test_a_short_row_is_read_as_empty_cells_not_a_crash(world: World) -> None:
    data = "titel;verhaal;verteller;datum\nGoed;Het ging goed.;ouder;2016\nWachten;Lang.\n"
    rows = exchange.read_csv(data.encode())
    assert rows[1] == {"titel": "Wachten", "verhaal": "Lang.", "verteller": "", "datum": ""}
    report = exchange.import_rows(
        rows, ensure_default_framework(), region=world.north, approved=False
    )
    assert [(p.row, p.column) for p in report.problems] == [(3, "verteller")]


def test_a_pattern_name_longer_than_the_column_is_a_problem(world: World) -> None:
    rows = [{"titel": "Wachten", "verhaal": "Het duurde lang.", "verteller": "ouder"}]
    rows[0]["patronen"] = "p" * 121
    report = exchange.import_rows(
        rows, ensure_default_framework(), region=world.north, approved=False
    )
    assert [(p.row, p.column) for p in report.problems] == [(2, "patronen")]
    assert not Story.objects.exists()


def test_the_command_speaks_dutch(world: World, tmp_path: Path) -> None:
    path = tmp_path / "verhalen.csv"
    path.write_text("titel;verhaal;verteller\nWachten;;ouder\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Er is niets geïmporteerd"):
        call_command("import_stories", csv=path, region="noord", stderr=err)
    assert err.getvalue().startswith("Regel 2, kolom verhaal: ")


def test_a_nul_character_is_dropped_as_the_story_file_is_read() -> None:
    rows = exchange.read_csv(b"titel;verhaal;verteller\nWach\x00ten;Lang.;ouder\n")
    assert rows == [{"titel": "Wachten", "verhaal": "Lang.", "verteller": "ouder"}]
