"""Outcome import: every bad row named at once, nothing stored on any error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matcher.errors import SheetError
from models import RequirementRecord, ShortlistRun
from models.outcome import OutcomeCreate
from service.importer import import_suppliers
from service.outcomes import import_outcomes, list_outcomes, record_outcomes
from tests.service.helpers import dump

pytestmark = pytest.mark.db
TODAY = date(2026, 11, 1)
HEADER = "requirement_id,buyer,supplier_id,outcome,value_idr,date\n"


@pytest.fixture
def catalogue(engine: Engine, fixtures_dir: Path) -> Engine:
    """Five Tegal/Cilegon/Kendal suppliers, one stored requirement, one shortlisted one."""
    import_suppliers(engine, fixtures_dir / "suppliers_tegal.csv")
    with Session(engine) as session:
        session.add(
            RequirementRecord(
                requirement_id="REQ-YMH-01",
                buyer="PT Yamaha Indonesia",
                document={"requirement_id": "REQ-YMH-01", "processes": ["bubut CNC"]},
            )
        )
        session.add(
            ShortlistRun(
                requirement_id="REQ-KS-07",
                profile_name="default",
                profile_version=1,
                requirement={"requirement_id": "REQ-KS-07", "buyer": "PT Krakatau Steel"},
                document={"results": []},
            )
        )
        session.commit()
    return engine


def write(tmp_path: Path, body: str, name: str = "hasil.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_good_sheet_is_recorded_with_the_requirement_buyer(catalogue: Engine, tmp_path: Path):
    path = write(
        tmp_path,
        "REQ-YMH-01,,TGL-001,purchase_order,Rp 28.800.000,2026-10-09\n"
        "req-ymh-01,,TGL-002,Tertarik,,16/09/2026\n"
        ",PT Krakatau Steel,CLG-001,MoU,,2026-09-16\n",
    )
    report = import_outcomes(catalogue, path, today=TODAY)
    assert report.recorded == 3
    with Session(catalogue) as session:
        stored = {
            (o.requirement_id, o.buyer, o.supplier_id, o.outcome, o.value_idr)
            for o in list_outcomes(session)
        }
    assert stored == {
        ("REQ-YMH-01", "PT Yamaha Indonesia", "TGL-001", "purchase_order", 28_800_000),
        ("REQ-YMH-01", "PT Yamaha Indonesia", "TGL-002", "interested", None),
        ("", "PT Krakatau Steel", "CLG-001", "mou", None),
    }


def test_every_bad_row_is_named_and_nothing_is_stored(catalogue: Engine, tmp_path: Path):
    before = dump(catalogue)
    path = write(
        tmp_path,
        "REQ-YMH-01,,TGL-001,met,,2026-09-16\n"  # fine
        "REQ-YMH-99,,TGL-001,met,,2026-09-16\n"  # unknown requirement
        "REQ-YMH-01,,BKS-404,met,,2026-09-16\n"  # unknown supplier
        "REQ-YMH-01,,TGL-001,met,,2026-09-17\n"  # duplicate of row 2
        "REQ-YMH-01,,TGL-002,deal,,2026-09-16\n"  # unknown outcome
        "REQ-YMH-01,,TGL-003,purchase_order,,2026-09-16\n"  # PO without value
        "REQ-YMH-01,,KDL-001,met,,31-31-2026\n"  # bad date
        ",PT Tidak Ada,TGL-001,met,,2026-09-16\n",  # unknown buyer
    )
    with pytest.raises(SheetError) as caught:
        import_outcomes(catalogue, path, today=TODAY)
    problems = {(e.row, e.column) for e in caught.value.errors}
    assert problems == {
        (3, "requirement_id"),
        (4, "supplier_id"),
        (5, "supplier_id"),
        (6, "outcome"),
        (7, "value_idr"),
        (8, "date"),
        (9, "buyer"),
    }
    messages = " | ".join(str(e) for e in caught.value.errors)
    assert "REQ-YMH-99" in messages and "BKS-404" in messages and "baris 2" in messages
    assert dump(catalogue) == before


def test_importing_the_same_file_twice_is_refused(catalogue: Engine, tmp_path: Path):
    path = write(tmp_path, "REQ-YMH-01,,TGL-001,mou,,2026-09-20\n")
    import_outcomes(catalogue, path, today=TODAY)
    with pytest.raises(SheetError) as caught:
        import_outcomes(catalogue, path, today=TODAY)
    assert "sudah tercatat" in caught.value.errors[0].reason
    with Session(catalogue) as session:
        assert len(list_outcomes(session)) == 1


def test_missing_columns_are_header_errors(catalogue: Engine, tmp_path: Path):
    path = tmp_path / "hasil.csv"
    path.write_text("supplier_id,hasil\nTGL-001,met\n", encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        import_outcomes(catalogue, path, today=TODAY)
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (1, "date"),
        (1, "requirement_id"),
    }


def test_xlsx_with_indonesian_headers(catalogue: Engine, tmp_path: Path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID Kebutuhan", "ID Pemasok", "Hasil", "Nilai (Rp)", "Tanggal"])
    sheet.append(["REQ-YMH-01", "TGL-003", "PO", 150_000_000, date(2026, 10, 2)])
    sheet.append(["REQ-YMH-01", "KDL-001", "tidak hadir", None, date(2026, 9, 16)])
    path = tmp_path / "hasil.xlsx"
    book.save(path)
    assert import_outcomes(catalogue, path, today=TODAY).recorded == 2
    with Session(catalogue) as session:
        by_supplier = {o.supplier_id: o for o in list_outcomes(session)}
    assert by_supplier["TGL-003"].value_idr == 150_000_000
    assert by_supplier["KDL-001"].outcome == "no_show"


def test_a_future_date_is_refused(catalogue: Engine, tmp_path: Path):
    path = write(tmp_path, "REQ-YMH-01,,TGL-001,met,,2027-01-05\n")
    with pytest.raises(SheetError) as caught:
        import_outcomes(catalogue, path, today=TODAY)
    assert caught.value.errors[0].column == "date"


def test_recording_through_the_api_uses_the_same_rules(catalogue: Engine):
    good = OutcomeCreate(
        requirement_id="REQ-KS-07", supplier_id="CLG-001", outcome="met", date=date(2026, 9, 16)
    )
    bad = OutcomeCreate(
        requirement_id="REQ-KS-07", supplier_id="XXX-1", outcome="met", date=date(2026, 9, 16)
    )
    with pytest.raises(SheetError):
        record_outcomes(catalogue, [good, bad], actor="analis", today=TODAY)
    rows = record_outcomes(catalogue, [good], actor="analis", today=TODAY)
    assert rows[0].buyer == "PT Krakatau Steel" and rows[0].recorded_by == "analis"


def test_an_id_two_buyers_share_needs_the_buyer_column(catalogue: Engine, tmp_path: Path):
    with Session(catalogue) as session:
        session.add(
            RequirementRecord(
                requirement_id="REQ-YMH-01",
                buyer="PT Astra Honda Motor",
                owner_id=9,
                document={"requirement_id": "REQ-YMH-01", "processes": ["stamping"]},
            )
        )
        session.commit()
    unclear = write(tmp_path, "REQ-YMH-01,,TGL-001,met,,2026-09-16\n")
    with pytest.raises(SheetError) as caught:
        import_outcomes(catalogue, unclear, today=TODAY)
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "buyer")]
    assert "PT Astra Honda Motor; PT Yamaha Indonesia" in caught.value.errors[0].reason
    named = write(tmp_path, "REQ-YMH-01,pt astra honda motor,TGL-001,met,,2026-09-16\n", "b.csv")
    assert import_outcomes(catalogue, named, today=TODAY).recorded == 1
    with Session(catalogue) as session:
        assert [o.buyer for o in list_outcomes(session)] == ["PT Astra Honda Motor"]
