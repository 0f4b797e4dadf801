"""What Mitra remembers besides suppliers: requirements, shortlists as shown, profiles, audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.supplier import utcnow


class RequirementRecord(SQLModel, table=True):
    __tablename__ = "requirement"
    # Unique per buyer: another buyer's id must not be revealed by refusing it (migration 0004).
    __table_args__ = (
        Index("uq_requirement_owner_requirement", "owner_id", "requirement_id", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    requirement_id: str = Field(index=True, max_length=120)
    buyer: str = Field(default="", max_length=300)
    owner_id: int | None = Field(default=None, index=True)  # the buyer account that sent it
    document: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ShortlistRun(SQLModel, table=True):
    """A shortlist exactly as it was produced, so an analyst can see what a buyer was shown."""

    __tablename__ = "shortlist_run"

    id: int | None = Field(default=None, primary_key=True)
    requirement_id: str = Field(index=True, max_length=120)
    owner_id: int | None = Field(default=None, index=True)
    profile_name: str = Field(max_length=120)
    profile_version: int
    generated_at: datetime = Field(default_factory=utcnow, index=True)
    requirement: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    document: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class WeightProfileRecord(SQLModel, table=True):
    __tablename__ = "weight_profile"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=120)
    version: int
    description: str = ""
    weights: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    active: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=200)


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=200)
    action: str = Field(max_length=80, index=True)
    target: str = Field(default="", max_length=300)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class CatalogState(SQLModel, table=True):
    """One row: a counter bumped on every supplier change, so cached engine indexes know
    when they are stale."""

    __tablename__ = "catalog_state"

    id: int = Field(default=1, primary_key=True)
    revision: int = 0
