"""First stage for events with optional meetings: the most priority that can be held at all.

The objective puts optional priority before breaks. Solved as one weighted sum, the priority
weights dwarf the break count and the bound on breaks hardly moves: a 66-meeting demo event
(all optional) stayed unproven at 3 breaks after 30 s, while the same event with its meetings
made mandatory is proven at 0 breaks in 0.2 s. So priority is settled first, and breaks are then
minimised with that priority kept. When every meeting fits (the usual case), the breaks stage
is an all-mandatory event and gets the full machinery (busy patterns, the MaxSAT engine).
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.domains import Domains
from scheduler.event import Event
from scheduler.model import SlotModel, build_model, priority_weight
from scheduler.search import Progress, hint_slots, run


@dataclass
class PriorityStage:
    """The outcome of the priority stage."""

    status: str  # "optimal" (least missed priority proven), "feasible", "infeasible", "unknown"
    missed: int  # missed priority of `slots`, in model units (priority × PRIORITY_SCALE)
    slots: dict[str, int]  # meeting → slot position of the best schedule found


def breaks_by_runs(event: Event, slots: dict[str, int]) -> dict[str, int]:
    """Breaks per participant of a slot assignment: busy runs minus one.

    Deliberately not the validator's counter, which works on assignments and sorted slots.
    """
    busy: dict[str, list[bool]] = {p.id: [False] * len(event.slots) for p in event.participants}
    for meeting in event.meetings:
        if meeting.id in slots:
            for person in meeting.participants:
                busy[person][slots[meeting.id]] = True
    result = {}
    for person, row in busy.items():
        runs = sum(1 for t, b in enumerate(row) if b and (t == 0 or not row[t - 1]))
        result[person] = max(0, runs - 1)
    return result


def is_fair(event: Event, slots: dict[str, int]) -> bool:
    """Does the assignment respect the fairness cap (most breaks − fewest breaks ≤ cap)?"""
    if event.fairness is None:
        return True
    breaks = breaks_by_runs(event, slots).values()
    return not breaks or max(breaks) - min(breaks) <= event.fairness


def all_mandatory(event: Event) -> Event:
    """The same event with every meeting required (used once all of them are known to fit)."""
    meetings = [m.model_copy(update={"mandatory": True}) for m in event.meetings]
    return event.model_copy(update={"meetings": meetings})


def settle_priority(
    event: Event,
    domains: Domains,
    start: dict[str, int],
    *,
    time_limit: float | None,
    workers: int,
    progress: Progress | None = None,
) -> PriorityStage:
    """Hold as much optional priority as the rules allow; `start` is a candidate schedule.

    A `start` that holds every meeting fairly settles the stage at once (nothing is missed).
    """
    if len(start) == len(event.meetings) and is_fair(event, start):
        return PriorityStage("optimal", 0, dict(start))
    sm = build_model(event, domains, with_breaks=event.fairness is not None)
    sm.model.minimize(sm.missed_expr())
    hint_slots(sm, start)
    outcome = run(sm, time_limit=time_limit, workers=workers, progress=progress)
    return PriorityStage(outcome.status, missed_priority(event, outcome.slots), outcome.slots)


def missed_priority(event: Event, slots: dict[str, int]) -> int:
    """Priority (in model units) of the optional meetings that `slots` leaves out."""
    return sum(priority_weight(m) for m in event.meetings if m.id not in slots and not m.mandatory)


def cap_missed(sm: SlotModel, missed: int) -> None:
    """Keep the settled priority: the breaks stage may not leave out more than `missed`."""
    if sm.missed_priority:
        sm.model.add(sm.missed_expr() <= missed)
