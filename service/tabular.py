"""Reading organizer files: CSV (any common dialect) and XLSX into rows of text.

Row numbers are the ones the user sees in a spreadsheet: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from matcher.errors import MitraError


class FileFormatError(MitraError):
    """The file cannot be read at all (not CSV/XLSX, not text, empty)."""


@dataclass(frozen=True)
class RawRow:
    number: int  # spreadsheet row number (header = 1)
    values: dict[str, str]  # original header -> cell text (stripped)
    cells: tuple[str, ...] = ()  # every cell in order, also those without a header
    # Headers whose cell Excel stored as a number: a leading 0 may have been dropped there.
    numeric: frozenset[str] = frozenset()


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
    return _to_table((record, frozenset()) for record in records)


# A number format of zeros only ("00000") is how Excel users keep an id's leading zeros visible.
_ZERO_PADDED = re.compile(r"0+")


def _cell_text(value: object, number_format: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if number_format and value >= 0 and _ZERO_PADDED.fullmatch(number_format):
            return text.zfill(len(number_format))
        return text
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
        return _to_table(_xlsx_records(sheet.iter_rows()))
    finally:
        workbook.close()


def _xlsx_records(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[list[str], frozenset[int]]]:
    """Each row's cell texts, with the positions of cells that hold a number."""
    for row in rows:
        texts: list[str] = []
        numeric: set[int] = set()
        for position, cell in enumerate(row):
            value = cell.value
            if isinstance(value, int | float) and not isinstance(value, bool):
                numeric.add(position)
                texts.append(_cell_text(value, cell.number_format))
            else:
                texts.append(_cell_text(value))
        yield texts, frozenset(numeric)


def _to_table(records: Iterator[tuple[list[str], frozenset[int]]]) -> RawTable:
    headers: list[str] | None = None
    rows: list[RawRow] = []
    for index, (record, numeric) in enumerate(records, start=1):
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
        numbers = frozenset(h for i, h in enumerate(headers) if h and i in numeric)
        rows.append(RawRow(index, values, tuple(cells), numbers))
    if headers is None:
        raise FileFormatError("the file is empty")
    return RawTable(headers, rows)
