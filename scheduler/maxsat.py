"""A second engine: the same slot model as weighted MaxSAT, solved by PySAT's RC2 (core-guided).

The JAIR 2022 paper's best method is a MaxSAT encoding; on the benchmark's hardest originals
RC2 proves optima that CP-SAT on two threads finds slowly. It covers events whose meetings are
all mandatory and whose fairness cap applies to everyone (somebody surely has no break); for
anything else `maxsat_slots` returns None. PySAT is optional: without it the engine is skipped.
RC2 cannot be interrupted, so it runs in a child process that is stopped at the deadline.
"""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

from scheduler.domains import FAIRNESS, PRECEDENCES, Domains
from scheduler.event import Event
from scheduler.tables import shared_capacity


def available() -> bool:
    try:
        import pysat  # noqa: F401
    except ImportError:
        return False
    return True


MAX_MEETINGS = 350  # beyond this RC2 did not prove a 510-meeting event in 30 s; CP-SAT's LNS
# makes better use of the time (the benchmark's originals have at most 302 meetings)


def supports(event: Event, domains: Domains) -> bool:
    if not all(m.mandatory for m in event.meetings) or len(event.meetings) > MAX_MEETINGS:
        return False
    counts = [len(ms) for ms in domains.meetings_of.values()]
    return event.fairness is None or any(n <= 1 for n in counts)


def _encode(event: Event, domains: Domains) -> tuple[Any, dict[int, tuple[str, int]]]:
    from pysat.card import CardEnc, EncType
    from pysat.formula import WCNF, IDPool

    pool = IDPool()
    wcnf = WCNF()
    x = {(m, t): pool.id(("x", m, t)) for m, slots in domains.open_slots.items() for t in slots}
    meaning = {v: k for k, v in x.items()}
    for m, slots in domains.open_slots.items():
        lits = [x[m, t] for t in slots]
        wcnf.append(lits)
        for clause in CardEnc.atmost(lits, 1, vpool=pool, encoding=EncType.pairwise).clauses:
            wcnf.append(clause)
    n_slots = len(event.slots)
    busy: dict[str, dict[int, int]] = {}
    for person, meeting_ids in domains.meetings_of.items():
        busy[person] = {}
        for t in range(n_slots):
            lits = [x[m, t] for m in meeting_ids if (m, t) in x]
            if not lits:
                continue
            b = pool.id(("busy", person, t))
            busy[person][t] = b
            wcnf.append([-b, *lits])
            for lit in lits:
                wcnf.append([-lit, b])
            enc = EncType.pairwise if len(lits) < 8 else EncType.seqcounter
            for clause in CardEnc.atmost(lits, 1, vpool=pool, encoding=enc).clauses:
                wcnf.append(clause)
    counted, capacity = shared_capacity(event)
    for t in range(n_slots):
        lits = [x[m, t] for m in domains.open_slots if m in counted and (m, t) in x]
        if len(lits) > capacity:
            enc = EncType.seqcounter
            for clause in CardEnc.atmost(lits, capacity, vpool=pool, encoding=enc).clauses:
                wcnf.append(clause)
    if PRECEDENCES not in domains.relaxed:
        for meeting in event.meetings:
            for before in meeting.after:
                for t in domains.open_slots[meeting.id]:
                    for s in domains.open_slots[before]:
                        if s >= t:
                            wcnf.append([-x[meeting.id, t], -x[before, s]])
    cap = event.fairness if FAIRNESS not in domains.relaxed else None
    for person, person_busy in busy.items():
        if len(domains.meetings_of[person]) < 2 or not person_busy:
            continue
        ends = _break_ends(wcnf, pool, person, person_busy)
        for end in ends:
            wcnf.append([-end], weight=1)
        if cap is not None and len(ends) > cap:
            enc = EncType.seqcounter
            for clause in CardEnc.atmost(ends, cap, vpool=pool, encoding=enc).clauses:
                wcnf.append(clause)
    return wcnf, meaning


def _break_ends(wcnf: Any, pool: Any, person: str, busy: dict[int, int]) -> list[int]:
    """Break-end literals, forced up only (the soft clauses push them down)."""
    first, last = min(busy), max(busy)
    before = {first + 1: busy[first]}
    for t in range(first + 2, last + 1):
        if t - 1 not in busy:
            before[t] = before[t - 1]
            continue
        lit = pool.id(("before", person, t))
        wcnf.append([-before[t - 1], lit])
        wcnf.append([-busy[t - 1], lit])
        before[t] = lit
    ends = []
    for t in range(first + 2, last + 1):
        if t not in busy:
            continue
        end = pool.id(("end", person, t))
        clause = [-busy[t], -before[t - 1], end]
        if t - 1 in busy:
            clause.insert(1, busy[t - 1])
        wcnf.append(clause)
        ends.append(end)
    return ends


def _solve_in_child(wcnf: Any, queue: Any) -> None:
    from pysat.examples.rc2 import RC2

    with RC2(wcnf, solver="g4", adapt=True, exhaust=True, minz=True) as rc2:
        model = rc2.compute()
        queue.put(None if model is None else [v for v in model if v > 0])


def maxsat_slots(event: Event, domains: Domains, time_limit: float) -> dict[str, int] | None:
    """Proven-optimal meeting → slot position, or None (unsupported, infeasible or timed out)."""
    if not available() or not supports(event, domains):
        return None
    started = time.monotonic()
    wcnf, meaning = _encode(event, domains)
    time_limit -= time.monotonic() - started  # the encoding counts against the deadline
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_solve_in_child, args=(wcnf, queue), daemon=True)
    child.start()
    try:
        true_vars = queue.get(timeout=max(time_limit, 0.1))
    except Exception:  # queue.Empty: the deadline passed first
        true_vars = None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    if true_vars is None:
        return None
    return {meaning[v][0]: meaning[v][1] for v in true_vars if v in meaning}
