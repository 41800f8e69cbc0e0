"""Hypothesis strategies and checks shared by the import fuzz tests (docs/fuzzing.md): files as
users make them (CSV in several encodings and separators, XLSX) from rows of arbitrary or
plausible cell text, and the property every import report keeps: each problem names a row and a
column, in Dutch."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from django.utils import translation
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Text a user might type into a cell, and some that nobody would: any character but lone
# surrogates (which no file can hold), sometimes a long run.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12) | st.text(
    st.characters(exclude_categories=("Cs",)), min_size=100, max_size=400
)
numbers = st.integers(min_value=-(10**20), max_value=10**20).map(str) | st.sampled_from(
    ["0", "-1", "1", "10", "1_000", "1e3", " 7 ", "+5", "٣", "½"]
)
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "mac-roman"]


def cell(*plausible: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A cell: mostly (7 in 9) a plausible value for its column, else anything or empty."""
    likely = st.one_of(*plausible)
    return st.integers(0, 8).flatmap(
        lambda pick: likely if pick < 7 else any_text if pick == 7 else st.just("")
    )


class FileRows(Protocol):
    def __call__(self, data: bytes, filename: str) -> Any: ...


def csv_bytes(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, delimiter: str, encoding: str
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for values in [header, *rows]:
        sheet.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@st.composite
def upload(
    draw: st.DrawFn, header: Sequence[str], row: st.SearchStrategy[Sequence[str]], max_rows: int = 6
) -> tuple[bytes, str]:
    """A file (bytes and name) holding some rows, as CSV in any encoding and separator or as
    XLSX; now and then with a column dropped or added, or as raw bytes."""
    columns = list(header)
    if draw(st.integers(0, 9)) == 0 and columns:
        columns.remove(draw(st.sampled_from(columns)))
    if draw(st.integers(0, 9)) == 0:
        columns.append(draw(st.sampled_from(["opmerking", "", "Datum ", "casus"])))
    rows = draw(st.lists(row, max_size=max_rows))
    by_column = [dict(zip(header, values, strict=True)) for values in rows]
    cells = [[values.get(column, "") for column in columns] for values in by_column]
    kind = draw(st.sampled_from(["csv", "csv", "csv", "xlsx", "bytes"]))
    if kind == "xlsx":
        return xlsx_bytes(columns, cells), "bestand.xlsx"
    if kind == "bytes":
        return draw(st.binary(max_size=300)), draw(st.sampled_from(["b.csv", "b.xlsx", "b.txt"]))
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    encoding = draw(st.sampled_from(ENCODINGS))
    return csv_bytes(columns, cells, delimiter=delimiter, encoding=encoding), "bestand.csv"


def in_dutch_and_english(check: Callable[[], Sequence[Any]]) -> Sequence[Any]:
    """Run ``check`` (which returns problems with ``row``, ``column`` and ``message``) in
    English and in Dutch, and assert every problem names a row and comes out translated: a
    message that reads the same in both languages did not go through the Dutch catalogue."""
    with translation.override("en"):
        english = check()
    with translation.override("nl"):
        dutch = check()
    assert [(p.row, p.column) for p in dutch] == [(p.row, p.column) for p in english]
    for nl, en in zip(dutch, english, strict=True):
        assert nl.row >= 1, nl
        assert nl.message.strip(), nl
        assert nl.message != en.message, f"not translated: {nl}"
    return dutch
