"""A scheduling job whose worker died is reported failed, and scheduling can start again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlmodel import Session, col

from models.event import EventRecord, ScheduleJob
from service.crud.stale_jobs import STALE_REASON, stale_jobs
from tests.service.conftest import Api
from tests.service.test_api_events import fake_solve, tegal_event, wait_for

pytestmark = pytest.mark.db

Headers = dict[str, str]
NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def event(api: Api, organizer: Headers, astra: Headers, ahm: Headers, catalogue: None) -> str:
    body = tegal_event(api.ids["astra"], api.ids["ahm"])
    assert api.client.post("/api/events", json=body, headers=organizer).status_code == 201
    return str(body["event_id"])


def start_on_a_dying_worker(api: Api, event: str, organizer: Headers) -> int:
    """A job accepted by a worker that stops before running it (the job is never run)."""
    jobs = api.app.state.jobs
    api.app.state.jobs = type("Dead", (), {"submit": lambda *args: None})()
    try:
        started = api.client.post(f"/api/events/{event}/schedule?time_limit=5", headers=organizer)
    finally:
        api.app.state.jobs = jobs
    assert started.status_code == 202
    return int(started.json()["id"])


def set_job(api: Api, job_id: int, **values: Any) -> None:
    with Session(api.engine) as session:
        session.execute(update(ScheduleJob).where(col(ScheduleJob.id) == job_id).values(**values))
        session.commit()


def job(api: Api, event: str, job_id: int, headers: Headers) -> dict[str, Any]:
    answer = api.client.get(f"/api/events/{event}/schedule/jobs/{job_id}", headers=headers)
    assert answer.status_code == 200
    result: dict[str, Any] = answer.json()
    return result


def test_a_job_running_on_a_worker_that_died_is_failed_and_can_be_rerun(
    api: Api, event: str, organizer: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_id = start_on_a_dying_worker(api, event, organizer)
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    set_job(api, job_id, status="running", started_at=long_ago, progress=0.4)
    reported = job(api, event, job_id, organizer)
    assert reported["status"] == "failed"
    assert reported["message"] == STALE_REASON and "start scheduling again" in STALE_REASON
    assert reported["finished_at"] is not None

    monkeypatch.setattr("service.crud.schedules.solver", lambda: fake_solve)
    again = api.client.post(f"/api/events/{event}/schedule", headers=organizer).json()
    assert wait_for(api, event, again["id"], organizer)["status"] == "done"
    assert job(api, event, job_id, organizer)["status"] == "failed"  # the old one stays failed


def test_a_job_within_its_time_limit_is_left_running(
    api: Api, event: str, organizer: Headers
) -> None:
    job_id = start_on_a_dying_worker(api, event, organizer)
    set_job(api, job_id, status="running", started_at=datetime.now(UTC))
    assert job(api, event, job_id, organizer)["status"] == "running"


def test_a_queued_job_waits_for_the_jobs_ahead_of_it(api: Api, event: str) -> None:
    with Session(api.engine) as session:
        record = session.execute(select(EventRecord)).scalar_one()
        assert record.id is not None

        def queued(minutes_ago: float, status: str = "queued", **values: Any) -> ScheduleJob:
            row = ScheduleJob(
                event_pk=record.id,
                status=status,
                time_limit=60,
                created_at=NOW - timedelta(minutes=minutes_ago),
                **values,
            )
            session.add(row)
            return row

        # A live job started 30 s ago with a 60 s limit, and one queued 2.5 min ago behind
        # it: 60 s of waiting plus 120 s of grace have not passed, so neither is stale.
        live = queued(3, "running", started_at=NOW - timedelta(seconds=30))
        behind = queued(2.5)
        session.commit()
        assert stale_jobs(session, 120, now=NOW) == []
        # A job running on a worker that died 10 min ago holds up nobody.
        live.started_at = NOW - timedelta(minutes=10)
        session.commit()
        assert {j.id for j in stale_jobs(session, 120, now=NOW)} == {live.id, behind.id}
