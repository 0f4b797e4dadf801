"""Tables: how many meetings a slot can hold, and which table each placed meeting gets.

Which table a meeting uses never changes feasibility or breaks once these rules hold:
* normal mode: at most `len(tables)` meetings per slot; any one-to-one assignment inside a slot is
  valid, so tables are assigned after the slot model (keeping a buyer at the same table when free);
* one table per buyer: every buyer with meetings owns one table for the whole event (its organizer
  table if set) and all its meetings happen there, so buyers never compete for tables; meetings
  without a buyer share the tables no buyer owns, at most that many per slot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from scheduler.event import Event, is_buyer
from scheduler.result import Assignment


def shared_capacity(event: Event) -> tuple[set[str], int]:
    """Meetings that compete for the shared tables, and how many of them fit in one slot."""
    if not event.one_table_per_buyer:
        return {m.id for m in event.meetings}, len(event.tables)
    owners = set(event.buyers_with_meetings())
    free_meetings = {m.id for m in event.meetings if not set(m.participants) & owners}
    return free_meetings, len(event.tables) - len(owners)


def buyer_tables(event: Event, earlier: dict[str, str] | None = None) -> dict[str, str]:
    """With one table per buyer: buyer → its table (organizer's choice, else the table it had
    `earlier`, else the first free one)."""
    buyers = event.buyers_with_meetings()
    chosen = {b: event.participant(b).table for b in buyers}
    owned: dict[str, str] = {b: t for b, t in chosen.items() if t is not None}
    for buyer, table in (earlier or {}).items():
        if buyer in chosen and buyer not in owned and table not in set(owned.values()):
            owned[buyer] = table
    free = (t for t in event.tables if t not in set(owned.values()))
    for buyer in buyers:
        if buyer not in owned:
            owned[buyer] = next(free)
    return owned


def assign_tables(
    event: Event,
    placed: Iterable[tuple[str, str]],
    previous: Iterable[Assignment] = (),
) -> list[Assignment]:
    """Tables for (meeting, slot) pairs; raises ValueError if a slot is over capacity.

    A meeting that keeps its slot from `previous` keeps its table there too when it can.
    """
    meetings = {m.id: m for m in event.meetings}
    before = {a.meeting: a for a in previous}
    people = {p.id: p for p in event.participants}
    by_slot: dict[str, list[str]] = defaultdict(list)
    for meeting_id, slot_id in placed:
        by_slot[slot_id].append(meeting_id)
    earlier = {
        p: a.table
        for a in before.values()
        if a.meeting in meetings
        for p in meetings[a.meeting].participants
        if is_buyer(people[p])
    }
    owned = buyer_tables(event, earlier) if event.one_table_per_buyer else {}
    pinned = {p.id: p.table for p in event.participants if p.table is not None} | owned
    shared = [t for t in event.tables if t not in set(owned.values())]
    # A buyer (or else the first participant) keeps its last table when it is free again,
    # so suppliers find their buyers where they were.
    usual: dict[str, str] = {}
    assignments: list[Assignment] = []
    order = {s.id: i for i, s in enumerate(event.slots)}
    for slot_id in sorted(by_slot, key=lambda s: order[s]):
        taken: set[str] = set()
        waiting: list[tuple[str, str]] = []
        # Meetings that stay where they were go first, so they find their old table free.
        stays = {m for m in by_slot[slot_id] if m in before and before[m].slot == slot_id}
        for meeting_id in sorted(by_slot[slot_id], key=lambda m: (m not in stays, m)):
            members = meetings[meeting_id].participants
            anchor = next((p for p in members if is_buyer(people[p])), members[0])
            table = next((pinned[p] for p in members if p in pinned), None)
            if table is not None and table not in taken:
                taken.add(table)
                assignments.append(Assignment(meeting=meeting_id, slot=slot_id, table=table))
            else:
                waiting.append((meeting_id, anchor))
        pool = shared if event.one_table_per_buyer else list(event.tables)
        for meeting_id, anchor in waiting:
            kept = before.get(meeting_id)
            table = kept.table if kept is not None and kept.slot == slot_id else usual.get(anchor)
            if table is None or table in taken or table not in pool:
                table = next((t for t in pool if t not in taken), None)
            if table is None:
                raise ValueError(f"slot {slot_id} holds more meetings than it has tables")
            taken.add(table)
            usual[anchor] = table
            assignments.append(Assignment(meeting=meeting_id, slot=slot_id, table=table))
    return assignments
