"""The analyst's loop in a terminal: outcomes in, evaluate, edit or learn weights, activate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlmodel import Session
from typer.testing import CliRunner

from matcher.learn import CrossValidation
from matcher.profile import WeightsProfile
from mitra.cli import app
from models import Outcome, RequirementRecord, WeightProfileRecord
from service.db import open_database
from service.importer import import_suppliers

pytestmark = pytest.mark.db
runner = CliRunner()

REQUIREMENTS = [
    {
        "requirement_id": "REQ-YMH-01",
        "buyer": "PT Yamaha Indonesia",
        "processes": ["bubut CNC", "frais"],
        "materials": ["SPCC"],
        "monthly_volume": 2000,
        "volume_unit": "pcs",
        "delivery": {"regency": "Kab. Tegal", "max_distance_km": 600},
        "needed_by": "2026-10-01",
    },
    {
        "requirement_id": "REQ-KS-07",
        "buyer": "PT Krakatau Steel",
        "processes": ["las MIG"],
        "delivery": {"regency": "Kota Cilegon", "max_distance_km": 800},
        "needed_by": "2026-10-01",
    },
]
OUTCOMES = """requirement_id,supplier_id,outcome,value_idr,date
REQ-YMH-01,TGL-001,purchase_order,Rp 120.000.000,2026-10-02
REQ-YMH-01,TGL-002,interested,,2026-09-16
REQ-YMH-01,TGL-003,met,,2026-09-16
REQ-YMH-01,CLG-001,no_show,,2026-09-16
REQ-KS-07,CLG-001,mou,,2026-09-17
REQ-KS-07,TGL-001,met,,2026-09-17
REQ-KS-07,KDL-001,met,,2026-09-17
"""


@pytest.fixture
def db(database_url: str, fixtures_dir: Path) -> str:
    engine = open_database(database_url)
    import_suppliers(engine, fixtures_dir / "suppliers_tegal.csv")
    with Session(engine) as session:
        for document in REQUIREMENTS:
            session.add(
                RequirementRecord(
                    requirement_id=document["requirement_id"],
                    buyer=document["buyer"],
                    document=document,
                )
            )
        session.commit()
    return database_url


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def rows(url: str, table: type) -> int:
    with Session(open_database(url)) as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_the_whole_loop(db: str, tmp_path: Path):
    sheet = tmp_path / "hasil-temu-bisnis.csv"
    sheet.write_text(OUTCOMES, encoding="utf-8")
    assert run("import", "outcomes", str(sheet), "--db", db)[0] == 0
    assert rows(db, Outcome) == 7

    code, output = run(
        "weights", "create", "dekat", "--set", "capability=0.5", "--set", "distance=0.5",
        "--db", db,
    )  # fmt: skip
    assert code == 0, output
    code, output = run("weights", "edit", "dekat", "--set", "distance=0.2", "--db", db)
    assert code == 0 and "dekat v2" in output and "-0.300" in output

    code, output = run(
        "evaluate", "--profile", "dekat:2", "--against", "default", "--report",
        str(tmp_path / "laporan"), "--db", db,
    )  # fmt: skip
    assert code == 0, output
    shipped = WeightsProfile.load_default()
    assert "NDCG@10" in output and "dekat v2" in output
    assert f"default v{shipped.version}" in output
    page = (tmp_path / "laporan" / "index.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 3 and "REQ-KS-07" in page

    code, output = run("weights", "learn", "--folds", "2", "--db", db)
    assert code == 0, output
    assert "Not saved" in output and rows(db, WeightProfileRecord) == 2
    code, output = run("weights", "learn", "--folds", "2", "--save", "belajar", "--db", db)
    assert code == 0 and "Saved belajar v1" in output
    assert run("weights", "activate", "belajar", "--db", db)[0] == 0
    code, output = run("weights", "list", "--db", db)
    assert "belajar" in output and "yes" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["weights", "create", "x", "--set", "harga=0.5"], "unknown feature 'harga'"),
        (["weights", "create", "x", "--set", "distance=-1"], "must be zero or more"),
        (["weights", "create", "x", "--set", "capability"], "must look like feature=number"),
        (["weights", "create", "x"], "give the weights"),
        (["weights", "show", "tidak-ada"], "'tidak-ada' not found"),
        (["weights", "show", "default:abc"], "NAME:VERSION"),
        (["weights", "activate", "default:7"], "version 7 not found"),
        (["weights", "diff", "default", "tidak-ada"], "not found"),
        (["weights", "edit", "default"], "nothing to change"),
        (["evaluate"], "no requirement has recorded outcomes"),
        (["evaluate", "--pool", "semua"], "--pool must be"),
        (["weights", "learn"], "no requirement has recorded outcomes"),
        (["weights", "learn", "--method", "tebak"], "--method must be"),
        (["import", "outcomes", "tidak-ada.csv"], "file not found"),
    ],
)
def test_bad_input_exits_2_with_a_plain_message(db: str, args: list[str], message: str):
    code, output = run(*args, "--db", db)
    assert code == 2
    assert message in " ".join(output.split())
    assert rows(db, WeightProfileRecord) == 0 and rows(db, Outcome) == 0


def test_a_bad_outcomes_sheet_lists_every_row_and_stores_nothing(db: str, tmp_path: Path):
    sheet = tmp_path / "hasil.csv"
    sheet.write_text(
        OUTCOMES + "REQ-YMH-01,BKS-404,met,,2026-09-16\n"
        "REQ-YMH-01,TGL-001,purchase_order,1.000.000,2026-10-03\n",
        encoding="utf-8",
    )
    code, output = run("import", "outcomes", str(sheet), "--db", db)
    assert code == 2
    assert "BKS-404" in output and "sama dengan baris 2" in output
    assert rows(db, Outcome) == 0


def _held_out(learned: list[float], baseline: list[float]) -> Callable[..., CrossValidation]:
    def fake(*args: object, **kwargs: object) -> CrossValidation:
        ids = tuple(f"REQ-{i}" for i in range(len(learned)))
        return CrossValidation(10, ids, np.array(learned), np.array(baseline), ())

    return fake


@pytest.mark.parametrize("save", [False, True])
def test_learn_does_not_suggest_activation_when_the_gain_may_be_zero(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, save: bool
):
    sheet = tmp_path / "hasil.csv"
    sheet.write_text(OUTCOMES, encoding="utf-8")
    assert run("import", "outcomes", str(sheet), "--db", db)[0] == 0
    # Better on average (+0.060), but two of five requirements got worse.
    monkeypatch.setattr(
        "matcher.learn.cross_validate",
        _held_out([0.90, 0.30, 0.80, 0.20, 0.70], [0.50, 0.60, 0.50, 0.40, 0.60]),
    )
    code, output = run("weights", "learn", *(["--save", "belajar"] if save else []), "--db", db)
    text = " ".join(output.split())
    assert code == 0, output
    assert "gain +0.060" in text and "Not better than default" in text
    assert "95% CI of the gain (-" in text and "includes 0" in text
    assert "record more outcomes" in text
    assert "mitra weights activate" not in text
    assert rows(db, WeightProfileRecord) == (1 if save else 0)


def test_learn_suggests_activation_when_the_whole_interval_is_above_zero(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    sheet = tmp_path / "hasil.csv"
    sheet.write_text(OUTCOMES, encoding="utf-8")
    assert run("import", "outcomes", str(sheet), "--db", db)[0] == 0
    monkeypatch.setattr(
        "matcher.learn.cross_validate",
        _held_out([0.90, 0.80, 0.85, 0.90, 0.70], [0.50, 0.40, 0.50, 0.45, 0.40]),
    )
    code, output = run("weights", "learn", "--save", "belajar", "--db", db)
    text = " ".join(output.split())
    assert code == 0, output
    assert "Better than default" in text and "all above 0" in text
    assert "mitra weights activate belajar:1" in text


def test_evaluate_keeps_two_buyers_with_the_same_requirement_id_apart(db: str, tmp_path: Path):
    # A second buyer also calls its request REQ-YMH-01 and signed with a different supplier.
    with Session(open_database(db)) as session:
        document = {**REQUIREMENTS[0], "buyer": "PT AHM"}
        session.add(
            RequirementRecord(
                requirement_id="REQ-YMH-01", buyer="PT AHM", owner_id=9, document=document
            )
        )
        session.commit()
    sheet = tmp_path / "hasil.csv"
    sheet.write_text(
        "requirement_id,buyer,supplier_id,outcome,value_idr,date\n"
        "REQ-YMH-01,PT Yamaha Indonesia,TGL-001,purchase_order,Rp 120.000.000,2026-10-02\n"
        "REQ-YMH-01,PT Yamaha Indonesia,TGL-002,met,,2026-09-16\n"
        "REQ-YMH-01,PT AHM,TGL-002,mou,,2026-10-03\n"
        "REQ-YMH-01,PT AHM,TGL-001,met,,2026-10-03\n",
        encoding="utf-8",
    )
    assert run("import", "outcomes", str(sheet), "--db", db)[0] == 0
    code, output = run("evaluate", "--report", str(tmp_path / "laporan"), "--db", db)
    assert code == 0, output
    assert "2 requirements scored" in output
    page = (tmp_path / "laporan" / "index.html").read_text(encoding="utf-8")
    assert "REQ-YMH-01 (PT AHM)" in page and "REQ-YMH-01 (PT Yamaha Indonesia)" in page
