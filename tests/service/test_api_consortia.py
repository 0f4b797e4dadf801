"""Consortium proposals over HTTP: who does what, never anyone's contact data."""

from __future__ import annotations

import pytest

from tests.service.api_helpers import requirement
from tests.service.conftest import Api

pytestmark = pytest.mark.db

Headers = dict[str, str]

# Stamping and turning, 5,000 pcs a month: the stamping shop and the lathe shop of LIK Takaru
# each do one of the two, so only together can they serve it.
STAMP_AND_TURN = "/api/requirements/REQ-AOP-001/shortlist"


def members(proposal: dict[str, object]) -> dict[str, list[str]]:
    return {m["supplier_id"]: m["processes"] for m in proposal["members"]}  # type: ignore[attr-defined, index]


def test_stored_requirement_gets_a_cluster_consortium(
    api: Api, astra: Headers, catalogue: None
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    response = api.client.post(f"{STAMP_AND_TURN}?consortia=2", headers=astra)
    assert response.status_code == 200
    proposals = response.json()["consortia"]
    assert members(proposals[0]) == {"TGL-002": ["stamping"], "TGL-001": ["turning"]}
    assert [m["monthly_volume"] for m in proposals[0]["members"]] == [5000, 5000]
    assert any("LIK Takaru" in line for line in proposals[0]["why"])
    assert proposals[0]["rank"] == 1 and 0 < proposals[0]["score"] <= 1


def test_buyers_see_member_names_but_no_contact_data(
    api: Api, astra: Headers, catalogue: None
) -> None:
    inline = api.client.post("/api/shortlists?consortia=1", json=requirement(), headers=astra)
    assert inline.status_code == 200
    member = inline.json()["consortia"][0]["members"][0]
    assert member["name"] == "CV Karya Teknik Mandiri"
    assert not {"contact_email", "contact_phone", "email", "phone"} & set(member)
    # The fixture's addresses and numbers appear nowhere in the answer.
    assert "example.co.id" not in inline.text and "+62" not in inline.text


def test_without_the_parameter_there_is_no_consortia_list(
    api: Api, astra: Headers, catalogue: None
) -> None:
    document = api.client.post("/api/shortlists", json=requirement(), headers=astra).json()
    assert "consortia" not in document


def test_one_supplier_that_can_do_it_all_needs_no_consortium(
    api: Api, astra: Headers, catalogue: None
) -> None:
    lathe_only = requirement(processes=["bubut"], materials=["SPCC"], monthly_volume=1000)
    document = api.client.post("/api/shortlists?consortia=3", json=lathe_only, headers=astra).json()
    assert document["consortia"] == []
    assert document["results"][0]["supplier_id"] == "TGL-001"


def test_a_supplier_forced_out_is_in_no_proposal(
    api: Api, astra: Headers, organizer: Headers, catalogue: None
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    forced = api.client.put(
        "/api/requirements/REQ-AOP-001/overrides/TGL-001",
        json={"mode": "out", "reason": "mesin bubut sedang rusak"},
        headers=organizer,
    )
    assert forced.status_code == 200
    document = api.client.post(f"{STAMP_AND_TURN}?consortia=3", headers=astra).json()
    assert all("TGL-001" not in members(p) for p in document["consortia"])
    assert [p["rank"] for p in document["consortia"]] == list(
        range(1, len(document["consortia"]) + 1)
    )


def test_too_many_proposals_asked_is_refused(api: Api, astra: Headers) -> None:
    response = api.client.post("/api/shortlists?consortia=50", json=requirement(), headers=astra)
    assert response.status_code == 422
    assert "consortia" in response.json()["detail"]
