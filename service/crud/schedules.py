"""Scheduling as a background job, schedules as buyers may see them, contact releases.

The job runs in a thread of the worker that accepted it and writes its status and progress to
the database, so whichever worker answers the next request can report it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from models import AuditEvent, Supplier
from models.event import ContactRelease, EventParticipant, EventRecord, ScheduleJob
from models.supplier import utcnow
from models.user import Role, User
from scheduler.digest import schedule_matches
from scheduler.event import Event
from scheduler.result import Schedule
from service.crud.errors import Conflict, NotFound
from service.crud.events import own_participant_ids, participants_of, scheduler_event
from service.crud.stale_jobs import fail_stale_jobs

log = logging.getLogger(__name__)
PROGRESS_EVERY = 1.0  # seconds between progress writes


class SchedulerMissing(RuntimeError):
    """The scheduling engine is not installed in this build."""


def solver() -> Any:
    try:
        from scheduler.solve import solve
    except ImportError as exc:
        raise SchedulerMissing(
            "the meeting scheduler is not available in this installation"
        ) from exc
    return solve


def start_job(session: Session, user: User, record: EventRecord, time_limit: float) -> ScheduleJob:
    solver()  # fail now, not in the background, when there is no scheduler
    scheduler_event(session, record)  # EventError (→ 422) before queuing
    assert record.id is not None
    job = ScheduleJob(
        event_pk=record.id, time_limit=time_limit, created_by=f"{user.name} ({user.role})"
    )
    session.add(job)
    session.add(
        AuditEvent(
            actor=job.created_by,
            action="schedule_event",
            target=record.event_id,
            detail={"time_limit": time_limit},
        )
    )
    session.commit()
    session.refresh(job)
    return job


def _progress_from(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[float | None, str]:
    """Read a fraction (0..1) and a message from whatever the solver's callback passes."""
    fraction: float | None = None
    message = ""
    for value in (*args, *kwargs.values()):
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float) and 0 <= value <= 1 and fraction is None:
            fraction = float(value)
        elif isinstance(value, str) and not message:
            message = value
    return fraction, message


def run_job(engine: Engine, job_id: int, contact_policy: str) -> None:
    """Solve the job's event and store the schedule; never raises (failures are stored)."""
    with Session(engine) as session:
        job = session.get(ScheduleJob, job_id)
        if job is None:
            return
        record = session.get(EventRecord, job.event_pk)
        assert record is not None
        job.status, job.started_at = "running", utcnow()
        session.add(job)
        session.commit()
        last_write = 0.0

        def report(*args: Any, **kwargs: Any) -> None:
            nonlocal last_write
            fraction, message = _progress_from(args, kwargs)
            if time.monotonic() - last_write < PROGRESS_EVERY:
                return
            last_write = time.monotonic()
            if fraction is not None:
                job.progress = fraction
            if message:
                job.message = message[:1000]
            session.add(job)
            session.commit()

        try:
            event = scheduler_event(session, record)
            schedule = solver()(event, time_limit=job.time_limit, progress=report)
            job.result = schedule.model_dump(mode="json")
            job.status, job.progress = "done", 1.0
            job.message = f"{schedule.status}: {len(schedule.assignments)} meetings placed"
            if contact_policy == "on_schedule" and schedule.status != "infeasible":
                for assignment in schedule.assignments:
                    release_contacts(session, "scheduler", record, assignment.meeting)
        except Exception as exc:  # stored for the organizer to read; the worker lives on
            log.exception("schedule job %s failed", job_id)
            session.rollback()
            job.status, job.message = "failed", f"scheduling failed: {exc}"[:1000]
        job.finished_at = utcnow()
        session.add(job)
        session.commit()


def get_job(
    session: Session, record: EventRecord, job_id: int, *, stale_after: float | None = None
) -> ScheduleJob:
    """One job of this event; with `stale_after`, a job whose worker died is failed first."""
    if stale_after is not None:
        fail_stale_jobs(session, stale_after)
    job = session.get(ScheduleJob, job_id)
    if job is None or job.event_pk != record.id:
        raise NotFound(f"no scheduling job {job_id} for event '{record.event_id}'")
    return job


