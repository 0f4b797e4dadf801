"""Supplier tables and schemas (contract section 1).

Lists (processes, materials, KBLI codes, partners) and certificates are JSON columns: they
are always read and written with their supplier, and the engine's index is built from them.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
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


# Area codes start 02…07 and 09; mobile numbers 08. Without the trunk 0 a national number has
# 8 to 12 digits (e.g. 21 5551234, 283 352614, 812 3456 7890).
_NATIONAL_WITHOUT_ZERO = re.compile(r"[2-9]\d{7,11}")
_SCIENTIFIC = re.compile(r"(\d+)(?:[.,](\d+))?[eE]\+?(\d+)")
# Excel shows a large number as 8,12346E+10: fewer digits than that means some were cut off.
_ENOUGH_SIGNIFICANT_DIGITS = 8


class PhoneNumberError(ValueError):
    """A phone number stored as a spreadsheet number that cannot be turned back into one."""


def phone_from_number(text: str) -> str:
    """A phone number Excel stored as a number, written back as it is dialled.

    Excel drops the leading 0 of a number typed into a number cell: `81234567890` becomes
    `081234567890`, `6281234567890` becomes `+6281234567890`, a number already padded with
    zeros by its cell format is kept. Raises `PhoneNumberError` for anything else.
    """
    digits = _digits(text.strip())
    if digits.startswith("0") and 9 <= len(digits) <= 13:
        return digits
    if digits.startswith("62") and _NATIONAL_WITHOUT_ZERO.fullmatch(digits[2:]):
        return f"+{digits}"
    if _NATIONAL_WITHOUT_ZERO.fullmatch(digits):
        return f"0{digits}"
    raise PhoneNumberError(
        f"'{text}' tersimpan sebagai angka dan bukan nomor telepon Indonesia; "
        f"yang diharapkan 08… (9–13 digit) atau +62…; format kolom sebagai Teks lalu ketik ulang"
    )


def in_scientific_notation(text: str) -> bool:
    """`8.12346E+10`: how Excel writes a long number into a CSV file."""
    return _SCIENTIFIC.fullmatch(text.strip()) is not None


def lost_leading_zero(text: str) -> str | None:
    """A phone typed as digits only that lost its leading 0 in a round trip through Excel
    (e.g. `81234567890`), written back as dialled; None when it does not look like one."""
    if not text.isdigit() or text.startswith("0"):
        return None
    try:
        return phone_from_number(text)
    except PhoneNumberError:
        return None


def _digits(text: str) -> str:
    """`81234567890` or `8.1234567890E10` → `81234567890`; refuses fractions and cut-off digits."""
    if text.isdigit():
        return text
    scientific = _SCIENTIFIC.fullmatch(text)
    if scientific:
        significant = (scientific[1] + (scientific[2] or "")).lstrip("0").rstrip("0")
        if len(significant) < _ENOUGH_SIGNIFICANT_DIGITS:
            raise PhoneNumberError(
                f"'{text}' ditulis Excel sebagai angka ilmiah dan sebagian digitnya hilang; "
                f"format kolom sebagai Teks lalu ketik ulang nomornya"
            )
        number = Decimal(text.replace(",", "."))
        if number == number.to_integral_value():
            return str(int(number))
    raise PhoneNumberError(
        f"'{text}' bukan nomor telepon (bukan bilangan bulat); yang diharapkan 08… atau +62…"
    )


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
