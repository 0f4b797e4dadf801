"""Which event a schedule was made for: a digest of the event fields that decide the schedule.

Two events share a digest exactly when a schedule valid for one is valid for the other. The
digest covers, after the event is read and checked:
* `event_id`, `fairness`, `one_table_per_buyer`;
* slots in time order: id, start, end, session;
* tables (as a set of names; a number of tables counts as T1…Tn);
* participants (as a set): id, unavailable slots (as a set), fixed table;
* meetings (as a set): id, participants (as a set), session, fixed slot, `after` (as a set),
  mandatory.
Names, roles, organisations, regencies, products and priorities are left out: correcting a
supplier's name or re-weighing an optional meeting does not make a schedule wrong.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Literal

from scheduler.event import Event
from scheduler.result import Schedule

DIGEST_PREFIX = "sha256:"

Match = Literal["same", "different", "unknown"]


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def canonical_event(event: Event) -> dict[str, Any]:
    """The fields the digest covers, with every order that does not matter taken out."""
    return {
        "event_id": event.event_id,
        "fairness": event.fairness,
        "one_table_per_buyer": event.one_table_per_buyer,
        "slots": [
            {"id": s.id, "start": _when(s.start), "end": _when(s.end), "session": s.session}
            for s in event.slots
        ],
        "tables": sorted(event.tables),
        "participants": sorted(
            (
                {"id": p.id, "unavailable": sorted(set(p.unavailable)), "table": p.table}
                for p in event.participants
            ),
            key=lambda row: str(row["id"]),
        ),
        "meetings": sorted(
            (
                {
                    "id": m.id,
                    "participants": sorted(set(m.participants)),
                    "session": m.session,
                    "fixed_slot": m.fixed_slot,
                    "after": sorted(set(m.after)),
                    "mandatory": m.mandatory,
                }
                for m in event.meetings
            ),
            key=lambda row: str(row["id"]),
        ),
    }


def event_digest(event: Event) -> str:
    """`sha256:<hex>` over the canonical JSON of `canonical_event`."""
    text = json.dumps(
        canonical_event(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return DIGEST_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def schedule_matches(event: Event, schedule: Schedule) -> Match:
    """ "same" or "different"; "unknown" for a schedule without a digest (older files)."""
    if not schedule.event_digest:
        return "unknown"
    return "same" if schedule.event_digest == event_digest(event) else "different"
