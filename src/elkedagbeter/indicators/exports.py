"""Chart data as CSV or XLSX. Cells are the figures as shown (suppressed ones stay suppressed),
and text that a spreadsheet would read as a formula is neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralised(cell: object) -> object:
    """A leading quote keeps =, +, -, @ (and tab, carriage return) from starting a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def table_response(rows: Sequence[Sequence[object]], *, filename: str, fmt: str) -> HttpResponse:
    safe = [[neutralised(cell) for cell in row] for row in rows]
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row in safe:
            sheet.append(list(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        csv.writer(text, delimiter=";").writerows(safe)
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
