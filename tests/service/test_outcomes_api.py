"""/api/outcomes: analysts and organizers record and read outcomes; buyers cannot."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from models import RequirementRecord
from tests.service.conftest import Api

pytestmark = pytest.mark.db


@pytest.fixture
def analyst(api: Api) -> dict[str, str]:
    return api.account("analis-kemenperin", "analyst")


@pytest.fixture
def catalogue(api: Api, organizer: dict[str, str]) -> Api:
    api.import_tegal(organizer)
    with Session(api.engine) as session:
        session.add(
            RequirementRecord(
                requirement_id="REQ-AOP-01",
                buyer="PT Astra Otoparts",
                document={"requirement_id": "REQ-AOP-01", "processes": ["bubut CNC"]},
            )
        )
        session.commit()
    return api


def test_analyst_records_and_reads_outcomes(catalogue: Api, analyst: dict[str, str]):
    body = [
        {"requirement_id": "REQ-AOP-01", "supplier_id": "TGL-001", "outcome": "mou",
         "date": "2026-09-16"},
        {"requirement_id": "REQ-AOP-01", "supplier_id": "TGL-002", "outcome": "purchase_order",
         "value_idr": 45000000, "date": "2026-10-01"},
    ]  # fmt: skip
    created = catalogue.client.post("/api/outcomes", json=body, headers=analyst)
    assert created.status_code == 201, created.text
    assert {o["buyer"] for o in created.json()} == {"PT Astra Otoparts"}
    listed = catalogue.client.get(
        "/api/outcomes", params={"supplier_id": "TGL-002"}, headers=analyst
    )
    assert listed.json()["total"] == 1
    assert listed.json()["items"][0]["value_idr"] == 45_000_000


def test_bad_items_are_all_named_and_nothing_is_stored(catalogue: Api, organizer: dict[str, str]):
    body = [
        {"requirement_id": "REQ-AOP-01", "supplier_id": "TGL-001", "outcome": "met",
         "date": "2026-09-16"},
        {"requirement_id": "REQ-AOP-01", "supplier_id": "BKS-999", "outcome": "met",
         "date": "2026-09-16"},
        {"requirement_id": "REQ-AOP-01", "supplier_id": "TGL-003", "outcome": "deal",
         "date": "2026-09-16"},
    ]  # fmt: skip
    response = catalogue.client.post("/api/outcomes", json=body, headers=organizer)
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [
        (2, "supplier_id"),
        (3, "outcome"),
    ]
    listed = catalogue.client.get("/api/outcomes", headers=organizer)
    assert listed.json()["total"] == 0


def test_a_sheet_can_be_uploaded(catalogue: Api, analyst: dict[str, str]):
    sheet = "requirement_id,supplier_id,outcome,date\nREQ-AOP-01,KDL-001,tertarik,2026-09-16\n"
    response = catalogue.client.post(
        "/api/outcomes/import",
        headers=analyst,
        files={"file": ("hasil-temu-bisnis.csv", sheet.encode(), "text/csv")},
    )
    assert response.status_code == 201, response.text
    assert response.json()["recorded"] == 1


def test_buyers_cannot_see_outcomes(catalogue: Api, astra: dict[str, str]):
    assert catalogue.client.get("/api/outcomes", headers=astra).status_code == 403
