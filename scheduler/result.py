"""The schedule the solver returns (contract section 5 output)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from matcher.errors import EventError
from scheduler.event import problems_message, pydantic_problems, read_json

Status = Literal["optimal", "feasible", "infeasible"]


class Assignment(BaseModel):
    """A meeting placed in a slot at a table."""

    meeting: str
    slot: str
    table: str


class Unscheduled(BaseModel):
    """An optional meeting left out, with the reason in plain words."""

    meeting: str
    reason: str


class Breaks(BaseModel):
    """Idle gaps between a participant's meetings (one gap counts once, however long)."""

    total: int
    per_participant: dict[str, int]


class Change(BaseModel):
    """One change to an agenda made when re-scheduling on the day."""

    meeting: str
    kind: Literal["moved", "dropped", "added"]
    before: Assignment | None = None
    after: Assignment | None = None
    description: str


class Schedule(BaseModel):
    """The solver's answer; `reason` explains an infeasible event."""

    event_id: str
    status: Status
    assignments: list[Assignment]
    unscheduled: list[Unscheduled] = Field(default_factory=list)
    breaks: Breaks
    solve_seconds: float
    reason: str | None = None
    # Extensions: the proven lower bound on total breaks, changes after re-scheduling, and the
    # digest of the event the schedule was made for (scheduler.digest).
    breaks_bound: int | None = None
    changes: list[Change] = Field(default_factory=list)
    event_digest: str | None = None

    def slot_of(self) -> dict[str, str]:
        """Meeting id → slot id for every assigned meeting."""
        return {a.meeting: a.slot for a in self.assignments}


def load_schedule(source: Path | str | dict[str, Any]) -> Schedule:
    """Read a schedule from a JSON file path, a JSON string or a dict; raise EventError if bad."""
    data = read_json(source, "schedule")
    try:
        return Schedule.model_validate(data)
    except ValidationError as error:
        raise EventError(problems_message(pydantic_problems(error), "schedule")) from None
