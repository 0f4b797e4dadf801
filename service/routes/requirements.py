"""/api/requirements: buyers submit and read their own; organizers and analysts read all.

Organizers may also force a supplier into or out of a requirement's shortlist, with a reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import BaseModel, Field

from models import RequirementRecord
from models.requirement import RequirementIn
from service.crud import requirements as crud
from service.crud import shortlists as shortlist_crud
from service.deps import CurrentUser, EngineDep, Organizer, SessionDep
from service.routes.paging import Limit, Offset, Page

router = APIRouter(prefix="/requirements", tags=["requirements"])

OwnerId = Annotated[
    int | None,
    Query(
        ge=1,
        le=2_147_483_647,
        description="Organizers and analysts: whose requirement, when several buyers chose the "
        "same id (ids are unique per buyer). Buyers always reach their own.",
    ),
]

Top = Annotated[int, Query(ge=1, le=200, description="How many eligible suppliers to list.")]
Consortia = Annotated[
    int,
    Query(
        ge=0,
        le=10,
        description="Also propose up to this many groups of suppliers that together serve the "
        "requirement (the `consortia` list; empty when one supplier can serve it alone).",
    ),
]


class RequirementPublic(BaseModel):
    requirement_id: str
    buyer: str
    owner_id: int | None
    created_at: datetime
    updated_at: datetime
    document: dict[str, Any]


class OverrideIn(BaseModel):
    mode: Literal["in", "out"]
    reason: str = Field(min_length=3, max_length=1000, description="Why; kept in the audit trail")


class OverridePublic(BaseModel):
    requirement_id: str
    owner_id: int | None
    supplier_id: str
    mode: str
    reason: str
    actor: str
    at: datetime


@router.get("", response_model=Page[RequirementPublic])
def list_requirements(
    session: SessionDep, user: CurrentUser, offset: Offset = 0, limit: Limit = 50
) -> Page[RequirementPublic]:
    total, rows = crud.list_requirements(session, user, offset, limit)
    items = [RequirementPublic(**crud.public(r)) for r in rows]
    return Page(total=total, offset=offset, limit=limit, items=items)


@router.post("", response_model=RequirementPublic, status_code=status.HTTP_201_CREATED)
def create_requirement(
    body: RequirementIn, session: SessionDep, user: CurrentUser
) -> RequirementPublic:
    """Submit a requirement (contract section 2). It belongs to the account that sends it."""
    row = crud.create_requirement(session, user, body.model_dump(mode="json"))
    return RequirementPublic(**crud.public(row))


def owned_requirement(
    requirement_id: str, session: SessionDep, user: CurrentUser, owner_id: OwnerId = None
) -> RequirementRecord:
    """The requirement in the path: a buyer's own, or for staff anyone's (`owner_id`)."""
    return crud.get_requirement(session, user, requirement_id, owner_id)


StoredRequirement = Annotated[RequirementRecord, Depends(owned_requirement)]


@router.get("/{requirement_id}", response_model=RequirementPublic)
def get_requirement(row: StoredRequirement) -> Any:
    return RequirementPublic(**crud.public(row))


@router.put("/{requirement_id}", response_model=RequirementPublic)
def replace_requirement(
    body: RequirementIn, session: SessionDep, user: CurrentUser, row: StoredRequirement
) -> Any:
    row = crud.replace_requirement(session, user, row, body.model_dump(mode="json"))
    return RequirementPublic(**crud.public(row))


@router.delete("/{requirement_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_requirement(session: SessionDep, user: CurrentUser, row: StoredRequirement) -> Response:
    crud.delete_requirement(session, user, row)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{requirement_id}/shortlist")
def run_shortlist(
    engine: EngineDep,
    session: SessionDep,
    row: StoredRequirement,
    top: Top = 10,
    include_ineligible: bool = False,
    consortia: Consortia = 0,
) -> dict[str, Any]:
    """Rank the catalogue for a stored requirement; the body is contract section 3."""
    return shortlist_crud.shortlist(
        engine,
        row.owner_id,
        crud.stored_requirement(row),
        top=top,
        include_ineligible=include_ineligible,
        stored=row,
        consortia=consortia,
        session=session,
    )


# Organizer-only: the role is checked (403) before the requirement is looked up.


@router.get("/{requirement_id}/overrides", response_model=list[OverridePublic])
def list_overrides(session: SessionDep, user: Organizer, row: StoredRequirement) -> Any:
    return shortlist_crud.overrides_for(session, row)


@router.put("/{requirement_id}/overrides/{supplier_id}", response_model=OverridePublic)
def force_supplier(
    supplier_id: str, body: OverrideIn, session: SessionDep, user: Organizer, row: StoredRequirement
) -> Any:
    """Force a supplier into (`in`) or out of (`out`) this requirement's shortlists."""
    return shortlist_crud.set_override(session, user, row, supplier_id, body.mode, body.reason)


@router.delete("/{requirement_id}/overrides/{supplier_id}", status_code=status.HTTP_204_NO_CONTENT)
def unforce_supplier(
    supplier_id: str, session: SessionDep, user: Organizer, row: StoredRequirement
) -> Response:
    shortlist_crud.remove_override(session, user, row, supplier_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
