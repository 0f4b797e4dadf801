"""`mitra shortlist --lang id`: the table's explanations in Indonesian, the JSON unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mitra.app import console
from mitra.cli import app
from service.db import open_database
from service.importer import import_suppliers
from tests.cli.test_shortlist_cli import ASTRA

pytestmark = pytest.mark.db
runner = CliRunner()


def _run(database_url: str, tmp_path: Path, *extra: str) -> str:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(ASTRA))
    result = runner.invoke(
        app, ["shortlist", str(path), "--db", database_url, "--include-ineligible", *extra]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_table_explains_in_indonesian_when_asked(
    database_url: str, tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI's console is made once per process, so its width depends on which test ran
    # first; a wide one keeps each explanation on one line of the table.
    monkeypatch.setattr(console, "width", 240)
    import_suppliers(open_database(database_url), fixtures_dir / "suppliers_tegal.csv")
    indonesian = " ".join(_run(database_url, tmp_path, "--lang", "id").split())
    english = " ".join(_run(database_url, tmp_path).split())
    # TGL-002's ISO 9001 expired on 2026-05-31, before the requirement's 2027-03-01.
    assert "ISO 9001 habis berlaku 31 Mei 2026" in indonesian
    assert "ISO 9001 expired on 2026-05-31" in english
    assert "expired on" not in indonesian
    # The table itself is headed in the same language.
    assert "Pemasok" in indonesian and "Alasan" in indonesian and "Why" not in indonesian
    assert "Supplier" in english and "Why" in english


def test_unknown_language_is_refused(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(ASTRA))
    result = runner.invoke(app, ["shortlist", str(path), "--db", database_url, "--lang", "fr"])
    assert result.exit_code != 0
    assert "--lang must be 'en' or 'id'" in result.output


def test_consortium_reasons_follow_the_language(
    database_url: str, tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "width", 240)
    import_suppliers(open_database(database_url), fixtures_dir / "suppliers_tegal.csv")
    # The stamping shop and the lathe shop of LIK Takaru each do one of the two processes.
    asked = {
        **ASTRA,
        "processes": ["stamping", "CNC turning"],
        "materials": [],
        "certifications_required": [],
        "monthly_volume": 4000,
    }
    path = tmp_path / "pin.json"
    path.write_text(json.dumps(asked))

    def run(*extra: str) -> str:
        result = runner.invoke(
            app, ["shortlist", str(path), "--db", database_url, "--consortia", "2", *extra]
        )
        assert result.exit_code == 0, result.output
        return " ".join(result.stdout.split())

    indonesian, english = run("--lang", "id"), run()
    assert "Konsorsium 1 skor" in indonesian and "Consortium 1 score" in english
    assert "every process gets the 4,000 pcs a month asked, within capacities" in english
    assert "setiap proses mendapat 4.000 pcs sebulan sesuai permintaan" in indonesian
    assert "kedua anggota berada di LIK Takaru" in indonesian
    for sentence in ("together cover", "a month asked", "members in", "km apart"):
        assert sentence not in indonesian


def test_nobody_eligible_is_said_in_indonesian(
    database_url: str, tmp_path: Path, fixtures_dir: Path
) -> None:
    import_suppliers(open_database(database_url), fixtures_dir / "suppliers_tegal.csv")
    path = tmp_path / "req.json"
    # No supplier in the sheet holds Halal: everyone fails a hard gate.
    path.write_text(json.dumps({**ASTRA, "certifications_required": ["Halal"]}))
    result = runner.invoke(app, ["shortlist", str(path), "--db", database_url, "--lang", "id"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "pemasok tersimpan yang lolos syarat wajib" in said
    assert "passes the hard gates" not in said
