"""The supplier catalogue as the engine sees it, cached until a supplier changes."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from models import CatalogState, Supplier
from models.supplier import to_record

if TYPE_CHECKING:
    from matcher.index import SupplierIndex


def bump_revision(session: Session) -> None:
    """Mark the catalogue changed (call inside the transaction that changes suppliers)."""
    result: Any = session.execute(
        update(CatalogState)
        .where(col(CatalogState.id) == 1)
        .values(revision=col(CatalogState.revision) + 1)
    )
    if result.rowcount == 0:
        session.add(CatalogState(id=1, revision=1))


def current_revision(session: Session) -> int:
    value = session.execute(
        select(col(CatalogState.revision)).where(col(CatalogState.id) == 1)
    ).scalar()
    return int(value or 0)


_lock = threading.Lock()
_cache: dict[str, tuple[int, SupplierIndex]] = {}


def load_index(engine: Engine, *, revision: int | None = None) -> SupplierIndex:
    """The engine's index of every stored supplier; rebuilt only when the catalogue changed.

    A caller that has just read the catalogue `revision` passes it to save a query.
    """
    from matcher.index import SupplierIndex

    key = str(engine.url)
    if revision is None:
        with Session(engine) as session:
            revision = current_revision(session)
    cached = _cache.get(key)
    if cached is not None and cached[0] == revision:
        return cached[1]
    with _lock, Session(engine) as session:
        # Read again under the lock: another thread may have just built it, or the catalogue
        # may have moved on since `revision` was read.
        revision = current_revision(session)
        cached = _cache.get(key)
        if cached is None or cached[0] != revision:
            rows = session.execute(select(Supplier).order_by(col(Supplier.id))).scalars().all()
            cached = (revision, SupplierIndex.build([to_record(r) for r in rows]))
            _cache[key] = cached
        return cached[1]


def clear_cache() -> None:
    _cache.clear()
