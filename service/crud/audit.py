"""The audit trail, newest first, filtered the way an organizer asks questions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from models import AuditEvent


def list_audit(
    session: Session,
    *,
    action: str | None,
    actor: str | None,
    target: str | None,
    since: datetime | None,
    offset: int,
    limit: int,
) -> tuple[int, list[AuditEvent]]:
    conditions = []
    if action:
        conditions.append(col(AuditEvent.action) == action)
    if actor:
        conditions.append(
            func.lower(col(AuditEvent.actor)).contains(actor.lower(), autoescape=True)
        )
    if target:
        conditions.append(
            func.lower(col(AuditEvent.target)).contains(target.lower(), autoescape=True)
        )
    if since is not None:
        conditions.append(col(AuditEvent.at) >= since)
    total = session.execute(
        select(func.count()).select_from(AuditEvent).where(*conditions)
    ).scalar()
    rows = session.execute(
        select(AuditEvent)
        .where(*conditions)
        .order_by(col(AuditEvent.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return int(total or 0), list(rows.scalars())
