"""A fast greedy schedule: the solver's first hint and the benchmark's baseline.

Slots are filled in time order. In each slot the meetings that cannot wait (fixed there, last
open slot, a participant with no slack left) go first, then meetings that keep a participant's
run of meetings going (no new break), then the busiest participants. A local repair then fits in
what the sweep left out and cuts breaks; a meeting may still be left out when no single move
makes room for it.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from scheduler.domains import PRECEDENCES, Domains
from scheduler.event import Event, Meeting
from scheduler.repair import Placement, complete, improve
from scheduler.tables import shared_capacity

POLISH_SECONDS = 2.0
RETRIES = 8
JITTER = 5.0  # urgency points: reorders meetings of similar urgency, never "now or never" ones


def greedy_slots(
    event: Event, domains: Domains, *, polish_seconds: float = POLISH_SECONDS
) -> dict[str, int]:
    """Meeting id → slot position for the meetings the greedy could place.

    The sweep's schedule is then repaired (scheduler.repair): left-out meetings are fitted in
    by moving other meetings, and meetings move or swap while that cuts breaks. While meetings
    are still left out, the sweep is retried with its ties broken at random (seeded, so the
    result is repeatable), within about `polish_seconds` in all; the best attempt wins."""
    deadline = time.monotonic() + polish_seconds
    best: Placement | None = None
    for attempt in range(RETRIES + 1):
        noise = random.Random(attempt) if attempt else None
        placement = Placement(event, domains, _sweep(event, domains, noise))
        complete(placement)
        improve(placement, max(deadline - time.monotonic(), 0.0) / 2)
        complete(placement)
        if best is None or _rank(placement) < _rank(best):
            best = placement
        everything = len(best.slot) == len(event.meetings) and _rank(best)[2] == 0
        if everything or time.monotonic() >= deadline:
            break
    assert best is not None
    return dict(best.slot)


def _rank(placement: Placement) -> tuple[int, float, int, int]:
    """Lower is better: mandatory meetings left out, priority left out, breaks above the
    fairness cap, breaks."""
    held = placement.slot
    missed_mandatory = sum(1 for m in placement.mandatory if m not in held)
    missed = sum(p for m, p in placement.priority.items() if m not in held)
    return missed_mandatory, missed, *placement.score(placement.busy)


def _sweep(event: Event, domains: Domains, noise: random.Random | None) -> dict[str, int]:
    """Fill slots in time order; with `noise`, near-equal urgencies are ordered at random."""
    meetings = {m.id: m for m in event.meetings}
    counted, capacity = shared_capacity(event)
    n_slots = len(event.slots)
    left = {p: len(ms) for p, ms in domains.meetings_of.items()}
    busy_prev: set[str] = set()
    started: set[str] = set()
    placed: dict[str, int] = {}
    waiting = [m.id for m in event.meetings if domains.open_slots[m.id]]
    for t in range(n_slots):
        open_left = {
            p: sum(1 for s in range(t, n_slots) if s not in domains.blocked[p]) for p in left
        }

        def ready(meeting_id: str, t: int = t) -> bool:
            if t not in domains.open_slots[meeting_id]:
                return False
            if PRECEDENCES in domains.relaxed:
                return True
            return all(placed.get(b, n_slots) < t for b in meetings[meeting_id].after)

        state = _SlotState(t, open_left, left, busy_prev, started)
        candidates = sorted(
            (m for m in waiting if ready(m)),
            key=lambda m: (
                _urgency(meetings[m], domains, state) + (noise.uniform(0, JITTER) if noise else 0.0)
            ),
            reverse=True,
        )
        taken: set[str] = set()
        used = 0
        for meeting_id in candidates:
            people = set(meetings[meeting_id].participants)
            if people & taken:
                continue
            if meeting_id in counted:
                if used >= capacity:
                    continue
                used += 1
            taken |= people
            placed[meeting_id] = t
        for meeting_id in placed:
            if placed[meeting_id] == t:
                for p in meetings[meeting_id].participants:
                    left[p] -= 1
        waiting = [m for m in waiting if m not in placed]
        busy_prev = taken
        started |= taken
    return placed


@dataclass
class _SlotState:
    t: int
    open_left: dict[str, int]  # slots from t on that each participant can attend
    left: dict[str, int]  # meetings each participant still has to place
    busy_prev: set[str]
    started: set[str]


def _urgency(meeting: Meeting, domains: Domains, state: _SlotState) -> float:
    score = 0.0
    if meeting.fixed_slot is not None or state.t == domains.open_slots[meeting.id][-1]:
        score += 1000  # now or never
    for p in meeting.participants:
        if state.open_left[p] - state.left[p] <= 0:
            score += 100  # no slack left for this participant
        if p in state.busy_prev:
            score += 10  # keeps a run of meetings going
        elif p in state.started:
            score -= 3  # resuming now or later costs the same break; let others go first
        score += state.left[p] / max(state.open_left[p], 1)
    return score + (0 if meeting.mandatory else -50)
