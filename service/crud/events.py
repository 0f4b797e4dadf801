"""Stored events: participants, meeting requests, and who may see which part.

Organizers and analysts see whole events. A buyer sees an event only when one of its
participants is linked to the buyer's account, and then only the meetings it takes part in
and the people in those meetings. Every change is checked by building the scheduler's
`Event`, so a stored event is always one the scheduler accepts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from models import AuditEvent
from models.event import EventIn, EventParticipant, EventRecord, MeetingIn, MeetingRequest
from models.user import Role, User
from scheduler.event import Event, load_event
from service.crud.errors import Conflict, Forbidden, Invalid, NotFound

SETTINGS = ("fairness", "slots", "tables", "one_table_per_buyer")


def _who(user: User) -> str:
    return f"{user.name} ({user.role})"


def own_participant_ids(session: Session, record: EventRecord, user: User) -> set[str]:
    rows = session.execute(
        select(col(EventParticipant.participant_id)).where(
            col(EventParticipant.event_pk) == record.id, col(EventParticipant.account_id) == user.id
        )
    )
    return set(rows.scalars())


def list_events(session: Session, user: User) -> list[EventRecord]:
    statement = select(EventRecord).order_by(col(EventRecord.id))
    if user.role == Role.buyer:
        mine = select(col(EventParticipant.event_pk)).where(
            col(EventParticipant.account_id) == user.id
        )
        statement = statement.where(col(EventRecord.id).in_(mine))
    return list(session.execute(statement).scalars())


def get_event(session: Session, user: User, event_id: str) -> EventRecord:
    record: EventRecord | None = (
        session.execute(select(EventRecord).where(col(EventRecord.event_id) == event_id))
        .scalars()
        .first()
    )
    if record is None or (
        user.role == Role.buyer and not own_participant_ids(session, record, user)
    ):
        raise NotFound(f"no event '{event_id}'")
    return record


def participants_of(session: Session, record: EventRecord) -> list[EventParticipant]:
    rows = session.execute(
        select(EventParticipant)
        .where(col(EventParticipant.event_pk) == record.id)
        .order_by(col(EventParticipant.id))
    )
    return list(rows.scalars())


def meetings_of(session: Session, record: EventRecord) -> list[MeetingRequest]:
    rows = session.execute(
        select(MeetingRequest)
        .where(col(MeetingRequest.event_pk) == record.id)
        .order_by(col(MeetingRequest.id))
    )
    return list(rows.scalars())


def participant_json(row: EventParticipant) -> dict[str, Any]:
    return {
        "id": row.participant_id,
        "name": row.name,
        "role": row.role,
        "unavailable": list(row.unavailable),
        "account_id": row.account_id,
        "supplier_id": row.supplier_id,
    }


def meeting_json(row: MeetingRequest) -> dict[str, Any]:
    return {
        "id": row.meeting_id,
        "participants": list(row.participants),
        "session": row.session,
        "fixed_slot": row.fixed_slot,
        "after": list(row.after),
        "priority": row.priority,
        "mandatory": row.mandatory,
        "requirement_id": row.requirement_id,
    }


def event_document(
    record: EventRecord,
    participants: list[EventParticipant],
    meetings: list[MeetingRequest],
) -> dict[str, Any]:
    """The contract's event JSON (section 5), with the service's links as extra fields."""
    return {
        "event_id": record.event_id,
        "title": record.title,
        **record.settings,
        "participants": [participant_json(p) for p in participants],
        "meetings": [meeting_json(m) for m in meetings],
    }


def visible_document(session: Session, user: User, record: EventRecord) -> dict[str, Any]:
    """The event as `user` may see it: buyers get their own meetings and counterparts only."""
    participants, meetings = participants_of(session, record), meetings_of(session, record)
    if user.role == Role.buyer:
        mine = own_participant_ids(session, record, user)
        meetings = [m for m in meetings if mine & set(m.participants)]
        people = mine.union(*(m.participants for m in meetings))
        participants = [p for p in participants if p.participant_id in people]
    return event_document(record, participants, meetings)


def scheduler_event(session: Session, record: EventRecord) -> Event:
    """The scheduler's validated `Event`; EventError names every problem."""
    document = event_document(
        record, participants_of(session, record), meetings_of(session, record)
    )
    return load_event(document)


def create_event(session: Session, user: User, data: EventIn) -> EventRecord:
    document = data.model_dump(mode="json")
    _check_accounts(session, document["participants"])
    load_event(document)  # EventError (→ 422) before anything is stored
    record = EventRecord(
        event_id=data.event_id,
        title=data.title,
        settings={key: document[key] for key in SETTINGS},
        created_by=_who(user),
    )
    session.add(record)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"event '{data.event_id}' already exists") from None
    assert record.id is not None
    for participant in data.participants:
        session.add(_participant_row(record.id, participant.model_dump()))
    for meeting in data.meetings:
        session.add(_meeting_row(record.id, meeting, user))
    session.add(AuditEvent(actor=_who(user), action="create_event", target=data.event_id))
    session.commit()
    session.refresh(record)
    return record


