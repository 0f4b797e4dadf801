"""One page of a filtered table and the total behind it, for every list the API shows."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

Row = TypeVar("Row", bound=SQLModel)


def page_of(
    session: Session,
    table: type[Row],
    conditions: list[Any],
    order_by: Any,
    offset: int,
    limit: int,
) -> tuple[int, list[Row]]:
    """(how many rows match `conditions`, the rows from `offset`, at most `limit`). The total
    counts only matching rows, so a list never hints at rows the caller may not see."""
    total = session.execute(select(func.count()).select_from(table).where(*conditions)).scalar()
    rows = session.execute(
        select(table).where(*conditions).order_by(order_by).offset(offset).limit(limit)
    )
    return int(total or 0), list(rows.scalars())
