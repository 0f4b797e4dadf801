"""Local repair of a greedy schedule: fit in left-out meetings, then move meetings to cut breaks.

The slot-by-slot sweep in scheduler.greedy decides each slot without looking ahead, so it can
leave meetings out and leave gaps. Two cheap local steps fix most of that:
* completion: a left-out meeting (most constrained first) takes a slot whose only obstacle is
  one other meeting that can itself move to another free slot (a one-step ejection chain);
* improvement: move one meeting to another slot, or swap the slots of two meetings that share a
  participant, whenever that lowers the breaks above the fairness cap, or else the breaks, of
  the people involved (first improvement).
Every move keeps all the rules (clashes, tables, unavailable slots, sessions, fixed slots,
precedences); completion keeps everyone within the fairness cap except for a mandatory meeting.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from scheduler.domains import PRECEDENCES, Domains
from scheduler.event import Event
from scheduler.tables import shared_capacity


def breaks_in(slots: Iterable[int]) -> int:
    """Idle runs between the first and last busy slot."""
    ordered = sorted(slots)
    return sum(1 for a, b in zip(ordered, ordered[1:], strict=False) if b != a + 1)


class Placement:
    """A mutable slot assignment with the bookkeeping the moves need."""

    def __init__(self, event: Event, domains: Domains, slots: dict[str, int]) -> None:
        self.domains = domains
        self.members = {m.id: m.participants for m in event.meetings}
        self.mandatory = {m.id for m in event.meetings if m.mandatory}
        self.priority = {m.id: m.priority for m in event.meetings}
        self.counted, self.capacity = shared_capacity(event)
        follows = PRECEDENCES not in domains.relaxed
        self.before = {m.id: list(m.after) if follows else [] for m in event.meetings}
        self.later: dict[str, list[str]] = {m.id: [] for m in event.meetings}
        for meeting_id, earlier in self.before.items():
            for first in earlier:
                self.later[first].append(meeting_id)
        self.cap = event.fairness
        self.slot: dict[str, int] = {}
        self.busy: dict[str, dict[int, str]] = {p.id: {} for p in event.participants}
        self.load = [0] * len(event.slots)
        for meeting_id, t in slots.items():
            self.place(meeting_id, t)

    def place(self, meeting_id: str, t: int) -> None:
        self.slot[meeting_id] = t
        for person in self.members[meeting_id]:
            self.busy[person][t] = meeting_id
        self.load[t] += meeting_id in self.counted

    def remove(self, meeting_id: str) -> int:
        t = self.slot.pop(meeting_id)
        for person in self.members[meeting_id]:
            del self.busy[person][t]
        self.load[t] -= meeting_id in self.counted
        return t

    def fits(self, meeting_id: str, t: int) -> bool:
        """Can the (unplaced) meeting go to slot t as things stand?"""
        if any(t in self.busy[p] for p in self.members[meeting_id]):
            return False
        if meeting_id in self.counted and self.load[t] >= self.capacity:
            return False
        return self.in_order(meeting_id, t)

    def in_order(self, meeting_id: str, t: int) -> bool:
        return all(self.slot.get(b, -1) < t for b in self.before[meeting_id]) and all(
            self.slot.get(later, len(self.load)) > t for later in self.later[meeting_id]
        )

    def breaks_of(self, people: Iterable[str]) -> int:
        return sum(breaks_in(self.busy[p]) for p in people)

    def score(self, people: Iterable[str]) -> tuple[int, int]:
        """(breaks above the fairness cap, breaks) of these people: lower is better."""
        counts = [breaks_in(self.busy[p]) for p in people]
        excess = 0 if self.cap is None else sum(max(0, c - self.cap) for c in counts)
        return excess, sum(counts)

    def counts(self, people: Iterable[str]) -> dict[str, int]:
        return {p: breaks_in(self.busy[p]) for p in people}

    def fair(self, people: Iterable[str], before: dict[str, int] | None = None) -> bool:
        """Nobody above the fairness cap, unless already that far above it `before`
        (so a move that lowers an unfair participant's breaks is still allowed)."""
        if self.cap is None:
            return True
        allowed = before or {}
        return all(breaks_in(self.busy[p]) <= max(self.cap, allowed.get(p, 0)) for p in people)


def complete(placement: Placement) -> None:
    """Fit in left-out meetings: mandatory first, then by priority, fewest open slots first."""
    left_out = [m for m in placement.members if m not in placement.slot]
    left_out.sort(
        key=lambda m: (
            m not in placement.mandatory,
            -placement.priority[m],
            len(placement.domains.open_slots[m]),
        )
    )
    for meeting_id in left_out:
        open_slots = placement.domains.open_slots[meeting_id]
        must = meeting_id in placement.mandatory  # held even above the fairness cap
        direct = [
            t
            for t in open_slots
            if placement.fits(meeting_id, t) and (must or _fair_at(placement, meeting_id, t))
        ]
        if direct:
            best = min(direct, key=lambda t: _added_breaks(placement, meeting_id, t))
            placement.place(meeting_id, best)
            continue
        if any(_place_by_moving_one(placement, meeting_id, t) for t in open_slots):
            continue
        _place_by_chain_swap(placement, meeting_id)


def _fair_at(placement: Placement, meeting_id: str, t: int) -> bool:
    placement.place(meeting_id, t)
    fair = placement.fair(placement.members[meeting_id])
    placement.remove(meeting_id)
    return fair


def _added_breaks(placement: Placement, meeting_id: str, t: int) -> int:
    people = placement.members[meeting_id]
    before = placement.breaks_of(people)
    placement.place(meeting_id, t)
    after = placement.breaks_of(people)
    placement.remove(meeting_id)
    return after - before


def _place_by_moving_one(placement: Placement, meeting_id: str, t: int) -> bool:
    """Put the meeting in slot t by moving the one meeting in its way: a participant's meeting
    at t, a meeting it must follow (or precede) that sits on the wrong side of t, or else any
    meeting filling the last table at t."""
    obstacles = {
        placement.busy[p][t] for p in placement.members[meeting_id] if t in placement.busy[p]
    }
    obstacles |= {b for b in placement.before[meeting_id] if placement.slot.get(b, -1) >= t}
    last = len(placement.load)
    obstacles |= {n for n in placement.later[meeting_id] if placement.slot.get(n, last) <= t}
    if len(obstacles) > 1:
        return False
    if not obstacles:
        if meeting_id not in placement.counted:
            return False
        candidates = [m for m, s in placement.slot.items() if s == t and m in placement.counted]
    else:
        candidates = list(obstacles)
    for blocker in candidates:
        home = placement.remove(blocker)
        if placement.fits(meeting_id, t) and placement.fair(placement.members[meeting_id]):
            placement.place(meeting_id, t)
            for other in placement.domains.open_slots[blocker]:
                if other != home and placement.fits(blocker, other):
                    placement.place(blocker, other)
                    if placement.fair(placement.members[blocker]):
                        return True
                    placement.remove(blocker)
            placement.remove(meeting_id)
        placement.place(blocker, home)
    return False


CHAIN_LIMIT = 80  # meetings in one swap chain; longer chains are rarely worth the check


def _place_by_chain_swap(placement: Placement, meeting_id: str) -> bool:
    """Free a slot for the meeting by swapping two slots along a chain of meetings.

    The classic repair for edge colouring (a Kempe chain): the meetings in the way at slot a move
    to slot b, the meetings they then clash with at b move to a, and so on.
    """
    open_slots = placement.domains.open_slots[meeting_id]
    for a in open_slots:
        for b in range(len(placement.load)):
            if b != a and _swap_chain(placement, meeting_id, a, b):
                placement.place(meeting_id, a)
                return True
    return False


def _swap_chain(placement: Placement, meeting_id: str, a: int, b: int) -> bool:
    """Swap slots a and b along the chain starting at the meeting's blockers at a; keep the
    swap (and return True) only if the meeting then fits at a and every rule holds."""
    people = placement.members[meeting_id]
    moved: dict[str, int] = {}
    queue = [(placement.busy[p][a], a) for p in people if a in placement.busy[p]]
    if not queue:
        return False
    for blocker, _ in queue:
        moved[blocker] = b
    while queue:
        current, source = queue.pop()
        target = b if source == a else a
        for person in placement.members[current]:
            other = placement.busy[person].get(target)
            if other is not None and other not in moved:
                moved[other] = source
                queue.append((other, target))
        if len(moved) > CHAIN_LIMIT:
            return False
    if any(t not in placement.domains.open_slots[m] for m, t in moved.items()):
        return False
    touched = {p for m in moved for p in placement.members[m]}
    before = placement.counts(touched)
    homes = {m: placement.remove(m) for m in moved}
    for m, t in moved.items():
        placement.place(m, t)
    ok = (
        placement.fits(meeting_id, a)
        and all(placement.load[t] <= placement.capacity for t in (a, b))
        and all(placement.in_order(m, t) for m, t in moved.items())
        and placement.fair(touched, before)
    )
    if not ok:
        for m in moved:
            placement.remove(m)
        for m, t in homes.items():
            placement.place(m, t)
    return ok


def improve(placement: Placement, seconds: float) -> None:
    """Move and swap meetings while that lowers breaks, for at most `seconds`."""
    deadline = time.monotonic() + seconds
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for meeting_id in list(placement.slot):
            if _better_slot(placement, meeting_id) or _better_swap(placement, meeting_id):
                improved = True
            if time.monotonic() >= deadline:
                return


def _better_slot(placement: Placement, meeting_id: str) -> bool:
    people = placement.members[meeting_id]
    before = placement.score(people)
    if before == (0, 0):
        return False
    home = placement.remove(meeting_id)
    for t in placement.domains.open_slots[meeting_id]:
        if t == home or not placement.fits(meeting_id, t):
            continue
        placement.place(meeting_id, t)
        if placement.score(people) < before:
            return True
        placement.remove(meeting_id)
    placement.place(meeting_id, home)
    return False


def _better_swap(placement: Placement, meeting_id: str) -> bool:
    """Swap slots with another meeting of one of its participants (whose day stays the same)."""
    home = placement.slot[meeting_id]
    if placement.breaks_of(placement.members[meeting_id]) == 0:
        return False  # any gain is on the other meeting's side, found when that one is visited
    for person in placement.members[meeting_id]:
        for t, other in list(placement.busy[person].items()):
            if other == meeting_id or home not in placement.domains.open_slots[other]:
                continue
            if t not in placement.domains.open_slots[meeting_id]:
                continue
            people = set(placement.members[meeting_id]) | set(placement.members[other])
            before = placement.score(people)
            placement.remove(meeting_id)
            placement.remove(other)
            if placement.fits(meeting_id, t):
                placement.place(meeting_id, t)
                if placement.fits(other, home):
                    placement.place(other, home)
                    if placement.score(people) < before:
                        return True
                    placement.remove(other)
                placement.remove(meeting_id)
            placement.place(meeting_id, home)
            placement.place(other, t)
    return False
