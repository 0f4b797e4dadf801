"""Meeting requests for a stored event from its buyers' shortlists.

The choice of meetings is the scheduler's planner (`scheduler.plan.build_event`: top-k per
buyer, a cap per supplier, forced entries kept); this module feeds it the buyers' stored
requirements and writes what it proposes into the event, skipping pairs already there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from models import RequirementRecord, Supplier
from models.event import EventParticipant, EventRecord, MeetingIn
from models.user import User
from scheduler.plan import BuyerShortlist, Decision, PlanSettings, build_event, buyer_id
from service.crud import events as event_crud
from service.crud import shortlists as shortlist_crud
from service.crud.requirements import stored_requirement
from service.deps import actor


def buyer_participants(participants: list[EventParticipant]) -> list[EventParticipant]:
    # The same test as the scheduler's `is_buyer`.
    return [p for p in participants if p.role.strip().lower() in {"buyer", "pembeli"}]


def requirements_of(session: Session, account_ids: list[int]) -> dict[int, list[RequirementRecord]]:
    """Each buyer account's stored requirements, oldest first."""
    found: dict[int, list[RequirementRecord]] = {i: [] for i in account_ids}
    if not account_ids:
        return found
    rows = session.execute(
        select(RequirementRecord)
        .where(col(RequirementRecord.owner_id).in_(account_ids))
        .order_by(col(RequirementRecord.id))
    )
    for row in rows.scalars():
        assert row.owner_id is not None
        found[row.owner_id].append(row)
    return found


def plan_meetings(
    engine: Engine,
    session: Session,
    user: User,
    record: EventRecord,
    top_k: int,
    consortia: int = 0,
) -> int:
    """Add meetings for each buyer's top `top_k` suppliers, and with `consortia` > 0 one
    meeting with each of a requirement's best consortium proposals (buyer and every member,
    only where no single supplier can serve it); returns how many were added."""
    participants = event_crud.participants_of(session, record)
    buyers = [p for p in buyer_participants(participants) if p.account_id is not None]
    owned = requirements_of(session, [p.account_id for p in buyers if p.account_id is not None])
    shortlists: list[BuyerShortlist] = []
    decisions: list[Decision] = []
    requirement_of: dict[tuple[str, str], str] = {}
    members: set[str] = set()  # consortium members, who may not rank on their own
    for buyer in buyers:
        assert buyer.account_id is not None
        for row in owned[buyer.account_id]:
            document = shortlist_crud.shortlist(
                engine,
                row.owner_id,
                stored_requirement(row),
                top=top_k,
                include_ineligible=False,
                stored=row,
                consortia=consortia,
            )
            # The planner knows buyers by a key; the participant id is unique, the name may not be.
            key = buyer.participant_id
            shortlists.append(BuyerShortlist(key, row.requirement_id, document))
            for proposal in document.get("consortia", [])[:consortia]:
                for member in proposal["members"]:
                    members.add(member["supplier_id"])
            for result in document["results"]:
                requirement_of.setdefault((key, result["supplier_id"]), row.requirement_id)
                if result.get("forced") == "in":
                    decisions.append(
                        Decision(key, result["supplier_id"], actor(user), action="force_in")
                    )
    suppliers = _supplier_info(session, {sid for _, sid in requirement_of} | members)
    settings = PlanSettings(event_id=record.event_id, sessions=(), top_k=top_k)
    plan = build_event(settings, shortlists, suppliers, decisions, consortia=consortia)
    return _write(session, user, record, participants, plan, requirement_of)


def _supplier_info(session: Session, supplier_ids: set[str]) -> dict[str, dict[str, Any]]:
    if not supplier_ids:
        return {}
    rows = session.execute(
        select(Supplier).where(col(Supplier.supplier_id).in_(sorted(supplier_ids)))
    )
    return {
        s.supplier_id: {"name": s.name, "regency": s.regency, "products": s.products}
        for s in rows.scalars()
    }


def _write(
    session: Session,
    user: User,
    record: EventRecord,
    participants: list[EventParticipant],
    plan: dict[str, Any],
    requirement_of: dict[tuple[str, str], str],
) -> int:
    # The planner names each buyer by a slug of its key (the participant id); map back.
    planned_id = {buyer_id(p.participant_id): p for p in buyer_participants(participants)}
    present = {p.participant_id for p in participants}
    names = {p["id"]: p for p in plan["participants"]}
    taken = {m.meeting_id for m in event_crud.meetings_of(session, record)}
    pairs = {frozenset(m.participants) for m in event_crud.meetings_of(session, record)}
    notes = {note["meeting"]: note for note in plan["plan"]["requests"]}
    added = 0
    for meeting in plan["meetings"]:
        planned_buyer, *supplier_ids = meeting["participants"]
        buyer = planned_id.get(planned_buyer)
        if buyer is None or frozenset((buyer.participant_id, *supplier_ids)) in pairs:
            continue
        for supplier_id in supplier_ids:
            if supplier_id not in present:
                info = names[supplier_id]
                values = {"id": supplier_id, "name": info["name"], "role": "supplier"}
                values["supplier_id"] = supplier_id
                event_crud.put_participant(session, user, record, values)
                present.add(supplier_id)
        number = len(taken) + 1
        while f"M{number:03d}" in taken:
            number += 1
        meeting_id = f"M{number:03d}"
        request = MeetingIn(
            id=meeting_id,
            participants=[buyer.participant_id, *supplier_ids],
            priority=meeting["priority"],
            mandatory=meeting["mandatory"],
            requirement_id=notes.get(meeting["id"], {}).get("requirement_id")
            or requirement_of.get((buyer.participant_id, supplier_ids[0])),
        )
        event_crud.add_meeting(session, user, record, request)
        taken.add(meeting_id)
        pairs.add(frozenset(request.participants))
        added += 1
    return added
