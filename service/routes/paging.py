"""Pagination shared by every list endpoint."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Path, Query
from pydantic import BaseModel

T = TypeVar("T")

Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (at most 500).")]


class Page(BaseModel, Generic[T]):
    """One page of a list. `total` counts only what the caller is allowed to see."""

    total: int
    offset: int
    limit: int
    items: list[T]


# Row ids in paths: anything outside the database's integer range cannot exist.
RowId = Annotated[int, Path(ge=1, le=2_147_483_647)]
