"""Buyers' requirements: a buyer reads and changes only its own; organizers and analysts all.

Whatever a buyer may not see is reported exactly like something that does not exist. Ids are
unique per buyer account, not across buyers: refusing an id because another buyer uses it
would tell the second buyer that the id exists. So two buyers may both have "REQ-001"; a
buyer always reaches its own, and organizers and analysts name the owner (`owner_id`) when
an id is shared.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from matcher.types import Requirement
from models import AuditEvent, RequirementRecord
from models.event import ShortlistOverride
from models.requirement import parse_requirement, requirement_to_json
from models.supplier import utcnow
from models.user import Role, User
from service.crud.errors import Conflict, Forbidden, NotFound
from service.crud.paging import page_of


def visible(user: User) -> list[Any]:
    """WHERE conditions limiting requirements to what `user` may see."""
    if user.role == Role.buyer:
        return [col(RequirementRecord.owner_id) == user.id]
    return []


def list_requirements(
    session: Session, user: User, offset: int, limit: int
) -> tuple[int, list[RequirementRecord]]:
    conditions = visible(user)
    return page_of(session, RequirementRecord, conditions, col(RequirementRecord.id), offset, limit)


def get_requirement(
    session: Session, user: User, requirement_id: str, owner_id: int | None = None
) -> RequirementRecord:
    """`user`'s requirement with this id; for organizers and analysts anyone's, with
    `owner_id` telling apart buyers who chose the same id (Conflict when it is needed)."""
    conditions = [col(RequirementRecord.requirement_id) == requirement_id, *visible(user)]
    if owner_id is not None and user.role != Role.buyer:
        conditions.append(col(RequirementRecord.owner_id) == owner_id)
    rows: list[RequirementRecord] = list(
        session.execute(select(RequirementRecord).where(*conditions).limit(10)).scalars()
    )
    if not rows:
        raise NotFound(f"no requirement '{requirement_id}'")
    if len(rows) > 1:  # only staff see more than their own, so this tells a buyer nothing
        owners = ", ".join(str(r.owner_id) for r in rows)
        raise Conflict(
            f"several buyers use the requirement id '{requirement_id}' (owner accounts "
            f"{owners}); say which one with owner_id"
        )
    return rows[0]


def stored_requirement(row: RequirementRecord) -> Requirement:
    return parse_requirement(row.document)


def create_requirement(
    session: Session, user: User, document: Any, *, owner: User | None = None
) -> RequirementRecord:
    """Validate and store for `user` (or, written by an organizer, for the buyer `owner`);
    `RequirementError` names the bad field. Only the owner's own ids can clash."""
    if user.role == Role.analyst:
        raise Forbidden("analyst accounts read requirements but do not submit them")
    if owner is not None and user.role != Role.organizer:
        raise Forbidden("only organizers write requirements for another account")
    owner = owner or user
    requirement = parse_requirement(document)
    row = RequirementRecord(
        requirement_id=requirement.requirement_id,
        buyer=requirement.buyer or owner.organization or owner.name,
        owner_id=owner.id,
        document=requirement_to_json(requirement),
    )
    session.add(row)
    session.add(
        AuditEvent(
            actor=f"{user.name} ({user.role})",
            action="create_requirement",
            target=requirement.requirement_id,
            detail={"owner": owner.name} if owner is not user else {},
        )
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        whose = "you already have" if owner is user else f"{owner.name} already has"
        raise Conflict(
            f"{whose} a requirement '{requirement.requirement_id}'; "
            "choose another id or edit that one"
        ) from None
    session.refresh(row)
    return row


def replace_requirement(
    session: Session, user: User, row: RequirementRecord, document: Any
) -> RequirementRecord:
    """Replace `row` (found with `get_requirement`) by `document`; its id stays the same."""
    requirement_id = row.requirement_id
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


def delete_requirement(session: Session, user: User, row: RequirementRecord) -> None:
    requirement_id = row.requirement_id
    if user.role == Role.analyst:
        raise Forbidden("analyst accounts cannot delete requirements")
    session.delete(row)
    session.execute(
        delete(ShortlistOverride).where(
            col(ShortlistOverride.requirement_id) == requirement_id,
            col(ShortlistOverride.owner_id) == row.owner_id,
        )
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
