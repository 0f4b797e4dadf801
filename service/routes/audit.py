"""/api/audit: who imported what, who changed a supplier, who forced whom into a shortlist."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service.crud.audit import list_audit
from service.deps import Organizer, SessionDep
from service.routes.paging import Limit, Offset, Page

router = APIRouter(prefix="/audit", tags=["audit"])

Text = Annotated[str | None, Query(max_length=200)]


class AuditPublic(BaseModel):
    at: datetime
    actor: str
    action: str
    target: str
    detail: dict[str, Any]


@router.get("", response_model=Page[AuditPublic])
def read_audit(
    session: SessionDep,
    user: Organizer,
    action: Text = None,
    actor: Text = None,
    target: Text = None,
    since: datetime | None = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> Page[AuditPublic]:
    """Newest first. `action` is exact (e.g. import_suppliers, update_supplier, force_in,
    force_out); `actor` and `target` match part of the text."""
    total, rows = list_audit(
        session, action=action, actor=actor, target=target, since=since, offset=offset, limit=limit
    )
    items = [AuditPublic.model_validate(r, from_attributes=True) for r in rows]
    return Page(total=total, offset=offset, limit=limit, items=items)
