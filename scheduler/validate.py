"""An independent check of a schedule against its event; shares no code with the solver model.

A schedule that carries an event digest (scheduler.digest) must have been made for this event.

Every schedule a test or benchmark produces goes through `validate`, which recounts breaks itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from scheduler.digest import schedule_matches
from scheduler.event import Event, is_buyer
from scheduler.result import Assignment, Schedule


def count_breaks(event: Event, assignments: Iterable[Assignment]) -> dict[str, int]:
    """Breaks per participant: maximal idle runs between two of its meetings (0 if < 2)."""
    position = {slot.id: i for i, slot in enumerate(event.slots)}
    meetings = {m.id: m for m in event.meetings}
    used: dict[str, set[int]] = {p.id: set() for p in event.participants}
    for a in assignments:
        if a.meeting in meetings and a.slot in position:
            for person in meetings[a.meeting].participants:
                used.setdefault(person, set()).add(position[a.slot])
    breaks: dict[str, int] = {}
    for person, slots in used.items():
        ordered = sorted(slots)
        breaks[person] = sum(1 for a, b in zip(ordered, ordered[1:], strict=False) if b != a + 1)
    return breaks


def validate(event: Event, schedule: Schedule) -> list[str]:
    """Every way the schedule breaks the event's rules, in plain words; [] when it is sound."""
    problems: list[str] = []
    if schedule.event_id != event.event_id:
        problems.append(f"schedule is for event {schedule.event_id!r}, not {event.event_id!r}")
    if schedule_matches(event, schedule) == "different":
        problems.append(
            "this schedule was made for a different event: its event digest does not match"
            " (meetings, participants, slots or tables differ)"
        )
    if schedule.status == "infeasible":
        if schedule.assignments:
            problems.append("an infeasible schedule must not hold assignments")
        if not schedule.reason:
            problems.append("an infeasible schedule must say why (reason is empty)")
        return problems
    problems.extend(_check_ids_and_places(event, schedule))
    problems.extend(_check_clashes(event, schedule))
    problems.extend(_check_order_and_coverage(event, schedule))
    problems.extend(_check_breaks(event, schedule))
    return problems


def _check_ids_and_places(event: Event, schedule: Schedule) -> list[str]:
    problems: list[str] = []
    slots = {s.id: s for s in event.slots}
    tables = set(event.tables)
    meetings = {m.id: m for m in event.meetings}
    people = {p.id: p for p in event.participants}
    for a in schedule.assignments:
        if a.meeting not in meetings:
            problems.append(f"assignment names unknown meeting {a.meeting!r}")
            continue
        if a.slot not in slots:
            problems.append(f"meeting {a.meeting} is in unknown slot {a.slot!r}")
            continue
        if a.table not in tables:
            problems.append(f"meeting {a.meeting} is at unknown table {a.table!r}")
        meeting = meetings[a.meeting]
        if meeting.fixed_slot is not None and a.slot != meeting.fixed_slot:
            problems.append(
                f"meeting {a.meeting} is fixed to {meeting.fixed_slot} but was moved to {a.slot}"
            )
        if meeting.session is not None and slots[a.slot].session != meeting.session:
            problems.append(
                f"meeting {a.meeting} must be in session {meeting.session!r},"
                f" but {a.slot} is in session {slots[a.slot].session!r}"
            )
        for person in meeting.participants:
            if person in people and a.slot in people[person].unavailable:
                problems.append(
                    f"{person} cannot attend {a.slot}, but meeting {a.meeting} is there"
                )
    return problems


