"""Past requirements with recorded outcomes, turned into the engine's replay cases.

From the database (what `mitra evaluate` and `mitra weights learn` use) or straight from files
(what the notebooks use on the sample data). Only outcomes recorded against a requirement are
replayed; buyer-level outcomes cannot say which requirement they answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from matcher.errors import MitraError, SheetError
from matcher.evaluate import ReplayCase, graded_relevance
from matcher.features import feature_matrix
from matcher.index import SupplierIndex
from matcher.types import Requirement
from models import RequirementRecord, ShortlistRun
from models.outcome import Outcome, OutcomeCreate
from models.requirement import parse_requirement
from service.outcome_sheet import KnownIds, parse_outcome_sheet


class NothingToReplay(MitraError):
    """No requirement has outcomes to compare against."""


def replay_cases(
    index: SupplierIndex,
    requirements: Iterable[Requirement],
    outcomes: Iterable[OutcomeCreate | Outcome],
) -> list[ReplayCase]:
    """One case per requirement that has outcomes, oldest event first (exposure needs order)."""
    outcomes = [o for o in outcomes if o.requirement_id]
    grades = graded_relevance((o.requirement_id, o.supplier_id, o.outcome) for o in outcomes)
    first_date: dict[str, date] = {}
    for o in outcomes:
        first_date[o.requirement_id] = min(o.date, first_date.get(o.requirement_id, o.date))
    ids = [record.supplier_id for record in index.records]
    cases = []
    for requirement in requirements:
        judged = grades.get(requirement.requirement_id)
        if not judged:
            continue
        matrix = feature_matrix(index, requirement)
        cases.append(
            ReplayCase.build(
                requirement.requirement_id,
                ids,
                matrix.names,
                matrix.values,
                matrix.applicable,
                matrix.eligible,
                judged,
            )
        )
    if not cases:
        raise NothingToReplay(
            "no requirement has recorded outcomes yet: import them with 'mitra import outcomes'"
        )
    cases.sort(key=lambda c: (first_date[c.requirement_id], c.requirement_id))
    return cases


def stored_requirements(session: Session) -> list[Requirement]:
    """Every requirement the database knows: stored documents, else the last shortlisted one."""
    documents: dict[str, dict[str, Any]] = {}
    runs = select(col(ShortlistRun.requirement_id), col(ShortlistRun.requirement)).order_by(
        col(ShortlistRun.generated_at)
    )
    for requirement_id, document in session.execute(runs):
        documents[requirement_id] = document
    for row in session.execute(select(RequirementRecord)).scalars():
        documents[row.requirement_id] = row.document
    # A past requirement's needed_by may have passed: take it as written, not "today".
    return [parse_requirement(doc, today=date(2000, 1, 1)) for doc in documents.values()]


def cases_from_database(engine: Engine) -> list[ReplayCase]:
    from service.catalog import load_index

    with Session(engine) as session:
        requirements = stored_requirements(session)
        outcomes = list(session.execute(select(Outcome)).scalars())
    return replay_cases(load_index(engine), requirements, outcomes)


def cases_from_files(
    suppliers: Path, requirements: Path, outcomes: Path
) -> tuple[list[ReplayCase], list[Requirement]]:
    """The sample data as replay cases, checked with the same rules as an import."""
    from service.sheets import read_supplier_sheet

    records = read_supplier_sheet(suppliers)
    parsed_requirements = load_requirements(requirements)
    buyers = {r.requirement_id.casefold(): r.buyer for r in parsed_requirements}
    known = KnownIds(
        suppliers={r.supplier_id.casefold(): r.supplier_id for r in records},
        requirements={r.requirement_id.casefold(): r.requirement_id for r in parsed_requirements},
        requirement_buyers=buyers,
        buyers={b.casefold(): b for b in buyers.values() if b},
    )
    parsed = parse_outcome_sheet(outcomes, known)
    if parsed.errors:
        raise SheetError(parsed.errors, outcomes.name)
    index = SupplierIndex.build(records)
    return replay_cases(index, parsed_requirements, parsed.outcomes), parsed_requirements


def load_requirements(path: Path) -> list[Requirement]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    items: Sequence[Any] = data if isinstance(data, list) else [data]
    return [parse_requirement(item, today=date(2000, 1, 1)) for item in items]
