"""The CP-SAT slot model: which meeting goes in which slot, and the breaks that follows.

Why it is built this way (measured on the JAIR 2022 benchmark, see benchmarks/b2bsp.py):
* breaks are counted at their *end*: busy at t, idle at t-1, and some meeting before t-1; a
  participant's count is then spread over ordered literals "at least 1 break", "at least 2 ..."
  whose sum is the objective. Core-based search raises the bound on exactly these literals, and
  the fairness cap (when somebody surely has 0 breaks) is simply the absence of "at least d+1".
* a redundant cut per slot: busy participants ≤ seats at the `capacity` largest meetings.
* more redundancy per participant: two meetings further apart than its meeting count imply a
  break, and its feasible busy patterns are listed (scheduler.patterns). On the benchmark these
  took forum-14 from "bound 2, best 12-31 after 30 s" to proven optimal in 3-8 s.
* symmetric twins (repeated meetings of the same people) are ordered, and when the event looks
  the same backwards in time, one meeting is kept in the first half.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.domains import FAIRNESS, FIXED, PRECEDENCES, SESSIONS, Domains
from scheduler.event import Event, Meeting
from scheduler.patterns import busy_patterns
from scheduler.tables import shared_capacity

Literal = cp_model.IntVar
PRIORITY_SCALE = 100  # priorities are floats; the objective needs integers


@dataclass
class SlotModel:
    """A built model and handles on its variables."""

    event: Event
    domains: Domains
    model: cp_model.CpModel
    x: dict[str, dict[int, Literal]]  # meeting → slot position → "held there"
    busy: dict[str, dict[int, Literal]]  # participant → slot position → "in a meeting"
    at_least: dict[str, list[Literal]] = field(default_factory=dict)  # k-th: "≥ k+1 breaks"
    missed_priority: list[tuple[int, Literal]] = field(default_factory=list)
    # busy-pattern literals per participant, fewest breaks first (see scheduler.patterns)
    patterns: dict[str, list[Literal]] = field(default_factory=dict)
    max_breaks: int = 0

    def breaks_expr(self) -> cp_model.LinearExprT:
        return sum(lit for lits in self.at_least.values() for lit in lits)

    def missed_expr(self) -> cp_model.LinearExprT:
        return sum(weight * lit for weight, lit in self.missed_priority)


def build_model(
    event: Event, domains: Domains, *, with_breaks: bool = True, symmetry: bool = True
) -> SlotModel:
    """Constraints of the event (minus `domains.relaxed`); the objective is set by the caller.

    Pass `symmetry=False` when the objective is not symmetric (re-scheduling counts changes
    against a previous schedule, so mirrored or swapped schedules are not equally good).
    """
    model = cp_model.CpModel()
    x = {
        m.id: {t: model.new_bool_var(f"x[{m.id},{t}]") for t in domains.open_slots[m.id]}
        for m in event.meetings
    }
    slot_model = SlotModel(event, domains, model, x, {})
    _place_meetings(slot_model)
    _participants_and_capacity(slot_model)
    if PRECEDENCES not in domains.relaxed:
        for meeting in event.meetings:
            for before in meeting.after:
                _order(model, x[before], x[meeting.id])
    if symmetry:
        _break_symmetry(slot_model)
    if with_breaks:
        _breaks(slot_model)
    return slot_model


def _place_meetings(sm: SlotModel) -> None:
    for meeting in sm.event.meetings:
        lits = list(sm.x[meeting.id].values())
        if meeting.mandatory:
            sm.model.add_exactly_one(lits)
            continue
        sm.model.add_at_most_one(lits)
        missed = sm.model.new_bool_var(f"missed[{meeting.id}]")
        sm.model.add(sum(lits) + missed == 1)
        sm.missed_priority.append((priority_weight(meeting), missed))


def priority_weight(meeting: Meeting) -> int:
    """An optional meeting's priority as the integer the objective counts when it is left out."""
    return max(1, round(meeting.priority * PRIORITY_SCALE))


def _participants_and_capacity(sm: SlotModel) -> None:
    model, x = sm.model, sm.x
    sizes = {m.id: len(m.participants) for m in sm.event.meetings}
    counted, capacity = shared_capacity(sm.event)
    for person, meeting_ids in sm.domains.meetings_of.items():
        sm.busy[person] = {}
        for t in range(len(sm.event.slots)):
            lits = [x[m][t] for m in meeting_ids if t in x[m]]
            if not lits:
                continue
            busy = model.new_bool_var(f"busy[{person},{t}]")
            model.add(sum(lits) == busy)
            sm.busy[person][t] = busy
    for t in range(len(sm.event.slots)):
        here = [m for m in x if t in x[m]]
        shared = [x[m][t] for m in here if m in counted]
        if len(shared) > capacity:
            model.add(sum(shared) <= capacity)
        # Redundant: seats taken in a slot cannot exceed the seats of its largest possible meetings
        # (plus the buyers' own tables). It lets the LP see the table limit per participant.
        seats = sorted((sizes[m] for m in here if m in counted), reverse=True)[: max(capacity, 0)]
        seats += [sizes[m] for m in here if m not in counted]
        bound = sum(seats)
        people = [b[t] for b in sm.busy.values() if t in b]
        if len(people) > bound:
            model.add(sum(people) <= bound)


def _order(model: cp_model.CpModel, first: dict[int, Literal], later: dict[int, Literal]) -> None:
    """`first` (if held) strictly before `later` (if held)."""
    for t, lit in later.items():
        clash = [first[s] for s in first if s >= t]
        if clash:
            model.add_at_most_one([lit, *clash])


