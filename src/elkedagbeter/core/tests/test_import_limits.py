"""Every import reads its file within limits and stops at the first one passed (core/tabular.py):
rows, bytes, the bytes a workbook unpacks to, cells, characters in a cell. A 572 KB workbook of
4 million rows once held a worker for two minutes and 2.3 GB because the row limit was checked
after every row had been read; here such files are refused, in Dutch, without being read whole.

The limits are settings, so these files are small: the same code refuses the big ones."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.worksheet._reader import WorkSheetParser

from conftest import World, log_in
from elkedagbeter.cases.imports import RowError, read_rows
from elkedagbeter.cases.models import Case
from elkedagbeter.knowledge.models import CatalogueItem
from elkedagbeter.reviews.models import ImportedDossier
from elkedagbeter.reviews.tests.factories import new_round
from elkedagbeter.stories import exchange
from elkedagbeter.stories.models import Story

pytestmark = pytest.mark.django_db

LIMIT = 10
TOO_MANY = f"Het bestand heeft meer dan {LIMIT} rijen; splits het in bestanden van hoogstens"


@pytest.fixture
def low_limit(settings: Any) -> Any:
    settings.IMPORT_MAX_ROWS = LIMIT
    return settings


def _csv(header: list[str], row: Callable[[int], list[str]], count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(row(n) for n in range(count))
    return out.getvalue().encode("utf-8")


def _xlsx(rows: Iterator[list[Any]] | list[list[Any]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_dimension(data: bytes, ref: str | None) -> bytes:
    """The workbook with its first sheet's declared dimension replaced (or left out)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(r"<dimension [^>]*/>", "", content.decode())
                if ref is not None:
                    text = text.replace("<sheetData", f'<dimension ref="{ref}"/><sheetData', 1)
                content = text.encode()
            target.writestr(info.filename, content)
    return out.getvalue()


@pytest.fixture
def parsed_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the rows openpyxl parses out of a sheet, in any reader."""
    parsed: list[int] = []
    original = WorkSheetParser.parse

    def parse(self: WorkSheetParser) -> Iterator[Any]:
        for row in original(self):
            parsed.append(row[0])
            yield row

    monkeypatch.setattr(WorkSheetParser, "parse", parse)
    return parsed


@pytest.fixture
def csv_rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the records any CSV reader takes from a file."""
    read: list[int] = []
    original = csv.reader

    def counting(*args: Any, **kwargs: Any) -> Iterator[list[str]]:
        for record in original(*args, **kwargs):
            read.append(1)
            yield record

    monkeypatch.setattr(csv, "reader", counting)
    return read


# --- Every import, through its page or command ---------------------------------------------------


def _case_rows(n: int) -> list[str]:
    return [f"B-{n}", "2025-01-10"]


def test_the_case_import_refuses_a_file_past_the_row_limit_in_dutch(
    world: World, low_limit: Any
) -> None:
    client = log_in(Client(), world.user("professional"))
    for name, content in [
        ("casussen.csv", _csv(["bron_id", "gestart_op"], _case_rows, LIMIT + 1)),
        ("casussen.xlsx", _xlsx([["bron_id", "gestart_op"], *map(_case_rows, range(LIMIT + 1))])),
    ]:
        response = client.post(
            reverse("cases:import"),
            {
                "upload": SimpleUploadedFile(name, content),
                "kind": "casussen",
                "team": world.team_a.pk,
                "mode": "alles",
            },
        )
        assert TOO_MANY in response.content.decode(), name
    assert not Case.objects.filter(source_ref__startswith="B-").exists()


def test_a_file_at_the_row_limit_is_read_whole(world: World, low_limit: Any) -> None:
    for name, content in [
        ("casussen.csv", _csv(["bron_id", "gestart_op"], _case_rows, LIMIT)),
        ("casussen.xlsx", _xlsx([["bron_id", "gestart_op"], *map(_case_rows, range(LIMIT))])),
    ]:
        assert len(read_rows(io.BytesIO(content), name)) == LIMIT


def test_the_dossier_import_refuses_a_file_past_the_row_limit(world: World, low_limit: Any) -> None:
    round_ = new_round(world.user("expert"), world.expert_team, [world.user("expert")])
    content = _csv(["bron_id"], lambda n: [f"D-{n}"], LIMIT + 1)
    client = log_in(Client(), world.user("expert"))
    response = client.post(
        reverse("reviews:import", args=[round_.pk]),
        {"upload": SimpleUploadedFile("dossiers.csv", content), "mode": "goede_regels"},
    )
    assert TOO_MANY in response.content.decode()
    assert not ImportedDossier.objects.exists()


def test_the_catalogue_import_refuses_a_file_past_the_row_limit(
    world: World, low_limit: Any
) -> None:
    content = _csv(["naam", "bewijskracht"], lambda n: [f"Aanpak {n}", "goed beschreven"], 20)
    client = log_in(Client(), world.user("admin"))
    response = client.post(
        reverse("knowledge:catalogue_import"),
        {"upload": SimpleUploadedFile("catalogus.csv", content), "mode": "goede_regels"},
    )
    assert TOO_MANY in response.content.decode()
    assert not CatalogueItem.objects.exists()


def _story_rows(n: int) -> list[str]:
    return [f"Verhaal {n}", "Het ging goed met school.", "ouder"]


