"""`solve(event)`: the public entry point from an event to a schedule."""

from __future__ import annotations

import math
import time

from scheduler import maxsat
from scheduler.digest import event_digest
from scheduler.domains import meeting_domains
from scheduler.event import Event
from scheduler.explain import infeasibility_reason, precheck, unscheduled_reasons
from scheduler.greedy import greedy_slots
from scheduler.model import SlotModel, build_model
from scheduler.patterns import SHORT_EVENT
from scheduler.priority import (
    PriorityStage,
    all_mandatory,
    breaks_by_runs,
    cap_missed,
    is_fair,
    missed_priority,
    raise_priority,
    settle_priority,
)
from scheduler.result import Breaks, Schedule
from scheduler.search import (
    LNS_ONLY_MEETINGS,
    Progress,
    Tier,
    hint_slots,
    run,
    set_lexicographic_objective,
)
from scheduler.tables import assign_tables

CPSAT_SHARE = 0.5  # of the breaks stage's time, when the MaxSAT engine can take over
HINT_SECONDS = 10.0  # at most, for working out the full starting point (scheduler.search)
PRIORITY_SHARE = 0.3  # of the time limit at most, for settling optional priority first
POLISH_SECONDS = 2.0  # at most, for cutting breaks by local moves after an unproven priority
WEIGHTED_SHARE = 0.4  # of the time left after an unproven priority stage, to raise priority


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

    Optional priority is settled first (scheduler.priority), then breaks are minimised with it
    kept. CP-SAT (core-based search plus LNS) runs first on breaks. When it has no proof by half
    of its time and PySAT is installed, the rest goes to the MaxSAT engine (scheduler.maxsat),
    which either proves an optimum or leaves CP-SAT's best schedule standing.

    An infeasible event is re-solved without each rule set to say which one is to blame, unless
    `explain_infeasible` is False (benchmarks, where only the verdict matters).

    The schedule carries the digest of `event` (scheduler.digest), so agendas and re-scheduling
    can refuse an event file it was not made for."""
    schedule = _solve(event, time_limit, workers, hint, progress, explain_infeasible)
    schedule.event_digest = event_digest(event)
    return schedule


def _solve(
    event: Event,
    time_limit: float | None,
    workers: int,
    hint: Schedule | None,
    progress: Progress | None,
    explain_infeasible: bool,
) -> Schedule:
    clock = _Clock(time_limit)
    domains = meeting_domains(event)
    reason = precheck(event, domains)
    if reason is not None:
        return _infeasible_event(event, reason, clock, workers, explain_infeasible)
    position = event.slot_index()
    if hint is not None:
        start = {a.meeting: position[a.slot] for a in hint.assignments if a.slot in position}
    else:
        start = greedy_slots(event, domains)
    _say(progress, 0.0, f"first schedule: {len(start)} of {len(event.meetings)} meetings placed")
    first = start
    target, missed_cap, settled, capped = event, None, True, False
    if any(not m.mandatory for m in event.meetings):
        stage = settle_priority(
            event,
            domains,
            start,
            time_limit=clock.share(PRIORITY_SHARE),
            workers=workers,
            progress=_scaled(progress, 0.0, PRIORITY_SHARE, "priority"),
            hint_seconds=min(HINT_SECONDS, (clock.share(PRIORITY_SHARE) or 60.0) * 0.3),
        )
        if stage.status == "infeasible":
            why = "no schedule satisfies every rule"
            return _infeasible_event(event, why, clock, workers, explain_infeasible)
        settled = stage.status == "optimal"
        if stage.slots:
            start = stage.slots
        if settled and stage.missed == 0:
            target = all_mandatory(event)  # every meeting fits: breaks are all that is left
            domains = meeting_domains(target)
        elif settled:
            missed_cap = stage.missed
        _say(progress, clock.fraction(), _priority_note(event, stage))
        if not settled and stage.slots:
            # Not proven: more priority first, then breaks alone with that priority kept.
            remaining = clock.left() or 60.0
            stage = raise_priority(
                event,
                domains,
                stage,
                time_limit=remaining * WEIGHTED_SHARE,
                workers=workers,
                hint_seconds=min(HINT_SECONDS, remaining * 0.1),
                polish_seconds=min(POLISH_SECONDS, remaining * 0.05),
            )
            if stage.status == "optimal":  # the weighted sum proved priority and breaks at once
                return schedule_from_slots(
                    event, stage.slots, status="optimal", seconds=clock.elapsed()
                )
            start, missed_cap, capped = stage.slots, stage.missed, True
            _say(progress, clock.fraction(), "priority raised; now cutting breaks")
    sm = build_model(target, domains)
    if settled or capped:
        cap_missed(sm, missed_cap or 0)
        set_lexicographic_objective(sm, [objective_tiers(sm)[1]])
    else:
        set_lexicographic_objective(sm, objective_tiers(sm))
    hint_slots(sm, start, complete_within=min(HINT_SECONDS, (clock.left() or 60.0) * 0.2))
    second_engine = (
        time_limit is not None and maxsat.available() and maxsat.supports(target, domains)
    )
    left = clock.left()
    first_limit = left * CPSAT_SHARE if second_engine and left is not None else left
    base = clock.fraction()
    outcome = run(
        sm,
        time_limit=first_limit,
        workers=workers,
        lns_only=len(target.meetings) > LNS_ONLY_MEETINGS,
        lp_first=_lp_first(target, sm),
        progress=_scaled(
            progress, base, (1 - base) * (CPSAT_SHARE if second_engine else 1), "breaks"
        ),
    )
    if second_engine and outcome.status in {"feasible", "unknown"}:
        # CP-SAT has a bound but no proof: the MaxSAT engine often closes the gap quickly.
        _say(progress, clock.fraction(), "no proof yet; trying the MaxSAT engine")
        proven = maxsat.maxsat_slots(target, domains, clock.left() or 0.0)
        if proven is not None:
            schedule = schedule_from_slots(event, proven, status="optimal", seconds=clock.elapsed())
            schedule.breaks_bound = schedule.breaks.total
            return schedule
    if outcome.status in {"optimal", "feasible"}:
        closed = outcome.status == "optimal" and settled
        slots = outcome.slots if closed else better_of(event, outcome.slots, first)
        return schedule_from_slots(
            event,
            slots,
            status="optimal" if closed else "feasible",
            seconds=clock.elapsed(),
            breaks_bound=math.ceil(outcome.bound - 1e-6) if settled else None,
        )
    if outcome.status == "infeasible":
        return _infeasible_event(
            event, "no schedule satisfies every rule", clock, workers, explain_infeasible
        )
    why = (
        f"no schedule found within the time limit of {time_limit:g} s;"
        " this does not prove that none exists, try a longer time limit"
    )
    return infeasible(event, why, clock.elapsed())


def _lp_first(event: Event, sm: SlotModel) -> bool:
    """Short events with busy patterns and no precedences: the LP-heavy worker goes first.

    Measured on the crafted prec25 family (10-slot instances with precedences), LP first found
    worse schedules (5 of 20 unproven instead of 1), so precedences keep core search first.
    """
    short = len(event.slots) < SHORT_EVENT
    return short and bool(sm.patterns) and not any(m.after for m in event.meetings)


class _Clock:
    """Time spent and left against the overall time limit."""

    def __init__(self, time_limit: float | None) -> None:
        self.started = time.monotonic()
        self.limit = time_limit

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def left(self) -> float | None:
        return None if self.limit is None else max(self.limit - self.elapsed(), 0.1)

    def share(self, fraction: float) -> float | None:
        return None if self.limit is None else self.limit * fraction

    def fraction(self) -> float:
        return min(1.0, self.elapsed() / self.limit) if self.limit else 0.0


def _say(progress: Progress | None, fraction: float, note: str) -> None:
    if progress is not None:
        progress(fraction, note)


def _scaled(progress: Progress | None, base: float, width: float, stage: str) -> Progress | None:
    """A progress callback for one stage, mapped onto the whole run's bar."""
    if progress is None:
        return None
    report = progress

    def scaled(fraction: float, note: str) -> None:
        report(base + width * fraction, f"{stage}: {note}")

    return scaled