def _break_symmetry(sm: SlotModel) -> None:
    event = sm.event
    # Two interchangeable meetings of the same people: keep them in id order.
    seen: dict[tuple[object, ...], str] = {}
    referenced = {b for m in event.meetings for b in m.after}
    for meeting in event.meetings:
        if meeting.after or meeting.id in referenced or not meeting.mandatory:
            continue
        key = (
            tuple(sorted(meeting.participants)),
            meeting.session,
            meeting.fixed_slot,
            tuple(sm.domains.open_slots[meeting.id]),
        )
        if key in seen and meeting.fixed_slot is None:
            _order(sm.model, sm.x[seen[key]], sm.x[meeting.id])
        seen[key] = meeting.id
    if _mirror_symmetric(sm):
        busiest = max(sm.domains.meetings_of.items(), key=lambda item: len(item[1]))[1]
        if busiest:
            last = len(event.slots) - 1
            for t, lit in sm.x[busiest[0]].items():
                if t > last - t:
                    sm.model.add(lit == 0)


def _mirror_symmetric(sm: SlotModel) -> bool:
    """True when reversing time maps every feasible schedule to a feasible one with equal breaks."""
    event, relaxed = sm.event, sm.domains.relaxed
    last = len(event.slots) - 1
    if PRECEDENCES not in relaxed and any(m.after for m in event.meetings):
        return False
    if FIXED not in relaxed and any(m.fixed_slot for m in event.meetings):
        return False
    sessions = [s.session for s in event.slots]
    if SESSIONS not in relaxed and any(m.session for m in event.meetings):
        if sessions != sessions[::-1]:
            return False
    return all({last - t for t in blocked} == blocked for blocked in sm.domains.blocked.values())


def _breaks(sm: SlotModel) -> None:
    model, event = sm.model, sm.event
    cap = event.fairness if FAIRNESS not in sm.domains.relaxed else None
    counts = {p: len(ms) for p, ms in sm.domains.meetings_of.items()}
    someone_idle = any(n <= 1 for n in counts.values())
    mandatory = {m.id for m in event.meetings if m.mandatory}
    totals: dict[str, cp_model.LinearExprT] = {}
    for person, busy in sm.busy.items():
        if counts[person] < 2 or not busy:
            totals[person] = 0
            continue
        exact = cap is not None and not someone_idle  # the general fairness rule needs exact counts
        ends = _break_ends(model, person, busy, exact)
        most = min(counts[person] - 1, len(ends), (max(busy) - min(busy)) // 2)
        if cap is not None and someone_idle:
            most = min(most, cap)  # somebody surely has 0 breaks, so nobody may exceed the cap
        lits = [model.new_bool_var(f"breaks[{person}]>={k + 1}") for k in range(most)]
        for higher, lower in zip(lits[1:], lits, strict=False):
            model.add_implication(higher, lower)
        if exact:
            model.add(sum(ends) == sum(lits))
        else:
            model.add(sum(ends) <= sum(lits))
        sm.at_least[person] = lits
        if lits:
            _compact_window(model, busy, counts[person], lits[0])
            if all(m in mandatory for m in sm.domains.meetings_of[person]):
                meeting_slots = [
                    set(sm.domains.open_slots[m]) for m in sm.domains.meetings_of[person]
                ]
                sm.patterns[person] = busy_patterns(model, busy, meeting_slots, lits)
        totals[person] = sum(lits)
        sm.max_breaks += most
    if cap is not None and not someone_idle:
        fewest = model.new_int_var(0, max(len(v) for v in sm.at_least.values()) or 0, "fewest")
        for total in totals.values():
            model.add(fewest <= total)
            model.add(total <= fewest + cap)


def _break_ends(
    model: cp_model.CpModel, person: str, busy: dict[int, Literal], exact: bool
) -> list[Literal]:
    """Literals "a break of `person` ends at t" (busy at t, idle at t-1, a meeting before t-1).

    Unless `exact`, the literals are only forced up (never down): minimising breaks and capping
    them pushes them down anyway, and fewer clauses make the search lighter.
    """
    first, last = min(busy), max(busy)
    before: dict[int, Literal] = {first + 1: busy[first]}  # before[t]: a meeting in a slot < t
    for t in range(first + 2, last + 1):
        if t - 1 not in busy:
            before[t] = before[t - 1]
            continue
        lit = model.new_bool_var(f"before[{person},{t}]")
        if exact:
            model.add_bool_or([~lit, before[t - 1], busy[t - 1]])
        model.add_implication(before[t - 1], lit)
        model.add_implication(busy[t - 1], lit)
        before[t] = lit
    ends = []
    for t in range(first + 2, last + 1):
        if t not in busy:
            continue
        conditions: list[cp_model.LiteralT] = [busy[t], before[t - 1]]
        if t - 1 in busy:
            conditions.append(~busy[t - 1])
        end = model.new_bool_var(f"break_end[{person},{t}]")
        if exact:
            for condition in conditions:
                model.add_implication(end, condition)
        model.add_bool_or([end, *(~c for c in conditions)])
        ends.append(end)
    return ends


def _compact_window(
    model: cp_model.CpModel, busy: dict[int, Literal], meetings: int, some_break: Literal
) -> None:
    """Without a break, all of a participant's meetings fit in `meetings` consecutive slots.

    Redundant, but it lets propagation and the LP see at once that two meetings far apart mean
    a break, instead of discovering it slot by slot.
    """
    slots = sorted(busy)
    for i, early in enumerate(slots):
        for late in slots[i + 1 :]:
            if late - early >= meetings:
                model.add_bool_or([~busy[early], ~busy[late], some_break])
