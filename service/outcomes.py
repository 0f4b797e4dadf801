"""Recording what happened after an event: import an outcomes sheet, record one, list them.

All or nothing: a file with any bad row stores nothing, and the error lists every bad row.
A requirement is known when it is stored or a shortlist was run for it; a buyer is known when
one of those requirements names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from matcher.errors import RowError, SheetError
from models import AuditEvent, RequirementRecord, ShortlistRun, Supplier
from models.outcome import Outcome, OutcomeCreate
from service.outcome_sheet import KnownIds, ParsedOutcomes, outcome_key, parse_outcome_sheet


@dataclass(frozen=True)
class OutcomeImportReport:
    recorded: int
    source: str


def known_ids(session: Session) -> KnownIds:
    """Every supplier, requirement and buyer an outcome may refer to."""
    suppliers = {
        s.casefold(): s for s in session.execute(select(col(Supplier.supplier_id))).scalars()
    }
    requirements: dict[str, str] = {}
    requirement_buyers: dict[str, str] = {}
    stored = session.execute(
        select(col(RequirementRecord.requirement_id), col(RequirementRecord.buyer))
    )
    users: dict[str, set[str]] = {}
    for requirement_id, buyer in stored:
        requirements[requirement_id.casefold()] = requirement_id
        requirement_buyers[requirement_id.casefold()] = buyer or ""
        users.setdefault(requirement_id.casefold(), set()).add(buyer or "")
    runs = session.execute(select(col(ShortlistRun.requirement_id), col(ShortlistRun.requirement)))
    for requirement_id, document in runs:
        folded = requirement_id.casefold()
        requirements.setdefault(folded, requirement_id)
        if not requirement_buyers.get(folded):
            requirement_buyers[folded] = str((document or {}).get("buyer") or "")
    buyers = {b.casefold(): b for b in requirement_buyers.values() if b}
    shared = {folded: sorted(names) for folded, names in users.items() if len(names) > 1}
    return KnownIds(suppliers, requirements, requirement_buyers, buyers, shared)


def import_outcomes(
    engine: Engine,
    path: Path | str,
    *,
    data: bytes | None = None,
    actor: str = "cli",
    today: date | None = None,
) -> OutcomeImportReport:
    """Check an outcomes CSV/XLSX and store every row in one transaction.

    Raises `SheetError` listing every bad row (nothing stored), including rows already
    recorded by an earlier import.
    """
    path = Path(path)
    with Session(engine) as session:
        parsed = parse_outcome_sheet(path, known_ids(session), data, today)
        _reject_recorded(session, parsed)
    if parsed.errors:
        raise SheetError(parsed.errors, path.name)
    write_outcomes(engine, parsed.outcomes, actor=actor, source=path.name)
    return OutcomeImportReport(recorded=len(parsed.outcomes), source=path.name)


def _reject_recorded(session: Session, parsed: ParsedOutcomes) -> None:
    """Rows already in the database are errors too: counting a PO twice would skew evaluation."""
    stored = {outcome_key(o) for o in session.execute(select(Outcome)).scalars()}
    for outcome, row in zip(parsed.outcomes, parsed.rows, strict=True):
        if outcome_key(outcome) in stored:
            parsed.errors.append(
                RowError(
                    row,
                    "outcome",
                    f"{outcome.outcome} {outcome.supplier_id} untuk "
                    f"{outcome.requirement_id or outcome.buyer} sudah tercatat sebelumnya",
                )
            )
    parsed.errors.sort(key=lambda e: e.row)


def write_outcomes(
    engine: Engine, outcomes: Sequence[OutcomeCreate], *, actor: str, source: str
) -> list[Outcome]:
    """Store checked outcomes in one transaction with an audit entry; returns the rows."""
    rows = [
        Outcome(**outcome.model_dump(), recorded_by=actor, source=source) for outcome in outcomes
    ]
    with Session(engine, expire_on_commit=False) as session, session.begin():
        session.add_all(rows)
        session.add(
            AuditEvent(
                actor=actor,
                action="record_outcomes",
                target=source,
                detail={"recorded": len(rows)},
            )
        )
    return rows


def record_outcomes(
    engine: Engine,
    outcomes: Sequence[OutcomeCreate],
    *,
    actor: str,
    source: str = "api",
    today: date | None = None,
) -> list[Outcome]:
    """Check outcomes sent one by one (API) with the sheet's rules; all or nothing.

    Row numbers in errors count the items from 1.
    """
    from service.outcome_sheet import check_outcomes

    cells = [
        (
            number,
            {
                "requirement_id": o.requirement_id,
                "buyer": o.buyer,
                "supplier_id": o.supplier_id,
                "outcome": o.outcome,
                "value_idr": "" if o.value_idr is None else str(o.value_idr),
                "date": o.date.isoformat(),
                "event_id": o.event_id or "",
            },
        )
        for number, o in enumerate(outcomes, start=1)
    ]
    with Session(engine) as session:
        parsed = check_outcomes(cells, known_ids(session), today or date.today())
        _reject_recorded(session, parsed)
    if parsed.errors:
        raise SheetError(parsed.errors, source)
    return write_outcomes(engine, parsed.outcomes, actor=actor, source=source)


def list_outcomes(
    session: Session,
    *,
    requirement_id: str | None = None,
    supplier_id: str | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[Outcome]:
    query = select(Outcome).order_by(col(Outcome.date), col(Outcome.id))
    if requirement_id:
        query = query.where(col(Outcome.requirement_id) == requirement_id)
    if supplier_id:
        query = query.where(col(Outcome.supplier_id) == supplier_id)
    return list(session.execute(query.offset(offset).limit(limit)).scalars())
