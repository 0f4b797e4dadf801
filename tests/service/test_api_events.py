"""Events over HTTP: building one, buyers' meeting requests, background scheduling, agendas,
and releasing supplier contacts to the buyers they meet."""

from __future__ import annotations

import importlib.util
import time
from typing import Any

import pytest

from scheduler.result import Assignment, Breaks, Schedule
from tests.service.conftest import Api

pytestmark = pytest.mark.db

Headers = dict[str, str]
HAS_SOLVER = importlib.util.find_spec("scheduler.solve") is not None


def tegal_event(astra_id: int, ahm_id: int) -> dict[str, Any]:
    return {
        "event_id": "temu-bisnis-tegal-2027-03",
        "title": "Temu Bisnis IKM Logam Tegal",
        "fairness": 2,
        "slots": [
            {"id": "s1", "start": "2027-03-10T09:00", "end": "2027-03-10T09:20", "session": "am"},
            {"id": "s2", "start": "2027-03-10T09:20", "end": "2027-03-10T09:40", "session": "am"},
            {"id": "s3", "start": "2027-03-10T09:40", "end": "2027-03-10T10:00", "session": "am"},
        ],
        "tables": ["T1", "T2"],
        "participants": [
            {"id": "B01", "name": "PT Astra Otoparts", "role": "buyer", "account_id": astra_id},
            {"id": "B02", "name": "PT Astra Honda Motor", "role": "buyer", "account_id": ahm_id},
            {"id": "TGL-001", "name": "UD Sinar Logam", "role": "supplier"},
            {"id": "S02", "name": "CV Karya Teknik", "role": "supplier", "supplier_id": "TGL-002"},
        ],
        "meetings": [
            {"id": "M1", "participants": ["B01", "TGL-001"]},
            {"id": "M2", "participants": ["B02", "S02"]},
        ],
    }


@pytest.fixture
def event(api: Api, organizer: Headers, astra: Headers, ahm: Headers, catalogue: None) -> str:
    body = tegal_event(api.ids["astra"], api.ids["ahm"])
    response = api.client.post("/api/events", json=body, headers=organizer)
    assert response.status_code == 201, response.text
    return str(body["event_id"])


def test_buyer_sees_its_own_meetings_only(
    api: Api, event: str, astra: Headers, organizer: Headers
) -> None:
    whole = api.client.get(f"/api/events/{event}", headers=organizer).json()
    assert [m["id"] for m in whole["meetings"]] == ["M1", "M2"]
    mine = api.client.get(f"/api/events/{event}", headers=astra).json()
    assert [m["id"] for m in mine["meetings"]] == ["M1"]
    assert {p["id"] for p in mine["participants"]} == {"B01", "TGL-001"}
    assert api.client.get(f"/api/events/{event}/meetings/M2", headers=astra).status_code == 404


def test_buyer_without_a_seat_gets_404_for_the_event(api: Api, event: str) -> None:
    stranger = api.account("wika", "buyer", "PT WIKA")
    assert api.client.get(f"/api/events/{event}", headers=stranger).status_code == 404
    assert api.client.get("/api/events", headers=stranger).json() == []


def test_buyer_requests_a_meeting_it_takes_part_in_only(
    api: Api, event: str, astra: Headers
) -> None:
    own = {"id": "M3", "participants": ["B01", "S02"], "mandatory": False, "priority": 0.5}
    assert (
        api.client.post(f"/api/events/{event}/meetings", json=own, headers=astra).status_code == 201
    )
    others = {"id": "M4", "participants": ["B02", "TGL-001"]}
    refused = api.client.post(f"/api/events/{event}/meetings", json=others, headers=astra)
    assert refused.status_code == 403
    unknown_person = {"id": "M5", "participants": ["B01", "S99"]}
    invalid = api.client.post(f"/api/events/{event}/meetings", json=unknown_person, headers=astra)
    assert invalid.status_code == 422
    assert "S99" in invalid.json()["detail"]
    duplicate = api.client.post(f"/api/events/{event}/meetings", json=own, headers=astra)
    assert duplicate.status_code == 409


def test_invalid_event_is_refused_with_the_problem(api: Api, organizer: Headers) -> None:
    body = tegal_event(api.ids["panitia-tegal"], api.ids["panitia-tegal"])
    body["meetings"].append({"id": "M9", "participants": ["B01", "B01x"], "fixed_slot": "s7"})
    response = api.client.post("/api/events", json=body, headers=organizer)
    assert response.status_code == 422
    assert "B01x" in response.json()["detail"]
    assert "s7" in response.json()["detail"]
    assert api.client.get("/api/events", headers=organizer).json() == []
    body["meetings"].pop()
    body["participants"][0]["account_id"] = 999
    unknown_account = api.client.post("/api/events", json=body, headers=organizer)
    assert unknown_account.status_code == 422
    assert "999" in unknown_account.json()["detail"]


