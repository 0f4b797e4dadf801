"""Which slots each meeting may use, before any solving.

A slot is open to a meeting when every participant can attend it, it lies in the meeting's session,
it is the meeting's fixed slot (if any), and precedence chains of mandatory meetings leave room
before and after it. `relaxed` names constraint sets to ignore, for explaining infeasible events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scheduler.event import Event, Meeting

FAIRNESS = "fairness"
PRECEDENCES = "precedences"
FIXED = "fixed slots"
SESSIONS = "sessions"
UNAVAILABLE = "unavailable slots"
CONSTRAINT_SETS = (FAIRNESS, PRECEDENCES, FIXED, SESSIONS, UNAVAILABLE)


@dataclass
class Domains:
    """Open slot positions per meeting, plus the facts the model and explanations reuse."""

    open_slots: dict[str, list[int]]
    blocked: dict[str, set[int]]  # participant → slot positions it cannot attend
    meetings_of: dict[str, list[str]] = field(default_factory=dict)
    relaxed: frozenset[str] = frozenset()


def session_ok(meeting: Meeting, slot_session: str | None, relaxed: frozenset[str]) -> bool:
    return SESSIONS in relaxed or meeting.session is None or meeting.session == slot_session


def meeting_domains(event: Event, relaxed: frozenset[str] = frozenset()) -> Domains:
    """Open slots for every meeting under the event's rules minus the `relaxed` sets."""
    position = event.slot_index()
    blocked = {
        p.id: set() if UNAVAILABLE in relaxed else {position[s] for s in p.unavailable}
        for p in event.participants
    }
    open_slots: dict[str, list[int]] = {}
    for meeting in event.meetings:
        cannot = set().union(*(blocked[p] for p in meeting.participants))
        slots = [
            t
            for t, slot in enumerate(event.slots)
            if t not in cannot and session_ok(meeting, slot.session, relaxed)
        ]
        if meeting.fixed_slot is not None and FIXED not in relaxed:
            fixed = position[meeting.fixed_slot]
            slots = [t for t in slots if t == fixed]
        open_slots[meeting.id] = slots
    if PRECEDENCES not in relaxed:
        _trim_by_precedence(event, open_slots)
    meetings_of: dict[str, list[str]] = {p.id: [] for p in event.participants}
    for meeting in event.meetings:
        for person in meeting.participants:
            meetings_of[person].append(meeting.id)
    return Domains(open_slots, blocked, meetings_of, relaxed)


def topological_order(event: Event) -> list[Meeting]:
    """Meetings ordered so that every meeting comes after those in its `after` list."""
    by_id = {m.id: m for m in event.meetings}
    done: set[str] = set()
    order: list[Meeting] = []

    def visit(meeting: Meeting) -> None:
        stack = [(meeting, iter(meeting.after))]
        done.add(meeting.id)
        while stack:
            current, children = stack[-1]
            child = next((c for c in children if c in by_id and c not in done), None)
            if child is None:
                order.append(current)
                stack.pop()
            else:
                done.add(child)
                stack.append((by_id[child], iter(by_id[child].after)))

    for meeting in event.meetings:
        if meeting.id not in done:
            visit(meeting)
    return order


def _trim_by_precedence(event: Event, open_slots: dict[str, list[int]]) -> None:
    # Only mandatory predecessors are sure to take a slot, so only they push bounds.
    order = topological_order(event)
    mandatory = {m.id for m in event.meetings if m.mandatory}
    earliest = {m.id: min(open_slots[m.id], default=len(event.slots)) for m in order}
    for meeting in order:
        for before in meeting.after:
            if before in mandatory:
                earliest[meeting.id] = max(earliest[meeting.id], earliest[before] + 1)
    latest = {m.id: max(open_slots[m.id], default=-1) for m in order}
    for meeting in reversed(order):
        if not meeting.mandatory:
            continue
        for before in meeting.after:
            latest[before] = min(latest[before], latest[meeting.id] - 1)
    for meeting in order:
        open_slots[meeting.id] = [
            t for t in open_slots[meeting.id] if earliest[meeting.id] <= t <= latest[meeting.id]
        ]
