"""What happened after a temu bisnis: one row per (requirement or buyer, supplier, outcome).

The outcome codes are ordered from "only invited" to "signed a purchase order"; evaluation
turns them into graded relevance (see `matcher.evaluate.GRADES`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.supplier import utcnow

OUTCOMES: tuple[str, ...] = (
    "invited",
    "met",
    "no_show",
    "interested",
    "sample_requested",
    "mou",
    "purchase_order",
)


class OutcomeBase(SQLModel):
    # Empty strings, not NULL, for "not given": the unique key must also hold in PostgreSQL,
    # where NULLs never collide.
    requirement_id: str = Field(default="", index=True, max_length=120)
    buyer: str = Field(default="", index=True, max_length=300)
    supplier_id: str = Field(index=True, max_length=120)
    outcome: str = Field(max_length=30)
    value_idr: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    date: date
    event_id: str | None = Field(default=None, max_length=120)


class Outcome(OutcomeBase, table=True):
    __tablename__ = "outcome"
    __table_args__ = (
        UniqueConstraint("requirement_id", "buyer", "supplier_id", "outcome", name="uq_outcome"),
    )

    id: int | None = Field(default=None, primary_key=True)
    recorded_by: str = Field(default="", max_length=200)
    recorded_at: datetime = Field(default_factory=utcnow)
    source: str = Field(default="", max_length=300)


class OutcomeCreate(OutcomeBase):
    """One outcome as an API client sends it."""


class OutcomePublic(OutcomeBase):
    id: int
    recorded_by: str
    recorded_at: datetime