def test_the_story_import_refuses_a_file_past_the_row_limit(
    world: World, low_limit: Any, tmp_path: Path
) -> None:
    content = _csv(["titel", "verhaal", "verteller"], _story_rows, LIMIT + 1)
    client = log_in(Client(), world.user("analyst"), second_factor=False)
    response = client.post(
        reverse("stories:import"), {"upload": SimpleUploadedFile("verhalen.csv", content)}
    )
    assert TOO_MANY in response.content.decode()

    path = tmp_path / "verhalen.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=TOO_MANY):
        call_command("import_stories", "--csv", str(path), "--region", world.north.code)
    assert not Story.objects.exists()


# --- Refused without being read to the end -------------------------------------------------------


def test_a_workbook_with_far_more_rows_than_the_limit_is_not_read_to_its_end(
    low_limit: Any, parsed_rows: list[int]
) -> None:
    # No declared dimension, as a hand-made or hostile file has: only reading can tell.
    rows = (_case_rows(n) for n in range(5_000))
    content = _with_dimension(_xlsx(iter([["bron_id", "gestart_op"], *rows])), None)

    with pytest.raises(RowError, match=TOO_MANY):
        read_rows(io.BytesIO(content), "casussen.xlsx")
    assert len(parsed_rows) <= LIMIT + 2  # the header, the rows allowed, the one too many


def test_a_csv_file_with_far_more_rows_than_the_limit_is_not_read_to_its_end(
    low_limit: Any, csv_rows_read: list[int]
) -> None:
    content = _csv(["bron_id", "gestart_op"], _case_rows, 5_000)

    with pytest.raises(RowError, match=TOO_MANY):
        read_rows(io.BytesIO(content), "casussen.csv")
    assert len(csv_rows_read) <= LIMIT + 2


def test_a_workbook_declaring_too_many_rows_is_refused_before_a_row_is_read(
    low_limit: Any, parsed_rows: list[int]
) -> None:
    content = _with_dimension(
        _xlsx([["bron_id", "gestart_op"], ["B-1", "2025-01-10"]]), "A1:B4000000"
    )

    with pytest.raises(RowError, match=TOO_MANY):
        read_rows(io.BytesIO(content), "casussen.xlsx")
    assert parsed_rows == []


def test_a_workbook_declaring_too_small_a_size_is_still_read_whole() -> None:
    # openpyxl's read-only mode stops at the declared last row; a wrong dimension lost rows.
    rows = [_case_rows(n) for n in range(30)]
    content = _with_dimension(_xlsx([["bron_id", "gestart_op"], *rows]), "A1:B2")

    assert len(read_rows(io.BytesIO(content), "casussen.xlsx")) == 30


def test_a_zip_bomb_is_refused_from_its_declared_sizes_before_it_is_opened(
    settings: Any, parsed_rows: list[int]
) -> None:
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    book = io.BytesIO(_xlsx([["bron_id", "gestart_op"], ["B-1", "2025-01-10"]]))
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))  # packs to ~2 KB
    assert len(book.getvalue()) < 20_000

    with pytest.raises(RowError, match="Uitgepakt is deze werkmap groter dan 1,0\xa0MB"):
        read_rows(io.BytesIO(book.getvalue()), "casussen.xlsx")
    assert parsed_rows == []


class _CountingFile(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_a_file_past_the_byte_limit_is_refused_after_reading_one_byte_more(
    settings: Any,
) -> None:
    settings.IMPORT_MAX_BYTES = 2048
    upload = _CountingFile(_csv(["bron_id", "gestart_op"], _case_rows, 1_000))

    with pytest.raises(RowError, match="Het bestand is groter dan 2,0\xa0KB"):
        read_rows(upload, "casussen.csv")
    assert upload.bytes_read == 2049


def test_a_file_past_the_cell_limit_is_refused(settings: Any) -> None:
    settings.IMPORT_MAX_CELLS = 50
    header = ["bron_id", "gestart_op", "a", "b", "c"]
    wide = _csv(header, lambda n: [f"B-{n}", "2025-01-10", "", "", ""], 10)  # 55 cells

    for name, content in [
        ("casussen.csv", wide),
        ("casussen.xlsx", _xlsx([header, *([f"B-{n}", "2025-01-10", 1, 2, 3] for n in range(10))])),
    ]:
        with pytest.raises(RowError, match="Het bestand heeft meer dan 50 cellen"):
            read_rows(io.BytesIO(content), name)


def test_a_cell_past_the_length_limit_is_named_by_row_and_column(
    settings: Any,
) -> None:
    settings.IMPORT_MAX_CELL_CHARACTERS = 100
    content = _csv(["bron_id", "gestart_op"], lambda n: [f"B-{n}", "x" * (99 + n)], 3)

    with pytest.raises(RowError) as refused:
        read_rows(io.BytesIO(content), "casussen.csv")
    assert refused.value.message == "Rij 4, kolom 2 bevat meer dan 100 tekens."


def test_the_story_reader_takes_an_open_file_and_the_same_limits(
    low_limit: Any, csv_rows_read: list[int]
) -> None:
    content = _csv(["titel", "verhaal", "verteller"], _story_rows, 5_000)

    with pytest.raises(exchange.CsvError, match=TOO_MANY):
        exchange.read_csv(io.BytesIO(content))
    assert len(csv_rows_read) <= LIMIT + 2
