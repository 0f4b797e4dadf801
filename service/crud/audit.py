"""The audit trail, newest first, filtered the way an organizer asks questions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col

from models import AuditEvent
from service.crud.paging import page_of


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
    return page_of(session, AuditEvent, conditions, col(AuditEvent.id).desc(), offset, limit)
