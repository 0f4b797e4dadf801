"""Ranking-quality metrics for graded relevance (0-3), as search engines are measured.

A ranking is given as the grades of the ranked suppliers, best first (unjudged suppliers count
as grade 0). The ideal ranking for NDCG is built from *all* judged grades of the requirement,
so a shortlist that leaves out a strong supplier is penalised even if what it shows is good.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

Grades = Sequence[float] | NDArray[np.float64]


def _as_array(grades: Grades) -> NDArray[np.float64]:
    return np.asarray(grades, dtype=np.float64).reshape(-1)


def dcg_at_k(grades: Grades, k: int) -> float:
    """Discounted cumulative gain with exponential gain 2^g - 1 (rewards grade 3 strongly)."""
    if k <= 0:
        raise ValueError("k must be at least 1")
    top = _as_array(grades)[:k]
    discounts = np.log2(np.arange(2, top.size + 2, dtype=np.float64))
    return float(np.sum((np.power(2.0, top) - 1.0) / discounts))


def ndcg_at_k(ranked_grades: Grades, all_grades: Grades, k: int) -> float:
    """DCG of the ranking divided by the DCG of the best possible ordering of all judged grades.

    A requirement with no relevant supplier at all scores 1.0 when nothing relevant is missed
    (there is nothing to find) — callers usually leave such requirements out.
    """
    ideal = dcg_at_k(np.sort(_as_array(all_grades))[::-1], k)
    if ideal == 0.0:
        return 1.0
    return dcg_at_k(ranked_grades, k) / ideal


def hit_rate_at_k(ranked_grades: Grades, k: int, min_grade: float = 3) -> float:
    """1.0 when at least one supplier of grade >= min_grade is in the top k, else 0.0."""
    top = _as_array(ranked_grades)[:k]
    return float(np.any(top >= min_grade))


def reciprocal_rank(ranked_grades: Grades, min_grade: float = 3) -> float:
    """1 / rank of the first supplier with grade >= min_grade (0.0 when there is none)."""
    hits = np.flatnonzero(_as_array(ranked_grades) >= min_grade)
    return 0.0 if hits.size == 0 else 1.0 / float(hits[0] + 1)


def mrr(rankings: Sequence[Grades], min_grade: float = 3) -> float:
    """Mean reciprocal rank over several requirements' rankings."""
    if not rankings:
        raise ValueError("no rankings to average")
    return float(np.mean([reciprocal_rank(r, min_grade) for r in rankings]))


def grades_for(ranked_ids: Sequence[str], judged: Mapping[str, float]) -> list[float]:
    """Grades of a ranked list of supplier ids; an unjudged supplier counts as 0."""
    return [float(judged.get(supplier_id, 0.0)) for supplier_id in ranked_ids]


def mean_over(values: Mapping[str, float] | Sequence[float]) -> float:
    """Average of per-requirement values (a mapping requirement_id -> value, or a list)."""
    items = list(values.values()) if isinstance(values, Mapping) else list(values)
    if not items:
        raise ValueError("no values to average")
    return float(np.mean(np.asarray(items, dtype=np.float64)))


def bootstrap_ci(
    values: Sequence[float] | NDArray[np.float64],
    n: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Mean of `values` with a percentile bootstrap confidence interval: (mean, low, high).

    Pass per-requirement differences (system A minus system B) to judge whether A beats B:
    an interval entirely above zero means the gain holds across requirements.
    """
    data = np.asarray(values, dtype=np.float64).reshape(-1)
    if data.size == 0:
        raise ValueError("no values to resample")
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1")
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, data.size, size=(n, data.size))
    means = data[picks].mean(axis=1)
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(means, [tail, 100.0 - tail])
    return float(data.mean()), float(low), float(high)
