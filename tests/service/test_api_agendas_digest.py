"""Agendas over HTTP are refused when the event changed after its schedule was made."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.digest import event_digest
from scheduler.result import Schedule
from tests.service.conftest import Api
from tests.service.test_api_events import fake_solve, tegal_event, wait_for

pytestmark = pytest.mark.db

Headers = dict[str, str]


@pytest.fixture
def event(api: Api, organizer: Headers, astra: Headers, ahm: Headers, catalogue: None) -> str:
    body = tegal_event(api.ids["astra"], api.ids["ahm"])
    response = api.client.post("/api/events", json=body, headers=organizer)
    assert response.status_code == 201, response.text
    return str(body["event_id"])


def stamped_solve(event: Any, time_limit: float, progress: Any) -> Schedule:
    """The test solver, stamping the digest as `scheduler.solve.solve` does."""
    schedule = fake_solve(event, time_limit, progress)
    schedule.event_digest = event_digest(event)
    return schedule


def test_agendas_refused_after_the_event_changed(
    api: Api, event: str, organizer: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.crud.schedules.solver", lambda: stamped_solve)
    started = api.client.post(f"/api/events/{event}/schedule", headers=organizer).json()
    wait_for(api, event, started["id"], organizer)
    stored = api.client.get(f"/api/events/{event}/schedule", headers=organizer).json()
    assert stored["event_digest"].startswith("sha256:")
    assert api.client.get(f"/api/events/{event}/agendas", headers=organizer).status_code == 200

    added = api.client.post(
        f"/api/events/{event}/meetings",
        json={"id": "M3", "participants": ["B01", "S02"]},
        headers=organizer,
    )
    assert added.status_code == 201, added.text
    refused = api.client.get(f"/api/events/{event}/agendas", headers=organizer)
    assert refused.status_code == 409
    assert "schedule the event again" in refused.text

    again = api.client.post(f"/api/events/{event}/schedule", headers=organizer).json()
    wait_for(api, event, again["id"], organizer)
    assert api.client.get(f"/api/events/{event}/agendas", headers=organizer).status_code == 200
