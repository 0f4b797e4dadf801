"""The event to schedule (contract section 5): slots, tables, participants, meetings.

Building an `Event` checks every cross-reference before any solving starts, and reports all
problems at once in a `matcher.errors.EventError` that names each bad item.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from matcher.errors import EventError


class Slot(BaseModel):
    """One time slot; slots are listed in time order."""

    id: str
    start: datetime | None = None
    end: datetime | None = None
    session: str | None = None


class Participant(BaseModel):
    """A buyer, supplier or anyone else who attends meetings."""

    id: str
    name: str = ""
    role: str = ""
    unavailable: list[str] = Field(default_factory=list)
    organization: str | None = None
    regency: str | None = None
    products: str | None = None
    table: str | None = None  # a buyer's fixed table, when the organizer sets it


class Meeting(BaseModel):
    """A requested meeting between two or more participants."""

    id: str
    participants: list[str]
    session: str | None = None
    fixed_slot: str | None = None
    after: list[str] = Field(default_factory=list)
    priority: float = 1.0
    mandatory: bool = True


class Event(BaseModel):
    """Everything the scheduler needs; validated on construction."""

    event_id: str
    fairness: int | None = None
    slots: list[Slot]
    tables: list[str]
    participants: list[Participant]
    meetings: list[Meeting]
    one_table_per_buyer: bool = False

    @field_validator("tables", mode="before")
    @classmethod
    def _tables_from_count(cls, value: Any) -> Any:
        # The contract allows a plain number of tables: 3 means T1, T2, T3.
        if isinstance(value, int) and not isinstance(value, bool):
            return [f"T{i}" for i in range(1, value + 1)]
        return value

    @model_validator(mode="after")
    def _check_references(self) -> Event:
        problems = event_problems(self)
        if problems:
            raise EventError(problems_message(problems))
        return self

    def slot_index(self) -> dict[str, int]:
        """Position of each slot id in time order."""
        return {slot.id: i for i, slot in enumerate(self.slots)}

    def participant(self, participant_id: str) -> Participant:
        return next(p for p in self.participants if p.id == participant_id)

    def meeting(self, meeting_id: str) -> Meeting:
        return next(m for m in self.meetings if m.id == meeting_id)

    def buyers_with_meetings(self) -> list[str]:
        """Buyers (role "buyer") that have at least one meeting, in participant order."""
        in_meetings = {p for m in self.meetings for p in m.participants}
        return [p.id for p in self.participants if is_buyer(p) and p.id in in_meetings]


def is_buyer(participant: Participant) -> bool:
    return participant.role.strip().lower() in {"buyer", "pembeli"}


def _duplicates(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for item in ids:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    return repeated


def event_problems(event: Event) -> list[str]:
    """Every problem in the event, in plain words; empty when the event is usable."""
    problems: list[str] = []
    slot_ids = [s.id for s in event.slots]
    participant_ids = [p.id for p in event.participants]
    meeting_ids = [m.id for m in event.meetings]
    for kind, ids in (
        ("slot", slot_ids),
        ("table", event.tables),
        ("participant", participant_ids),
        ("meeting", meeting_ids),
    ):
        for dup in _duplicates(ids):
            problems.append(f"{kind} id {dup!r} appears more than once")
    if not event.slots:
        problems.append("the event has no slots")
    if not event.tables:
        problems.append("the event has no tables")
    if event.fairness is not None and event.fairness < 0:
        problems.append(f"fairness must be 0 or more, not {event.fairness}")

    known_slots = set(slot_ids)
    known_people = set(participant_ids)
    known_meetings = set(meeting_ids)
    sessions = {s.session for s in event.slots if s.session is not None}
    for person in event.participants:
        for slot in person.unavailable:
            if slot not in known_slots:
                problems.append(
                    f"participant {person.id}: unavailable slot {slot!r} does not exist"
                )
        if person.table is not None and person.table not in event.tables:
            problems.append(f"participant {person.id}: table {person.table!r} does not exist")
    for dup in _duplicates([p.table for p in event.participants if p.table is not None]):
        owners = ", ".join(p.id for p in event.participants if p.table == dup)
        problems.append(f"table {dup!r} is given to more than one participant ({owners})")

    for meeting in event.meetings:
        problems.extend(_meeting_problems(meeting, known_people, known_slots, known_meetings))
        if meeting.session is not None and meeting.session not in sessions:
            problems.append(
                f"meeting {meeting.id}: no slot has session {meeting.session!r}"
                f" (sessions: {', '.join(sorted(sessions)) or 'none'})"
            )
    cycle = precedence_cycle(event.meetings)
    if cycle:
        problems.append("precedences form a cycle: " + " → ".join(cycle))
    problems.extend(_table_problems(event))
    return problems


def _meeting_problems(
    meeting: Meeting, people: set[str], slots: set[str], meetings: set[str]
) -> list[str]:
    problems: list[str] = []
    if len(set(meeting.participants)) < 2:
        problems.append(f"meeting {meeting.id}: needs at least two different participants")
    for dup in _duplicates(meeting.participants):
        problems.append(f"meeting {meeting.id}: participant {dup} is listed twice")
    for person in meeting.participants:
        if person not in people:
            problems.append(f"meeting {meeting.id}: unknown participant {person!r}")
    if meeting.fixed_slot is not None and meeting.fixed_slot not in slots:
        problems.append(f"meeting {meeting.id}: fixed slot {meeting.fixed_slot!r} does not exist")
    for before in meeting.after:
        if before not in meetings:
            problems.append(f"meeting {meeting.id}: 'after' names unknown meeting {before!r}")
        elif before == meeting.id:
            problems.append(f"meeting {meeting.id}: cannot come after itself")
    if meeting.priority < 0:
        problems.append(f"meeting {meeting.id}: priority must be 0 or more")
    return problems


def _table_problems(event: Event) -> list[str]:
    if not event.one_table_per_buyer:
        return []
    problems: list[str] = []
    buyers = event.buyers_with_meetings()
    if len(buyers) > len(event.tables):
        problems.append(
            f"one table per buyer needs {len(buyers)} tables for {len(buyers)} buyers,"
            f" but the event has only {len(event.tables)}"
        )
    buyer_set = set(buyers)
    for meeting in event.meetings:
        in_meeting = [p for p in meeting.participants if p in buyer_set]
        if len(in_meeting) > 1:
            problems.append(
                f"meeting {meeting.id}: has {len(in_meeting)} buyers ({', '.join(in_meeting)}),"
                " but with one table per buyer each buyer stays at its own table"
            )
    return problems


def precedence_cycle(meetings: list[Meeting]) -> list[str]:
    """A cycle of `after` links as meeting ids (first id repeated at the end), or []."""
    after = {m.id: [b for b in m.after if b != m.id] for m in meetings}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in after:
        if root in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, child = stack.pop()
            if child == 0:
                state[node] = 1
                path.append(node)
            nexts = [n for n in after.get(node, []) if n in after]
            if child < len(nexts):
                stack.append((node, child + 1))
                nxt = nexts[child]
                if state.get(nxt) == 1:
                    return path[path.index(nxt) :] + [nxt]
                if nxt not in state:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return []


def problems_message(problems: list[str], what: str = "event") -> str:
    """One message listing every problem, for an EventError."""
    if len(problems) == 1:
        return f"{what} is not valid: {problems[0]}"
    listed = "\n".join(f"  - {p}" for p in problems)
    return f"{what} has {len(problems)} problems:\n{listed}"


def pydantic_problems(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "event"
        problems.append(f"{where}: {item['msg']}")
    return problems


def load_event(source: Path | str | dict[str, Any]) -> Event:
    """Read an event from a JSON file path, a JSON string or a dict; raise EventError if bad."""
    data = read_json(source, "event")
    try:
        return Event.model_validate(data)
    except ValidationError as error:
        raise EventError(problems_message(pydantic_problems(error))) from None


def read_json(source: Path | str | dict[str, Any], what: str) -> dict[str, Any]:
    if isinstance(source, dict):
        return source
    text: str
    if isinstance(source, Path) or not source.lstrip().startswith("{"):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise EventError(f"cannot read {what} file {path}: {error.strerror}") from None
    else:
        text = source
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise EventError(
            f"{what} is not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None
    if not isinstance(data, dict):
        raise EventError(f"{what} JSON must be an object with fields, not a {type(data).__name__}")
    return data
