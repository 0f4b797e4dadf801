"""Running CP-SAT on a built model: objective tiers, portfolio, hints, progress reports."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model import Literal, SlotModel

Progress = Callable[[float, str], None]
Tier = Sequence[tuple[int, Literal]]


def set_lexicographic_objective(sm: SlotModel, tiers: Sequence[Tier]) -> None:
    """Minimise tiers in order (first is most important) as one weighted sum.

    Each tier's weight exceeds the largest possible value of all less important tiers together,
    so no amount of gain below can pay for a loss above.
    """
    terms: list[tuple[int, Literal]] = []
    weight = 1
    for tier in reversed(tiers):
        terms.extend((weight * coefficient, lit) for coefficient, lit in tier)
        weight *= sum(coefficient for coefficient, _ in tier) + 1
    if terms:
        sm.model.minimize(sum(c * lit for c, lit in terms))


LNS_ONLY_MEETINGS = 350  # above this, every thread improves the schedule instead of the bound


def portfolio(
    parameters: cp_model.SatParameters,
    workers: int,
    time_limit: float | None,
    *,
    lns_only: bool = False,
    lp_first: bool = False,
) -> None:
    """CP-SAT settings that suit this model.

    With two workers the default portfolio runs no core-based worker and the lower bound barely
    moves; core search on the single full worker (LNS shares the other thread) proves optima
    that the default cannot. On a full-size event (510 meetings) the core worker's bound stays
    at 0 anyway, and large-neighbourhood search on both threads finds far fewer breaks in the
    same time (45 instead of 60 breaks at 55 s), so `lns_only` spends everything there.
    On short events every participant's busy patterns are listed, the LP is exact per
    participant, and an LP-heavy full worker proves what core search cannot (tic-13crafc:
    proven in 6.6 s with `lp_first`, unproven after 60 s with core first).
    """
    parameters.num_workers = max(1, workers)
    if time_limit is not None:
        parameters.max_time_in_seconds = time_limit
    if lns_only:
        parameters.use_lns_only = True
    elif workers >= 2:
        first = ["max_lp", "core"] if lp_first else ["core", "max_lp"]
        parameters.subsolvers.extend([*first, "default_lp", "quick_restart", "no_lp"])
    else:
        parameters.optimize_with_core = True


def hint_slots(sm: SlotModel, slots: dict[str, int], *, complete_within: float = 0.0) -> None:
    """Suggest a slot per meeting (a greedy schedule or a previous one) as the starting point.

    With `complete_within` > 0 the hint is also worked out for every helper variable (busy,
    break ends, patterns) by solving a copy of the model with the slots fixed. On a 500-meeting
    event CP-SAT could not complete a slots-only hint by itself and started from a schedule with
    more than twice the greedy's breaks. If the copy fails (the slots break a rule), the
    slots-only hint stays.
    """
    sm.model.clear_hints()  # type: ignore[no-untyped-call]
    for meeting_id, chosen in slots.items():
        for t, lit in sm.x.get(meeting_id, {}).items():
            sm.model.add_hint(lit, t == chosen)
    if complete_within <= 0 or not slots:
        return
    copy = sm.model.clone()
    copy.clear_hints()  # type: ignore[no-untyped-call]
    for meeting_id, lits in sm.x.items():
        for t, lit in lits.items():
            held = slots.get(meeting_id) == t
            copy.add(copy.get_bool_var_from_proto_index(lit.index) == held)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = complete_within
    if solver.solve(copy) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return
    sm.model.clear_hints()  # type: ignore[no-untyped-call]
    for index in range(len(sm.model.proto.variables)):
        value = solver.value(copy.get_int_var_from_proto_index(index))
        sm.model.add_hint(sm.model.get_int_var_from_proto_index(index), value)


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress, time_limit: float | None) -> None:
        super().__init__()
        self._progress = progress
        self._limit = time_limit
        self._start = time.monotonic()
        self._found = 0

    def on_solution_callback(self) -> None:
        self._found += 1
        elapsed = time.monotonic() - self._start
        fraction = min(1.0, elapsed / self._limit) if self._limit else 0.0
        self._progress(
            fraction,
            f"solution {self._found}: objective {self.objective_value:g},"
            f" bound {self.best_objective_bound:g}",
        )


@dataclass
class Outcome:
    """What one CP-SAT run produced."""

    status: str  # "optimal", "feasible", "infeasible" or "unknown"
    slots: dict[str, int]  # meeting → slot position, for held meetings
    bound: float
    seconds: float


def run(
    sm: SlotModel,
    *,
    time_limit: float | None,
    workers: int,
    progress: Progress | None = None,
    log: bool = False,
    lns_only: bool = False,
    lp_first: bool = False,
) -> Outcome:
    solver = cp_model.CpSolver()
    portfolio(solver.parameters, workers, time_limit, lns_only=lns_only, lp_first=lp_first)
    solver.parameters.log_search_progress = log
    started = time.monotonic()
    callback = _Reporter(progress, time_limit) if progress is not None else None
    code = solver.solve(sm.model, callback)
    seconds = time.monotonic() - started
    names = {
        cp_model.OPTIMAL: "optimal",
        cp_model.FEASIBLE: "feasible",
        cp_model.INFEASIBLE: "infeasible",
    }
    status = names.get(code, "unknown")
    slots: dict[str, int] = {}
    if status in {"optimal", "feasible"}:
        for meeting_id, lits in sm.x.items():
            for t, lit in lits.items():
                if solver.boolean_value(lit):
                    slots[meeting_id] = t
    bound = solver.best_objective_bound if status in {"optimal", "feasible"} else 0.0
    return Outcome(status, slots, bound, seconds)
