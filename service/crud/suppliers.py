"""Suppliers through the API: filtered lists, checked writes, contact release lookups.

Concurrent edits: an update is one conditional `UPDATE ... WHERE supplier_id = :id
[AND updated_at = :seen]`, so it never reads-then-writes. Two edits of different fields both
survive; a client that sends `If-Match` with the `ETag` it read gets 412 instead of silently
overwriting someone else's change (optimistic locking on `updated_at`).
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import String, cast, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from models import AuditEvent, Supplier
from models.event import ContactRelease
from models.supplier import SupplierCreate, SupplierPrivate, SupplierPublic, utcnow
from service.catalog import bump_revision
from service.crud.errors import Conflict, Invalid, NotFound, Stale
from service.crud.paging import page_of

NOT_NULL = (
    "name",
    "regency",
    "kbli",
    "processes",
    "materials",
    "products",
    "certifications",
    "monthly_capacity",
    "capacity_unit",
    "partners",
)


def supplier_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """Every problem in a supplier's fields (the same rules as the sheet import)."""
    from matcher.kbli import is_known_kbli
    from matcher.units import normalise_unit

    problems: list[tuple[str, str]] = [
        (key, "must not be null") for key in NOT_NULL if key in values and values[key] is None
    ]
    for key in ("supplier_id", "name", "regency", "capacity_unit"):
        if key in values and not str(values[key] or "").strip():
            problems.append((key, "must not be empty"))
    if "processes" in values and not [p for p in values["processes"] or [] if p.strip()]:
        problems.append(("processes", "list at least one process, e.g. 'bubut CNC'"))
    capacity = values.get("monthly_capacity")
    if capacity is not None and (not math.isfinite(capacity) or capacity < 0):
        problems.append(("monthly_capacity", "must be a number of zero or more"))
    unit = values.get("capacity_unit")
    if unit and normalise_unit(unit) is None:
        problems.append(("capacity_unit", f"unknown unit '{unit}' (e.g. pcs, set, kg, ton)"))
    for key in ("employees", "machines"):
        if (values.get(key) or 0) < 0:
            problems.append((key, "must be zero or more"))
    if values.get("tier") is not None and values["tier"] not in (1, 2, 3):
        problems.append(("tier", "must be 1, 2 or 3"))
    lat, lon = values.get("lat"), values.get("lon")
    if lat is not None and not -90 <= lat <= 90:
        problems.append(("lat", "must be between -90 and 90"))
    if lon is not None and not -180 <= lon <= 180:
        problems.append(("lon", "must be between -180 and 180"))
    for code in values.get("kbli") or []:
        if not (len(code) == 5 and code.isdigit() and is_known_kbli(code)):
            problems.append(("kbli", f"'{code}' is not a KBLI 2020 code"))
    for cert in values.get("certifications") or []:
        problems.extend(_certificate_problems(cert))
    return problems


def _certificate_problems(cert: dict[str, Any]) -> list[tuple[str, str]]:
    name = cert.get("name")
    if not isinstance(name, str) or not name.strip():
        return [("certifications", "each certificate needs a 'name'")]
    until = cert.get("valid_until")
    if until is None:
        return []
    try:
        date.fromisoformat(str(until))
    except ValueError:
        return [("certifications", f"{name}: '{until}' is not a date (use YYYY-MM-DD)")]
    return []


def check(values: dict[str, Any]) -> None:
    problems = supplier_problems(values)
    if problems:
        raise Invalid(problems)


def _text_filter(column: Any, value: str) -> Any:
    return func.lower(cast(column, String)).contains(value.strip().lower(), autoescape=True)


class SupplierFilters(BaseModel):
    """The catalogue's filters, for the API and the page alike: every one given must match
    (case-insensitive, part of a word is enough); empty means not filtered."""

    process: str = Field(default="", max_length=200)
    certification: str = Field(default="", max_length=200)
    regency: str = Field(default="", max_length=200)
    cluster: str = Field(default="", max_length=200)
    cooperative: str = Field(default="", max_length=200)
    q: str = Field(default="", max_length=200, description="Words in name or products")

    def conditions(self) -> list[Any]:
        columns: dict[str, list[Any]] = {
            "process": [col(Supplier.processes)],
            "certification": [col(Supplier.certifications)],
            "regency": [col(Supplier.regency)],
            "cluster": [col(Supplier.cluster)],
            "cooperative": [col(Supplier.cooperative)],
            "q": [col(Supplier.name), col(Supplier.products)],
        }
        found = []
        for key, searched in columns.items():
            term: str = getattr(self, key)
            if term:
                found.append(or_(*(_text_filter(column, term) for column in searched)))
        return found


