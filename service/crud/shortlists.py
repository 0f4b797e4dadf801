"""Shortlists through the API: run, apply the organizer's forced entries, remember, read back.

A supplier forced out never appears; a supplier forced in always does (after the ranked ones
when it did not rank on its own), marked `"forced": "in"`. Who forced it and why is in the
audit trail and the override list, not in the buyer's document.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from matcher.index import SupplierIndex
from matcher.profile import WeightsProfile
from matcher.scoring import rank
from matcher.types import Requirement
from models import AuditEvent, RequirementRecord, ShortlistRun, Supplier
from models.event import ShortlistOverride
from models.requirement import requirement_to_json
from models.supplier import to_record
from models.user import Role, User
from service.crud import shortlist_cache
from service.crud.errors import NotFound
from service.crud.paging import page_of
from service.crud.suppliers import get_supplier
from service.shortlists import CatalogueState, catalogue_state, rank_document, remember


def _of(requirement: RequirementRecord) -> list[Any]:
    """WHERE conditions for the forced entries of one buyer's requirement."""
    return [
        col(ShortlistOverride.requirement_id) == requirement.requirement_id,
        col(ShortlistOverride.owner_id) == requirement.owner_id,
    ]


def overrides_for(session: Session, requirement: RequirementRecord) -> list[ShortlistOverride]:
    rows = session.execute(
        select(ShortlistOverride).where(*_of(requirement)).order_by(col(ShortlistOverride.id))
    )
    return list(rows.scalars())


def shortlist(
    engine: Engine,
    owner_id: int | None,
    requirement: Requirement,
    *,
    top: int,
    include_ineligible: bool,
    stored: RequirementRecord | None,
    consortia: int = 0,
    session: Session | None = None,
) -> dict[str, Any]:
    """The contract's shortlist document for `requirement`, remembered for its owner.

    Forced entries apply only to a `stored` requirement: an inline one has no organizer yet.
    With `consortia` > 0 it carries up to that many group proposals; a supplier forced out
    is in none of them. Pass the request's `session` to do all of it in one connection.
    """
    if session is None:
        with Session(engine) as own:
            return shortlist(
                engine,
                owner_id,
                requirement,
                top=top,
                include_ineligible=include_ineligible,
                stored=stored,
                consortia=consortia,
                session=own,
            )
    forced = overrides_for(session, stored) if stored is not None else []
    state = catalogue_state(session)
    profile = state.profile
    key = shortlist_cache.cache_key(
        str(engine.url),
        state.revision,
        profile.name,
        profile.version,
        top,
        include_ineligible,
        consortia,
        [(o.supplier_id, o.mode) for o in forced],
        requirement_to_json(requirement),
    )
    document = shortlist_cache.get(key)
    if document is None:
        document = _ranked(
            engine, session, requirement, state, top, include_ineligible, consortia, forced
        )
        shortlist_cache.put(key, document)
    remember(session, requirement, document, profile, owner_id)
    return document


def _ranked(
    engine: Engine,
    session: Session,
    requirement: Requirement,
    state: CatalogueState,
    top: int,
    include_ineligible: bool,
    consortia: int,
    forced: list[ShortlistOverride],
) -> dict[str, Any]:
    out_ids = {o.supplier_id for o in forced if o.mode == "out"}
    in_ids = [o.supplier_id for o in forced if o.mode == "in"]
    document = rank_document(
        engine,
        requirement,
        state,
        top=top + len(out_ids),
        include_ineligible=include_ineligible,
        consortia=consortia,
    )
    if not forced:
        return document
    if "consortia" in document:
        document["consortia"] = _without(document["consortia"], out_ids)
    return _apply(session, document, requirement, state.profile, top, out_ids, in_ids)


def _without(proposals: list[dict[str, Any]], out_ids: set[str]) -> list[dict[str, Any]]:
    """Proposals with no member the organizer forced out, ranked again from 1."""
    kept = [p for p in proposals if not any(m["supplier_id"] in out_ids for m in p["members"])]
    return [{**p, "rank": position} for position, p in enumerate(kept, start=1)]


