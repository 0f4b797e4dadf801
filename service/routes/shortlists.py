"""/api/shortlists: run one for an inline requirement; read the ones already produced."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from models.requirement import RequirementIn, parse_requirement
from service.crud import shortlists as crud
from service.deps import CurrentUser, EngineDep, SessionDep
from service.routes.paging import Limit, Offset, Page, RowId
from service.routes.requirements import Consortia, OwnerId, Top

router = APIRouter(prefix="/shortlists", tags=["shortlists"])


class ShortlistSummary(BaseModel):
    id: int
    requirement_id: str
    owner_id: int | None
    generated_at: datetime
    weights: dict[str, Any]
    results: int


@router.post("")
def run_inline(
    body: RequirementIn,
    engine: EngineDep,
    session: SessionDep,
    user: CurrentUser,
    top: Top = 10,
    include_ineligible: bool = False,
    consortia: Consortia = 0,
) -> dict[str, Any]:
    """Rank the catalogue for a requirement sent in the body (not stored); contract section 3."""
    requirement = parse_requirement(body.model_dump(mode="json"))
    return crud.shortlist(
        engine,
        user.id,
        requirement,
        top=top,
        include_ineligible=include_ineligible,
        stored=None,
        consortia=consortia,
        session=session,
    )


@router.get("", response_model=Page[ShortlistSummary])
def list_shortlists(
    session: SessionDep,
    user: CurrentUser,
    requirement_id: Annotated[str | None, Query(max_length=120)] = None,
    owner_id: OwnerId = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[ShortlistSummary]:
    total, rows = crud.list_runs(session, user, requirement_id, offset, limit, owner_id)
    items = [ShortlistSummary(**crud.run_summary(r)) for r in rows]
    return Page(total=total, offset=offset, limit=limit, items=items)


@router.get("/{shortlist_id}")
def get_shortlist(shortlist_id: RowId, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """A shortlist exactly as it was shown (contract section 3)."""
    return crud.get_run(session, user, shortlist_id).document
