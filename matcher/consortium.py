"""Consortium proposals: small groups of suppliers that together serve one requirement.

When no single small supplier covers every process and the monthly volume, neighbours often
do together (the metal workshops of LIK Takaru, the members of a cooperative). For a
requirement, `propose_consortia` returns up to n groups in the shortlist's `consortia` form
(contract section 3), best first.

What it optimises (see `docs/consortium.md`): among the candidates the engine pre-selects,
groups of `min_members`..`max_members` eligible suppliers that together cover every required
process and the monthly volume, every member essential, maximising

    0.6 × mean member score (the shortlist's score)
  + 0.2 when every member belongs to one cluster (sentra) or cooperative
  + 0.2 × (1 − distance between the two farthest members / 300 km)
  − 0.05 × each member beyond two

Each member passes the hard gates (required certificates valid on needed_by, within
max_distance_km). Capacity is per process line: a member taking two processes puts its share
of pieces through both within its one monthly capacity.

Groups are proposed only when useful: when one eligible supplier already covers every
process with enough capacity, the answer is [] (that supplier heads the shortlist), unless
`only_when_needed=False`.
"""

from __future__ import annotations

from typing import Any

from matcher.consortium_model import best_groups, split_work
from matcher.consortium_pool import CandidatePool, GroupWeights, select_candidates
from matcher.consortium_why import describe_group
from matcher.errors import MitraError
from matcher.features import feature_matrix
from matcher.index import SupplierIndex
from matcher.profile import WeightsProfile
from matcher.types import Requirement


class ConsortiumSettingsError(MitraError):
    """Consortium options that cannot work together (e.g. more minimum than maximum members)."""


def _check_settings(n: int, min_members: int, max_members: int, candidates: int) -> None:
    problems = []
    if n < 0:
        problems.append(f"number of proposals must be 0 or more, got {n}")
    if min_members < 2:
        problems.append(f"a consortium has at least 2 members, got min_members={min_members}")
    if max_members < min_members:
        problems.append(f"max_members ({max_members}) must be at least min_members ({min_members})")
    if candidates < min_members:
        problems.append(f"candidates ({candidates}) must be at least min_members ({min_members})")
    if problems:
        raise ConsortiumSettingsError("consortium settings: " + "; ".join(problems))


def candidate_pool(
    index: SupplierIndex,
    requirement: Requirement,
    *,
    candidates: int = 60,
    profile: WeightsProfile | None = None,
    weights: GroupWeights | None = None,
) -> CandidatePool:
    """The pre-selected candidates the optimiser chooses from (also used by the benchmark)."""
    profile = (profile or WeightsProfile.load_default()).validate()
    matrix = feature_matrix(index, requirement)
    return select_candidates(matrix, profile, candidates=candidates, weights=weights)


def propose_consortia(
    index: SupplierIndex,
    requirement: Requirement,
    *,
    n: int = 3,
    min_members: int = 2,
    max_members: int = 5,
    candidates: int = 60,
    time_limit: float = 5.0,
    profile: WeightsProfile | None = None,
    only_when_needed: bool = True,
    weights: GroupWeights | None = None,
) -> list[dict[str, Any]]:
    """Up to `n` consortium proposals for `requirement`, best first, as JSON-ready dicts.

    Each: `rank`, `score` (group score, 0–1, comparable between proposals, not with single
    supplier scores), `lead`, `name`, `cluster`, `max_distance_km`, `members` (supplier_id,
    name, processes, monthly_volume in the requirement's unit or null without a volume,
    matched, score), `why`, and `proven_best` (the solver proved no better group remains;
    false when the time limit cut the search short). Raises RequirementError for unknown
    certificates or units and ConsortiumSettingsError for impossible options.
    """
    _check_settings(n, min_members, max_members, candidates)
    if n == 0:
        return []
    pool = candidate_pool(
        index, requirement, candidates=candidates, profile=profile, weights=weights
    )
    if only_when_needed and pool.single_supplier_suffices:
        return []
    groups = best_groups(
        pool, n=n, min_members=min_members, max_members=max_members, time_limit=time_limit
    )
    proposals = []
    for position, group in enumerate(groups):
        split = split_work(pool, group.members)
        proposal = describe_group(index, requirement, pool, group.members, split)
        proposals.append(
            {
                "rank": position + 1,
                "score": round(group.score, 3),
                **proposal,
                "proven_best": group.proven_best,
            }
        )
    return proposals
