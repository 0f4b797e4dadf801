"""Running a shortlist against the stored catalogue and remembering what was shown."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matcher.profile import WeightsProfile
from matcher.scoring import rank
from matcher.types import Requirement
from models import ShortlistRun, WeightProfileRecord
from models.requirement import requirement_to_json
from service.catalog import load_index


def active_profile(session: Session) -> WeightsProfile:
    """The profile an analyst activated, else the one shipped with the package."""
    row = session.execute(
        select(WeightProfileRecord).where(WeightProfileRecord.active == True)  # noqa: E712
    ).scalar()
    if row is None:
        return WeightsProfile.load_default()
    return WeightsProfile.from_json(
        {
            "name": row.name,
            "version": row.version,
            "weights": row.weights,
            "description": row.description,
        }
    )


def run_shortlist(
    engine: Engine,
    requirement: Requirement,
    *,
    top: int = 10,
    include_ineligible: bool = False,
    profile: WeightsProfile | None = None,
    owner_id: int | None = None,
    store: bool = True,
    consortia: int = 0,
) -> dict[str, Any]:
    """Rank the catalogue for `requirement`; the contract's shortlist JSON (section 3).

    With `consortia` > 0 the document also carries up to that many group proposals.
    """
    index = load_index(engine)
    with Session(engine) as session:
        chosen = profile or active_profile(session)
        shortlist = rank(index, requirement, chosen, top=top, include_ineligible=include_ineligible)
        document = shortlist.to_json()
        if consortia > 0:
            from matcher.consortium import propose_consortia

            document["consortia"] = propose_consortia(
                index, requirement, n=consortia, profile=chosen
            )
        if store:
            session.add(
                ShortlistRun(
                    requirement_id=requirement.requirement_id,
                    owner_id=owner_id,
                    profile_name=chosen.name,
                    profile_version=chosen.version,
                    requirement=requirement_to_json(requirement),
                    document=document,
                )
            )
            session.commit()
    return document
