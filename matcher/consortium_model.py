"""The CP-SAT model that picks consortium members and splits the work between them.

Over the candidates of a `CandidatePool`:
* `member[i]` — supplier i is in the group; `size=s` — the group has s members (one of them);
  `member_at[i,s]` — both, so the mean member score is linear (Σ score_i / s · member_at[i,s]).
* `does[i,p]` — member i takes required process p (only where it can do p); `volume[i]` — the
  pieces per month member i puts through every process it takes (whole numbers of a small unit).
  Each process gets at least the monthly volume from its members. Capacity is per process line.
* every member is essential: for some process it can do, the other members' capacity falls short.
* `together` — every member belongs to the cluster or cooperative `in_group[key]` (at most one).
* `beyond[level]` — some chosen pair is at least that far apart (the spread, in distance levels).

It maximises `consortium_pool.group_score` (integer coefficients, 1/SCALE precision), starting
from a greedy group as a hint. The next proposal adds a no-good cut: not all members of an
earlier proposal again (so no superset either).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from matcher.consortium_greedy import greedy_group
from matcher.consortium_pool import CandidatePool, group_score

SCALE = 100_000  # objective points per unit of group score
UTILISATION_STEPS = 1000  # the work split balances load in thousandths of capacity


@dataclass(frozen=True)
class GroupSolution:
    members: tuple[int, ...]  # positions in the pool
    score: float  # `group_score` of the members
    proven_best: bool  # CP-SAT proved no better group remains (given the earlier cuts)


@dataclass(frozen=True)
class WorkSplit:
    processes: dict[int, list[int]]  # member → positions of the required processes it takes
    volume: dict[int, int]  # member → model volume units (empty without a monthly volume)


@dataclass
class _Work:
    does: dict[tuple[int, int], cp_model.IntVar]
    volume: dict[int, cp_model.IntVar]
    share: dict[tuple[int, int], cp_model.IntVar]


def _add_work(
    model: cp_model.CpModel, pool: CandidatePool, member: dict[int, cp_model.IntVar]
) -> _Work:
    """Assignment of members to processes and volume shares covering every process."""
    n_processes = pool.can.shape[1]
    does = {
        (i, p): model.new_bool_var(f"does[{i},{p}]")
        for i in member
        for p in range(n_processes)
        if pool.can[i, p]
    }
    for i, lit in member.items():
        taken = [does[i, p] for p in range(n_processes) if (i, p) in does]
        for task in taken:
            model.add_implication(task, lit)
        model.add_bool_or(taken).only_enforce_if(lit)
    work = _Work(does, {}, {})
    if pool.volume is None:
        for p in range(n_processes):
            model.add_bool_or([lit for (i, q), lit in does.items() if q == p])
        return work
    need, capacity = pool.model_volume(), pool.model_capacity
    for i, lit in member.items():
        work.volume[i] = model.new_int_var(0, int(capacity[i]), f"volume[{i}]")
        model.add(work.volume[i] >= 1).only_enforce_if(lit)
        model.add(work.volume[i] == 0).only_enforce_if(~lit)
    for (i, p), task in does.items():
        work.share[i, p] = model.new_int_var(0, int(capacity[i]), f"share[{i},{p}]")
        model.add(work.share[i, p] == work.volume[i]).only_enforce_if(task)
        model.add(work.share[i, p] == 0).only_enforce_if(~task)
    for p in range(n_processes):
        model.add(sum(s for (_, q), s in work.share.items() if q == p) >= need)
        # Implied by the shares, but stated on the member literals it lets the solver see at
        # once that no small group has the capacity (measured: 8 s → 0.1 s to prove "none").
        doers = [i for i in member if pool.can[i, p]]
        model.add(sum(int(capacity[i]) * member[i] for i in doers) >= need)
    return work


def _add_essential(model: cp_model.CpModel, pool: CandidatePool, x: list[cp_model.IntVar]) -> None:
    """A chosen member must be needed: without it, some process it can do falls short."""
    if pool.volume is None:
        need, capacity = 1, [1] * len(pool)
    else:
        need, capacity = pool.model_volume(), [int(c) for c in pool.model_capacity]
    for i in range(len(pool)):
        reasons = []
        for p in range(pool.can.shape[1]):
            if not pool.can[i, p]:
                continue
            short = model.new_bool_var(f"needed_for[{i},{p}]")
            others = [capacity[j] * x[j] for j in range(len(pool)) if j != i and pool.can[j, p]]
            model.add(sum(others) <= need - 1).only_enforce_if(short)
            reasons.append(short)
        model.add_bool_or(reasons).only_enforce_if(x[i])


@dataclass
class _GroupModel:
    model: cp_model.CpModel
    member: list[cp_model.IntVar]


def _build(pool: CandidatePool, min_members: int, max_members: int) -> _GroupModel:
    model = cp_model.CpModel()
    w = pool.weights
    k = len(pool)
    x = [model.new_bool_var(f"member[{i}]") for i in range(k)]
    sizes = range(min_members, max_members + 1)
    size_is = {s: model.new_bool_var(f"size={s}") for s in sizes}
    model.add_exactly_one(size_is.values())
    model.add(sum(x) == sum(s * lit for s, lit in size_is.items()))
    member_at = {(i, s): model.new_bool_var(f"member_at[{i},{s}]") for i in range(k) for s in sizes}
    for i in range(k):
        model.add(sum(member_at[i, s] for s in sizes) == x[i])
    for s in sizes:
        # Implied, but it makes the linear relaxation (and so the search) far tighter.
        model.add(sum(member_at[i, s] for i in range(k)) == s * size_is[s])
        for i in range(k):
            model.add(member_at[i, s] <= size_is[s])
    _add_work(model, pool, dict(enumerate(x)))
    _add_essential(model, pool, x)

    objective: list[cp_model.LinearExprT] = [
        round(SCALE * w.member_score * float(pool.score[i]) / s) * member_at[i, s]
        for i in range(k)
        for s in sizes
    ]
    objective += _group_terms(model, pool, x)
    spread = _spread(model, pool, x)
    closeness = round(SCALE * w.closeness / 1000)
    extra = round(SCALE * w.extra_member)
    model.maximize(
        cp_model.LinearExpr.sum(objective) + closeness * (1000 - spread) - extra * (sum(x) - 2)
    )
    return _GroupModel(model, x)


def _spread(
    model: cp_model.CpModel, pool: CandidatePool, x: list[cp_model.IntVar]
) -> cp_model.LinearExpr:
    """The farthest pair's distance level, as Σ step × `beyond[level]`.

    `beyond[level]`: some chosen pair is at least that far apart; one clause per pair
    (i and j chosen ⇒ beyond their level), and beyond a level ⇒ beyond every lower one.
    """
    units = pool.spread_units
    levels = [int(u) for u in np.unique(units) if u > 0]
    beyond = {level: model.new_bool_var(f"beyond[{level}]") for level in levels}
    for lower, upper in itertools.pairwise(levels):
        model.add_implication(beyond[upper], beyond[lower])
    for i in range(len(pool)):
        for j in range(i + 1, len(pool)):
            if units[i, j] > 0:
                model.add_bool_or([~x[i], ~x[j], beyond[int(units[i, j])]])
    steps = [level - lower for lower, level in itertools.pairwise([0, *levels])]
    return cp_model.LinearExpr.weighted_sum([beyond[level] for level in levels], steps)


def _group_terms(
    model: cp_model.CpModel, pool: CandidatePool, x: list[cp_model.IntVar]
) -> list[cp_model.LinearExprT]:
    """Credit when every member belongs to one cluster or cooperative (`together`)."""
    holders: dict[str, int] = {}
    for keys in pool.groups:
        for key in keys:
            holders[key] = holders.get(key, 0) + 1
    shared = sorted(key for key, count in holders.items() if count >= 2)
    if not shared:
        return []
    in_group = {key: model.new_bool_var(f"in_group[{key}]") for key in shared}
    together = model.new_bool_var("together")
    model.add(sum(in_group.values()) == together)
    for i, keys in enumerate(pool.groups):
        # together ∧ member[i] ⇒ i belongs to the chosen group; linear, so the LP sees it.
        model.add(x[i] + together - sum(in_group[key] for key in keys if key in in_group) <= 1)
    return [round(SCALE * pool.weights.one_group) * together]


def _solver(time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    # One worker measured fastest on 60 candidates (2 cores), and gives the same answer on
    # every run; probing took a third of the time and fixed nothing on these models.
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_probing_level = 0
    return solver


def best_groups(
    pool: CandidatePool,
    *,
    n: int,
    min_members: int,
    max_members: int,
    time_limit: float,
) -> list[GroupSolution]:
    """Up to `n` best member sets, best first; `time_limit` seconds in all.

    Each solve starts from a greedy group (a hint); when the solver finds nothing better in
    its share of the time, the greedy group is kept, marked as not proven best.
    """
    max_members = min(max_members, len(pool))
    if n <= 0 or len(pool) < min_members:
        return []
    built = _build(pool, min_members, max_members)
    deadline = time.monotonic() + time_limit
    found: list[GroupSolution] = []
    while len(found) < n:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        excluded = [frozenset(group.members) for group in found]
        hint = greedy_group(
            pool, min_members=min_members, max_members=max_members, excluded=excluded
        )
        built.model.clear_hints()  # type: ignore[no-untyped-call]
        if hint is not None:
            for i, lit in enumerate(built.member):
                built.model.add_hint(lit, i in hint)
        # An equal share of what is left, so a hard first proposal cannot starve the others.
        solver = _solver(remaining / (n - len(found)))
        status = solver.solve(built.model)
        options = [] if hint is None else [GroupSolution(hint, group_score(pool, hint), False)]
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            members = tuple(i for i, lit in enumerate(built.member) if solver.boolean_value(lit))
            proven = status == cp_model.OPTIMAL
            options.append(GroupSolution(members, group_score(pool, members), proven))
        elif status == cp_model.INFEASIBLE:
            break
        if not options:
            break
        best = max(options, key=lambda group: (group.score, group.proven_best))
        found.append(best)
        built.model.add(sum(built.member[i] for i in best.members) <= len(best.members) - 1)
    # Only unproven (greedy or time-limited) answers can come out of order.
    return sorted(found, key=lambda group: -group.score)


def split_work(pool: CandidatePool, members: tuple[int, ...]) -> WorkSplit:
    """Who does which process and how much, for a chosen member set.

    In order of importance: no more pieces than asked for on any process, then as few
    process hand-offs as possible, then on each process the busiest member (share of its
    capacity) as lightly loaded as possible.
    """
    model = cp_model.CpModel()
    n_processes = pool.can.shape[1]
    member = {i: model.new_bool_var(f"member[{i}]") for i in members}
    for lit in member.values():
        model.add(lit == 1)
    work = _add_work(model, pool, member)
    n_does = len(work.does)
    does_total = sum(work.does.values())
    if pool.volume is None:
        model.minimize(does_total)
    else:
        need = pool.model_volume()
        excess = sum(work.share.values()) - need * n_processes
        # Balance: per process, the busiest member doing it as lightly loaded as possible.
        loads = [model.new_int_var(0, UTILISATION_STEPS, f"load[{p}]") for p in range(n_processes)]
        for (i, p), task in work.does.items():
            capacity = max(int(pool.model_capacity[i]), 1)
            model.add(capacity * loads[p] >= UTILISATION_STEPS * work.volume[i]).only_enforce_if(
                task
            )
        load = sum(loads)
        steps = UTILISATION_STEPS * n_processes + 1
        model.minimize(excess * (n_does + 1) * steps + does_total * steps + load)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("no work split for a group the model accepted")  # a bug, not input
    processes = {
        i: [
            p
            for p in range(n_processes)
            if (i, p) in work.does and solver.boolean_value(work.does[i, p])
        ]
        for i in members
    }
    volume = {i: int(solver.value(v)) for i, v in work.volume.items()}
    return WorkSplit(processes, volume)