def _priority_note(event: Event, stage: PriorityStage) -> str:
    held = len(stage.slots)
    proof = "best possible" if stage.status == "optimal" else "not proven best"
    return f"priority settled: {held} of {len(event.meetings)} meetings held ({proof})"


def _infeasible_event(
    event: Event, reason: str, clock: _Clock, workers: int, explain: bool
) -> Schedule:
    if explain:
        why = infeasibility_reason(event, workers=workers)
        reason = why if reason == "no schedule satisfies every rule" else f"{reason}; {why}"
    return infeasible(event, reason, clock.elapsed())


def better_of(event: Event, found: dict[str, int], first: dict[str, int]) -> dict[str, int]:
    """An unproven answer is never worse than the first (greedy) schedule: fewer missed
    priority, then fewer breaks; the first schedule counts only if it keeps every rule."""
    if not first or first == found or not is_fair(event, first):
        return found
    if any(m.mandatory and m.id not in first for m in event.meetings):
        return found

    def rank(slots: dict[str, int]) -> tuple[int, int]:
        return missed_priority(event, slots), sum(breaks_by_runs(event, slots).values())

    return first if rank(first) < rank(found) else found


def objective_tiers(sm: SlotModel) -> list[Tier]:
    """Most important first: optional priority left out, then breaks."""
    breaks = [(1, lit) for lits in sm.at_least.values() for lit in lits]
    return [sm.missed_priority, breaks]


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
    per_participant = breaks_by_runs(event, slots)
    return Schedule(
        event_id=event.event_id,
        status="optimal" if status == "optimal" else "feasible",
        assignments=assignments,
        unscheduled=unscheduled_reasons(event, slots),
        breaks=Breaks(total=sum(per_participant.values()), per_participant=per_participant),
        solve_seconds=round(seconds, 3),
        breaks_bound=breaks_bound,
    )
