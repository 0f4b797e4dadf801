"""Buyers' requirements: a buyer reads and changes only its own; organizers and analysts all.

Whatever a buyer may not see is reported exactly like something that does not exist.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from matcher.types import Requirement
from models import AuditEvent, RequirementRecord
from models.event import ShortlistOverride
from models.requirement import parse_requirement, requirement_to_json
from models.supplier import utcnow
from models.user import Role, User
from service.crud.errors import Conflict, Forbidden, NotFound


def visible(user: User) -> list[Any]:
    """WHERE conditions limiting requirements to what `user` may see."""
    if user.role == Role.buyer:
        return [RequirementRecord.owner_id == user.id]
    return []


def list_requirements(
    session: Session, user: User, offset: int, limit: int
) -> tuple[int, list[RequirementRecord]]:
    conditions = visible(user)
    total = session.execute(
        select(func.count()).select_from(RequirementRecord).where(*conditions)
    ).scalar()
    rows = session.execute(
        select(RequirementRecord)
        .where(*conditions)
        .order_by(RequirementRecord.id)  # type: ignore[arg-type]
        .offset(offset)
        .limit(limit)
    )
    return int(total or 0), list(rows.scalars())


def get_requirement(session: Session, user: User, requirement_id: str) -> RequirementRecord:
    row = session.execute(
        select(RequirementRecord).where(
            RequirementRecord.requirement_id == requirement_id, *visible(user)
        )
    ).scalar()
    if row is None:
        raise NotFound(f"no requirement '{requirement_id}'")
    return row


def stored_requirement(row: RequirementRecord) -> Requirement:
    return parse_requirement(row.document)


def create_requirement(session: Session, user: User, document: Any) -> RequirementRecord:
    """Validate and store; `RequirementError` names the bad field."""
    if user.role == Role.analyst:
        raise Forbidden("analyst accounts read requirements but do not submit them")
    requirement = parse_requirement(document)
    row = RequirementRecord(
        requirement_id=requirement.requirement_id,
        buyer=requirement.buyer or user.organization or user.name,
        owner_id=user.id,
        document=requirement_to_json(requirement),
    )
    session.add(row)
    session.add(
        AuditEvent(
            actor=f"{user.name} ({user.role})",
            action="create_requirement",
            target=requirement.requirement_id,
        )
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        # The same answer whoever holds the id, so it says nothing about other buyers.
        raise Conflict(
            f"requirement_id '{requirement.requirement_id}' is already taken; choose another id"
        ) from None
    session.refresh(row)
    return row


def replace_requirement(
    session: Session, user: User, requirement_id: str, document: Any
) -> RequirementRecord:
    row = get_requirement(session, user, requirement_id)
    if user.role == Role.analyst:
        raise Forbidden("analyst accounts cannot change requirements")
    if isinstance(document, dict):
        document = {**document, "requirement_id": requirement_id}
    requirement = parse_requirement(document)
    row.document = requirement_to_json(requirement)
    row.buyer = requirement.buyer or row.buyer
    row.updated_at = utcnow()
    session.add(row)
    session.add(
        AuditEvent(
            actor=f"{user.name} ({user.role})", action="update_requirement", target=requirement_id
        )
    )
    session.commit()
    session.refresh(row)
    return row


def delete_requirement(session: Session, user: User, requirement_id: str) -> None:
    row = get_requirement(session, user, requirement_id)
    if user.role == Role.analyst:
        raise Forbidden("analyst accounts cannot delete requirements")
    session.delete(row)
    session.execute(
        delete(ShortlistOverride).where(ShortlistOverride.requirement_id == requirement_id)  # type: ignore[arg-type]
    )
    session.add(
        AuditEvent(
            actor=f"{user.name} ({user.role})", action="delete_requirement", target=requirement_id
        )
    )
    session.commit()


def public(row: RequirementRecord) -> dict[str, Any]:
    return {
        "requirement_id": row.requirement_id,
        "buyer": row.buyer,
        "owner_id": row.owner_id,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "document": row.document,
    }
