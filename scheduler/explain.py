"""Plain-word reasons: why a meeting was left out, why an event cannot be scheduled."""

from __future__ import annotations

import time
from itertools import combinations

from scheduler.domains import (
    CONSTRAINT_SETS,
    FAIRNESS,
    FIXED,
    PRECEDENCES,
    SESSIONS,
    UNAVAILABLE,
    Domains,
    meeting_domains,
    session_ok,
)
from scheduler.event import Event, Meeting
from scheduler.model import build_model
from scheduler.result import Unscheduled
from scheduler.search import run
from scheduler.tables import shared_capacity

RELAXATION_SECONDS = 10.0


def _names(people: list[str]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


def no_slot_reason(event: Event, meeting: Meeting, blocked: dict[str, set[int]]) -> str:
    """Why a meeting has no open slot at all, naming the participants or rule responsible."""
    people = meeting.participants
    common = [t for t in range(len(event.slots)) if not any(t in blocked[p] for p in people)]
    if not common:
        return f"{_names(people)} share no available slot"
    in_session = [t for t in common if session_ok(meeting, event.slots[t].session, frozenset())]
    if not in_session:
        return f"{_names(people)} share no available slot in session {meeting.session!r}"
    if meeting.fixed_slot is not None:
        fixed = event.slot_index()[meeting.fixed_slot]
        absent = [p for p in people if fixed in blocked[p]]
        if absent:
            return f"it is fixed to {meeting.fixed_slot}, which {_names(absent)} cannot attend"
        if fixed not in in_session:
            return f"it is fixed to {meeting.fixed_slot}, outside its session {meeting.session!r}"
    return "its 'after' order leaves no slot: the meetings it follows or precedes fill the room"


def precheck(event: Event, domains: Domains) -> str | None:
    """Cheap reasons a schedule cannot exist, before any search; None when none is found."""
    problems = []
    for meeting in event.meetings:
        if meeting.mandatory and not domains.open_slots[meeting.id]:
            problems.append(
                f"mandatory meeting {meeting.id} cannot be held:"
                f" {no_slot_reason(event, meeting, domains.blocked)}"
            )
    mandatory = {m.id for m in event.meetings if m.mandatory}
    for person, meeting_ids in domains.meetings_of.items():
        needed = sum(1 for m in meeting_ids if m in mandatory)
        usable = {t for m in meeting_ids if m in mandatory for t in domains.open_slots[m]}
        if needed > len(usable) and usable:
            problems.append(
                f"{person} has {needed} mandatory meetings but only {len(usable)}"
                f" slot{'s' if len(usable) != 1 else ''} they can be held in"
            )
    counted, capacity = shared_capacity(event)
    shared_needed = len(mandatory & counted)
    if shared_needed > capacity * len(event.slots):
        problems.append(
            f"{shared_needed} mandatory meetings need a shared table but {len(event.slots)} slots"
            f" × {capacity} tables hold only {capacity * len(event.slots)}"
        )
    return "; ".join(problems) if problems else None


def _present_sets(event: Event) -> list[str]:
    present = {
        FAIRNESS: event.fairness is not None,
        PRECEDENCES: any(m.after for m in event.meetings),
        FIXED: any(m.fixed_slot for m in event.meetings),
        SESSIONS: any(m.session for m in event.meetings),
        UNAVAILABLE: any(p.unavailable for p in event.participants),
    }
    return [name for name in CONSTRAINT_SETS if present[name]]


def infeasibility_reason(event: Event, *, workers: int = 2, budget: float = 60.0) -> str:
    """Which constraint sets make the event infeasible: the smallest whose removal fixes it.

    Re-solves the event without each set, then each pair, and so on, within `budget` seconds.
    """
    present = _present_sets(event)
    deadline = time.monotonic() + budget
    for size in range(1, len(present) + 1):
        for removed in combinations(present, size):
            left = deadline - time.monotonic()
            if left <= 0:
                return (
                    "no schedule exists, and the time budget ran out before finding which rules"
                    f" ({', '.join(present)}) cause it"
                )
            relaxed = frozenset(removed)
            domains = meeting_domains(event, relaxed)
            if precheck(event, domains) is not None:
                continue
            needs_breaks = event.fairness is not None and FAIRNESS not in relaxed
            sm = build_model(event, domains, with_breaks=needs_breaks)
            outcome = run(sm, time_limit=min(RELAXATION_SECONDS, left), workers=workers)
            if outcome.status in {"optimal", "feasible"}:
                listed = " + ".join(removed)
                return (
                    f"the event's {listed} make it infeasible:"
                    f" without the {listed} every mandatory meeting fits"
                )
    tables = shared_capacity(event)[1]
    return (
        "the mandatory meetings do not fit into"
        f" {len(event.slots)} slots × {tables} tables without double-booking someone,"
        " even ignoring " + (", ".join(present) if present else "nothing else")
    )


def unscheduled_reasons(event: Event, slots: dict[str, int]) -> list[Unscheduled]:
    """An `Unscheduled` entry for every optional meeting left out of `slots`."""
    domains = meeting_domains(event)
    busy: dict[str, dict[int, str]] = {p.id: {} for p in event.participants}
    per_slot: dict[int, int] = {}
    counted, capacity = shared_capacity(event)
    for meeting in event.meetings:
        if meeting.id in slots:
            for person in meeting.participants:
                busy[person][slots[meeting.id]] = meeting.id
            if meeting.id in counted:
                per_slot[slots[meeting.id]] = per_slot.get(slots[meeting.id], 0) + 1
    result = []
    for meeting in event.meetings:
        if meeting.id in slots:
            continue
        reason = _left_out_reason(event, meeting, domains, busy, per_slot, capacity, slots)
        result.append(Unscheduled(meeting=meeting.id, reason=reason))
    return result


def _left_out_reason(
    event: Event,
    meeting: Meeting,
    domains: Domains,
    busy: dict[str, dict[int, str]],
    per_slot: dict[int, int],
    capacity: int,
    slots: dict[str, int],
) -> str:
    open_slots = domains.open_slots[meeting.id]
    if not open_slots:
        return no_slot_reason(event, meeting, domains.blocked)
    for person in meeting.participants:
        if all(t in busy[person] for t in open_slots):
            attendable = [t for t in range(len(event.slots)) if t not in domains.blocked[person]]
            where = (
                "it can attend" if set(open_slots) == set(attendable) else "this meeting could use"
            )
            return f"{person} already has a meeting in every slot {where}"
    free = [t for t in open_slots if not any(t in busy[p] for p in meeting.participants)]
    if not free:
        return (
            f"in every slot {_names(meeting.participants)} could share,"
            " one of them already has another meeting"
        )
    roomy = [t for t in free if per_slot.get(t, 0) < capacity]
    if not roomy:
        return (
            f"every slot where {_names(meeting.participants)} are all free already uses every table"
        )
    position = slots
    ordered = [t for t in roomy if all(position.get(b, -1) < t for b in meeting.after)]
    ordered = [
        t
        for t in ordered
        if all(
            position.get(m.id, len(event.slots)) > t
            for m in event.meetings
            if meeting.id in m.after
        )
    ]
    if not ordered:
        return "no free slot with a free table respects its 'after' order"
    if event.fairness is not None:
        return (
            f"fitting it in would break the fairness cap of {event.fairness} breaks"
            " or push out meetings of higher priority"
        )
    return "fitting it in would push out meetings of equal or higher priority"
