"""Re-scheduling on the day: someone cancels or arrives late; everyone else's agenda moves as
little as possible.

Meetings already held (before `now_slot`) stay exactly where they were. A cancelled participant's
remaining meetings are dropped. A late participant cannot meet before its arrival slot. Then, in
order: keep as many remaining meetings as possible (mandatory ones first), change as few meetings'
slot or table as possible, and have the fewest breaks. When the time limit stops CP-SAT early,
the answer is never worse on that order than a simple repair (scheduler.least_moves).

The new schedule carries the digest of the event as changed on the day (`event_after`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from matcher.errors import EventError
from scheduler.digest import event_digest
from scheduler.domains import Domains, meeting_domains
from scheduler.event import Event
from scheduler.least_moves import day_score, repair_day
from scheduler.model import build_model
from scheduler.result import Assignment, Change, Schedule, Unscheduled
from scheduler.search import hint_slots, run, set_lexicographic_objective
from scheduler.solve import HINT_SECONDS, infeasible, objective_tiers, schedule_from_slots
from scheduler.tables import assign_tables
from scheduler.validate import validate

KEEP_MANDATORY = 1000  # priority bonus: a mandatory meeting is dropped only when it cannot fit


def day_of_event(
    event: Event,
    previous: Schedule,
    *,
    now_slot: str,
    cancelled: Iterable[str] = (),
    late_until: Mapping[str, str] | None = None,
) -> tuple[Event, dict[str, str]]:
    """The event as it stands at `now_slot`, and the meetings dropped with the reason why.

    Held meetings become fixed; remaining meetings become optional (mandatory ones with a large
    priority) so that a late arrival drops what cannot fit instead of failing the whole day.
    """
    position = event.slot_index()
    problems = [f"unknown slot {now_slot!r}"] if now_slot not in position else []
    people = {p.id for p in event.participants}
    cancelled = set(cancelled)
    late = dict(late_until or {})
    problems += [f"unknown participant {p!r} in the cancel list" for p in cancelled - people]
    problems += [f"unknown participant {p!r} in the late list" for p in set(late) - people]
    problems += [f"{p} arrives at unknown slot {s!r}" for p, s in late.items() if s not in position]
    if problems:
        raise EventError("cannot re-schedule: " + "; ".join(problems))
    now = position[now_slot]
    placed = {a.meeting: a for a in previous.assignments}
    held = {m for m, a in placed.items() if position.get(a.slot, now) < now}
    dropped: dict[str, str] = {}
    meetings = []
    for meeting in event.meetings:
        gone = [p for p in meeting.participants if p in cancelled]
        if meeting.id in held:
            meetings.append(meeting.model_copy(update={"fixed_slot": placed[meeting.id].slot}))
        elif gone:
            dropped[meeting.id] = f"{' and '.join(gone)} cancelled"
        else:
            bonus = KEEP_MANDATORY if meeting.mandatory else 0
            meetings.append(
                meeting.model_copy(
                    update={"mandatory": False, "priority": meeting.priority + bonus}
                )
            )
    kept_ids = {m.id for m in meetings}
    meetings = [
        m.model_copy(update={"after": [b for b in m.after if b in kept_ids]}) for m in meetings
    ]
    participants = []
    for person in event.participants:
        arrival = late.get(person.id)
        extra = [s.id for s in event.slots[now : position[arrival]]] if arrival else []
        unavailable = list(dict.fromkeys([*person.unavailable, *extra]))
        participants.append(person.model_copy(update={"unavailable": unavailable}))
    today = event.model_copy(update={"meetings": meetings, "participants": participants})
    return Event.model_validate(today.model_dump()), dropped


def reschedule(
    event: Event,
    previous: Schedule,
    *,
    now_slot: str,
    cancelled: Iterable[str] = (),
    late_until: Mapping[str, str] | None = None,
    time_limit: float | None = 30.0,
    workers: int = 2,
) -> tuple[Schedule, list[Change]]:
    """A new schedule from `now_slot` on, and the changes to report to participants."""
    started = time.monotonic()
    today, dropped = day_of_event(
        event, previous, now_slot=now_slot, cancelled=cancelled, late_until=late_until
    )
    position = event.slot_index()
    now = position[now_slot]
    before = {a.meeting: a for a in previous.assignments}
    domains = meeting_domains(today)
    for meeting in today.meetings:
        if not meeting.fixed_slot or meeting.id not in before:
            domains.open_slots[meeting.id] = [t for t in domains.open_slots[meeting.id] if t >= now]
    sm = build_model(today, domains, symmetry=False)
    moved = []
    for meeting_id, lits in sm.x.items():
        if meeting_id in before and before[meeting_id].slot in position:
            stay = lits.get(position[before[meeting_id].slot])
            change = sm.model.new_bool_var(f"moved[{meeting_id}]")
            if stay is not None:
                sm.model.add(change + stay == 1)
            else:
                sm.model.add(change == 1)
            moved.append((1, change))
    missed, breaks = objective_tiers(sm)
    # Moves come before breaks: a reprinted agenda costs more on the day than an idle slot.
    set_lexicographic_objective(sm, [missed, moved, breaks])
    previous_slots = {m: position[a.slot] for m, a in before.items() if a.slot in position}
    repaired = _checked_repair(today, domains, previous_slots)
    hint_seconds = 0.0 if time_limit is None else min(HINT_SECONDS, time_limit * 0.2)
    hint_slots(sm, repaired or previous_slots, complete_within=hint_seconds)
    left = None if time_limit is None else max(0.1, time_limit - (time.monotonic() - started))
    outcome = run(sm, time_limit=left, workers=workers)
    slots, status = outcome.slots, outcome.status
    if repaired is not None and status != "optimal":
        # Stopped early (or nothing found): never worse than the simple repair.
        if status != "feasible" or day_score(today, repaired, previous_slots) < day_score(
            today, slots, previous_slots
        ):
            slots, status = repaired, "feasible"
    if status not in {"optimal", "feasible"}:
        schedule = infeasible(today, "the remaining meetings cannot be re-arranged", 0.0)
        return schedule, []
    schedule = schedule_from_slots(today, slots, status=status, seconds=time.monotonic() - started)
    slot_ids = [s.id for s in today.slots]
    schedule.assignments = sorted(
        assign_tables(today, [(m, slot_ids[t]) for m, t in slots.items()], before.values()),
        key=lambda a: (position[a.slot], a.meeting),
    )
    schedule.unscheduled += [Unscheduled(meeting=m, reason=why) for m, why in dropped.items()]
    changes = describe_changes(event, before, schedule, dropped)
    schedule.changes = changes
    changed = event_after(
        event, previous, schedule, now_slot=now_slot, cancelled=cancelled, late_until=late_until
    )
    schedule.event_digest = event_digest(changed)
    return schedule, changes


def _checked_repair(
    today: Event, domains: Domains, previous_slots: dict[str, int]
) -> dict[str, int] | None:
    """The simple repair, if the independent validator accepts it (it may, for instance,
    leave someone over the fairness cap, which only CP-SAT can fix)."""
    slots = repair_day(today, domains, previous_slots)
    candidate = schedule_from_slots(today, slots, status="feasible", seconds=0.0)
    return slots if not validate(today, candidate) else None


def event_after(
    event: Event,
    previous: Schedule,
    new: Schedule,
    *,
    now_slot: str,
    cancelled: Iterable[str] = (),
    late_until: Mapping[str, str] | None = None,
) -> Event:
    """The event as changed on the day, which the new schedule is valid for (and made for).

    Meetings already held are fixed where they were; a cancelled participant cannot attend any
    slot from `now_slot` on; a late one cannot attend before its arrival slot; a meeting the new
    schedule leaves out becomes optional. Agendas and a further re-schedule use this event.
    """
    position = event.slot_index()
    now = position[now_slot]
    placed = {a.meeting: a.slot for a in previous.assignments}
    held = {m: s for m, s in placed.items() if position.get(s, now) < now}
    kept = {a.meeting for a in new.assignments}
    gone = set(cancelled)
    late = dict(late_until or {})
    participants = []
    for person in event.participants:
        missing: list[str] = []
        if person.id in gone:
            missing = [s.id for s in event.slots[now:]]
        elif person.id in late:
            missing = [s.id for s in event.slots[now : position[late[person.id]]]]
        unavailable = list(dict.fromkeys([*person.unavailable, *missing]))
        participants.append(person.model_copy(update={"unavailable": unavailable}))
    meetings = []
    for meeting in event.meetings:
        if meeting.id in held:
            meeting = meeting.model_copy(update={"fixed_slot": held[meeting.id]})
        elif meeting.id not in kept:
            meeting = meeting.model_copy(update={"mandatory": False})
        meetings.append(meeting)
    changed = event.model_copy(update={"participants": participants, "meetings": meetings})
    return Event.model_validate(changed.model_dump())


def describe_changes(
    event: Event,
    before: dict[str, Assignment],
    after: Schedule,
    dropped: dict[str, str],
) -> list[Change]:
    """What moved, was dropped or was added, in plain words ("M12 B03–S40 moved from s3/T2 …")."""
    now = {a.meeting: a for a in after.assignments}
    reasons = {u.meeting: u.reason for u in after.unscheduled} | dropped
    changes = []
    for meeting in event.meetings:
        label = f"{meeting.id} {'–'.join(meeting.participants)}"
        old, new = before.get(meeting.id), now.get(meeting.id)
        if old is not None and new is None:
            why = reasons.get(meeting.id, "no room left")
            text = f"{label} dropped from {old.slot}/{old.table}: {why}"
            changes.append(Change(meeting=meeting.id, kind="dropped", before=old, description=text))
        elif old is None and new is not None:
            text = f"{label} added at {new.slot}/{new.table}"
            changes.append(Change(meeting=meeting.id, kind="added", after=new, description=text))
        elif old is not None and new is not None and (old.slot, old.table) != (new.slot, new.table):
            text = f"{label} moved from {old.slot}/{old.table} to {new.slot}/{new.table}"
            changes.append(
                Change(meeting=meeting.id, kind="moved", before=old, after=new, description=text)
            )
    return changes
