"""`mitra import suppliers` and `mitra shortlist` as an organizer runs them in a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session
from typer.testing import CliRunner

from mitra.cli import app
from models import ShortlistRun, Supplier
from service.db import open_database
from tests.service.helpers import good_row, write_sheet

pytestmark = pytest.mark.db
runner = CliRunner()


def count(url: str, table: type) -> int:
    with Session(open_database(url)) as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_bad_sheet_lists_rows_and_exits_2(database_url: str, tmp_path: Path) -> None:
    rows = [good_row(1), good_row(2)]
    rows[1][12] = "karung"
    result = runner.invoke(
        app,
        ["import", "suppliers", str(write_sheet(tmp_path / "s.csv", rows)), "--db", database_url],
    )
    assert result.exit_code == 2
    assert "capacity_unit" in result.output and "karung" in result.output
    assert "--skip-invalid" in result.output
    assert count(database_url, Supplier) == 0


def test_skip_invalid_reports_rejected_file(database_url: str, tmp_path: Path) -> None:
    rows = [good_row(1), good_row(2)]
    rows[0][11] = "lima ribu"
    sheet = write_sheet(tmp_path / "s.csv", rows)
    result = runner.invoke(
        app, ["import", "suppliers", str(sheet), "--db", database_url, "--skip-invalid"]
    )
    assert result.exit_code == 0, result.output
    assert "Imported 1 suppliers" in result.output
    assert (tmp_path / "s.csv.rejected.csv").exists()
    assert "s.csv.rejected.csv" in result.output.replace("\n", "")
    assert count(database_url, Supplier) == 1


def test_missing_file_is_a_plain_error(database_url: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["import", "suppliers", str(tmp_path / "nope.csv"), "--db", database_url]
    )
    assert result.exit_code == 2 and "file not found" in result.output


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"requirement_id": "R1"}, "processes"),
        ({"requirement_id": "R1", "processes": ["bubut"], "needed_by": "2027-02-30"}, "needed_by"),
        (
            {
                "requirement_id": "R1",
                "processes": ["bubut"],
                "certifications_required": ["Sertifikat Emas"],
            },
            "Sertifikat Emas",
        ),
    ],
)
def test_bad_requirement_exits_2_and_writes_nothing(
    database_url: str, tmp_path: Path, document: dict[str, object], words: str
) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(document))
    result = runner.invoke(app, ["shortlist", str(path), "--db", database_url])
    assert result.exit_code == 2
    assert words in result.output
    assert count(database_url, ShortlistRun) == 0


def test_requirement_that_is_not_json(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "req.json"
    path.write_text("{'requirement_id': 'R1'")
    result = runner.invoke(app, ["shortlist", str(path), "--db", database_url])
    assert result.exit_code == 2 and "not valid JSON" in result.output


def _xlsx_copy(rows: list[list[str]], path: Path) -> Path:
    from openpyxl import Workbook

    from tests.service.helpers import HEADER

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_csv_and_xlsx_of_one_name_keep_separate_rejected_files(
    database_url: str, tmp_path: Path
) -> None:
    rows = [good_row(1), good_row(2)]
    rows[0][11] = "lima ribu"
    csv_sheet = write_sheet(tmp_path / "pemasok.csv", rows)
    rows[1][12] = "karung"  # the xlsx copy has a second bad row
    xlsx_sheet = _xlsx_copy(rows, tmp_path / "pemasok.xlsx")
    for sheet in (csv_sheet, xlsx_sheet, xlsx_sheet):
        result = runner.invoke(
            app, ["import", "suppliers", str(sheet), "--db", database_url, "--skip-invalid"]
        )
        assert result.exit_code == 0, result.output
    from_csv = (tmp_path / "pemasok.csv.rejected.csv").read_text(encoding="utf-8-sig")
    from_xlsx = (tmp_path / "pemasok.xlsx.rejected.csv").read_text(encoding="utf-8-sig")
    assert "lima ribu" in from_csv and "karung" not in from_csv
    assert "lima ribu" in from_xlsx and "karung" in from_xlsx
    # The second import of the xlsx kept the first file and says where the new one went.
    assert (tmp_path / "pemasok.xlsx.rejected-2.csv").exists()
    assert "pemasok.xlsx.rejected-2.csv" in result.output.replace("\n", "")
