"""/api/events/{event_id}/schedule: solve in the background, follow progress, read the result,
download agendas, release supplier contacts to the buyers they meet."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import Response

from service.crud import events as event_crud
from service.crud import schedules as crud
from service.deps import CurrentUser, EngineDep, Organizer, OrganizerOrAnalyst, SessionDep, actor
from service.routes.paging import RowId

router = APIRouter(prefix="/events/{event_id}", tags=["schedules"])

MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@router.post("/schedule", status_code=status.HTTP_202_ACCEPTED)
def start_schedule(
    event_id: str,
    request: Request,
    engine: EngineDep,
    session: SessionDep,
    user: Organizer,
    time_limit: Annotated[float | None, Query(gt=0, le=3600)] = None,
) -> dict[str, Any]:
    """Start scheduling in the background; poll the job it returns for status and progress."""
    record = event_crud.get_event(session, user, event_id)
    settings = request.app.state.settings
    job = crud.start_job(session, user, record, time_limit or settings.schedule_time_limit)
    assert job.id is not None
    request.app.state.jobs.submit(crud.run_job, engine, job.id, settings.contact_release)
    return crud.job_json(job, record)


@router.get("/schedule/jobs/{job_id}")
def get_job(
    event_id: str,
    job_id: RowId,
    request: Request,
    session: SessionDep,
    user: OrganizerOrAnalyst,
) -> dict[str, Any]:
    """The job's status and progress; a job whose worker stopped is reported `failed`."""
    record = event_crud.get_event(session, user, event_id)
    stale_after = request.app.state.settings.stale_job_seconds
    return crud.job_json(crud.get_job(session, record, job_id, stale_after=stale_after), record)


@router.get("/schedule")
def get_schedule(event_id: str, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """The newest finished schedule (contract section 5); buyers see their own meetings."""
    record = event_crud.get_event(session, user, event_id)
    return crud.latest_schedule(session, user, record)


@router.get(
    "/agendas",
    response_class=Response,
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def download_agendas(
    event_id: str,
    session: SessionDep,
    user: Organizer,
    format: Literal["xlsx", "pdf"] = "xlsx",
) -> Response:
    """Agendas of every participant and the master grid, as a workbook or a printable PDF.
    409 when the event changed after its newest schedule was made."""
    from scheduler.agendas import export_agendas

    record = event_crud.get_event(session, user, event_id)
    event, schedule = crud.agenda_inputs(session, user, record)
    with tempfile.TemporaryDirectory() as folder:
        files = export_agendas(event, schedule, Path(folder), {format})
        data = files[0].read_bytes()
        name = files[0].name
    return Response(
        data,
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/meetings/{meeting_id}/release-contacts")
def release_contacts(
    event_id: str, meeting_id: str, session: SessionDep, user: Organizer
) -> dict[str, Any]:
    """Let the buyers in this meeting see the contact data of the suppliers in it."""
    record = event_crud.get_event(session, user, event_id)
    made = crud.release_contacts(session, actor(user), record, meeting_id)
    return {
        "meeting_id": meeting_id,
        "released": [{"supplier_id": r.supplier_id, "account_id": r.account_id} for r in made],
    }
