"""Running a shortlist against the stored catalogue and remembering what was shown.

This is the one place that ranks and stores: the CLI calls `run_shortlist`, the API and the
web pages go through `service.crud.shortlists`, which adds the organizer's forced entries and
a cache, then calls `run_shortlist` too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from matcher.profile import WeightsProfile
from matcher.scoring import rank
from matcher.types import Requirement
from models import ShortlistRun, WeightProfileRecord
from models.requirement import requirement_to_json
from service.catalog import load_index
from service.profiles import to_profile

# What a consortium member may show to anyone who may read the shortlist. Contact data is
# never among them: a buyer gets it only when the organizer releases it for a meeting.
MEMBER_FIELDS = (
    "supplier_id",
    "name",
    "processes",
    "monthly_volume",
    "matched",
    "score",
    "regency",
    "cluster",
    "cooperative",
)


def active_profile(session: Session) -> WeightsProfile:
    """The profile an analyst activated, else the one shipped with the package."""
    row = session.execute(
        select(WeightProfileRecord).where(col(WeightProfileRecord.active).is_(True))
    ).scalar()
    return WeightsProfile.load_default() if row is None else to_profile(row)


def public_consortia(proposals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Proposals with each member reduced to `MEMBER_FIELDS` (names and ids, no contacts)."""
    return [
        {
            **proposal,
            "members": [
                {key: member[key] for key in MEMBER_FIELDS if key in member}
                for member in proposal.get("members", [])
            ],
        }
        for proposal in proposals
    ]


def remember(
    engine: Engine,
    requirement: Requirement,
    document: dict[str, Any],
    profile: WeightsProfile,
    owner_id: int | None,
) -> None:
    """Store a shortlist exactly as shown, so an analyst can later see what a buyer saw."""
    with Session(engine) as session:
        session.add(
            ShortlistRun(
                requirement_id=requirement.requirement_id,
                owner_id=owner_id,
                profile_name=profile.name,
                profile_version=profile.version,
                requirement=requirement_to_json(requirement),
                document=document,
            )
        )
        session.commit()


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

    With `consortia` > 0 the document also carries up to that many group proposals
    (only when no single eligible supplier can serve the requirement alone).
    """
    index = load_index(engine)
    if profile is None:
        with Session(engine) as session:
            profile = active_profile(session)
    shortlist = rank(index, requirement, profile, top=top, include_ineligible=include_ineligible)
    document = shortlist.to_json()
    if consortia > 0:
        from matcher.consortium import propose_consortia

        proposals = propose_consortia(index, requirement, n=consortia, profile=profile)
        document["consortia"] = public_consortia(proposals)
    if store:
        remember(engine, requirement, document, profile, owner_id)
    return document
