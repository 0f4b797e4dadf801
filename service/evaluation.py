"""Past requirements with recorded outcomes, turned into the engine's replay cases.

From the database (what `mitra evaluate` and `mitra weights learn` use) or straight from files
(what the notebooks use on the sample data). Only outcomes recorded against a requirement are
replayed; buyer-level outcomes cannot say which requirement they answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
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


RequirementKey = tuple[str, str]  # (buyer, requirement_id), case-folded


def requirement_key(buyer: str, requirement_id: str) -> RequirementKey:
    """Requirement ids are unique per buyer only: two buyers may both have a `REQ-001`."""
    return (buyer.strip().casefold(), requirement_id.strip().casefold())


def replay_cases(
    index: SupplierIndex,
    requirements: Iterable[Requirement],
    outcomes: Iterable[OutcomeCreate | Outcome],
) -> list[ReplayCase]:
    """One case per (buyer, requirement) that has outcomes, oldest event first (exposure needs
    order). Where two buyers use the same id, each case gets only its own buyer's outcomes."""
    by_key = {requirement_key(r.buyer, r.requirement_id): r for r in requirements}
    outcomes = [o for o in outcomes if o.requirement_id]
    keyed = [(_outcome_requirement(o, by_key), o) for o in outcomes]
    grades = graded_relevance((key, o.supplier_id, o.outcome) for key, o in keyed)
    first_date: dict[RequirementKey, date] = {}
    for key, o in keyed:
        first_date[key] = min(o.date, first_date.get(key, o.date))
    buyers_of: dict[str, int] = {}
    for _, requirement_id in by_key:
        buyers_of[requirement_id] = buyers_of.get(requirement_id, 0) + 1
    ids = [record.supplier_id for record in index.records]
    cases = []
    for key, requirement in by_key.items():
        judged = grades.get(key)
        if not judged:
            continue
        matrix = feature_matrix(index, requirement)
        shared = buyers_of[key[1]] > 1
        cases.append(
            ReplayCase.build(
                requirement.requirement_id,
                ids,
                matrix.names,
                matrix.values,
                matrix.applicable,
                matrix.eligible,
                judged,
                buyer=requirement.buyer,
                label=f"{requirement.requirement_id} ({requirement.buyer})" if shared else "",
            )
        )
    if not cases:
        raise NothingToReplay(
            "no requirement has recorded outcomes yet: import them with 'mitra import outcomes'"
        )
    cases.sort(key=lambda c: (first_date[requirement_key(c.buyer, c.requirement_id)], c.title))
    return cases


def _outcome_requirement(
    outcome: OutcomeCreate | Outcome, by_key: dict[RequirementKey, Requirement]
) -> RequirementKey:
    """The requirement an outcome answers: its buyer's; when the buyer is missing or spelt
    otherwise, the only requirement with its id, if there is just one."""
    key = requirement_key(outcome.buyer, outcome.requirement_id)
    if key in by_key:
        return key
    same_id = [k for k in by_key if k[1] == key[1]]
    return same_id[0] if len(same_id) == 1 else key


def stored_requirements(session: Session) -> list[Requirement]:
    """Every requirement the database knows, one per buyer and id: the stored document, else
    the one last shortlisted."""
    documents: dict[tuple[int | None, str], dict[str, Any]] = {}
    buyers: dict[tuple[int | None, str], str] = {}
    runs = select(
        col(ShortlistRun.owner_id), col(ShortlistRun.requirement_id), col(ShortlistRun.requirement)
    ).order_by(col(ShortlistRun.generated_at))
    for owner_id, requirement_id, document in session.execute(runs):
        documents[(owner_id, requirement_id)] = document
    for row in session.execute(select(RequirementRecord)).scalars():
        documents[(row.owner_id, row.requirement_id)] = row.document
        buyers[(row.owner_id, row.requirement_id)] = row.buyer
    # A past requirement's needed_by may have passed: take it as written, not "today".
    parsed = []
    for key, document in documents.items():
        requirement = parse_requirement(document, today=date(2000, 1, 1))
        # Outcomes name the buyer as the stored record does (service.outcomes.known_ids).
        if buyers.get(key):
            requirement = replace(requirement, buyer=buyers[key])
        parsed.append(requirement)
    return parsed


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
    users: dict[str, set[str]] = {}
    for r in parsed_requirements:
        users.setdefault(r.requirement_id.casefold(), set()).add(r.buyer)
    known = KnownIds(
        suppliers={r.supplier_id.casefold(): r.supplier_id for r in records},
        requirements={r.requirement_id.casefold(): r.requirement_id for r in parsed_requirements},
        requirement_buyers=buyers,
        buyers={b.casefold(): b for r in parsed_requirements if (b := r.buyer)},
        shared={folded: sorted(names) for folded, names in users.items() if len(names) > 1},
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
