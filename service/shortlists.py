"""Running a shortlist against the stored catalogue and remembering what was shown.

This is the one place that ranks and stores: the CLI calls `run_shortlist`, the API and the
web pages go through `service.crud.shortlists`, which adds the organizer's forced entries and
a cache, then ranks with `rank_document` too.

A busy service answers many shortlists a second, so what every request needs from the
database (the catalogue revision and the active weights) comes back in one query, and saved
profile versions are kept in memory: a saved version never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from matcher.profile import WeightsProfile
from matcher.scoring import rank
from matcher.types import Requirement
from models import CatalogState, ShortlistRun, WeightProfileRecord
from models.requirement import requirement_to_json
from models.supplier import utcnow
from service.catalog import load_index
from service.profiles import profile_of

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


@dataclass(frozen=True)
class CatalogueState:
    """What every shortlist depends on besides the requirement: the catalogue and the weights."""

    revision: int
    profile: WeightsProfile


_catalogue = SQLModel.metadata.tables[CatalogState.__tablename__]
_profiles = SQLModel.metadata.tables[WeightProfileRecord.__tablename__]
_runs = SQLModel.metadata.tables[ShortlistRun.__tablename__]


def catalogue_state(session: Session) -> CatalogueState:
    """The catalogue revision and the active profile, in one round trip to the database.

    Plain columns rather than ORM objects: this runs on every shortlist request.
    """
    columns = (
        _profiles.c.name,
        _profiles.c.version,
        _profiles.c.weights,
        _profiles.c.description,
    )
    found = session.execute(
        select(_catalogue.c.revision, *columns)
        .select_from(_catalogue.outerjoin(_profiles, _profiles.c.active.is_(True)))
        .where(_catalogue.c.id == 1)
        .limit(1)
    ).first()
    if found is None:  # no supplier stored yet, so no catalogue row either
        revision = 0
        active = session.execute(select(*columns).where(_profiles.c.active)).first()
        chosen = None if active is None else tuple(active)
    else:
        revision = int(found[0] or 0)
        chosen = None if found[1] is None else tuple(found[1:])
    if chosen is None:
        return CatalogueState(revision, WeightsProfile.load_default())
    return CatalogueState(revision, profile_of(*chosen))


def active_profile(session: Session) -> WeightsProfile:
    """The profile an analyst activated, else the one shipped with the package."""
    return catalogue_state(session).profile


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
    session: Session,
    requirement: Requirement,
    document: dict[str, Any],
    profile: WeightsProfile,
    owner_id: int | None,
) -> None:
    """Store a shortlist exactly as shown, so an analyst can later see what a buyer saw.

    A plain INSERT rather than an ORM object: nothing reads the row back here, and the ORM's
    bookkeeping cost more than the insert itself on a busy service.
    """
    session.execute(
        insert(_runs).values(
            requirement_id=requirement.requirement_id,
            owner_id=owner_id,
            profile_name=profile.name,
            profile_version=profile.version,
            generated_at=utcnow(),
            requirement=requirement_to_json(requirement),
            document=document,
        )
    )
    session.commit()


def rank_document(
    engine: Engine,
    requirement: Requirement,
    state: CatalogueState,
    *,
    top: int,
    include_ineligible: bool,
    consortia: int,
) -> dict[str, Any]:
    """The contract's shortlist JSON (section 3) for `requirement` under `state`.

    With `consortia` > 0 the document also carries up to that many group proposals
    (only when no single eligible supplier can serve the requirement alone).
    """
    index = load_index(engine, revision=state.revision)
    profile = state.profile
    shortlist = rank(index, requirement, profile, top=top, include_ineligible=include_ineligible)
    document = shortlist.to_json()
    if consortia > 0:
        from matcher.consortium import propose_consortia

        proposals = propose_consortia(index, requirement, n=consortia, profile=profile)
        document["consortia"] = public_consortia(proposals)
    return document


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
    """Rank the catalogue for `requirement` (the CLI's way); the contract's shortlist JSON.

    `profile` replaces the active one (an analyst trying weights); see `rank_document`.
    """
    with Session(engine) as session:
        state = catalogue_state(session)
        if profile is not None:
            state = CatalogueState(state.revision, profile)
        document = rank_document(
            engine,
            requirement,
            state,
            top=top,
            include_ineligible=include_ineligible,
            consortia=consortia,
        )
        if store:
            remember(session, requirement, document, state.profile, owner_id)
    return document
