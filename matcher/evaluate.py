"""Replay evaluation: how would a weights profile have ranked past requirements?

Each past requirement becomes a `ReplayCase`: the engine's feature matrix for every supplier,
the hard-gate result, and the graded relevance taken from recorded outcomes (purchase order 3,
MoU 2, interested or sample requested 1, anything else 0). A profile re-ranks the suppliers
and is scored with the metrics in `matcher.metrics`.

Quality (NDCG@k, hit rate@k, MRR) is measured on the *judged* suppliers by default, those with
a recorded outcome: unmet suppliers have no outcome, and counting them as failures would
reward a profile only for copying the shortlist the buyers happened to see. Catalogue coverage
and exposure are about the shortlist itself, so they always use every eligible supplier.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
from numpy.typing import NDArray

from matcher.metrics import bootstrap_ci, hit_rate_at_k, ndcg_at_k, reciprocal_rank
from matcher.profile import WeightsProfile

GRADES: dict[str, int] = {
    "purchase_order": 3,
    "mou": 2,
    "interested": 1,
    "sample_requested": 1,
    "met": 0,
    "invited": 0,
    "no_show": 0,
}
HIT_GRADE = 2  # a "hit" is a supplier that reached an MoU or a purchase order
Pool = Literal["judged", "all"]
Key = TypeVar("Key", bound=Hashable)


def graded_relevance(outcomes: Iterable[tuple[Key, str, str]]) -> dict[Key, dict[str, int]]:
    """(requirement, supplier_id, outcome) → requirement → supplier → best grade reached.

    The requirement is whatever identifies one: its id, or (buyer, id) where ids are unique
    only per buyer. Every supplier with any outcome is judged (grade 0 when it only met the
    buyer).
    """
    judged: dict[Key, dict[str, int]] = {}
    for requirement, supplier_id, outcome in outcomes:
        grades = judged.setdefault(requirement, {})
        grades[supplier_id] = max(grades.get(supplier_id, 0), GRADES[outcome])
    return judged


@dataclass(frozen=True)
class ReplayCase:
    """One past requirement against the catalogue, ready to be re-ranked by any profile."""

    requirement_id: str
    supplier_ids: tuple[str, ...]  # one per row of `values`
    names: tuple[str, ...]  # feature names, one per column
    values: NDArray[np.float64]  # (n_suppliers, n_features), each in [0, 1]
    applicable: NDArray[np.bool_]  # (n_features,) features that count for this requirement
    eligible: NDArray[np.bool_]  # (n_suppliers,) passed the hard gates
    grades: NDArray[np.float64]  # (n_suppliers,) graded relevance, 0 when not judged
    judged: NDArray[np.bool_]  # (n_suppliers,) has a recorded outcome
    buyer: str = ""  # requirement ids are unique per buyer only
    label: str = ""  # how tables name it when another buyer uses the same id

    @property
    def title(self) -> str:
        """The requirement as tables and reports name it: unique among the cases replayed."""
        return self.label or self.requirement_id

    @classmethod
    def build(
        cls,
        requirement_id: str,
        supplier_ids: Sequence[str],
        names: Sequence[str],
        values: NDArray[np.float64],
        applicable: NDArray[np.bool_],
        eligible: NDArray[np.bool_],
        grades: Mapping[str, int],
        *,
        buyer: str = "",
        label: str = "",
    ) -> ReplayCase:
        judged = np.array([s in grades for s in supplier_ids], dtype=bool)
        graded = np.array([grades.get(s, 0) for s in supplier_ids], dtype=np.float64)
        return cls(
            requirement_id,
            tuple(supplier_ids),
            tuple(names),
            np.asarray(values, dtype=np.float64),
            np.asarray(applicable, dtype=bool),
            np.asarray(eligible, dtype=bool),
            graded,
            judged,
            buyer,
            label,
        )

    def weight_vector(self, profile: WeightsProfile) -> NDArray[np.float64]:
        """Weights over the applicable features, summing to 1 (as `scoring.normalised_weights`)."""
        weights = np.array([profile.weight(name) for name in self.names]) * self.applicable
        total = weights.sum()
        return weights / total if total > 0 else weights

    def scores(self, profile: WeightsProfile) -> NDArray[np.float64]:
        scores: NDArray[np.float64] = self.values @ self.weight_vector(profile)
        return scores

    def ranked_rows(self, profile: WeightsProfile, pool: Pool = "all") -> NDArray[np.intp]:
        """Eligible rows (judged ones only for pool="judged"), best first; ties keep row order
        as the engine's `rank` does."""
        mask = self.eligible & self.judged if pool == "judged" else self.eligible
        rows = np.flatnonzero(mask)
        order = np.lexsort((rows, -self.scores(profile)[rows]))
        ranked: NDArray[np.intp] = rows[order]
        return ranked

    @property
    def has_relevant(self) -> bool:
        return bool(np.any(self.grades[self.eligible] > 0))


@dataclass(frozen=True)
class RequirementScore:
    requirement_id: str  # the case's title: with its buyer when two buyers share the id
    ndcg: float
    hit: float
    reciprocal_rank: float
    shortlist: tuple[str, ...]  # the top k of the whole eligible catalogue


