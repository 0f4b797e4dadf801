"""Stored temu bisnis events: participants, meeting requests, schedule jobs, contact releases.

The event's own settings (slots, tables, fairness) stay one JSON document as in contract
section 5; participants and meetings are rows so buyers can add their requests one by one and
each can be checked against its owner. Forced shortlist entries live here too: organizers
make them while preparing an event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import pydantic
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.supplier import utcnow

JobStatus = Literal["queued", "running", "done", "failed"]
TableCount = Annotated[int, pydantic.Field(ge=1, le=1000)]
TableNames = Annotated[list[str], pydantic.Field(max_length=1000)]


class EventRecord(SQLModel, table=True):
    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=120, index=True, unique=True)
    title: str = Field(default="", max_length=300)
    # slots, tables, fairness, one_table_per_buyer: the contract's event minus people/meetings
    settings: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class EventParticipant(SQLModel, table=True):
    __tablename__ = "event_participant"
    __table_args__ = (UniqueConstraint("event_pk", "participant_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_pk: int = Field(foreign_key="event.id", index=True)
    participant_id: str = Field(max_length=120)
    name: str = Field(default="", max_length=300)
    role: str = Field(default="", max_length=40)
    unavailable: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Links to the service's own records: the buyer's account, the catalogue's supplier.
    account_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    supplier_id: str | None = Field(default=None, max_length=120)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class MeetingRequest(SQLModel, table=True):
    __tablename__ = "meeting_request"
    __table_args__ = (UniqueConstraint("event_pk", "meeting_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_pk: int = Field(foreign_key="event.id", index=True)
    meeting_id: str = Field(max_length=120)
    participants: list[str] = Field(sa_column=Column(JSON, nullable=False))
    session: str | None = Field(default=None, max_length=60)
    fixed_slot: str | None = Field(default=None, max_length=120)
    after: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    priority: float = 1.0
    mandatory: bool = True
    requirement_id: str | None = Field(default=None, max_length=120)
    requested_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class ScheduleJob(SQLModel, table=True):
    """A scheduling run in the background; any worker can report its progress."""

    __tablename__ = "schedule_job"

    id: int | None = Field(default=None, primary_key=True)
    event_pk: int = Field(foreign_key="event.id", index=True)
    status: str = Field(default="queued", max_length=20)
    progress: float = 0.0
    message: str = Field(default="", max_length=1000)
    time_limit: float = 30.0
    result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None


class ContactRelease(SQLModel, table=True):
    """The organizer let one buyer see one supplier's contact data, for one meeting."""

    __tablename__ = "contact_release"
    __table_args__ = (UniqueConstraint("event_pk", "meeting_id", "supplier_id", "account_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_pk: int = Field(foreign_key="event.id", index=True)
    meeting_id: str = Field(max_length=120)
    supplier_id: str = Field(max_length=120, index=True)
    account_id: int = Field(foreign_key="app_user.id", index=True)
    released_by: str = Field(default="", max_length=200)
    released_at: datetime = Field(default_factory=utcnow)


class ShortlistOverride(SQLModel, table=True):
    """An organizer forced a supplier into or out of a requirement's shortlist, and why."""

    __tablename__ = "shortlist_override"
    __table_args__ = (
        UniqueConstraint(
            "owner_id",
            "requirement_id",
            "supplier_id",
            name="uq_shortlist_override_owner_requirement_supplier",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    requirement_id: str = Field(max_length=120, index=True)
    supplier_id: str = Field(max_length=120)
    mode: str = Field(max_length=3)  # "in" or "out"
    reason: str = Field(max_length=1000)
    actor: str = Field(default="", max_length=200)
    at: datetime = Field(default_factory=utcnow)
    owner_id: int | None = Field(default=None, index=True)  # whose requirement (ids are per buyer)


# API schemas: the contract's event (section 5) plus links to accounts and suppliers.


class SlotIn(SQLModel):
    id: str = Field(min_length=1, max_length=120)
    start: datetime | None = None
    end: datetime | None = None
    session: str | None = Field(default=None, max_length=60)


class ParticipantIn(SQLModel):
    id: str = Field(min_length=1, max_length=120)
    name: str = Field(default="", max_length=300)
    role: str = Field(default="", max_length=40)
    unavailable: list[str] = Field(default_factory=list)
    account_id: int | None = None  # the buyer's account, so it sees its own meetings
    supplier_id: str | None = Field(default=None, max_length=120)  # the catalogue's supplier


class MeetingIn(SQLModel):
    id: str = Field(min_length=1, max_length=120)
    participants: list[str] = Field(min_length=2)
    session: str | None = Field(default=None, max_length=60)
    fixed_slot: str | None = Field(default=None, max_length=120)
    after: list[str] = Field(default_factory=list)
    priority: float = Field(default=1.0, ge=0, le=1e6)
    mandatory: bool = True
    requirement_id: str | None = Field(default=None, max_length=120)


class EventIn(SQLModel):
    event_id: str = Field(min_length=1, max_length=120)
    title: str = Field(default="", max_length=300)
    fairness: int | None = Field(default=None, ge=0)
    slots: list[SlotIn] = Field(max_length=2000)
    tables: TableNames | TableCount
    one_table_per_buyer: bool = False
    participants: list[ParticipantIn] = Field(default_factory=list, max_length=5000)
    meetings: list[MeetingIn] = Field(default_factory=list, max_length=20000)


class JobPublic(SQLModel):
    id: int
    event_id: str
    status: str
    progress: float
    message: str
    time_limit: float
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
