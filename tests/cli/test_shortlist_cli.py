"""`mitra shortlist` on SQLite and PostgreSQL: the contract's JSON, gates and reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session
from typer.testing import CliRunner

from matcher.profile import WeightsProfile
from mitra.cli import app
from models import ShortlistRun
from service.db import open_database
from service.importer import import_suppliers

pytestmark = pytest.mark.db
runner = CliRunner()

ASTRA = {
    "requirement_id": "REQ-2027-001",
    "buyer": "PT Astra Otoparts",
    "title": "Bracket stamping SPCC 2 mm",
    "processes": ["stamping"],
    "materials": ["SPCC"],
    "certifications_required": ["ISO 9001"],
    "monthly_volume": 10000,
    "volume_unit": "pcs",
    "delivery": {"regency": "Kab. Tegal", "max_distance_km": 100},
    "needed_by": "2027-03-01",
}


def shortlist(database_url: str, tmp_path: Path, *extra: str) -> dict[str, object]:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(ASTRA))
    result = runner.invoke(
        app, ["shortlist", str(path), "--db", database_url, "--format", "json", *extra]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout[result.stdout.index("{") :])


def test_json_follows_the_contract_and_is_remembered(
    database_url: str, tmp_path: Path, fixtures_dir: Path
) -> None:
    import_suppliers(open_database(database_url), fixtures_dir / "suppliers_tegal.csv")
    document = shortlist(database_url, tmp_path)
    shipped = WeightsProfile.load_default()
    assert document["requirement_id"] == "REQ-2027-001"
    assert document["weights"] == {"profile": shipped.name, "version": shipped.version}
    assert str(document["generated_at"]).endswith("Z")
    results = document["results"]
    assert isinstance(results, list)
    # Only TGL-001 (ISO 9001 valid until 2027-08-31, in Kab. Tegal) passes both gates:
    # TGL-002's ISO 9001 expired on 2026-05-31, the others lack ISO 9001 or are too far.
    assert [r["supplier_id"] for r in results] == ["TGL-001"]
    first = results[0]
    assert first["rank"] == 1 and first["eligible"] is True and first["excluded_because"] == []
    assert abs(sum(first["contributions"].values()) - first["score"]) < 1e-6
    assert "stamping" in " ".join(first["gaps"])  # it turns and mills, it does not stamp
    with Session(open_database(database_url)) as session:
        runs = session.execute(select(ShortlistRun)).scalars().all()
    assert [run.requirement_id for run in runs] == ["REQ-2027-001"]
    assert runs[0].document["results"][0]["supplier_id"] == "TGL-001"


def test_include_ineligible_says_why_in_plain_words(
    database_url: str, tmp_path: Path, fixtures_dir: Path
) -> None:
    import_suppliers(open_database(database_url), fixtures_dir / "suppliers_tegal.csv")
    document = shortlist(database_url, tmp_path, "--include-ineligible", "--top", "10")
    results = {r["supplier_id"]: r for r in document["results"]}  # type: ignore[union-attr]
    assert results["TGL-001"]["eligible"] is True
    expired = results["TGL-002"]
    assert expired["eligible"] is False
    assert any("2026-05-31" in reason for reason in expired["excluded_because"])
    far = results["CLG-001"]
    assert any("km" in reason for reason in far["excluded_because"])
    ranks = [r["rank"] for r in document["results"]]  # type: ignore[union-attr]
    assert ranks == sorted(ranks)
    assert document["results"][0]["eligible"] is True  # type: ignore[index]


def test_empty_database_says_to_import_first(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(ASTRA))
    result = runner.invoke(app, ["shortlist", str(path), "--db", database_url])
    assert result.exit_code == 2
    assert "no suppliers yet" in result.output and "mitra import suppliers" in result.output


def test_everyone_gated_out_is_explained(
    database_url: str, tmp_path: Path, fixtures_dir: Path
) -> None:
    import_suppliers(open_database(database_url), fixtures_dir / "suppliers_tegal.csv")
    path = tmp_path / "req.json"
    path.write_text(json.dumps(ASTRA | {"certifications_required": ["IATF 16949", "Halal"]}))
    result = runner.invoke(app, ["shortlist", str(path), "--db", database_url])
    assert result.exit_code == 0, result.output
    assert "No supplier of the 5 stored passes the hard gates" in result.output


def test_demo_never_fills_a_database_that_holds_suppliers(
    database_url: str, fixtures_dir: Path
) -> None:
    import_suppliers(open_database(database_url), fixtures_dir / "suppliers_tegal.csv")
    result = runner.invoke(app, ["demo", "--db", database_url])
    assert result.exit_code == 2 and "needs an empty database" in result.output
    with Session(open_database(database_url)) as session:
        assert len(session.execute(select(ShortlistRun)).scalars().all()) == 0
