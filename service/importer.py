"""Supplier import: validate everything, then write everything in one transaction.

A file with any bad row writes nothing (unless the organizer asks to skip bad rows). The write
is one transaction, so an interrupted import (even kill -9) leaves the database as it was.
Rows are upserted on `supplier_id` with the database's own ON CONFLICT, so two imports of the
same sheet running at once cannot create duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from matcher.errors import RowError, SheetError
from models import AuditEvent, Supplier
from models.supplier import SupplierCreate, utcnow
from service.catalog import bump_revision
from service.sheets import ParsedSheet, parse_sheet, write_rejected

BATCH = 500
Progress = Callable[[int, int], None]  # (rows written, rows total)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[RowError] = field(default_factory=list)
    rejected_file: Path | None = None

    @property
    def imported(self) -> int:
        return self.created + self.updated


def import_suppliers(
    engine: Engine,
    path: Path | str,
    *,
    data: bytes | None = None,
    skip_invalid: bool = False,
    actor: str = "cli",
    progress: Progress | None = None,
    check_progress: Progress | None = None,
) -> ImportReport:
    """Import a supplier sheet. Raises `SheetError` (nothing written) when rows are bad and
    `skip_invalid` is off."""
    path = Path(path)
    parsed = parse_sheet(path, data, progress=check_progress)
    report = ImportReport(rejected=list(parsed.errors))
    if parsed.errors and (not skip_invalid or not parsed.rejected):
        # Header problems (no rejected rows) can never be skipped.
        raise SheetError(parsed.errors, path.name)
    if parsed.rejected and data is None:
        report.rejected_file = write_rejected(parsed, path)
    report.created, report.updated = write_suppliers(
        engine,
        parsed.suppliers,
        actor=actor,
        source=path.name,
        progress=progress,
        rejected=len(parsed.rejected),
    )
    return report


def write_suppliers(
    engine: Engine,
    suppliers: list[SupplierCreate],
    *,
    actor: str,
    source: str,
    progress: Progress | None = None,
    rejected: int = 0,
) -> tuple[int, int]:
    """Upsert suppliers in one transaction; returns (created, updated)."""
    now = utcnow()
    rows = [_row(s, now) for s in suppliers]
    with Session(engine) as session, session.begin():
        ids = [r["supplier_id"] for r in rows]
        existing: set[str] = set()
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            found = session.execute(
                select(col(Supplier.supplier_id)).where(col(Supplier.supplier_id).in_(chunk))
            )
            existing.update(found.scalars())
        insert = _upsert_statement(engine)
        for start in range(0, len(rows), BATCH):
            session.execute(insert, rows[start : start + BATCH])
            if progress is not None:
                progress(min(start + BATCH, len(rows)), len(rows))
        bump_revision(session)
        created = len(set(ids) - existing)
        session.add(
            AuditEvent(
                actor=actor,
                action="import_suppliers",
                target=source,
                detail={"created": created, "updated": len(rows) - created, "rejected": rejected},
            )
        )
    return created, len(rows) - created


def _row(supplier: SupplierCreate, now: Any) -> dict[str, Any]:
    values = supplier.model_dump()
    values["created_at"] = now
    values["updated_at"] = now
    return values


def _upsert_statement(engine: Engine) -> Any:
    table = Supplier.__table__  # type: ignore[attr-defined]
    from sqlalchemy.dialects import postgresql, sqlite

    statement: Any
    if engine.dialect.name == "postgresql":
        statement = postgresql.insert(table)
    elif engine.dialect.name == "sqlite":
        statement = sqlite.insert(table)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"unsupported database {engine.dialect.name}")
    updated = {
        c.name: statement.excluded[c.name]
        for c in table.columns
        if c.name not in ("id", "supplier_id", "created_at")
    }
    return statement.on_conflict_do_update(index_elements=["supplier_id"], set_=updated)


__all__ = ["ImportReport", "ParsedSheet", "import_suppliers", "write_suppliers"]
