"""From shortlists to meeting requests: the event JSON of contract section 5.

Each buyer asks to meet its top-k eligible suppliers (priority = the shortlist score). Requests
added by hand join them; the organizer can force a meeting in (it becomes mandatory) or out
(it is dropped); each such decision is kept with who made it and why. Caps on meetings per
supplier and per buyer keep the highest-priority requests, never a forced one.

A consortium proposal carried by a shortlist (its `consortia` list) can be invited as ONE
meeting of the buyer and every member; the proposal is recorded in the event's `plan`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from matcher.errors import EventError


@dataclass(frozen=True)
class SessionSpec:
    label: str  # e.g. "am", "pm", "day1-am"
    start: datetime
    slots: int


@dataclass(frozen=True)
class PlanSettings:
    event_id: str
    sessions: tuple[SessionSpec, ...]
    slot_minutes: int = 20
    tables: int = 25
    top_k: int = 5
    max_per_supplier: int | None = 6
    max_per_buyer: int | None = None
    fairness: int | None = 2
    one_table_per_buyer: bool = False


@dataclass(frozen=True)
class BuyerShortlist:
    buyer: str  # the buyer's name as in the requirement
    requirement_id: str
    document: dict[str, Any]  # contract section 3


@dataclass(frozen=True)
class Decision:
    """A request added by hand, or a meeting forced in or out, with who and why."""

    buyer: str
    supplier_id: str
    by: str
    why: str = ""
    action: str = "request"  # "request" | "force_in" | "force_out"
    priority: float = 1.0


@dataclass
class _Request:
    buyer: str
    supplier_id: str
    priority: float
    source: str
    mandatory: bool = False
    notes: list[dict[str, str]] = field(default_factory=list)


def make_slots(settings: PlanSettings) -> list[dict[str, Any]]:
    slots: list[dict[str, Any]] = []
    step = timedelta(minutes=settings.slot_minutes)
    for session in settings.sessions:
        for i in range(session.slots):
            start = session.start + i * step
            slots.append(
                {
                    "id": f"{session.label}-{i + 1:02d}",
                    "start": start.isoformat(timespec="minutes"),
                    "end": (start + step).isoformat(timespec="minutes"),
                    "session": session.label,
                }
            )
    return slots


def buyer_id(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").upper()
    return f"B-{slug or 'BUYER'}"


@dataclass(frozen=True)
class _GroupMeeting:
    """A consortium proposal invited as one meeting of the buyer and all its members."""

    buyer: str
    requirement_id: str
    proposal: dict[str, Any]

    @property
    def member_ids(self) -> list[str]:
        return [str(m["supplier_id"]) for m in self.proposal["members"]]


def build_event(
    settings: PlanSettings,
    shortlists: list[BuyerShortlist],
    suppliers: dict[str, dict[str, Any]],
    decisions: list[Decision] = (),  # type: ignore[assignment]
    *,
    consortia: int = 0,
) -> dict[str, Any]:
    """The event JSON (contract section 5) with a `plan` section recording every decision.

    With `consortia` = n, each shortlist's first n consortium proposals become one
    multi-party meeting each (optional, priority = the group score). They are asked for on
    purpose, so the per-supplier and per-buyer caps do not drop them.
    """
    requests: dict[tuple[str, str], _Request] = {}
    for shortlist in shortlists:
        eligible = [r for r in shortlist.document.get("results", []) if r.get("eligible", True)]
        for result in eligible[: settings.top_k]:
            key = (shortlist.buyer, str(result["supplier_id"]))
            score = float(result["score"])
            if key not in requests or requests[key].priority < score:
                requests[key] = _Request(*key, priority=round(score, 4), source="shortlist")
    forced_out: list[dict[str, str]] = []
    for decision in decisions:
        if decision.supplier_id not in suppliers:
            raise EventError(
                f"{decision.action} {decision.buyer}–{decision.supplier_id}: "
                f"supplier {decision.supplier_id} is not registered"
            )
        key = (decision.buyer, decision.supplier_id)
        note = {"action": decision.action, "by": decision.by, "why": decision.why}
        if decision.action == "force_out":
            requests.pop(key, None)
            forced_out.append({"buyer": decision.buyer, "supplier": decision.supplier_id, **note})
            continue
        request = requests.setdefault(
            key, _Request(*key, priority=decision.priority, source=decision.action)
        )
        request.notes.append(note)
        if decision.action == "force_in":
            request.mandatory = True
    kept = _apply_caps(list(requests.values()), settings)
    groups = _group_meetings(shortlists, suppliers, consortia)
    return _event_document(settings, kept, groups, suppliers, forced_out)


def _group_meetings(
    shortlists: list[BuyerShortlist], suppliers: dict[str, dict[str, Any]], consortia: int
) -> list[_GroupMeeting]:
    groups: list[_GroupMeeting] = []
    for shortlist in shortlists:
        for proposal in shortlist.document.get("consortia", [])[:consortia]:
            group = _GroupMeeting(shortlist.buyer, shortlist.requirement_id, proposal)
            unknown = [s for s in group.member_ids if s not in suppliers]
            if unknown:
                raise EventError(
                    f"consortium {proposal.get('rank', '?')} for {shortlist.requirement_id}: "
                    f"supplier {', '.join(unknown)} is not registered"
                )
            groups.append(group)
    return groups


def _apply_caps(requests: list[_Request], settings: PlanSettings) -> list[_Request]:
    # Forced meetings first, then by priority: a cap never drops what the organizer forced in.
    ordered = sorted(requests, key=lambda r: (not r.mandatory, -r.priority, r.buyer, r.supplier_id))
    per_supplier: dict[str, int] = {}
    per_buyer: dict[str, int] = {}
    kept: list[_Request] = []
    for request in ordered:
        s_count = per_supplier.get(request.supplier_id, 0)
        b_count = per_buyer.get(request.buyer, 0)
        over = (settings.max_per_supplier is not None and s_count >= settings.max_per_supplier) or (
            settings.max_per_buyer is not None and b_count >= settings.max_per_buyer
        )
        if over and not request.mandatory:
            continue
        per_supplier[request.supplier_id] = s_count + 1
        per_buyer[request.buyer] = b_count + 1
        kept.append(request)
    return sorted(kept, key=lambda r: (r.buyer, -r.priority, r.supplier_id))


def _event_document(
    settings: PlanSettings,
    requests: list[_Request],
    groups: list[_GroupMeeting],
    suppliers: dict[str, dict[str, Any]],
    forced_out: list[dict[str, str]],
) -> dict[str, Any]:
    buyers = sorted(
        {r.buyer for r in requests} | {f["buyer"] for f in forced_out} | {g.buyer for g in groups}
    )
    participants: list[dict[str, Any]] = [
        {"id": buyer_id(b), "name": b, "role": "buyer", "unavailable": []} for b in buyers
    ]
    invited = {r.supplier_id for r in requests}.union(*(g.member_ids for g in groups))
    for supplier_id in sorted(invited):
        info = suppliers[supplier_id]
        participants.append(
            {
                "id": supplier_id,
                "name": info.get("name", supplier_id),
                "role": "supplier",
                "unavailable": [],
                "regency": info.get("regency"),
                "products": info.get("products"),
            }
        )
    meetings: list[dict[str, Any]] = []
    plan: list[dict[str, Any]] = []
    for number, request in enumerate(requests, start=1):
        meeting_id = f"M{number:03d}"
        meetings.append(
            {
                "id": meeting_id,
                "participants": [buyer_id(request.buyer), request.supplier_id],
                "session": None,
                "fixed_slot": None,
                "after": [],
                "priority": request.priority,
                "mandatory": request.mandatory,
            }
        )
        plan.append({"meeting": meeting_id, "source": request.source, "decisions": request.notes})
    for number, group in enumerate(groups, start=len(requests) + 1):
        meeting_id = f"M{number:03d}"
        meetings.append(
            {
                "id": meeting_id,
                "participants": [buyer_id(group.buyer), *group.member_ids],
                "session": None,
                "fixed_slot": None,
                "after": [],
                "priority": round(float(group.proposal["score"]), 4),
                "mandatory": False,
            }
        )
        plan.append(
            {
                "meeting": meeting_id,
                "source": "consortium",
                "decisions": [],
                "requirement_id": group.requirement_id,
                "consortium": group.proposal,
            }
        )
    return {
        "event_id": settings.event_id,
        "fairness": settings.fairness,
        "slots": make_slots(settings),
        "tables": [f"T{i}" for i in range(1, settings.tables + 1)],
        "one_table_per_buyer": settings.one_table_per_buyer,
        "participants": participants,
        "meetings": meetings,
        "plan": {"requests": plan, "forced_out": forced_out, "top_k": settings.top_k},
    }
