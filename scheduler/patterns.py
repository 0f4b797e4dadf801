"""Busy patterns: "this participant meets in exactly these slots", listed for few breaks.

Redundant with the break-end count in `scheduler.model`, but they make the LP exact per participant
on the levels listed, let propagation see at once where a participant's block of meetings can sit,
and give the search a natural decision. Short events (under SHORT_EVENT slots) list every level
the fairness cap allows; long ones list the no-break windows, plus the one-break patterns of
participants who cannot avoid a break. A pattern is kept only if the participant's meetings can
actually be matched to its slots (each meeting to one slot it may use).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

Literal = cp_model.IntVar
SHORT_EVENT = 12  # slots
PATTERN_LIMIT = 3000  # per participant; beyond it the pattern count explodes


def busy_patterns(
    model: cp_model.CpModel,
    busy: dict[int, Literal],
    meeting_slots: list[set[int]],
    at_least: list[Literal],
) -> list[Literal]:
    """Add pattern literals for one participant; returns them, fewest breaks first."""
    open_slots = sorted(busy)
    short = open_slots[-1] - open_slots[0] < SHORT_EVENT
    listed: list[Literal] = []
    for breaks in range(len(at_least) + 1):
        if breaks > 0 and not short and (breaks > 1 or listed):
            break
        budget = PATTERN_LIMIT - len(listed)
        found = patterns_with(open_slots, len(meeting_slots), breaks, budget)
        if len(found) > budget:
            break
        patterns = [p for p in found if _fits(p, meeting_slots)]
        if breaks > 0 and not patterns:
            break
        lits = [model.new_bool_var("") for _ in patterns]
        listed += lits
        # Exactly `breaks` breaks ⇔ one of these patterns.
        exactly = at_least[breaks - 1] if breaks > 0 else 1
        if breaks < len(at_least):
            model.add(sum(lits) == exactly - at_least[breaks])
        else:
            model.add(sum(lits) == exactly)
        for t, b in busy.items():
            inside = [lit for lit, pattern in zip(lits, patterns, strict=True) if t in pattern]
            outside = [lit for lit, pattern in zip(lits, patterns, strict=True) if t not in pattern]
            if inside:
                model.add(sum(inside) <= b)
            if outside:
                model.add(sum(outside) <= 1 - b)
    return listed


def _fits(pattern: frozenset[int], meeting_slots: list[set[int]]) -> bool:
    """Can every meeting get its own slot of the pattern? (augmenting paths; tiny graphs)"""
    owner: dict[int, int] = {}

    def place(meeting: int, seen: set[int]) -> bool:
        for t in meeting_slots[meeting] & pattern:
            if t in seen:
                continue
            seen.add(t)
            if t not in owner or place(owner[t], seen):
                owner[t] = meeting
                return True
        return False

    return all(place(m, set()) for m in range(len(meeting_slots)))


def patterns_with(
    open_slots: list[int], meetings: int, breaks: int, limit: int
) -> list[frozenset[int]]:
    """Sets of `meetings` open slots forming exactly `breaks` + 1 runs of consecutive slots.

    Stops early once more than `limit` are found.
    """
    found: list[frozenset[int]] = []
    available = set(open_slots)
    last = open_slots[-1]

    def extend(t: int, chosen: list[int], runs: int) -> None:
        if len(found) > limit:
            return
        if len(chosen) == meetings:
            if runs == breaks + 1:
                found.append(frozenset(chosen))
            return
        for slot in range(t, last + 1):
            if slot not in available:
                continue
            new_run = not chosen or slot != chosen[-1] + 1
            if new_run and runs == breaks + 1:
                return  # every later slot would open yet another run
            chosen.append(slot)
            extend(slot + 1, chosen, runs + (1 if new_run else 0))
            chosen.pop()

    extend(open_slots[0], [], 0)
    return found