def _apply(
    session: Session,
    document: dict[str, Any],
    requirement: Requirement,
    profile: WeightsProfile,
    top: int,
    out_ids: set[str],
    in_ids: list[str],
) -> dict[str, Any]:
    kept = [r for r in document["results"] if r["supplier_id"] not in out_ids]
    eligible = [r for r in kept if r["eligible"]][:top]
    ineligible = [r for r in kept if not r["eligible"]][:top]
    results = eligible + ineligible
    present = {r["supplier_id"] for r in results}
    for supplier_id in in_ids:
        if supplier_id in present:
            next(r for r in results if r["supplier_id"] == supplier_id)["forced"] = "in"
            continue
        entry = _explain_alone(session, requirement, profile, supplier_id)
        if entry is not None:
            entry["forced"] = "in"
            results.insert(len(eligible), entry)
            eligible.append(entry)
    for position, entry in enumerate(results, start=1):
        entry["rank"] = position
    return {**document, "results": results}


def _explain_alone(
    session: Session, requirement: Requirement, profile: WeightsProfile, supplier_id: str
) -> dict[str, Any] | None:
    """A forced-in supplier's own explained entry (scored against itself only)."""
    row = session.execute(select(Supplier).where(col(Supplier.supplier_id) == supplier_id)).scalar()
    if row is None:
        return None  # deleted since it was forced in
    index = SupplierIndex.build([to_record(row)])
    alone = rank(index, requirement, profile, top=1, include_ineligible=True)
    return alone.results[0].to_json() if alone.results else None


def set_override(
    session: Session,
    user: User,
    requirement: RequirementRecord,
    supplier_id: str,
    mode: str,
    reason: str,
) -> ShortlistOverride:
    get_supplier(session, supplier_id)
    requirement_id = requirement.requirement_id
    row = session.execute(
        select(ShortlistOverride).where(
            *_of(requirement), col(ShortlistOverride.supplier_id) == supplier_id
        )
    ).scalar() or ShortlistOverride(
        requirement_id=requirement_id,
        supplier_id=supplier_id,
        owner_id=requirement.owner_id,
        mode=mode,
        reason=reason,
    )
    row.mode, row.reason, row.actor = mode, reason, f"{user.name} ({user.role})"
    session.add(row)
    session.add(
        AuditEvent(
            actor=row.actor,
            action=f"force_{mode}",
            target=f"{requirement_id}/{supplier_id}",
            detail={
                "requirement_id": requirement_id,
                "owner_id": requirement.owner_id,
                "supplier_id": supplier_id,
                "reason": reason,
            },
        )
    )
    session.commit()
    session.refresh(row)
    return row


def remove_override(
    session: Session, user: User, requirement: RequirementRecord, supplier_id: str
) -> None:
    requirement_id = requirement.requirement_id
    row = session.execute(
        select(ShortlistOverride).where(
            *_of(requirement), col(ShortlistOverride.supplier_id) == supplier_id
        )
    ).scalar()
    if row is None:
        raise NotFound(f"'{supplier_id}' is not forced in or out of '{requirement_id}'")
    session.delete(row)
    session.add(
        AuditEvent(
            actor=f"{user.name} ({user.role})",
            action="unforce",
            target=f"{requirement_id}/{supplier_id}",
        )
    )
    session.commit()


def _visible_runs(user: User) -> list[Any]:
    if user.role == Role.buyer:
        return [col(ShortlistRun.owner_id) == user.id]
    return []


def list_runs(
    session: Session,
    user: User,
    requirement_id: str | None,
    offset: int,
    limit: int,
    owner_id: int | None = None,
) -> tuple[int, list[ShortlistRun]]:
    conditions = _visible_runs(user)
    if requirement_id:
        conditions.append(col(ShortlistRun.requirement_id) == requirement_id)
    if owner_id is not None:
        conditions.append(col(ShortlistRun.owner_id) == owner_id)
    return page_of(session, ShortlistRun, conditions, col(ShortlistRun.id).desc(), offset, limit)


def get_run(session: Session, user: User, run_id: int) -> ShortlistRun:
    row = session.get(ShortlistRun, run_id)
    if row is None or (user.role == Role.buyer and row.owner_id != user.id):
        raise NotFound(f"no shortlist {run_id}")
    return row


def run_summary(row: ShortlistRun) -> dict[str, Any]:
    return {
        "id": row.id,
        "requirement_id": row.requirement_id,
        "owner_id": row.owner_id,
        "generated_at": row.generated_at,
        "weights": {"profile": row.profile_name, "version": row.profile_version},
        "results": len(row.document.get("results", [])),
    }
