"""Events: create one, add buyers (with their accounts), plan meetings from shortlists."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import col

from matcher.errors import MitraError
from models.event import EventIn, EventRecord, ScheduleJob
from models.user import Role, User
from scheduler.plan import PlanSettings, SessionSpec, buyer_id, make_slots
from service.auth import AccountError, create_user
from service.crud import events as crud
from service.crud.errors import Conflict, CrudError, NotFound
from service.crud.schedules import agenda_inputs, job_json
from service.crud.stale_jobs import fail_stale_jobs
from service.deps import EngineDep, SessionDep, actor
from service.web.contacts import released_meetings
from service.web.forms import EventForm, EventFormError, event_sessions
from service.web.pages import PageRoute, redirect, render
from service.web.planning import buyer_participants, plan_meetings, requirements_of
from service.web.session import OrganizerForm, PageUser

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def _events_page(
    request: Request,
    session: SessionDep,
    user: User,
    form: EventForm | None = None,
    error: str = "",
    error_text: str = "",
) -> Response:
    if form is None:
        form = EventForm(day=(date.today() + timedelta(days=14)).isoformat())
    return render(
        request,
        "events.html",
        {
            "events": crud.list_events(session, user),
            "form": form,
            "error": error,
            "error_text": error_text,
            "is_organizer": user.role == Role.organizer,
        },
        status=422 if error or error_text else 200,
    )


@router.get("/acara")
def event_list(request: Request, session: SessionDep, user: PageUser) -> Response:
    return _events_page(request, session, user)


@router.post("/acara")
def event_create(
    request: Request, session: SessionDep, user: OrganizerForm, form: Annotated[EventForm, Form()]
) -> Response:
    try:
        sessions = event_sessions(form)
        settings = PlanSettings(
            event_id=form.event_id.strip(),
            sessions=tuple(SessionSpec(label, start, count) for label, start, count in sessions),
            slot_minutes=form.slot_minutes,
        )
        event = EventIn(
            event_id=form.event_id.strip(),
            title=form.title.strip(),
            fairness=form.fairness,
            slots=make_slots(settings),  # type: ignore[arg-type]
            tables=[f"T{i}" for i in range(1, form.tables + 1)],
        )
        record = crud.create_event(session, user, event)
    except EventFormError as exc:
        return _events_page(request, session, user, form, error=exc.key)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        return _events_page(request, session, user, form, error_text=f"{where}: {problem['msg']}")
    except (MitraError, CrudError) as exc:
        return _events_page(request, session, user, form, error_text=str(exc))
    return redirect(f"/acara/{record.event_id}")


def latest_job(
    session: SessionDep, record: EventRecord, stale_after: float
) -> dict[str, Any] | None:
    fail_stale_jobs(session, stale_after)  # a job whose worker died must not spin for ever
    job = session.execute(
        select(ScheduleJob)
        .where(col(ScheduleJob.event_pk) == record.id)
        .order_by(col(ScheduleJob.id).desc())
        .limit(1)
    ).scalar()
    return job_json(job, record) if job is not None else None


def schedule_out_of_date(session: SessionDep, user: User, record: EventRecord) -> bool:
    """Whether the event was edited after its newest schedule was made."""
    try:
        agenda_inputs(session, user, record)
    except Conflict:
        return True
    except NotFound:
        return False
    return False


def event_page(
    request: Request,
    session: SessionDep,
    user: User,
    record: EventRecord,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    participants = crud.participants_of(session, record)
    buyers = buyer_participants(participants)
    owned = requirements_of(session, [b.account_id for b in buyers if b.account_id is not None])
    names = {p.participant_id: p.name or p.participant_id for p in participants}
    job = latest_job(session, record, request.app.state.settings.stale_job_seconds)
    context = {
        "event": record,
        "slots": record.settings.get("slots", []),
        "tables": record.settings.get("tables", []),
        "buyers": [(b, owned.get(b.account_id or 0, [])) for b in buyers],
        "suppliers": [p for p in participants if p.role != "buyer"],
        "meetings": crud.meetings_of(session, record),
        "names": names,
        "job": job,
        "out_of_date": job is not None
        and job["status"] == "done"
        and schedule_out_of_date(session, user, record),
        "released": released_meetings(session, record),
        "is_organizer": user.role == Role.organizer,
        "time_limit": request.app.state.settings.schedule_time_limit,
        **(extra or {}),
    }
    return render(request, "event.html", context, status=status)


@router.get("/acara/{event_id}")
def event_detail(request: Request, event_id: str, session: SessionDep, user: PageUser) -> Response:
    record = crud.get_event(session, user, event_id)
    if user.role == Role.buyer:
        return redirect(f"/acara/{event_id}/agenda")
    return event_page(request, session, user, record)


@router.post("/acara/{event_id}/pembeli")
def add_buyer(
    request: Request,
    event_id: str,
    session: SessionDep,
    user: OrganizerForm,
    company: Annotated[str, Form(min_length=1, max_length=300)],
    account: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    """A buyer joins the event; a new buyer account is made when the name is not taken."""
    record = crud.get_event(session, user, event_id)
    company = company.strip()
    account_name = account.strip() or company
    existing = session.execute(select(User).where(col(User.name) == account_name)).scalar()
    new_key = ""
    if existing is not None and existing.role != Role.buyer:
        return event_page(
            request, session, user, record, {"buyer_error": "buyer_err_role"}, status=422
        )
    if existing is None:
        try:
            existing, new_key = create_user(
                session, account_name, Role.buyer, organization=company, actor=actor(user)
            )
        except AccountError as exc:
            return event_page(request, session, user, record, {"buyer_error_text": str(exc)}, 422)
        session.commit()
    participant_id = _buyer_participant_id(session, record, company, existing.id)
    values = {"id": participant_id, "name": company, "role": "buyer", "account_id": existing.id}
    crud.put_participant(session, user, record, values)
    extra = {"new_account": existing.name, "new_key": new_key, "added_buyer": company}
    return event_page(request, session, user, record, extra)


def _buyer_participant_id(
    session: SessionDep, record: EventRecord, company: str, account_id: int | None
) -> str:
    """`B-PT-ASTRA-OTOPARTS`; the same account keeps its id, another company whose name
    gives the same id gets `-2`, `-3`… so adding it never replaces someone already there."""
    taken = {p.participant_id: p.account_id for p in crud.participants_of(session, record)}
    base = candidate = buyer_id(company)
    number = 1
    while candidate in taken and taken[candidate] != account_id:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@router.post("/acara/{event_id}/rencana")
def plan(
    event_id: str,
    engine: EngineDep,
    session: SessionDep,
    user: OrganizerForm,
    top_k: Annotated[int, Form(ge=1, le=50)] = 5,
    consortia: Annotated[int, Form(ge=0, le=5)] = 0,
) -> Response:
    """Meeting requests for every buyer's top suppliers (pairs already requested are kept),
    and one meeting per consortium proposal when asked."""
    record = crud.get_event(session, user, event_id)
    added = plan_meetings(engine, session, user, record, top_k, consortia)
    return redirect(f"/acara/{event_id}?msg=msg_planned&n={added}#pertemuan")
