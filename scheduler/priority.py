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
from scheduler.repair import Placement, improve
from scheduler.search import Progress, hint_slots, run, set_lexicographic_objective


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
    hint_seconds: float = 0.0,
) -> PriorityStage:
    """Hold as much optional priority as the rules allow; `start` is a candidate schedule.

    A `start` that holds every meeting fairly settles the stage at once (nothing is missed).
    An unproven answer is never worse than a `start` that keeps every rule: on the 18-slot
    benchmark event CP-SAT could not complete a slots-only hint and, after 18 s, held 328
    meetings where the greedy start held 450.
    """
    usable = is_fair(event, start) and all(m.id in start for m in event.meetings if m.mandatory)
    if len(start) == len(event.meetings) and usable:
        return PriorityStage("optimal", 0, dict(start))
    sm = build_model(event, domains, with_breaks=event.fairness is not None)
    sm.model.minimize(sm.missed_expr())
    hint_slots(sm, start, complete_within=hint_seconds)
    outcome = run(sm, time_limit=time_limit, workers=workers, progress=progress)
    stage = PriorityStage(outcome.status, missed_priority(event, outcome.slots), outcome.slots)
    if outcome.status in {"feasible", "unknown"} and usable:
        if not outcome.slots or missed_priority(event, start) < stage.missed:
            return PriorityStage("feasible", missed_priority(event, start), dict(start))
    return stage


def missed_priority(event: Event, slots: dict[str, int]) -> int:
    """Priority (in model units) of the optional meetings that `slots` leaves out."""
    return sum(priority_weight(m) for m in event.meetings if m.id not in slots and not m.mandatory)


def raise_priority(
    event: Event,
    domains: Domains,
    stage: PriorityStage,
    *,
    time_limit: float,
    workers: int,
    hint_seconds: float,
    polish_seconds: float,
) -> PriorityStage:
    """After an unproven priority stage: more priority, then a schedule with fewer breaks.

    Priority then breaks as one weighted sum for `time_limit` (an "optimal" answer proves the
    whole objective), then local moves that cut breaks. The caller then minimises breaks alone
    with the priority found kept; run as one weighted sum to the end, the breaks were poor
    (120–144 where the greedy had 75–86 on the 18-slot benchmark event).
    """
    sm = build_model(event, domains)
    breaks = [(1, lit) for lits in sm.at_least.values() for lit in lits]
    set_lexicographic_objective(sm, [sm.missed_priority, breaks])
    hint_slots(sm, stage.slots, complete_within=hint_seconds)
    outcome = run(sm, time_limit=time_limit, workers=workers)
    best = stage
    if outcome.status in {"optimal", "feasible"}:
        missed = missed_priority(event, outcome.slots)
        if missed <= stage.missed:
            best = PriorityStage(outcome.status, missed, outcome.slots)
    if best.status == "optimal":
        return best
    return PriorityStage(
        "feasible", best.missed, polish(event, domains, best.slots, polish_seconds)
    )


def polish(event: Event, domains: Domains, slots: dict[str, int], seconds: float) -> dict[str, int]:
    """The same meetings, moved or swapped while that cuts breaks (scheduler.repair)."""
    placement = Placement(event, domains, slots)
    improve(placement, seconds)
    return dict(placement.slot)


def cap_missed(sm: SlotModel, missed: int) -> None:
    """Keep the settled priority: the breaks stage may not leave out more than `missed`."""
    if sm.missed_priority:
        sm.model.add(sm.missed_expr() <= missed)
