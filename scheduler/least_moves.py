"""A simple repair for re-scheduling on the day, and the score that ranks re-schedules.

On the day every moved meeting means reprinting an agenda and finding the people involved, so a
re-schedule is ranked by (optional priority left out, meetings moved or dropped, breaks), in that
order. The repair keeps every meeting that still fits where it was and fits the others in with
the local moves of scheduler.repair. CP-SAT starts from it and, when its time runs out early, its
answer is kept only if it is at least as good; so a short time limit never moves more meetings
than this repair does.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.domains import Domains
from scheduler.event import Event
from scheduler.model import priority_weight
from scheduler.priority import breaks_by_runs
from scheduler.repair import Placement, complete

Score = tuple[int, int, int]  # (missed priority, meetings moved or dropped, breaks)


def repair_day(event: Event, domains: Domains, before: Mapping[str, int]) -> dict[str, int]:
    """Meeting → slot position: each meeting stays where it was when it still can (fixed
    meetings first), then the rest are fitted in; a meeting that fits nowhere is left out."""
    placement = Placement(event, domains, {})
    fixed_first = sorted(
        (m for m in event.meetings if m.id in before),
        key=lambda m: (m.fixed_slot is None, before[m.id]),
    )
    for meeting in fixed_first:
        t = before[meeting.id]
        if t in domains.open_slots[meeting.id] and placement.fits(meeting.id, t):
            placement.place(meeting.id, t)
    complete(placement)
    return dict(placement.slot)


def day_score(event: Event, slots: Mapping[str, int], before: Mapping[str, int]) -> Score:
    """The re-schedule objective of CP-SAT (scheduler.reschedule), counted directly."""
    missed = sum(priority_weight(m) for m in event.meetings if m.id not in slots)
    known = {m.id for m in event.meetings}
    moved = sum(1 for m, t in before.items() if m in known and slots.get(m) != t)
    breaks = sum(breaks_by_runs(event, dict(slots)).values())
    return missed, moved, breaks
