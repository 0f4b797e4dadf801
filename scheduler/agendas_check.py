"""Refuse a schedule that would print wrong agendas: another event's, unknown ids, clashes.

Deliberately narrower than `scheduler.validate`: an organizer who moved a meeting by hand into a
slot a participant marked unavailable still gets agendas; only what would make the pages lie or
lose a meeting is refused.
"""

from __future__ import annotations

from collections import defaultdict

from matcher.errors import EventError
from scheduler.digest import schedule_matches
from scheduler.event import Event
from scheduler.result import Schedule


def check_schedule(event: Event, schedule: Schedule) -> None:
    """Refuse a schedule that does not belong to this event; name every mismatch at once."""
    problems: list[str] = []
    if schedule.event_id != event.event_id:
        problems.append(
            f"the schedule is for another event ({schedule.event_id!r}, not {event.event_id!r})"
        )
    if schedule_matches(event, schedule) == "different":
        problems.append(
            "this schedule was made for a different event (or the event changed since):"
            " its meetings, participants, slots or tables differ; schedule the event again"
        )
    meetings = {meeting.id for meeting in event.meetings}
    slots = {slot.id for slot in event.slots}
    tables = set(event.tables)
    for assignment in schedule.assignments:
        if assignment.meeting not in meetings:
            problems.append(f"meeting {assignment.meeting!r} is not in the event")
        if assignment.slot not in slots:
            problems.append(
                f"meeting {assignment.meeting!r} is put in slot {assignment.slot!r},"
                " which the event does not have"
            )
        if assignment.table not in tables:
            problems.append(
                f"meeting {assignment.meeting!r} is put at table {assignment.table!r},"
                " which the event does not have"
            )
    for left_out in schedule.unscheduled:
        if left_out.meeting not in meetings:
            problems.append(f"unscheduled meeting {left_out.meeting!r} is not in the event")
    problems.extend(_clashes(event, schedule))
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise EventError(f"the schedule does not match the event:\n{listed}")


def _clashes(event: Event, schedule: Schedule) -> list[str]:
    """Double bookings: an agenda has one line per slot, so a second meeting would vanish."""
    meetings = {m.id: m for m in event.meetings}
    times_placed: dict[str, int] = defaultdict(int)
    per_person: dict[tuple[str, str], list[str]] = defaultdict(list)
    per_table: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in schedule.assignments:
        if a.meeting not in meetings:
            continue
        times_placed[a.meeting] += 1
        per_table[(a.slot, a.table)].append(a.meeting)
        for person in meetings[a.meeting].participants:
            per_person[(a.slot, person)].append(a.meeting)
    problems = [
        f"meeting {meeting!r} is placed {count} times" for meeting, count in times_placed.items()
        if count > 1
    ]  # fmt: skip
    problems += [
        f"{person} has {len(held)} meetings at once in slot {slot!r}: {', '.join(held)}"
        for (slot, person), held in per_person.items()
        if len(set(held)) > 1
    ]
    problems += [
        f"table {table!r} holds {len(held)} meetings in slot {slot!r}: {', '.join(held)}"
        for (slot, table), held in per_table.items()
        if len(set(held)) > 1
    ]
    return problems
