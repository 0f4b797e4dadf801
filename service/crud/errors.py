"""What crud functions raise; `service.app` maps each to one HTTP status."""

from __future__ import annotations


class CrudError(Exception):
    status_code = 400

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class NotFound(CrudError):
    """Unknown id, or an id the caller may not see (the two must look the same)."""

    status_code = 404


class Forbidden(CrudError):
    status_code = 403


class Conflict(CrudError):
    status_code = 409


class Stale(CrudError):
    """An If-Match precondition failed: someone else changed the record first."""

    status_code = 412


class Invalid(CrudError):
    """Field values the API cannot accept; each problem names its field."""

    status_code = 422

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in problems))
