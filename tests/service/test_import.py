"""Supplier import: every file shape an office produces, every bad row, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matcher.errors import SheetError
from models import AuditEvent, Supplier
from service.importer import import_suppliers
from tests.service.helpers import HEADER, dump, good_row, write_sheet

pytestmark = pytest.mark.db


def suppliers(engine: Engine) -> dict[str, Supplier]:
    with Session(engine) as session:
        return {s.supplier_id: s for s in session.execute(select(Supplier)).scalars()}


def test_semicolon_csv_with_bom_and_multiline_cell(engine: Engine, fixtures_dir: Path) -> None:
    report = import_suppliers(engine, fixtures_dir / "suppliers_tegal.csv")
    assert (report.created, report.updated) == (5, 0)
    stored = suppliers(engine)
    sinar = stored["TGL-001"]
    assert sinar.name == "UD Sinar Logam"
    assert sinar.processes == ["bubut CNC", "frais", "las MIG/TIG"]
    assert sinar.products == "Bracket, poros dan bushing\nuntuk motor"
    assert sinar.monthly_capacity == 5000  # "5.000"
    assert stored["TGL-002"].monthly_capacity == 12500  # "12,500"
    assert sinar.certifications == [
        {"name": "ISO 9001", "valid_until": "2027-08-31"},
        {"name": "SNI", "valid_until": None},
    ]
    assert stored["TGL-002"].lat is None  # empty: the regency centroid will be used
    assert sinar.partners == ["Astra Otoparts", "YDBA"]
    assert sinar.contact_email == "sinarlogam@example.co.id"


def test_xlsx_with_indonesian_headers(engine: Engine, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "ID Pemasok",
            "Nama",
            "Kab/Kota",
            "Proses",
            "Bahan",
            "Sertifikat",
            "Kapasitas Bulanan",
            "Satuan",
            "Tenaga Kerja",
            "Mitra",
            "Koperasi",
            "HP",
            "Pemilik",
        ]
    )
    sheet.append(
        [
            "CLG-101",
            "CV Mitra Bubut Cilegon",
            "Kota Cilegon",
            "bubut; frais",
            "SS400",
            "SNI",
            2500,
            "pcs",
            9,
            "Krakatau Steel",
            "Koperasi Baja Cilegon",
            "+62 811-100",
            "Pak Darto",
        ]
    )
    path = tmp_path / "pemasok.xlsx"
    book.save(path)
    import_suppliers(engine, path)
    row = suppliers(engine)["CLG-101"]
    assert row.regency == "Kota Cilegon"
    assert row.processes == ["bubut", "frais"]
    assert row.monthly_capacity == 2500 and row.employees == 9
    assert row.cooperative == "Koperasi Baja Cilegon" and row.contact_phone == "+62 811-100"
    assert row.extra == {"Pemilik": "Pak Darto"}  # unknown columns are kept


def test_every_bad_row_reported_at_once_and_nothing_written(engine: Engine, tmp_path: Path) -> None:
    import_suppliers(engine, write_sheet(tmp_path / "first.csv", [good_row(1)]))
    before = dump(engine)
    rows = [good_row(i) for i in range(2, 10)]
    rows[0][1] = ""  # row 2: missing name
    rows[1][0] = "TGL-00002"  # row 3: duplicate of row 2's id
    rows[2][11] = "lima ribu"  # row 4: not a number
    rows[3][3] = "-96.5"  # row 5: latitude out of range
    rows[4][3], rows[4][4] = "109.14", "-6.95"  # row 6: swapped
    rows[5][10] = "ISO 9001|2027-02-30"  # row 7: impossible date
    rows[6][12] = "karung"  # row 8: unknown unit
    path = write_sheet(tmp_path / "bad.csv", rows)
    with pytest.raises(SheetError) as caught:
        import_suppliers(engine, path)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {
        (2, "name"),
        (3, "supplier_id"),
        (4, "monthly_capacity"),
        (5, "lat"),
        (6, "lat"),
        (7, "certifications"),
        (8, "capacity_unit"),
    }
    reasons = {e.row: e.reason for e in caught.value.errors}
    assert "baris 2" in reasons[3] and "lima ribu" in reasons[4] and "tertukar" in reasons[6]
    assert "2027-02-30" in reasons[7] and "karung" in reasons[8]
    assert dump(engine) == before  # all or nothing, not even an audit entry


def test_missing_required_column_is_a_header_error(engine: Engine, tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "capacity_unit"]
    path = write_sheet(tmp_path / "s.csv", [good_row(1)[:12] + good_row(1)[13:]], header)
    with pytest.raises(SheetError) as caught:
        import_suppliers(engine, path, skip_invalid=True)
    assert [(e.row, e.column) for e in caught.value.errors] == [(1, "capacity_unit")]
    assert suppliers(engine) == {}


def test_skip_invalid_imports_good_rows_and_writes_rejects(engine: Engine, tmp_path: Path) -> None:
    rows = [good_row(i) for i in range(1, 5)]
    rows[2][11] = "banyak"
    path = write_sheet(tmp_path / "pemasok.csv", rows)
    report = import_suppliers(engine, path, skip_invalid=True)
    assert report.created == 3
    assert set(suppliers(engine)) == {"TGL-00001", "TGL-00002", "TGL-00004"}
    assert report.rejected_file == tmp_path / "pemasok.csv.rejected.csv"
    rejected = report.rejected_file.read_text(encoding="utf-8-sig").splitlines()
    assert rejected[0].startswith("baris,supplier_id") and rejected[0].endswith("alasan")
    assert rejected[1].startswith("4,TGL-00003") and "banyak" in rejected[1]


def test_reimport_updates_and_never_duplicates(engine: Engine, tmp_path: Path) -> None:
    import_suppliers(engine, write_sheet(tmp_path / "a.csv", [good_row(1), good_row(2)]))
    changed = good_row(2)
    changed[11] = "7.500"
    report = import_suppliers(engine, write_sheet(tmp_path / "b.csv", [changed, good_row(3)]))
    assert (report.created, report.updated) == (1, 1)
    stored = suppliers(engine)
    assert len(stored) == 3 and stored["TGL-00002"].monthly_capacity == 7500
    with Session(engine) as session:
        audits = session.execute(select(func.count()).select_from(AuditEvent)).scalar()
    assert audits == 2


def test_ten_thousand_rows(engine: Engine, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "big.csv", [good_row(i) for i in range(10_000)])
    seen: list[int] = []
    report = import_suppliers(engine, path, progress=lambda done, total: seen.append(done))
    assert report.created == 10_000
    assert seen[-1] == 10_000 and len(seen) > 1  # progress is reported along the way
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(Supplier)).scalar() == 10_000


def test_comma_decimal_coordinates_and_thousands(engine: Engine, tmp_path: Path) -> None:
    row = good_row(1)
    row[3], row[4], row[11] = "-6,95", "109,14", "5,000"
    import_suppliers(engine, write_sheet(tmp_path / "s.csv", [row]))
    stored = suppliers(engine)["TGL-00001"]
    assert (stored.lat, stored.lon, stored.monthly_capacity) == (-6.95, 109.14, 5000)


def test_title_row_above_the_header_is_pointed_out(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Data IKM Kab. Tegal 2026\n")
        handle.write(",".join(HEADER) + "\n")
        handle.write(",".join(f'"{c}"' for c in good_row(1)) + "\n")
    with pytest.raises(SheetError) as caught:
        import_suppliers(engine, path)
    assert [str(e) for e in caught.value.errors] == [
        "baris 1, kolom header: nama kolom tampaknya ada di baris 2: "
        "hapus baris di atasnya, lalu impor lagi"
    ]


def test_misspelled_required_header_gets_a_suggestion(engine: Engine, tmp_path: Path) -> None:
    header = ["Kabupten" if h == "regency" else h for h in HEADER]
    with pytest.raises(SheetError) as caught:
        import_suppliers(engine, write_sheet(tmp_path / "s.csv", [good_row(1)], header))
    (error,) = caught.value.errors
    assert error.column == "regency" and "'Kabupten' maksudnya regency" in error.reason
