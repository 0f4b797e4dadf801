"""XLSX sheets where the office typed phone numbers, KBLI codes and ids into number cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models import Supplier
from service.importer import import_suppliers
from service.sheets import parse_sheet

HEADER = [
    "ID Pemasok",
    "Nama",
    "Kabupaten",
    "KBLI",
    "Proses",
    "Kapasitas",
    "Satuan",
    "Telepon",
]


def row(supplier_id: Any, phone: Any, kbli: Any = "25920") -> list[Any]:
    return [supplier_id, "Bengkel Maju", "Kab. Tegal", kbli, "bubut", 1000, "pcs", phone]


def workbook(path: Path, rows: list[list[Any]], formats: dict[str, str] | None = None) -> Path:
    """A real .xlsx as Excel saves it: numbers stay numbers (openpyxl writes numeric cells)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


def stored(engine: Engine) -> dict[str, Supplier]:
    with Session(engine) as session:
        return {s.supplier_id: s for s in session.execute(select(Supplier)).scalars()}


@pytest.mark.db
def test_phone_numbers_typed_as_numbers_get_their_zero_back(engine: Engine, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "pemasok.xlsx",
        [
            row("TGL-1", 81234567890),  # mobile without the trunk 0
            row("TGL-2", 6281234567890),  # international without the +
            row("TGL-3", 283352614),  # Tegal landline, area code 0283
            row("TGL-4", 8.1234567890e10),  # a float cell
            row("TGL-5", "0857-4211-0938"),  # a text cell is kept as typed
        ],
    )
    import_suppliers(engine, path)
    phones = {sid: s.contact_phone for sid, s in stored(engine).items()}
    assert phones == {
        "TGL-1": "081234567890",
        "TGL-2": "+6281234567890",
        "TGL-3": "0283352614",
        "TGL-4": "081234567890",
        "TGL-5": "0857-4211-0938",
    }


def test_a_number_that_is_no_phone_number_is_a_row_error(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "pemasok.xlsx",
        [row("TGL-1", 81234567890), row("TGL-2", 12345), row("TGL-3", 8.5)],
    )
    parsed = parse_sheet(path)
    assert [s.supplier_id for s in parsed.suppliers] == ["TGL-1"]
    problems = {(e.row, e.column) for e in parsed.errors}
    assert problems == {(3, "contact_phone"), (4, "contact_phone")}
    reason = next(e.reason for e in parsed.errors if e.row == 3)
    assert "12345" in reason and "08" in reason and "Teks" in reason


def test_csv_from_excel_with_a_cut_off_phone_is_refused(tmp_path: Path) -> None:
    # Excel writes long numbers into a CSV as 8,12346E+10: the last digits are gone.
    path = tmp_path / "pemasok.csv"
    path.write_text(
        "id;nama;kabupaten;proses;kapasitas;satuan;telepon\n"
        "TGL-1;Bengkel Maju;Kab. Tegal;bubut;1000;pcs;8,12346E+10\n"
        "TGL-2;Bengkel Jaya;Kab. Tegal;bubut;1000;pcs;81234567890\n",
        encoding="utf-8",
    )
    parsed = parse_sheet(path)
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "contact_phone")]
    assert "hilang" in parsed.errors[0].reason
    assert parsed.suppliers[0].contact_phone == "081234567890"


def test_kbli_typed_as_a_number_gets_its_leading_zero_back(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "pemasok.xlsx",
        [row("AGR-1", "081234567890", kbli=1111), row("AGR-2", "081234567890", kbli=2591)],
    )
    parsed = parse_sheet(path)
    assert [s.kbli for s in parsed.suppliers] == [["01111"]]  # 01111 Pertanian Jagung
    [error] = parsed.errors
    assert (error.row, error.column) == (3, "kbli")
    assert "'2591' bukan kode KBLI 5 digit" in error.reason and "Teks" in error.reason


def test_ids_in_number_cells_read_as_excel_shows_them(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "pemasok.xlsx",
        [row(123, "081234567890"), row(4521.0, "081234567890"), row(1234567890123, "")],
        formats={"A2": "00000"},  # the office keeps leading zeros visible with a zero format
    )
    parsed = parse_sheet(path)
    assert not parsed.errors
    assert [s.supplier_id for s in parsed.suppliers] == ["00123", "4521", "1234567890123"]
