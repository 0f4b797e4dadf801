"""One exception family for everything a user can get wrong.

Messages are written for the person at the district office, not for a programmer:
which row, which column, which field, what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass


class MitraError(Exception):
    """Base class: an error the user can fix by changing their input."""


@dataclass(frozen=True)
class RowError:
    """One problem in one cell of an uploaded sheet (row 1 is the header)."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"baris {self.row}, kolom {self.column}: {self.reason}"


class SheetError(MitraError):
    """A sheet (suppliers, outcomes) has bad rows; nothing was saved."""

    def __init__(self, errors: list[RowError], what: str = "file") -> None:
        self.errors = errors
        rows = len({e.row for e in errors})
        super().__init__(f"{len(errors)} masalah di {rows} baris {what}; tidak ada yang disimpan")


class RequirementError(MitraError):
    """A buyer requirement is malformed; `field` names the offending field."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class ProfileError(MitraError):
    """A weights profile is invalid (unknown feature, negative weight, ...)."""


class EventError(MitraError):
    """An event for scheduling is malformed; the message names the item."""
