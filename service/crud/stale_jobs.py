"""Scheduling jobs whose worker died: found and marked failed, so nobody waits forever.

A job runs in a thread of the worker process that accepted it. If that process stops (a
restart, a crash, `kill -9`), the job's row would say "queued" or "running" for ever. No job
can legitimately outlive its own time limit by much: the solver stops at `time_limit`. So a
running job is stale once `started_at + time_limit + stale_after` has passed, and a queued one
once it has waited `stale_after` beyond the time limits of every unfinished job queued before
it (one worker runs jobs one at a time). A stale job is marked failed with a plain reason; the
organizer starts scheduling again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlmodel import Session, col

from models.event import ScheduleJob
from models.supplier import utcnow

UNFINISHED = ("queued", "running")
STALE_REASON = (
    "the service stopped before this scheduling job finished (restarted or crashed); "
    "nothing was lost: start scheduling again"
)


def _aware(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; they were written in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def stale_jobs(
    session: Session, stale_after: float, now: datetime | None = None
) -> list[ScheduleJob]:
    """Unfinished jobs no live worker can still be running."""
    now = _aware(now or utcnow())
    grace = timedelta(seconds=stale_after)
    unfinished = session.execute(
        select(ScheduleJob)
        .where(col(ScheduleJob.status).in_(UNFINISHED))
        .order_by(col(ScheduleJob.id))
    ).scalars()
    found: list[ScheduleJob] = []
    waited = 0.0  # the time limits of unfinished jobs ahead in the queue
    for job in unfinished:
        if job.status == "running" and job.started_at is not None:
            deadline = _aware(job.started_at) + timedelta(seconds=job.time_limit) + grace
        else:
            deadline = _aware(job.created_at) + timedelta(seconds=waited) + grace
        if now > deadline:
            found.append(job)
        else:
            waited += job.time_limit
    return found


def fail_stale_jobs(session: Session, stale_after: float, now: datetime | None = None) -> int:
    """Mark stale jobs failed with a plain reason; returns how many. A worker that finishes a
    job at the same moment wins: only a row still unfinished is changed."""
    marked = 0
    for job in stale_jobs(session, stale_after, now):
        result = session.execute(
            update(ScheduleJob)
            .where(col(ScheduleJob.id) == job.id, col(ScheduleJob.status) == job.status)
            .values(status="failed", message=STALE_REASON, finished_at=utcnow())
        )
        marked += result.rowcount  # type: ignore[attr-defined]
    if marked:
        session.commit()
        session.expire_all()
    return marked
