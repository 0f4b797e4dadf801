"""Reading organizer files: CSV (any common dialect) and XLSX into rows of text.

Row numbers are the ones the user sees in a spreadsheet: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from matcher.errors import MitraError


class FileFormatError(MitraError):
    """The file cannot be read at all (not CSV/XLSX, not text, empty)."""


@dataclass(frozen=True)
class RawRow:
    number: int  # spreadsheet row number (header = 1)
    values: dict[str, str]  # original header -> cell text (stripped)
    cells: tuple[str, ...] = ()  # every cell in order, also those without a header


@dataclass(frozen=True)
class RawTable:
    headers: list[str]
    rows: list[RawRow]


def read_table(path: Path | str, data: bytes | None = None) -> RawTable:
    """Read a CSV or XLSX file (by extension, else by content) into text cells."""
    path = Path(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FileFormatError(f"cannot open {path}: {exc.strerror}") from None
    if data[:2] == b"PK" or path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(data)
    if path.suffix.lower() == ".xls":
        raise FileFormatError("old .xls files are not supported: save the sheet as .xlsx or .csv")
    return _read_csv(data)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; accept it rather than refuse.
        return data.decode("cp1252", errors="replace")


def _read_csv(data: bytes) -> RawTable:
    text = _decode(data)
    if not text.strip():
        raise FileFormatError("the file is empty")
    if "\x00" in text:
        raise FileFormatError("this is not a CSV text file (binary content)")
    # The header decides, unless it is a title line above the header with no separator at all.
    lines = [line for line in text.splitlines()[:6] if line.strip()]
    first = next((line for line in lines if any(d in line for d in ";,\t")), lines[0])
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise FileFormatError(f"the CSV cannot be read: {exc}") from None
    return _to_table(iter(records))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise FileFormatError(f"the XLSX file cannot be opened: {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        rows = ([_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True))
        return _to_table(rows)
    finally:
        workbook.close()


def _to_table(records: Iterator[list[str]]) -> RawTable:
    headers: list[str] | None = None
    rows: list[RawRow] = []
    for index, record in enumerate(records, start=1):
        cells = [c.strip() for c in record]
        if headers is None:
            headers = cells
            while headers and not headers[-1]:
                headers.pop()
            if not any(headers):
                raise FileFormatError("row 1 must hold the column names")
            continue
        if not any(cells):
            continue  # blank lines are not suppliers
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}
        rows.append(RawRow(index, values, tuple(cells)))
    if headers is None:
        raise FileFormatError("the file is empty")
    return RawTable(headers, rows)