def job_json(job: ScheduleJob, record: EventRecord) -> dict[str, Any]:
    return {
        "id": job.id,
        "event_id": record.event_id,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "time_limit": job.time_limit,
        "created_by": job.created_by,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


def latest_schedule(session: Session, user: User, record: EventRecord) -> dict[str, Any]:
    """The newest finished schedule (contract section 5); buyers see their meetings only."""
    job = session.execute(
        select(ScheduleJob)
        .where(col(ScheduleJob.event_pk) == record.id, col(ScheduleJob.status) == "done")
        .order_by(col(ScheduleJob.id).desc())
        .limit(1)
    ).scalar()
    if job is None or job.result is None:
        raise NotFound(f"event '{record.event_id}' has no finished schedule yet")
    schedule = dict(job.result)
    if user.role != Role.buyer:
        return schedule
    mine = own_participant_ids(session, record, user)
    document = scheduler_event(session, record)
    their_meetings = {m.id for m in document.meetings if mine & set(m.participants)}
    people = mine.union(*(m.participants for m in document.meetings if m.id in their_meetings))
    breaks = schedule.get("breaks", {"per_participant": {}})
    per_participant = {p: n for p, n in breaks.get("per_participant", {}).items() if p in people}
    return {
        **schedule,
        "assignments": [a for a in schedule["assignments"] if a["meeting"] in their_meetings],
        "unscheduled": [u for u in schedule["unscheduled"] if u["meeting"] in their_meetings],
        "breaks": {"total": sum(per_participant.values()), "per_participant": per_participant},
    }


def agenda_inputs(session: Session, user: User, record: EventRecord) -> tuple[Event, Schedule]:
    """The event and its newest schedule, refused (409) when the event changed after scheduling,
    since the agendas would then print meetings that no longer hold."""
    schedule = Schedule.model_validate(latest_schedule(session, user, record))
    event = scheduler_event(session, record)
    match = schedule_matches(event, schedule)
    if match == "different":
        raise Conflict(
            f"this schedule was made for a different version of event '{record.event_id}': its "
            "meetings, participants, slots or tables changed since; schedule the event again"
        )
    if match == "unknown":
        log.warning("schedule of event %s has no event digest; not checked", record.event_id)
    return event, schedule


def release_contacts(
    session: Session, who: str, record: EventRecord, meeting_id: str
) -> list[ContactRelease]:
    """Let each buyer account in a meeting see the contacts of each supplier in it."""
    assert record.id is not None
    from service.crud.events import meetings_of

    meeting = next((m for m in meetings_of(session, record) if m.meeting_id == meeting_id), None)
    if meeting is None:
        raise NotFound(f"no meeting '{meeting_id}' in event '{record.event_id}'")
    people = {p.participant_id: p for p in participants_of(session, record)}
    in_meeting = [people[i] for i in meeting.participants if i in people]
    accounts = [p.account_id for p in in_meeting if p.account_id is not None]
    suppliers = [s for s in (_catalogue_id(session, p) for p in in_meeting) if s is not None]
    made: list[ContactRelease] = []
    for supplier_id in suppliers:
        for account_id in accounts:
            exists = session.execute(
                select(ContactRelease).where(
                    col(ContactRelease.event_pk) == record.id,
                    col(ContactRelease.meeting_id) == meeting_id,
                    col(ContactRelease.supplier_id) == supplier_id,
                    col(ContactRelease.account_id) == account_id,
                )
            ).scalar()
            row = exists or ContactRelease(
                event_pk=record.id,
                meeting_id=meeting_id,
                supplier_id=supplier_id,
                account_id=account_id,
                released_by=who,
            )
            session.add(row)
            made.append(row)
    session.add(
        AuditEvent(
            actor=who,
            action="release_contacts",
            target=f"{record.event_id}/{meeting_id}",
            detail={"suppliers": suppliers, "accounts": accounts},
        )
    )
    session.commit()
    return made


def _catalogue_id(session: Session, participant: EventParticipant) -> str | None:
    """The catalogue supplier a participant stands for: its link, else a same-named id."""
    candidate = participant.supplier_id or participant.participant_id
    found = session.execute(
        select(col(Supplier.supplier_id)).where(col(Supplier.supplier_id) == candidate)
    ).scalar()
    return found