def test_contacts_are_released_per_meeting_to_its_buyer_only(
    api: Api, event: str, organizer: Headers, astra: Headers, ahm: Headers
) -> None:
    def email(headers: Headers, supplier: str) -> object:
        return (
            api.client.get(f"/api/suppliers/{supplier}", headers=headers)
            .json()
            .get("contact_email")
        )

    assert email(astra, "TGL-001") is None
    released = api.client.post(
        f"/api/events/{event}/meetings/M1/release-contacts", headers=organizer
    )
    assert released.json()["released"] == [
        {"supplier_id": "TGL-001", "account_id": api.ids["astra"]}
    ]
    assert email(astra, "TGL-001") == "sinarlogam@example.co.id"
    assert email(ahm, "TGL-001") is None  # AHM has no meeting with UD Sinar Logam
    assert email(astra, "TGL-002") is None
    listed = api.client.get("/api/suppliers?regency=tegal", headers=astra).json()["items"]
    assert {s["supplier_id"]: s.get("contact_email") for s in listed} == {
        "TGL-001": "sinarlogam@example.co.id",
        "TGL-002": None,
        "TGL-003": None,
    }
    refused = api.client.post(f"/api/events/{event}/meetings/M1/release-contacts", headers=astra)
    assert refused.status_code == 403


def fake_solve(event: Any, time_limit: float, progress: Any) -> Schedule:
    progress(0.5, "searching")
    slots = [s.id for s in event.slots]
    return Schedule(
        event_id=event.event_id,
        status="optimal",
        assignments=[
            Assignment(meeting=m.id, slot=slots[i], table="T1")
            for i, m in enumerate(event.meetings)
        ],
        breaks=Breaks(total=0, per_participant={p.id: 0 for p in event.participants}),
        solve_seconds=0.01,
    )


def wait_for(api: Api, event: str, job_id: int, headers: Headers) -> dict[str, Any]:
    for _ in range(200):
        job: dict[str, Any] = api.client.get(
            f"/api/events/{event}/schedule/jobs/{job_id}", headers=headers
        ).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("the scheduling job did not finish")


def test_schedule_job_reports_and_buyers_see_their_part(
    api: Api, event: str, organizer: Headers, astra: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.crud.schedules.solver", lambda: fake_solve)
    assert api.client.get(f"/api/events/{event}/schedule", headers=organizer).status_code == 404
    started = api.client.post(f"/api/events/{event}/schedule?time_limit=5", headers=organizer)
    assert started.status_code == 202
    assert started.json()["status"] == "queued"
    job = wait_for(api, event, started.json()["id"], organizer)
    assert (job["status"], job["progress"]) == ("done", 1.0)

    full = api.client.get(f"/api/events/{event}/schedule", headers=organizer).json()
    assert {"event_id", "status", "assignments", "unscheduled", "breaks", "solve_seconds"} <= set(
        full
    )
    assert [a["meeting"] for a in full["assignments"]] == ["M1", "M2"]
    mine = api.client.get(f"/api/events/{event}/schedule", headers=astra).json()
    assert [a["meeting"] for a in mine["assignments"]] == ["M1"]
    assert set(mine["breaks"]["per_participant"]) == {"B01", "TGL-001"}
    assert api.client.post(f"/api/events/{event}/schedule", headers=astra).status_code == 403


def test_a_failing_solver_is_reported_not_crashed(
    api: Api, event: str, organizer: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(event: Any, time_limit: float, progress: Any) -> Schedule:
        raise RuntimeError("solver ran out of memory")

    monkeypatch.setattr("service.crud.schedules.solver", lambda: broken)
    started = api.client.post(f"/api/events/{event}/schedule", headers=organizer).json()
    job = wait_for(api, event, started["id"], organizer)
    assert job["status"] == "failed"
    assert "out of memory" in job["message"]


def test_agendas_download_as_workbook_and_pdf(
    api: Api, event: str, organizer: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.crud.schedules.solver", lambda: fake_solve)
    started = api.client.post(f"/api/events/{event}/schedule", headers=organizer).json()
    wait_for(api, event, started["id"], organizer)
    workbook = api.client.get(f"/api/events/{event}/agendas?format=xlsx", headers=organizer)
    assert workbook.status_code == 200
    assert workbook.content[:2] == b"PK"
    pdf = api.client.get(f"/api/events/{event}/agendas?format=pdf", headers=organizer)
    assert pdf.content[:5] == b"%PDF-"


@pytest.mark.skipif(not HAS_SOLVER, reason="scheduler.solve is not installed yet")
def test_real_solver_schedules_every_mandatory_meeting(
    api: Api, event: str, organizer: Headers
) -> None:
    started = api.client.post(f"/api/events/{event}/schedule?time_limit=10", headers=organizer)
    job = wait_for(api, event, started.json()["id"], organizer)
    assert job["status"] == "done", job["message"]
    schedule = api.client.get(f"/api/events/{event}/schedule", headers=organizer).json()
    assert schedule["status"] in ("optimal", "feasible")
    assert sorted(a["meeting"] for a in schedule["assignments"]) == ["M1", "M2"]
