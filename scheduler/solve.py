"""`solve(event)`: the public entry point from an event to a schedule."""

from __future__ import annotations

import math
import time

from scheduler import maxsat
from scheduler.domains import meeting_domains
from scheduler.event import Event
from scheduler.explain import infeasibility_reason, precheck, unscheduled_reasons
from scheduler.greedy import greedy_slots
from scheduler.model import SlotModel, build_model
from scheduler.result import Breaks, Schedule
from scheduler.search import Progress, Tier, hint_slots, run, set_lexicographic_objective
from scheduler.tables import assign_tables

CPSAT_SHARE = 0.5  # of the time limit, when the MaxSAT engine can take over


def solve(
    event: Event,
    *,
    time_limit: float | None = 60.0,
    workers: int = 2,
    hint: Schedule | None = None,
    progress: Progress | None = None,
    explain_infeasible: bool = True,
) -> Schedule:
    """The best schedule found: every mandatory meeting, then the most optional priority,
    then the fewest breaks, under the fairness cap. `status` says whether it is proven optimal.

    CP-SAT (core-based search plus LNS) runs first. When it has no proof by half the time limit
    and PySAT is installed, the rest of the time goes to the MaxSAT engine (scheduler.maxsat),
    which either proves an optimum or leaves CP-SAT's best schedule standing.

    An infeasible event is re-solved without each rule set to say which one is to blame, unless
    `explain_infeasible` is False (benchmarks, where only the verdict matters)."""
    started = time.monotonic()
    domains = meeting_domains(event)
    reason = precheck(event, domains)
    if reason is not None:
        why = reason
        if explain_infeasible:
            why += f"; {infeasibility_reason(event, workers=workers)}"
        return infeasible(event, why, time.monotonic() - started)
    sm = build_model(event, domains)
    set_lexicographic_objective(sm, objective_tiers(sm))
    position = event.slot_index()
    if hint is not None:
        hint_slots(
            sm, {a.meeting: position[a.slot] for a in hint.assignments if a.slot in position}
        )
    else:
        hint_slots(sm, greedy_slots(event, domains))
    second_engine = (
        time_limit is not None and maxsat.available() and maxsat.supports(event, domains)
    )
    first_limit = time_limit * CPSAT_SHARE if second_engine and time_limit else time_limit
    outcome = run(sm, time_limit=first_limit, workers=workers, progress=progress)
    if second_engine and time_limit and outcome.status in {"feasible", "unknown"}:
        # CP-SAT has a bound but no proof: the MaxSAT engine often closes the gap quickly.
        if progress is not None:
            progress(CPSAT_SHARE, "no proof yet; trying the MaxSAT engine")
        left = time_limit - (time.monotonic() - started)
        proven = maxsat.maxsat_slots(event, domains, left)
        if proven is not None:
            schedule = schedule_from_slots(
                event, proven, status="optimal", seconds=time.monotonic() - started
            )
            schedule.breaks_bound = schedule.breaks.total
            return schedule
    if outcome.status in {"optimal", "feasible"}:
        return schedule_from_slots(
            event,
            outcome.slots,
            status="optimal" if outcome.status == "optimal" else "feasible",
            seconds=time.monotonic() - started,
            breaks_bound=breaks_bound(sm, outcome.bound),
        )
    if outcome.status == "infeasible":
        why = "no schedule satisfies every rule"
        if explain_infeasible:
            why = infeasibility_reason(event, workers=workers)
    else:
        why = (
            f"no schedule found within the time limit of {time_limit:g} s;"
            " this does not prove that none exists, try a longer time limit"
        )
    return infeasible(event, why, time.monotonic() - started)


def objective_tiers(sm: SlotModel) -> list[Tier]:
    """Most important first: optional priority left out, then breaks."""
    breaks = [(1, lit) for lits in sm.at_least.values() for lit in lits]
    return [sm.missed_priority, breaks]


def breaks_bound(sm: SlotModel, bound: float) -> int | None:
    """The proven lower bound on total breaks, when no optional meeting muddles the objective."""
    if sm.missed_priority:
        return None
    return math.ceil(bound - 1e-6)


def infeasible(event: Event, reason: str, seconds: float) -> Schedule:
    return Schedule(
        event_id=event.event_id,
        status="infeasible",
        assignments=[],
        unscheduled=[],
        breaks=Breaks(total=0, per_participant={}),
        solve_seconds=round(seconds, 3),
        reason=reason,
    )


def schedule_from_slots(
    event: Event,
    slots: dict[str, int],
    *,
    status: str,
    seconds: float,
    breaks_bound: int | None = None,
) -> Schedule:
    """A full schedule from meeting → slot position: tables, breaks, reasons for left-outs."""
    slot_ids = [s.id for s in event.slots]
    assignments = assign_tables(event, [(m, slot_ids[t]) for m, t in slots.items()])
    order = {m.id: i for i, m in enumerate(event.meetings)}
    assignments.sort(key=lambda a: (slot_ids.index(a.slot), order[a.meeting]))
    per_participant = _breaks_by_runs(event, slots)
    return Schedule(
        event_id=event.event_id,
        status="optimal" if status == "optimal" else "feasible",
        assignments=assignments,
        unscheduled=unscheduled_reasons(event, slots),
        breaks=Breaks(total=sum(per_participant.values()), per_participant=per_participant),
        solve_seconds=round(seconds, 3),
        breaks_bound=breaks_bound,
    )


def _breaks_by_runs(event: Event, slots: dict[str, int]) -> dict[str, int]:
    # Deliberately not the validator's counter: count busy runs per participant, breaks = runs - 1.
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