def _check_clashes(event: Event, schedule: Schedule) -> list[str]:
    problems: list[str] = []
    meetings = {m.id: m for m in event.meetings}
    per_person: dict[tuple[str, str], list[str]] = defaultdict(list)
    per_table: dict[tuple[str, str], list[str]] = defaultdict(list)
    per_slot: dict[str, int] = defaultdict(int)
    buyer_tables: dict[str, set[str]] = defaultdict(set)
    buyers = {p.id for p in event.participants if is_buyer(p)}
    fixed_table = {p.id: p.table for p in event.participants if p.table is not None}
    for a in schedule.assignments:
        if a.meeting not in meetings:
            continue
        per_table[(a.slot, a.table)].append(a.meeting)
        per_slot[a.slot] += 1
        for person in meetings[a.meeting].participants:
            per_person[(a.slot, person)].append(a.meeting)
            if person in buyers:
                buyer_tables[person].add(a.table)
            if person in fixed_table and a.table != fixed_table[person]:
                problems.append(
                    f"{person} should stay at table {fixed_table[person]},"
                    f" but meeting {a.meeting} is at {a.table}"
                )
    for (slot, person), held in per_person.items():
        if len(held) > 1:
            problems.append(f"{person} is double-booked in {slot}: {', '.join(held)}")
    for (slot, table), held in per_table.items():
        if len(held) > 1:
            problems.append(
                f"table {table} holds {len(held)} meetings in {slot}: {', '.join(held)}"
            )
    for slot, count in per_slot.items():
        if count > len(event.tables):
            problems.append(
                f"{slot} holds {count} meetings but there are {len(event.tables)} tables"
            )
    if event.one_table_per_buyer:
        problems.extend(_check_buyer_tables(schedule, meetings.keys(), buyer_tables, buyers, event))
    return problems


def _check_buyer_tables(
    schedule: Schedule,
    meeting_ids: Iterable[str],
    buyer_tables: dict[str, set[str]],
    buyers: set[str],
    event: Event,
) -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    for buyer, tables in sorted(buyer_tables.items()):
        if len(tables) > 1:
            problems.append(f"buyer {buyer} should keep one table but sits at {sorted(tables)}")
        for table in tables:
            if table in owner and owner[table] != buyer:
                problems.append(f"table {table} is used by two buyers: {owner[table]} and {buyer}")
            owner.setdefault(table, buyer)
    meetings = {m.id: m for m in event.meetings}
    known = set(meeting_ids)
    for a in schedule.assignments:
        if a.meeting in known and not set(meetings[a.meeting].participants) & buyers:
            if a.table in owner:
                problems.append(
                    f"meeting {a.meeting} uses table {a.table},"
                    f" which belongs to buyer {owner[a.table]}"
                )
    return problems


def _check_order_and_coverage(event: Event, schedule: Schedule) -> list[str]:
    problems: list[str] = []
    position = {s.id: i for i, s in enumerate(event.slots)}
    placed: dict[str, str] = {}
    for a in schedule.assignments:
        if a.meeting in placed:
            problems.append(f"meeting {a.meeting} is scheduled twice")
        placed[a.meeting] = a.slot
    left_out = {u.meeting for u in schedule.unscheduled}
    for meeting in event.meetings:
        if meeting.id not in placed:
            if meeting.mandatory:
                problems.append(f"mandatory meeting {meeting.id} is missing")
            elif meeting.id not in left_out:
                problems.append(f"optional meeting {meeting.id} is neither scheduled nor explained")
            continue
        for before in meeting.after:
            if before in placed and placed[before] in position and placed[meeting.id] in position:
                if position[placed[before]] >= position[placed[meeting.id]]:
                    problems.append(
                        f"meeting {meeting.id} ({placed[meeting.id]}) must come after"
                        f" {before} ({placed[before]})"
                    )
    for item in left_out & set(placed):
        problems.append(f"meeting {item} is both scheduled and listed as unscheduled")
    return problems


def _check_breaks(event: Event, schedule: Schedule) -> list[str]:
    problems: list[str] = []
    breaks = count_breaks(event, schedule.assignments)
    if schedule.breaks.total != sum(breaks.values()):
        problems.append(
            f"schedule reports {schedule.breaks.total} breaks in total, recount gives"
            f" {sum(breaks.values())}"
        )
    for person, count in sorted(breaks.items()):
        reported = schedule.breaks.per_participant.get(person)
        if reported is not None and reported != count:
            problems.append(f"{person}: schedule reports {reported} breaks, recount gives {count}")
    if event.fairness is not None and breaks:
        most, least = max(breaks.values()), min(breaks.values())
        if most - least > event.fairness:
            worst = max(breaks, key=lambda p: breaks[p])
            problems.append(
                f"fairness cap {event.fairness} exceeded: {worst} has {most} breaks,"
                f" the fewest is {least}"
            )
    return problems
