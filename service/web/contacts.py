"""Supplier contact data on the pages: the organizer releases it per meeting, and only then
does the buyer in that meeting see the supplier's e-mail and phone on its agenda."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import select
from sqlmodel import Session, col

from models import Supplier
from models.event import ContactRelease, EventRecord
from models.user import User
from service.crud import events as event_crud
from service.crud import schedules as schedule_crud
from service.deps import SessionDep, actor
from service.web.pages import PageRoute, redirect
from service.web.session import OrganizerForm

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def released_meetings(session: Session, record: EventRecord) -> set[str]:
    rows = session.execute(
        select(col(ContactRelease.meeting_id)).where(col(ContactRelease.event_pk) == record.id)
    )
    return set(rows.scalars())


def contacts_for(session: Session, record: EventRecord, user: User) -> dict[str, Supplier]:
    """Participant id → catalogue supplier, for the suppliers released to this account."""
    rows = session.execute(
        select(col(ContactRelease.supplier_id)).where(
            col(ContactRelease.event_pk) == record.id,
            col(ContactRelease.account_id) == user.id,
        )
    )
    supplier_ids = set(rows.scalars())
    if not supplier_ids:
        return {}
    suppliers = {
        s.supplier_id: s
        for s in session.execute(
            select(Supplier).where(col(Supplier.supplier_id).in_(sorted(supplier_ids)))
        ).scalars()
    }
    found: dict[str, Supplier] = {}
    for participant in event_crud.participants_of(session, record):
        catalogue_id = participant.supplier_id or participant.participant_id
        if catalogue_id in suppliers:
            found[participant.participant_id] = suppliers[catalogue_id]
    return found


@router.post("/acara/{event_id}/pertemuan/{meeting_id}/kontak")
def release(event_id: str, meeting_id: str, session: SessionDep, user: OrganizerForm) -> Response:
    """Let the buyers in this meeting see the contact data of its suppliers."""
    record = event_crud.get_event(session, user, event_id)
    schedule_crud.release_contacts(session, actor(user), record, meeting_id)
    return redirect(f"/acara/{event_id}?msg=msg_contacts_released#pertemuan")