def list_suppliers(
    session: Session, filters: SupplierFilters, offset: int, limit: int
) -> tuple[int, list[Supplier]]:
    order = col(Supplier.supplier_id)
    return page_of(session, Supplier, filters.conditions(), order, offset, limit)


def get_supplier(session: Session, supplier_id: str) -> Supplier:
    query = select(Supplier).where(col(Supplier.supplier_id) == supplier_id)
    row: Supplier | None = session.execute(query).scalars().first()
    if row is None:
        raise NotFound(f"no supplier '{supplier_id}'")
    return row


def _validated(schema: type[SupplierCreate], values: dict[str, Any]) -> None:
    try:
        schema.model_validate(values)
    except ValidationError as exc:
        raise Invalid(
            [(".".join(str(p) for p in e["loc"]) or "supplier", e["msg"]) for e in exc.errors()]
        ) from None


def create_supplier(session: Session, data: SupplierCreate, actor: str) -> Supplier:
    values = data.model_dump()
    check(values)
    row = Supplier(**values)
    session.add(row)
    bump_revision(session)
    session.add(AuditEvent(actor=actor, action="create_supplier", target=data.supplier_id))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"supplier '{data.supplier_id}' already exists; update it instead") from None
    session.refresh(row)
    return row


def update_supplier(
    session: Session,
    supplier_id: str,
    changes: dict[str, Any],
    actor: str,
    seen: datetime | None = None,
) -> Supplier:
    """Apply `changes` atomically; with `seen` (the ETag read) refuse if someone wrote since."""
    check(changes)
    current = get_supplier(session, supplier_id)
    _validated(SupplierCreate, {**current.model_dump(), **changes})
    session.rollback()  # the read above was only for checking; the write below stands alone
    stamp = utcnow()
    if seen is not None and stamp <= seen:
        stamp = seen + timedelta(microseconds=1)
    statement = update(Supplier).where(col(Supplier.supplier_id) == supplier_id)
    if seen is not None:
        statement = statement.where(col(Supplier.updated_at) == seen)
    result: Any = session.execute(statement.values(**changes, updated_at=stamp))
    if result.rowcount == 0:
        session.rollback()
        get_supplier(session, supplier_id)  # 404 when it does not exist at all
        raise Stale(f"supplier '{supplier_id}' was changed by someone else; read it again")
    bump_revision(session)
    session.add(
        AuditEvent(
            actor=actor,
            action="update_supplier",
            target=supplier_id,
            detail={"changed": changes, "if_match": seen is not None},
        )
    )
    session.commit()
    return get_supplier(session, supplier_id)


def delete_supplier(session: Session, supplier_id: str, actor: str) -> None:
    get_supplier(session, supplier_id)
    session.execute(delete(Supplier).where(col(Supplier.supplier_id) == supplier_id))
    bump_revision(session)
    session.add(AuditEvent(actor=actor, action="delete_supplier", target=supplier_id))
    session.commit()


def released_to(session: Session, account_id: int, supplier_ids: list[str]) -> set[str]:
    """Which of `supplier_ids` the organizer released contact data of to this account."""
    if not supplier_ids:
        return set()
    found = session.execute(
        select(col(ContactRelease.supplier_id)).where(
            col(ContactRelease.account_id) == account_id,
            col(ContactRelease.supplier_id).in_(supplier_ids),
        )
    )
    return set(found.scalars())


def etag(row: Supplier) -> str:
    return f'"{row.updated_at.isoformat()}"'


def parse_etag(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip().removeprefix("W/").strip('"')
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise Stale("If-Match must be the ETag returned when you read the supplier") from None


def public_view(row: Supplier, with_contacts: bool) -> SupplierPublic:
    if with_contacts:
        return SupplierPrivate.model_validate(row, from_attributes=True)
    return SupplierPublic.model_validate(row, from_attributes=True)
