"""Scheduling from the pages: start the background job, follow it, show the grid, give agendas.

The job is the service's own (`service.crud.schedules`); the page polls a small JSON status
endpoint here because the API's endpoint wants an API key header, not the page cookie.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import JSONResponse

from models.event import EventRecord
from models.user import Role, User
from scheduler.agendas import grid_people, participant_agenda, slot_labels, unscheduled_rows
from scheduler.agendas_ics import participant_calendar
from scheduler.event import Event
from scheduler.result import Schedule
from service.crud import events as event_crud
from service.crud import schedules as crud
from service.crud.errors import Conflict, NotFound
from service.deps import EngineDep, SessionDep
from service.routes.paging import RowId
from service.routes.schedules import MEDIA
from service.web.contacts import contacts_for
from service.web.event_pages import event_page
from service.web.i18n import translator
from service.web.pages import PageRoute, redirect, render
from service.web.session import OrganizerForm, OrganizerPage, PageUser, StaffPage, language

router = APIRouter(route_class=PageRoute, include_in_schema=False)

MAX_TIME_LIMIT = 600.0


@router.post("/acara/{event_id}/jadwal")
def start_schedule(
    request: Request,
    event_id: str,
    engine: EngineDep,
    session: SessionDep,
    user: OrganizerForm,
    time_limit: Annotated[float, Form(gt=0, le=MAX_TIME_LIMIT)] = 10.0,
) -> Response:
    record = event_crud.get_event(session, user, event_id)
    settings = request.app.state.settings
    try:
        job = crud.start_job(session, user, record, time_limit)
    except crud.SchedulerMissing:
        extra = {"schedule_error": "schedule_unavailable"}
        return event_page(request, session, user, record, extra, status=503)
    assert job.id is not None
    request.app.state.jobs.submit(crud.run_job, engine, job.id, settings.contact_release)
    return redirect(f"/acara/{event_id}?msg=msg_schedule_started#jadwal")


@router.get("/acara/{event_id}/jadwal/status/{job_id}")
def job_status(
    request: Request, event_id: str, job_id: RowId, session: SessionDep, user: StaffPage
) -> JSONResponse:
    record = event_crud.get_event(session, user, event_id)
    stale_after = request.app.state.settings.stale_job_seconds
    job = crud.job_json(crud.get_job(session, record, job_id, stale_after=stale_after), record)
    keep = ("id", "status", "progress", "message")
    label = translator(language(request))(f"job_{job['status']}")
    return JSONResponse({**{key: job[key] for key in keep}, "label": label})


class ScheduleOutOfDate(Exception):
    """The event's meetings, people, slots or tables changed after its newest schedule."""


def _schedule(session: SessionDep, user: User, record: EventRecord) -> tuple[Event, Schedule]:
    """The event and its newest schedule; NotFound before the first one, ScheduleOutOfDate
    when the event was edited since (its grid and agendas would show meetings that no longer
    hold, or fail on ones that are gone)."""
    try:
        return crud.agenda_inputs(session, user, record)
    except Conflict:
        raise ScheduleOutOfDate(record.event_id) from None


def _out_of_date(request: Request, template: str, record: EventRecord) -> Response:
    context = {"event": record, "schedule": None, "agendas": None, "out_of_date": True}
    return render(request, template, context, status=409)


@router.get("/acara/{event_id}/jadwal")
def grid_page(request: Request, event_id: str, session: SessionDep, user: StaffPage) -> Response:
    """Slots down, tables across: who meets where and when."""
    record = event_crud.get_event(session, user, event_id)
    try:
        event, schedule = _schedule(session, user, record)
    except NotFound:
        return render(request, "grid.html", {"event": record, "schedule": None})
    except ScheduleOutOfDate:
        return _out_of_date(request, "grid.html", record)
    return render(
        request,
        "grid.html",
        {
            "event": record,
            "schedule": schedule,
            "slots": event.slots,
            "labels": slot_labels(event.slots),
            "tables": event.tables,
            "cells": grid_people(event, schedule),
            "unscheduled": unscheduled_rows(event, schedule),
            "is_organizer": user.role == Role.organizer,
        },
    )


def _download(data: bytes, name: str, media: str) -> Response:
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/acara/{event_id}/unduh/{fmt}")
def download(
    event_id: str, fmt: Literal["xlsx", "pdf", "ics"], session: SessionDep, user: OrganizerPage
) -> Response:
    """Every agenda and the master grid: workbook, printable PDF, or calendars in one zip."""
    from scheduler.agendas import export_agendas

    record = event_crud.get_event(session, user, event_id)
    try:
        event, schedule = _schedule(session, user, record)
    except ScheduleOutOfDate:  # the grid page says why, in the reader's language
        return redirect(f"/acara/{quote(event_id, safe='')}/jadwal")
    with tempfile.TemporaryDirectory() as folder:
        files = export_agendas(event, schedule, Path(folder), {fmt})
        if fmt != "ics":
            return _download(files[0].read_bytes(), files[0].name, MEDIA[fmt])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.name)
    return _download(buffer.getvalue(), f"{event.event_id}-kalender.zip", "application/zip")


def _agenda_people(
    session: SessionDep, user: User, record: EventRecord, event: Event, chosen: str
) -> list[str]:
    """Whose agendas this account may read: a buyer its own; staff anyone (one at a time)."""
    if user.role == Role.buyer:
        return sorted(event_crud.own_participant_ids(session, record, user))
    known = {p.id for p in event.participants}
    if chosen and chosen not in known:
        raise NotFound(chosen)
    return [chosen] if chosen else []


Chosen = Annotated[str, Query(alias="peserta", max_length=120)]


@router.get("/acara/{event_id}/agenda")
def agenda_page(
    request: Request, event_id: str, session: SessionDep, user: PageUser, chosen: Chosen = ""
) -> Response:
    record = event_crud.get_event(session, user, event_id)
    try:
        event, schedule = _schedule(session, user, record)
    except NotFound:
        return render(request, "agenda.html", {"event": record, "agendas": None})
    except ScheduleOutOfDate:
        return _out_of_date(request, "agenda.html", record)
    people = {p.id: p for p in event.participants}
    agendas = [
        (people[pid], participant_agenda(event, schedule, pid))
        for pid in _agenda_people(session, user, record, event, chosen)
    ]
    context: dict[str, Any] = {"event": record, "agendas": agendas, "chosen": chosen}
    if user.role == Role.buyer:
        context["contacts"] = contacts_for(session, record, user)
    if user.role != Role.buyer:
        context["everyone"] = sorted(event.participants, key=lambda p: (p.role != "buyer", p.id))
    return render(request, "agenda.html", context)


@router.get("/acara/{event_id}/agenda/{participant_id}.ics")
def agenda_calendar(
    event_id: str, participant_id: str, session: SessionDep, user: PageUser
) -> Response:
    record = event_crud.get_event(session, user, event_id)
    try:
        event, schedule = _schedule(session, user, record)
    except ScheduleOutOfDate:
        return redirect(f"/acara/{quote(event_id, safe='')}/agenda")
    if participant_id not in _agenda_people(session, user, record, event, participant_id):
        raise NotFound(participant_id)
    person = next(p for p in event.participants if p.id == participant_id)
    stamp = datetime.now(UTC).replace(microsecond=0)
    try:
        data = participant_calendar(event, schedule, person, stamp).to_ical()
    except ValueError as exc:  # slots without times cannot go in a calendar
        raise NotFound(str(exc)) from None
    return _download(data, f"{participant_id}.ics", "text/calendar")
