"""Reading an uploaded CSV or XLSX file into rows, within limits: the one reader every import
uses (cases, events and monitoring moments, review dossiers, the intervention catalogue,
stories).

An upload is untrusted. A small file can unpack into millions of rows (a 572 KB workbook held 4
million), so every limit is checked *while* reading, never after: at most ``bytes`` of the
upload are read, an XLSX workbook is refused when its zip members declare more than
``uncompressed_bytes`` or its sheet declares more rows or cells than allowed, and reading stops
at the first row, cell or character past a limit. The limits come from the ``IMPORT_MAX_*``
settings; a caller (a test) can pass its own.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class TableError(ValueError):
    """A file that cannot be read, or is past a limit; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    rows: int  # rows under the header
    bytes: int  # of the upload as sent
    uncompressed_bytes: int  # of an XLSX workbook's zip members together
    cells: int  # cells read, all rows (header included) together: columns x rows
    cell_characters: int  # of one cell

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            rows=settings.IMPORT_MAX_ROWS,
            bytes=settings.IMPORT_MAX_BYTES,
            uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
            cells=settings.IMPORT_MAX_CELLS,
            cell_characters=settings.IMPORT_MAX_CELL_CHARACTERS,
        )


Decoder = Callable[[bytes], str]


def decode_any(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), else
    Windows-1252, the encoding of a CSV file saved by Dutch Excel."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(_("The file is not UTF-8 text. Save it as CSV UTF-8.")) from error


def read_table(
    upload: BinaryIO,
    filename: str,
    *,
    limits: Limits | None = None,
    decode: Decoder = decode_any,
) -> list[dict[str, str]]:
    """The rows under the header as dicts of normalised column name → stripped text; a file
    ending in ``.xlsx`` is read as a workbook (its first sheet), anything else as CSV. Raises
    TableError for an unreadable file or one past a limit, having read no further than that."""
    limits = limits or Limits.from_settings()
    data = upload.read(limits.bytes + 1)
    if len(data) > limits.bytes:
        raise TableError(
            _("The file is larger than %(max)s; split it up.")
            % {"max": filesizeformat(limits.bytes)}
        )
    if filename.lower().endswith(".xlsx"):
        with closing(_xlsx_values(data, limits)) as values:
            return _within_limits(values, limits)
    return _within_limits(_csv_values(decode(data)), limits)


def csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect of ``text``: sniffed, or where the sniffer gives up (one column, rows of
    different lengths) the excel dialect with the separator the header line uses most."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        header = text.split("\n", 1)[0]
        separator = max(";,\t", key=header.count)

        class Dialect(csv.excel):
            delimiter = separator if header.count(separator) else ","

        return Dialect


def _csv_values(text: str) -> Generator[Sequence[Any], None, None]:
    """The rows of a CSV text one at a time, the header first; an empty line as ``[]``."""
    # A NUL character means nothing in a CSV file, and PostgreSQL cannot store it in text.
    text = text.replace("\x00", "")
    # newline=None: a file with old Mac line ends (a lone CR) reads like any other.
    reader = csv.reader(io.StringIO(text, newline=None), dialect=csv_dialect(text))
    while True:
        try:
            values = next(reader, None)
        except csv.Error as error:  # e.g. a cell longer than csv.field_size_limit()
            raise TableError(
                _("Line %(line)d of this file cannot be read as CSV.")
                % {"line": max(reader.line_num, 1)}
            ) from error
        if values is None:
            return
        yield values


def _xlsx_values(data: bytes, limits: Limits) -> Generator[Sequence[Any], None, None]:
    """The rows of a workbook's first sheet one at a time, the header first, read lazily in
    openpyxl's read-only mode, after the zip and the sheet's declared size are checked; a row
    without a value as ``()``."""
    from openpyxl import load_workbook

    unreadable = _("This file cannot be read as an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise TableError(unreadable) from error
    if unpacked > limits.uncompressed_bytes:
        raise TableError(
            _("Unpacked, this workbook is larger than %(max)s; split it up.")
            % {"max": filesizeformat(limits.uncompressed_bytes)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise TableError(unreadable) from error
    try:
        # The dimension the sheet declares refuses a huge sheet before a row is read. It may
        # also be wrong (too small), so it is not used to stop reading: the limits below are.
        if sheet.max_row is not None and sheet.max_column is not None:
            declared_rows = sheet.max_row - sheet.min_row + 1
            declared_columns = sheet.max_column - sheet.min_column + 1
            if declared_rows - 1 > limits.rows:
                raise TableError(_too_many_rows(limits))
            if declared_rows * declared_columns > limits.cells:
                raise TableError(_too_many_cells(limits))
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        while True:
            try:
                values = next(rows, None)
            except Exception as error:  # a damaged sheet part
                raise TableError(unreadable) from error
            if values is None:
                return
            yield () if all(value in (None, "") for value in values) else values
    finally:
        workbook.close()


def _within_limits(values: Iterable[Sequence[Any]], limits: Limits) -> list[dict[str, str]]:
    """Rows as dicts under the first non-empty row as header, stopping at the first row, cell
    or character past ``limits``: a file past a limit is never read to its end."""
    headers: list[str] | None = None
    rows: list[dict[str, str]] = []
    cells = 0
    for raw in values:
        cells += max(len(raw), 1)  # an empty row costs reading too
        if cells > limits.cells:
            raise TableError(_too_many_cells(limits))
        if not raw:
            continue
        texts = [_cell(value) for value in raw]
        for column, text in enumerate(texts, start=1):
            if len(text) > limits.cell_characters:
                raise TableError(
                    _("Row %(row)d, column %(column)d holds more than %(max)d characters.")
                    % {
                        "row": 1 if headers is None else len(rows) + 2,
                        "column": column,
                        "max": limits.cell_characters,
                    }
                )
        if headers is None:
            headers = [_header(text) for text in texts]
            continue
        if len(rows) == limits.rows:
            raise TableError(_too_many_rows(limits))
        rows.append({h: v for h, v in zip(headers, _padded(texts, len(headers)), strict=True) if h})
    return rows


def _padded(texts: list[str], width: int) -> list[str]:
    """A row cut or filled out to the header's width: extra cells have no column."""
    return texts[:width] + [""] * (width - len(texts))


def _too_many_rows(limits: Limits) -> str:
    return _(
        "The file has more than %(max)d rows; split it into files of at most %(max)d rows."
    ) % {"max": limits.rows}


def _too_many_cells(limits: Limits) -> str:
    return _(
        "The file has more than %(max)d cells (rows times columns); "
        "leave out the columns that are not imported, or split it up."
    ) % {"max": limits.cells}


def _header(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def _cell(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
