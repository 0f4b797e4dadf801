"""/api/events: temu bisnis events, their participants and meeting requests.

Organizers build events; a buyer linked to a participant sees the event with its own meetings
only, and may request meetings it takes part in. Anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from models.event import EventIn, MeetingIn, ParticipantIn
from models.user import Role
from service.crud import events as crud
from service.crud.errors import Forbidden
from service.deps import CurrentUser, Organizer, OrganizerOrBuyer, SessionDep

router = APIRouter(prefix="/events", tags=["events"])


class EventSummary(BaseModel):
    event_id: str
    title: str
    created_by: str


@router.get("", response_model=list[EventSummary])
def list_events(session: SessionDep, user: CurrentUser) -> Any:
    return [
        EventSummary(event_id=e.event_id, title=e.title, created_by=e.created_by)
        for e in crud.list_events(session, user)
    ]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_event(body: EventIn, session: SessionDep, user: Organizer) -> dict[str, Any]:
    """Create an event from the contract's event JSON (section 5); participants may carry
    `account_id` (a buyer's account) and `supplier_id` (a catalogue supplier)."""
    record = crud.create_event(session, user, body)
    return crud.visible_document(session, user, record)


@router.get("/{event_id}")
def get_event(event_id: str, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """The event JSON (section 5); buyers see only their meetings and who is in them."""
    return crud.visible_document(session, user, crud.get_event(session, user, event_id))


@router.delete("/{event_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_event(event_id: str, session: SessionDep, user: Organizer) -> Response:
    crud.delete_event(session, user, crud.get_event(session, user, event_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{event_id}/participants")
def list_participants(event_id: str, session: SessionDep, user: CurrentUser) -> list[Any]:
    record = crud.get_event(session, user, event_id)
    return list(crud.visible_document(session, user, record)["participants"])


@router.put("/{event_id}/participants/{participant_id}")
def put_participant(
    event_id: str, participant_id: str, body: ParticipantIn, session: SessionDep, user: Organizer
) -> dict[str, Any]:
    """Add a participant, or replace the one with this id."""
    record = crud.get_event(session, user, event_id)
    values = {**body.model_dump(), "id": participant_id}
    return crud.participant_json(crud.put_participant(session, user, record, values))


@router.get("/{event_id}/meetings")
def list_meetings(event_id: str, session: SessionDep, user: CurrentUser) -> list[Any]:
    record = crud.get_event(session, user, event_id)
    return list(crud.visible_document(session, user, record)["meetings"])


@router.post("/{event_id}/meetings", status_code=status.HTTP_201_CREATED)
def request_meeting(
    event_id: str, body: MeetingIn, session: SessionDep, user: OrganizerOrBuyer
) -> dict[str, Any]:
    """Request a meeting. A buyer may only request meetings it takes part in."""
    record = crud.get_event(session, user, event_id)
    if user.role == Role.buyer and (body.fixed_slot or body.after):
        raise Forbidden("only the organizer can pin a meeting to a slot or order meetings")
    return crud.meeting_json(crud.add_meeting(session, user, record, body))


@router.get("/{event_id}/meetings/{meeting_id}")
def get_meeting(
    event_id: str, meeting_id: str, session: SessionDep, user: CurrentUser
) -> dict[str, Any]:
    record = crud.get_event(session, user, event_id)
    return crud.meeting_json(crud.get_meeting(session, user, record, meeting_id))


@router.delete("/{event_id}/meetings/{meeting_id}", status_code=status.HTTP_204_NO_CONTENT)
def cancel_meeting(
    event_id: str, meeting_id: str, session: SessionDep, user: OrganizerOrBuyer
) -> Response:
    record = crud.get_event(session, user, event_id)
    crud.delete_meeting(session, user, record, meeting_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