@dataclass(frozen=True)
class Evaluation:
    """One profile replayed over past requirements."""

    profile: WeightsProfile
    k: int  # for NDCG and the shortlist (coverage, exposure)
    hit_k: int  # for hit rate: did an MoU or PO supplier make the first `hit_k`?
    pool: Pool
    per_requirement: tuple[RequirementScore, ...]  # only requirements with a relevant supplier
    skipped: tuple[str, ...]  # requirements without any MoU, PO or interest: nothing to find
    coverage: float  # share of suppliers eligible anywhere that reach some top-k shortlist
    exposure: float  # share of top-k slots going to suppliers not shortlisted before

    @property
    def ndcg(self) -> float:
        return _mean([r.ndcg for r in self.per_requirement])

    @property
    def hit_rate(self) -> float:
        return _mean([r.hit for r in self.per_requirement])

    @property
    def mrr(self) -> float:
        return _mean([r.reciprocal_rank for r in self.per_requirement])


def _mean(values: Sequence[float]) -> float:
    return float(np.mean(values)) if values else float("nan")


def evaluate(
    cases: Sequence[ReplayCase],
    profile: WeightsProfile,
    *,
    k: int = 10,
    hit_k: int = 5,
    pool: Pool = "judged",
) -> Evaluation:
    """Replay `profile` over `cases`, in the order given (oldest first matters for exposure)."""
    if k < 1 or hit_k < 1:
        raise ValueError("k must be at least 1")
    profile.validate()
    scored: list[RequirementScore] = []
    skipped: list[str] = []
    seen: set[str] = set()
    eligible_anywhere: set[str] = set()
    new_slots = slots = 0
    for case in cases:
        shortlist = tuple(case.supplier_ids[r] for r in case.ranked_rows(profile)[:k])
        new_slots += sum(1 for s in shortlist if s not in seen)
        slots += len(shortlist)
        seen.update(shortlist)
        eligible_anywhere.update(case.supplier_ids[r] for r in np.flatnonzero(case.eligible))
        if not case.has_relevant:
            skipped.append(case.title)
            continue
        ranked = case.grades[case.ranked_rows(profile, pool)]
        pool_grades = case.grades[case.eligible & (case.judged if pool == "judged" else True)]
        scored.append(
            RequirementScore(
                case.title,
                ndcg=ndcg_at_k(ranked, pool_grades, k),
                hit=hit_rate_at_k(ranked, hit_k, min_grade=HIT_GRADE),
                reciprocal_rank=reciprocal_rank(ranked, min_grade=HIT_GRADE),
                shortlist=shortlist,
            )
        )
    return Evaluation(
        profile=profile,
        k=k,
        hit_k=hit_k,
        pool=pool,
        per_requirement=tuple(scored),
        skipped=tuple(skipped),
        coverage=len(seen) / len(eligible_anywhere) if eligible_anywhere else 0.0,
        exposure=new_slots / slots if slots else 0.0,
    )


def ndcg_curve(
    cases: Sequence[ReplayCase],
    profile: WeightsProfile,
    ks: Sequence[int] = (1, 3, 5, 10, 20),
    pool: Pool = "judged",
) -> list[float]:
    """Mean NDCG@k for each k: how quickly the profile surfaces the winners."""
    return [evaluate(cases, profile, k=k, pool=pool).ndcg for k in ks]


@dataclass(frozen=True)
class MetricComparison:
    """Profile A against profile B on one metric; the interval is for A − B."""

    metric: str
    a: float
    b: float
    low: float  # NaN for catalogue-wide metrics, which have one value, not one per requirement
    high: float

    @property
    def difference(self) -> float:
        return self.a - self.b

    @property
    def clear(self) -> bool:
        """The interval excludes zero: the difference holds across requirements."""
        return bool(self.low > 0 or self.high < 0)


@dataclass(frozen=True)
class Comparison:
    a: Evaluation
    b: Evaluation
    metrics: tuple[MetricComparison, ...]


def compare(
    cases: Sequence[ReplayCase],
    a: WeightsProfile,
    b: WeightsProfile,
    *,
    k: int = 10,
    hit_k: int = 5,
    pool: Pool = "judged",
    n_boot: int = 2000,
    seed: int = 0,
) -> Comparison:
    """Both profiles side by side, with bootstrap intervals over requirements for A − B."""
    first = evaluate(cases, a, k=k, hit_k=hit_k, pool=pool)
    second = evaluate(cases, b, k=k, hit_k=hit_k, pool=pool)
    rows: list[MetricComparison] = []
    for metric, attribute in (
        (f"NDCG@{k}", "ndcg"),
        (f"hit rate@{hit_k}", "hit"),
        ("MRR", "reciprocal_rank"),
    ):
        mine = np.array([getattr(r, attribute) for r in first.per_requirement])
        theirs = np.array([getattr(r, attribute) for r in second.per_requirement])
        if mine.size:
            _, low, high = bootstrap_ci(mine - theirs, n=n_boot, seed=seed)
        else:
            low = high = float("nan")
        rows.append(MetricComparison(metric, _mean(list(mine)), _mean(list(theirs)), low, high))
    nan = float("nan")
    rows.append(MetricComparison("catalogue coverage", first.coverage, second.coverage, nan, nan))
    rows.append(
        MetricComparison("exposure (new suppliers)", first.exposure, second.exposure, nan, nan)
    )
    return Comparison(first, second, tuple(rows))


def mean_contributions(
    cases: Sequence[ReplayCase], profile: WeightsProfile, *, k: int = 10
) -> dict[str, float]:
    """What each feature adds to the score, averaged over every top-k shortlist slot."""
    if not cases:
        return {}
    totals = np.zeros(len(cases[0].names))
    slots = 0
    for case in cases:
        rows = case.ranked_rows(profile)[:k]
        totals += (case.values[rows] * case.weight_vector(profile)).sum(axis=0)
        slots += rows.size
    share = totals / slots if slots else totals
    return {name: float(value) for name, value in zip(cases[0].names, share, strict=True)}
