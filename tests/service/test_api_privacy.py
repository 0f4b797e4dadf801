"""Who may see what: anonymous callers, buyers among themselves, analysts, contact data."""

from __future__ import annotations

import pytest

from tests.service.api_helpers import requirement
from tests.service.conftest import Api

pytestmark = pytest.mark.db

Headers = dict[str, str]

DATA_ENDPOINTS = [
    "/api/suppliers",
    "/api/suppliers/TGL-001",
    "/api/requirements",
    "/api/shortlists",
    "/api/events",
    "/api/profiles",
    "/api/audit",
    "/api/users/me",
]


@pytest.mark.parametrize("path", DATA_ENDPOINTS)
def test_anonymous_and_wrong_keys_get_401_and_no_data(api: Api, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer mitra_000000000000_guess"}, {"X-API-Key": "x"}):
        response = api.client.get(path, headers=headers)
        assert response.status_code == 401
        assert set(response.json()) == {"detail"}
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_buyer_sees_only_its_own_requirements_not_even_counts(
    api: Api, astra: Headers, ahm: Headers, organizer: Headers
) -> None:
    assert (
        api.client.post("/api/requirements", json=requirement(), headers=astra).status_code == 201
    )
    ahm_req = requirement("REQ-AHM-007", buyer="PT Astra Honda Motor")
    assert api.client.post("/api/requirements", json=ahm_req, headers=ahm).status_code == 201

    listed = api.client.get("/api/requirements", headers=astra).json()
    assert (listed["total"], [r["requirement_id"] for r in listed["items"]]) == (1, ["REQ-AOP-001"])
    assert api.client.get("/api/requirements", headers=organizer).json()["total"] == 2

    for method, path in [
        ("get", "/api/requirements/REQ-AHM-007"),
        ("put", "/api/requirements/REQ-AHM-007"),
        ("delete", "/api/requirements/REQ-AHM-007"),
        ("post", "/api/requirements/REQ-AHM-007/shortlist"),
    ]:
        response = api.client.request(method, path, headers=astra, json=ahm_req)
        unknown_path = path.replace("REQ-AHM-007", "REQ-NONE")
        unknown = api.client.request(method, unknown_path, headers=astra, json=ahm_req)
        # Another buyer's requirement answers exactly like one that does not exist.
        assert (response.status_code, response.json()["detail"].replace("AHM-007", "X")) == (
            unknown.status_code,
            unknown.json()["detail"].replace("NONE", "X"),
        )
        assert response.status_code == 404
    assert api.client.get("/api/requirements/REQ-AHM-007", headers=ahm).status_code == 200


def test_buyer_reads_only_its_own_shortlists(
    api: Api, astra: Headers, ahm: Headers, catalogue: None
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    run = api.client.post("/api/requirements/REQ-AOP-001/shortlist", headers=astra)
    assert run.status_code == 200
    own = api.client.get("/api/shortlists", headers=astra).json()
    assert own["total"] == 1
    run_id = own["items"][0]["id"]
    assert api.client.get(f"/api/shortlists/{run_id}", headers=astra).json() == run.json()

    other = api.client.get("/api/shortlists", headers=ahm).json()
    assert (other["total"], other["items"]) == (0, [])
    assert api.client.get(f"/api/shortlists/{run_id}", headers=ahm).status_code == 404
    filtered = api.client.get("/api/shortlists?requirement_id=REQ-AOP-001", headers=ahm).json()
    assert filtered["total"] == 0


def test_contacts_hidden_from_buyers_and_analysts(
    api: Api, astra: Headers, analyst: Headers, organizer: Headers, catalogue: None
) -> None:
    as_organizer = api.client.get("/api/suppliers/TGL-001", headers=organizer).json()
    assert as_organizer["contact_email"] == "sinarlogam@example.co.id"
    for headers in (astra, analyst):
        one = api.client.get("/api/suppliers/TGL-001", headers=headers).json()
        listed = api.client.get("/api/suppliers", headers=headers).text
        assert "contact_email" not in one and "contact_phone" not in one
        assert "sinarlogam@example.co.id" not in listed and "+62 812" not in listed


def test_analyst_reads_profiles_but_cannot_change_suppliers(
    api: Api, analyst: Headers, catalogue: None
) -> None:
    assert api.client.get("/api/profiles", headers=analyst).status_code == 200
    attempts = [
        api.client.patch("/api/suppliers/TGL-001", json={"machines": 1}, headers=analyst),
        api.client.delete("/api/suppliers/TGL-001", headers=analyst),
        api.client.post(
            "/api/suppliers",
            json={
                "supplier_id": "X-1",
                "name": "UD Coba",
                "regency": "Kendal",
                "processes": ["las"],
                "monthly_capacity": 1,
                "capacity_unit": "pcs",
            },
            headers=analyst,
        ),
        api.client.post(
            "/api/suppliers/import",
            headers=analyst,
            files={"file": ("s.csv", b"supplier_id\nX")},
        ),
    ]
    assert [r.status_code for r in attempts] == [403, 403, 403, 403]
    assert api.client.get("/api/suppliers/TGL-001", headers=analyst).json()["machines"] == 11
    assert api.client.get("/api/suppliers/X-1", headers=analyst).status_code == 404


def test_buyers_cannot_reach_organizer_tools(api: Api, astra: Headers, catalogue: None) -> None:
    for method, path in [
        ("get", "/api/audit"),
        ("get", "/api/users"),
        ("post", "/api/users"),
        ("get", "/api/profiles"),
        ("patch", "/api/suppliers/TGL-001"),
    ]:
        assert api.client.request(method, path, headers=astra, json={}).status_code == 403


def test_revoked_key_stops_working(api: Api, organizer: Headers, astra: Headers) -> None:
    assert api.client.get("/api/users/me", headers=astra).json()["name"] == "astra"
    user_id = api.ids["astra"]
    assert api.client.delete(f"/api/users/{user_id}/keys", headers=organizer).status_code == 204
    assert api.client.get("/api/users/me", headers=astra).status_code == 401
