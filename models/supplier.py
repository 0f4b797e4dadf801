"""Supplier tables and schemas (contract section 1).

Lists (processes, materials, KBLI codes, partners) and certificates are JSON columns: they
are always read and written with their supplier, and the engine's index is built from them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from matcher.types import Certification, SupplierRecord


def utcnow() -> datetime:
    return datetime.now(UTC)


class SupplierBase(SQLModel):
    supplier_id: str = Field(index=True, unique=True, max_length=120)
    name: str = Field(max_length=300)
    regency: str = Field(max_length=120, index=True)
    lat: float | None = None
    lon: float | None = None
    cluster: str | None = Field(default=None, max_length=200, index=True)
    kbli: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    processes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    materials: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    products: str = ""
    certifications: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    monthly_capacity: float
    capacity_unit: str = Field(max_length=40)
    employees: int | None = None
    machines: int | None = None
    partners: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tier: int | None = None
    cooperative: str | None = Field(default=None, max_length=200, index=True)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class SupplierContact(SQLModel):
    contact_email: str | None = Field(default=None, max_length=200)
    contact_phone: str | None = Field(default=None, max_length=60)


class Supplier(SupplierBase, SupplierContact, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class SupplierCreate(SupplierBase, SupplierContact):
    pass


class SupplierUpdate(SQLModel):
    name: str | None = None
    regency: str | None = None
    lat: float | None = None
    lon: float | None = None
    cluster: str | None = None
    kbli: list[str] | None = None
    processes: list[str] | None = None
    materials: list[str] | None = None
    products: str | None = None
    certifications: list[dict[str, Any]] | None = None
    monthly_capacity: float | None = None
    capacity_unit: str | None = None
    employees: int | None = None
    machines: int | None = None
    partners: list[str] | None = None
    tier: int | None = None
    cooperative: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


class SupplierPublic(SupplierBase):
    """What leaves the service for buyers: no contact data."""

    id: int


class SupplierPrivate(SupplierPublic, SupplierContact):
    """What organizers see."""


def _cert(entry: dict[str, Any]) -> Certification:
    raw = entry.get("valid_until")
    valid_until = date.fromisoformat(raw) if isinstance(raw, str) and raw else None
    return Certification(str(entry.get("name", "")), valid_until)


def to_record(row: SupplierBase) -> SupplierRecord:
    """The engine's view of a stored supplier."""
    return SupplierRecord(
        supplier_id=row.supplier_id,
        name=row.name,
        regency=row.regency,
        processes=tuple(row.processes),
        monthly_capacity=float(row.monthly_capacity),
        capacity_unit=row.capacity_unit,
        lat=row.lat,
        lon=row.lon,
        cluster=row.cluster,
        kbli=tuple(row.kbli),
        materials=tuple(row.materials),
        products=row.products,
        certifications=tuple(_cert(c) for c in row.certifications),
        employees=row.employees,
        machines=row.machines,
        partners=tuple(row.partners),
        tier=row.tier,
        cooperative=row.cooperative,
    )
