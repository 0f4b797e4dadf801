"""Weights × features → scores, ranks and the shortlist.

score = Σ_f w_f · x_f / Σ_f w_f over the features that apply to the requirement, so each
feature's contribution w_f · x_f / Σ w is what it adds, and contributions sum to the score.

Order: by tier of process evidence first (`matcher.evidence`: makers of the main process,
then general trade only, then traders, then suppliers offering none of the processes), by
score within a tier. Certificates, capacity and distance cannot lift a business that does
not do the work above one that does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from matcher.constraints import eligible_mask
from matcher.evidence import ranking_tiers, with_tier_note
from matcher.explain import explain_row
from matcher.features import FeatureMatrix
from matcher.index import SupplierIndex
from matcher.profile import WeightsProfile
from matcher.query import PreparedQuery
from matcher.shortlist import Shortlist
from matcher.types import Requirement


def normalised_weights(matrix: FeatureMatrix, profile: WeightsProfile) -> NDArray[np.float64]:
    """Weight per feature column, zero where the feature does not apply, summing to 1 (or 0)."""
    weights = np.array([profile.weight(name) for name in matrix.names]) * matrix.applicable
    total = weights.sum()
    return weights / total if total > 0 else weights


def weighted_sum(matrix: FeatureMatrix, weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Score per supplier: Σ_f weight_f · value_f, one contiguous column at a time."""
    score = np.zeros(matrix.values.shape[0])
    for j in np.flatnonzero(weights):
        score += weights[j] * matrix.values[:, j]
    return score


def ranking_key(
    matrix: FeatureMatrix, score: NDArray[np.float64], tiers: NDArray[np.int8] | None = None
) -> NDArray[np.float64]:
    """Score, moved down by 2 per evidence tier (`matcher.evidence.ranking_tiers`).

    Scores lie in [0, 1], so subtracting 2 per tier keeps each tier's own order.
    """
    if tiers is None:
        tiers = ranking_tiers(matrix)
    key: NDArray[np.float64] = score - 2.0 * tiers
    return key


def _top_rows(score: NDArray[np.float64], rows: NDArray[np.intp], top: int) -> NDArray[np.intp]:
    """The `top` best rows among `rows` by `score` (a ranking key), best first; ties keep
    input (row) order."""
    if top <= 0 or rows.size == 0:
        return rows[:0]
    candidate_scores = score[rows]
    if rows.size > top:
        keep = np.argpartition(-candidate_scores, top - 1)[:top]
        rows, candidate_scores = rows[keep], candidate_scores[keep]
    order = np.lexsort((rows, -candidate_scores))
    return rows[order]


def rank(
    index: SupplierIndex,
    requirement: Requirement,
    profile: WeightsProfile | None = None,
    *,
    top: int = 10,
    include_ineligible: bool = False,
    generated_at: datetime | None = None,
) -> Shortlist:
    """The best `top` eligible suppliers for `requirement`, explained.

    With `include_ineligible`, up to `top` excluded suppliers follow, best first, each with
    `excluded_because`. Raises RequirementError for unknown certificate names or units.
    """
    profile = (profile or WeightsProfile.load_default()).validate()
    query = PreparedQuery(index, requirement)
    # The gates depend on the requirement alone, so features are computed only for the
    # suppliers that can be listed: often a small share of the catalogue.
    eligible = eligible_mask(query)
    listed = None if include_ineligible or eligible.all() else np.flatnonzero(eligible)
    matrix = FeatureMatrix(index, query, listed, eligible=eligible)
    weights = normalised_weights(matrix, profile)
    tiers = ranking_tiers(matrix)
    key = ranking_key(matrix, weighted_sum(matrix, weights), tiers)
    # Positions in the matrix; they keep the suppliers' row order, so ties break the same.
    chosen = [_top_rows(key, np.flatnonzero(matrix.eligible), top)]
    if include_ineligible:
        chosen.append(_top_rows(key, np.flatnonzero(~matrix.eligible), top))
    positions = np.concatenate(chosen)
    rows = matrix.rows[positions]
    results = [
        with_tier_note(
            explain_row(matrix, int(row), place + 1, weights), query, int(tiers[at]), int(row)
        )
        for place, (at, row) in enumerate(zip(positions, rows, strict=True))
    ]
    return Shortlist(
        requirement_id=requirement.requirement_id,
        profile_name=profile.name,
        profile_version=profile.version,
        generated_at=generated_at or datetime.now(UTC),
        results=results,
        warnings=query.warnings(),
    )
