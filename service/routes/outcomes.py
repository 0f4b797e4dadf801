"""/api/outcomes: what happened after a temu bisnis. Organizers and analysts read and record.

Recording follows the outcome sheet's rules, all or nothing: any bad item answers 422 with
every item number (from 1), field and reason, and nothing is stored.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import func, select
from sqlmodel import col

from models.outcome import Outcome, OutcomeCreate, OutcomePublic
from service.deps import EngineDep, OrganizerOrAnalyst, SessionDep, actor
from service.outcomes import import_outcomes, list_outcomes, record_outcomes
from service.routes.paging import Limit, Offset, Page
from service.routes.suppliers import SHEET_BODY

router = APIRouter(prefix="/outcomes", tags=["outcomes"])
IdFilter = Annotated[str | None, Query(max_length=120)]


@router.get("")
def get_outcomes(
    session: SessionDep,
    user: OrganizerOrAnalyst,
    requirement_id: IdFilter = None,
    supplier_id: IdFilter = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> Page[OutcomePublic]:
    count = select(func.count()).select_from(Outcome)
    if requirement_id:
        count = count.where(col(Outcome.requirement_id) == requirement_id)
    if supplier_id:
        count = count.where(col(Outcome.supplier_id) == supplier_id)
    rows = list_outcomes(
        session, requirement_id=requirement_id, supplier_id=supplier_id, limit=limit, offset=offset
    )
    return Page(
        total=int(session.execute(count).scalar() or 0),
        offset=offset,
        limit=limit,
        items=[OutcomePublic.model_validate(row, from_attributes=True) for row in rows],
    )


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_outcomes(
    body: list[OutcomeCreate], engine: EngineDep, user: OrganizerOrAnalyst
) -> list[OutcomePublic]:
    """Record one or more outcomes (a list of objects)."""
    rows = await run_in_threadpool(record_outcomes, engine, body, actor=actor(user))
    return [OutcomePublic.model_validate(row, from_attributes=True) for row in rows]


@router.post("/import", openapi_extra=SHEET_BODY, status_code=status.HTTP_201_CREATED)
async def import_sheet(
    request: Request,
    engine: EngineDep,
    user: OrganizerOrAnalyst,
    filename: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Import an outcomes sheet (CSV or XLSX): all or nothing."""
    from service.uploads import read_sheet

    name, data = await read_sheet(request, filename or "outcomes.csv")
    report = await run_in_threadpool(import_outcomes, engine, name, data=data, actor=actor(user))
    return {"file": report.source, "recorded": report.recorded}