def _check_accounts(session: Session, participants: list[dict[str, Any]]) -> None:
    wanted = {p["account_id"] for p in participants if p.get("account_id") is not None}
    if not wanted:
        return
    found = set(session.execute(select(col(User.id)).where(col(User.id).in_(wanted))).scalars())
    missing = sorted(wanted - found)
    if missing:
        raise Invalid([("account_id", f"no account with id {i}") for i in missing])


def _participant_row(event_pk: int, values: dict[str, Any]) -> EventParticipant:
    return EventParticipant(
        event_pk=event_pk,
        participant_id=values["id"],
        name=values.get("name", ""),
        role=values.get("role", ""),
        unavailable=list(values.get("unavailable", [])),
        account_id=values.get("account_id"),
        supplier_id=values.get("supplier_id"),
    )


def _meeting_row(event_pk: int, meeting: MeetingIn, user: User) -> MeetingRequest:
    values = meeting.model_dump()
    return MeetingRequest(
        event_pk=event_pk,
        meeting_id=values.pop("id"),
        requested_by=user.id,
        **values,
    )


def _check_still_valid(session: Session, record: EventRecord) -> None:
    """Flushes pending rows and validates the whole event; the caller commits or rolls back."""
    session.flush()
    try:
        scheduler_event(session, record)
    except Exception:
        session.rollback()
        raise


def put_participant(
    session: Session, user: User, record: EventRecord, values: dict[str, Any]
) -> EventParticipant:
    """Add a participant, or replace the one with the same id."""
    assert record.id is not None
    _check_accounts(session, [values])
    existing = session.execute(
        select(EventParticipant).where(
            col(EventParticipant.event_pk) == record.id,
            col(EventParticipant.participant_id) == values["id"],
        )
    ).scalar()
    if existing is not None:
        session.delete(existing)
        session.flush()
    row = _participant_row(record.id, values)
    session.add(row)
    _check_still_valid(session, record)
    session.add(
        AuditEvent(
            actor=_who(user), action="put_participant", target=f"{record.event_id}/{values['id']}"
        )
    )
    session.commit()
    session.refresh(row)
    return row


def add_meeting(
    session: Session, user: User, record: EventRecord, meeting: MeetingIn
) -> MeetingRequest:
    """A meeting request; a buyer may only ask for meetings it takes part in."""
    assert record.id is not None
    if user.role == Role.buyer and not own_participant_ids(session, record, user) & set(
        meeting.participants
    ):
        raise Forbidden("a buyer can request only meetings it takes part in")
    taken = session.execute(
        select(col(MeetingRequest.id)).where(
            col(MeetingRequest.event_pk) == record.id, col(MeetingRequest.meeting_id) == meeting.id
        )
    ).first()
    if taken is not None:
        raise Conflict(f"meeting '{meeting.id}' already exists in this event; choose another id")
    row = _meeting_row(record.id, meeting, user)
    session.add(row)
    _check_still_valid(session, record)
    session.add(
        AuditEvent(
            actor=_who(user), action="request_meeting", target=f"{record.event_id}/{meeting.id}"
        )
    )
    session.commit()
    session.refresh(row)
    return row


def get_meeting(
    session: Session, user: User, record: EventRecord, meeting_id: str
) -> MeetingRequest:
    row: MeetingRequest | None = (
        session.execute(
            select(MeetingRequest).where(
                col(MeetingRequest.event_pk) == record.id,
                col(MeetingRequest.meeting_id) == meeting_id,
            )
        )
        .scalars()
        .first()
    )
    if row is None or (
        user.role == Role.buyer
        and not own_participant_ids(session, record, user) & set(row.participants)
    ):
        raise NotFound(f"no meeting '{meeting_id}' in event '{record.event_id}'")
    return row


def delete_meeting(session: Session, user: User, record: EventRecord, meeting_id: str) -> None:
    row = get_meeting(session, user, record, meeting_id)
    if user.role == Role.buyer and row.requested_by != user.id:
        raise Forbidden("only the organizer can cancel a meeting the buyer did not request")
    session.delete(row)
    _check_still_valid(session, record)
    session.add(
        AuditEvent(
            actor=_who(user), action="cancel_meeting", target=f"{record.event_id}/{meeting_id}"
        )
    )
    session.commit()


def delete_event(session: Session, user: User, record: EventRecord) -> None:
    from models.event import ContactRelease, ScheduleJob

    for table in (ContactRelease, ScheduleJob, MeetingRequest, EventParticipant):
        session.execute(delete(table).where(col(table.event_pk) == record.id))
    session.delete(record)
    session.add(AuditEvent(actor=_who(user), action="delete_event", target=record.event_id))
    session.commit()
