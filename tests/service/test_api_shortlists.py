"""Shortlists over HTTP: stored and inline requirements, forced entries, weight profiles."""

from __future__ import annotations

import pytest

from tests.service.api_helpers import requirement
from tests.service.conftest import Api

pytestmark = pytest.mark.db

Headers = dict[str, str]


def ranked(document: dict[str, object]) -> list[str]:
    return [r["supplier_id"] for r in document["results"]]  # type: ignore[attr-defined, index]


def test_stored_requirement_shortlist_is_the_contract_document(
    api: Api, astra: Headers, catalogue: None
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    response = api.client.post("/api/requirements/REQ-AOP-001/shortlist?top=2", headers=astra)
    assert response.status_code == 200
    document = response.json()
    assert {"requirement_id", "weights", "generated_at", "results"} <= set(document)
    assert document["requirement_id"] == "REQ-AOP-001"
    assert [r["rank"] for r in document["results"]] == [1, 2]
    first = document["results"][0]
    assert {"supplier_id", "name", "score", "eligible", "contributions", "matched", "gaps"} <= set(
        first
    )
    # The stamping shop of Kab. Tegal is the one that does both stamping and turning.
    assert "TGL-002" in ranked(document) or "TGL-001" in ranked(document)


def test_required_certificate_excludes_and_ineligible_appear_only_on_request(
    api: Api, astra: Headers, catalogue: None
) -> None:
    strict = requirement("REQ-AOP-IATF", certifications_required=["IATF 16949"])
    plain = api.client.post("/api/shortlists", json=strict, headers=astra).json()
    assert ranked(plain) == ["KDL-001"]
    everyone = api.client.post(
        "/api/shortlists?include_ineligible=true&top=10", json=strict, headers=astra
    ).json()
    excluded = [r for r in everyone["results"] if not r["eligible"]]
    assert len(excluded) == 4
    assert all(r["excluded_because"] for r in excluded)


def test_invalid_requirement_names_the_field(api: Api, astra: Headers) -> None:
    no_process = api.client.post("/api/requirements", json=requirement(processes=[]), headers=astra)
    assert no_process.status_code == 422
    assert "processes" in no_process.json()["detail"]
    bad_cert = api.client.post(
        "/api/requirements",
        json=requirement(certifications_required=["Sertifikat Ajaib"]),
        headers=astra,
    )
    assert bad_cert.status_code == 422
    assert bad_cert.json()["field"] == "certifications_required"
    bad_date = api.client.post(
        "/api/shortlists", json=requirement(needed_by="besok"), headers=astra
    )
    assert bad_date.status_code == 422
    assert "needed_by" in bad_date.json()["detail"]


def test_forced_entries_change_the_shortlist_and_are_audited(
    api: Api, organizer: Headers, astra: Headers, catalogue: None
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    before = api.client.post("/api/requirements/REQ-AOP-001/shortlist?top=3", headers=astra).json()
    dropped = ranked(before)[0]
    out = api.client.put(
        f"/api/requirements/REQ-AOP-001/overrides/{dropped}",
        json={"mode": "out", "reason": "sedang dalam sengketa mutu dengan AOP"},
        headers=organizer,
    )
    assert out.status_code == 200
    forced_in = api.client.put(
        "/api/requirements/REQ-AOP-001/overrides/CLG-001",
        json={"mode": "in", "reason": "binaan Krakatau Steel, layak dicoba"},
        headers=organizer,
    )
    assert forced_in.status_code == 200

    after = api.client.post("/api/requirements/REQ-AOP-001/shortlist?top=3", headers=astra).json()
    assert dropped not in ranked(after)
    assert "CLG-001" in ranked(after)
    assert next(r for r in after["results"] if r["supplier_id"] == "CLG-001")["forced"] == "in"
    assert [r["rank"] for r in after["results"]] == list(range(1, len(after["results"]) + 1))
    assert "sengketa" not in str(after)  # the reason is for the audit trail, not the buyer

    audit = api.client.get("/api/audit?actor=panitia", headers=organizer).json()["items"]
    forced = {
        (e["action"], e["detail"].get("supplier_id"), e["detail"].get("reason")) for e in audit
    }
    assert ("force_out", dropped, "sedang dalam sengketa mutu dengan AOP") in forced
    assert ("force_in", "CLG-001", "binaan Krakatau Steel, layak dicoba") in forced
    # Buyers cannot force anything.
    attempt = api.client.put(
        "/api/requirements/REQ-AOP-001/overrides/TGL-003",
        json={"mode": "in", "reason": "saya mau"},
        headers=astra,
    )
    assert attempt.status_code == 403


def test_analyst_saves_and_activates_a_profile_that_shortlists_then_use(
    api: Api, analyst: Headers, astra: Headers, catalogue: None
) -> None:
    bad = api.client.post(
        "/api/profiles",
        json={"name": "otomotif", "weights": {"capability": 1, "harga": 2}},
        headers=analyst,
    )
    assert bad.status_code == 422
    assert "harga" in bad.json()["detail"]
    saved = api.client.post(
        "/api/profiles",
        json={
            "name": "otomotif",
            "description": "kemampuan proses dan jarak",
            "weights": {"capability": 3, "distance": 1},
            "activate": True,
        },
        headers=analyst,
    )
    assert saved.status_code == 201
    assert (saved.json()["version"], saved.json()["active"]) == (1, True)
    shortlist = api.client.post("/api/shortlists", json=requirement(), headers=astra).json()
    assert shortlist["weights"] == {"profile": "otomotif", "version": 1}
    again = api.client.post(
        "/api/profiles", json={"name": "otomotif", "weights": {"capability": 1}}, headers=analyst
    )
    assert (again.json()["version"], again.json()["active"]) == (2, False)
    assert api.client.get("/api/profiles/active", headers=analyst).json()["version"] == 1
    assert api.client.get("/api/profiles/otomotif/9", headers=analyst).status_code == 404


def test_a_repeated_shortlist_follows_catalogue_changes(
    api: Api, organizer: Headers, astra: Headers, catalogue: None
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    first = api.client.post("/api/requirements/REQ-AOP-001/shortlist", headers=astra).json()
    again = api.client.post("/api/requirements/REQ-AOP-001/shortlist", headers=astra).json()
    assert ranked(again) == ranked(first)
    leaving = ranked(first)[0]
    assert api.client.delete(f"/api/suppliers/{leaving}", headers=organizer).status_code == 204
    after = api.client.post("/api/requirements/REQ-AOP-001/shortlist", headers=astra).json()
    assert leaving not in ranked(after)
    history = api.client.get("/api/shortlists?requirement_id=REQ-AOP-001", headers=astra).json()
    assert history["total"] == 3  # every showing is remembered, cached or not
