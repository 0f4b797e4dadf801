"""Replaying past requirements when two buyers chose the same requirement id."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matcher.evaluate import evaluate
from matcher.profile import WeightsProfile
from models import RequirementRecord
from service.evaluation import cases_from_database
from service.importer import import_suppliers
from service.outcomes import import_outcomes

pytestmark = pytest.mark.db

TURNING = {
    "requirement_id": "REQ-001",
    "processes": ["bubut CNC", "frais"],
    "delivery": {"regency": "Kab. Tegal", "max_distance_km": 600},
    "needed_by": "2026-10-01",
}
# Both buyers asked for the same work under the same id; they chose different suppliers.
OUTCOMES = """requirement_id,buyer,supplier_id,outcome,value_idr,date
REQ-001,PT Astra Otoparts,TGL-001,purchase_order,Rp 120.000.000,2026-09-20
REQ-001,PT Astra Otoparts,TGL-002,met,,2026-09-16
REQ-001,PT AHM,TGL-002,purchase_order,Rp 80.000.000,2026-10-05
REQ-001,PT AHM,TGL-001,met,,2026-10-01
"""


@pytest.fixture
def history(engine: Engine, fixtures_dir: Path, tmp_path: Path) -> Engine:
    import_suppliers(engine, fixtures_dir / "suppliers_tegal.csv")
    with Session(engine) as session:
        for owner_id, buyer in ((1, "PT Astra Otoparts"), (2, "PT AHM")):
            document = {**TURNING, "buyer": buyer}
            session.add(
                RequirementRecord(
                    requirement_id="REQ-001", buyer=buyer, owner_id=owner_id, document=document
                )
            )
        session.commit()
    sheet = tmp_path / "hasil.csv"
    sheet.write_text(OUTCOMES, encoding="utf-8")
    import_outcomes(engine, sheet)
    return engine


def test_each_buyer_keeps_its_own_outcomes(history: Engine) -> None:
    cases = cases_from_database(history)
    assert [(c.buyer, c.title) for c in cases] == [
        ("PT Astra Otoparts", "REQ-001 (PT Astra Otoparts)"),  # its event came first
        ("PT AHM", "REQ-001 (PT AHM)"),
    ]
    winners = {
        c.buyer: sorted(s for s, g in zip(c.supplier_ids, c.grades, strict=True) if g > 0)
        for c in cases
    }
    assert winners == {"PT Astra Otoparts": ["TGL-001"], "PT AHM": ["TGL-002"]}


def test_evaluation_scores_each_buyers_requirement_separately(history: Engine) -> None:
    result = evaluate(cases_from_database(history), WeightsProfile.load_default(), k=5)
    scores = {r.requirement_id: r.ndcg for r in result.per_requirement}
    assert set(scores) == {"REQ-001 (PT Astra Otoparts)", "REQ-001 (PT AHM)"}
    # The same ranking cannot put both buyers' different winners first.
    assert min(scores.values()) < 1.0
