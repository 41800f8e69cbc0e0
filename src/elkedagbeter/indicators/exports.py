"""Chart data as CSV or XLSX. Cells are the figures as shown (suppressed ones stay suppressed).

In XLSX a count is a number, a share a number with a percent format, a mean a number with two
decimals, and everything else (names, periods, "< 5", a cross, "-") a text cell, which a
spreadsheet never evaluates. In CSV, text that a spreadsheet would read as a formula is
neutralised with a leading quote."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Labels of our own that begin like a formula but cannot be one: "nothing to divide by".
HARMLESS = frozenset({"-"})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Number:
    """A share or a mean: a number with its format in a spreadsheet, as shown in a CSV."""

    value: float
    shown: str
    number_format: str  # e.g. "0%" or "0.00"


def neutralised(cell: object) -> object:
    """A leading quote keeps =, +, -, @ (and tab, carriage return) from starting a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and cell not in HARMLESS:
        return "'" + cell
    return cell


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, Number):
                cell = sheet.cell(r, c, value.value)
                cell.number_format = value.number_format
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.cell(r, c, value)
            else:
                cell = sheet.cell(r, c, str(value))
                cell.data_type = "s"  # text, never a formula, without a quote in front
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(rows: Sequence[Sequence[object]], *, filename: str, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(rows), content_type=XLSX)
    else:
        safe = [
            [neutralised(cell.shown if isinstance(cell, Number) else cell) for cell in row]
            for row in rows
        ]
        text = io.StringIO()
        csv.writer(text, delimiter=";").writerows(safe)
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
