"""Learning weights from outcomes, as a scikit-learn estimator.

`WeightLearner` fits one non-negative weight per engine feature so that, within each past
requirement, suppliers that went further (PO > MoU > interest > only met) score higher.

* pairwise (default): for every pair of suppliers of the same requirement with different
  grades, the feature difference must point towards the better one: logistic regression on
  pair differences, no intercept. This is what ranking cares about (order within one
  requirement), and it ignores how easy or hard a requirement was overall.
* pointwise: non-negative least squares of the grade on the features, both centred per
  requirement for the same reason.

Weights stay non-negative because the engine's score is a weighted mean of "how well does the
supplier fit" features: a negative weight would reward a worse fit (farther away, missing a
process), which no buyer can act on and which usually just fits noise. Logistic regression
has no sign constraint, so features that come out negative are dropped and the rest refitted
until every weight is zero or above (an active-set projection). Weights are scaled to sum to 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, clone
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import GroupKFold

from matcher.errors import MitraError
from matcher.evaluate import Pool, ReplayCase, evaluate
from matcher.metrics import bootstrap_ci
from matcher.profile import FEATURE_NAMES, WeightsProfile

Method = Literal["pairwise", "pointwise"]


class LearningError(MitraError):
    """The outcomes cannot teach anything (no requirement with different grades)."""


class WeightLearner(BaseEstimator):  # type: ignore[misc]
    """Non-negative, interpretable feature weights learned from graded outcomes.

    Parameters are stored as given (scikit-learn convention); `fit(X, y, groups)` learns
    `coef_` (one weight per column, summing to 1) and `weights_` (feature name → weight).
    """

    def __init__(
        self,
        method: Method = "pairwise",
        C: float = 1.0,
        max_pairs_per_group: int = 2000,
        feature_names: Sequence[str] = FEATURE_NAMES,
        random_state: int | None = 0,
    ) -> None:
        self.method = method
        self.C = C
        self.max_pairs_per_group = max_pairs_per_group
        self.feature_names = feature_names
        self.random_state = random_state

    def fit(self, X: ArrayLike, y: ArrayLike, groups: ArrayLike) -> WeightLearner:
        """X: (n, n_features) feature values; y: grades; groups: requirement of each row."""
        values = np.asarray(X, dtype=np.float64)
        grades = np.asarray(y, dtype=np.float64).reshape(-1)
        labels = np.asarray(groups).reshape(-1)
        if values.ndim != 2 or values.shape[1] != len(self.feature_names):
            raise ValueError(
                f"X must have one column per feature ({len(self.feature_names)}), "
                f"got shape {values.shape}"
            )
        if not len(values) == len(grades) == len(labels):
            raise ValueError("X, y and groups must have the same number of rows")
        if self.method == "pairwise":
            coef = self._fit_pairwise(values, grades, labels)
        elif self.method == "pointwise":
            coef = self._fit_pointwise(values, grades, labels)
        else:
            raise ValueError(f"method must be 'pairwise' or 'pointwise', got {self.method!r}")
        total = coef.sum()
        if total <= 0:
            raise LearningError(
                "the outcomes do not favour any feature: every learned weight is zero"
            )
        self.coef_: NDArray[np.float64] = coef / total
        self.weights_: dict[str, float] = {
            name: float(w) for name, w in zip(self.feature_names, self.coef_, strict=True)
        }
        self.n_features_in_ = values.shape[1]
        return self

    def predict(self, X: ArrayLike) -> NDArray[np.float64]:
        """Scores (higher is better); only their order within one requirement matters."""
        scores: NDArray[np.float64] = np.asarray(X, dtype=np.float64) @ self.coef_
        return scores

    def to_profile(self, name: str, version: int, description: str = "") -> WeightsProfile:
        """The learned weights as a validated profile, ready to save."""
        text = description or f"learned from outcomes ({self.method}, C={self.C})"
        return WeightsProfile(name, version, dict(self.weights_), text).validate()

    # --- the two fitting methods -------------------------------------------------------------

    def _fit_pairwise(
        self, values: NDArray[np.float64], grades: NDArray[np.float64], groups: NDArray[Any]
    ) -> NDArray[np.float64]:
        differences = pair_differences(
            values, grades, groups, self.max_pairs_per_group, self.random_state
        )
        if len(differences) == 0:
            raise LearningError(
                "no requirement has suppliers with different outcomes: nothing to learn from"
            )
        # Each pair once as "better minus worse" (1) and once reversed (0): a symmetric problem
        # whose decision boundary passes through zero, so no intercept is needed.
        pairs = np.vstack([differences, -differences])
        target = np.r_[np.ones(len(differences)), np.zeros(len(differences))]
        return _active_set(lambda cols: _logistic(pairs[:, cols], target, self.C), values.shape[1])

    def _fit_pointwise(
        self, values: NDArray[np.float64], grades: NDArray[np.float64], groups: NDArray[Any]
    ) -> NDArray[np.float64]:
        centred_x = values.copy()
        centred_y = grades.copy()
        for group in np.unique(groups):
            rows = groups == group
            centred_x[rows] -= centred_x[rows].mean(axis=0)
            centred_y[rows] -= centred_y[rows].mean()
        if not np.any(centred_y):
            raise LearningError(
                "no requirement has suppliers with different outcomes: nothing to learn from"
            )
        model = LinearRegression(positive=True, fit_intercept=False).fit(centred_x, centred_y)
        coef: NDArray[np.float64] = np.clip(model.coef_, 0.0, None)
        return coef


def _logistic(
    pairs: NDArray[np.float64], target: NDArray[np.float64], C: float
) -> NDArray[np.float64]:
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=1000)
    coef: NDArray[np.float64] = model.fit(pairs, target).coef_.ravel()
    return coef


def _active_set(fit: Any, n_features: int) -> NDArray[np.float64]:
    """Refit on the features still in play until no weight is negative."""
    active = list(range(n_features))
    coef = np.zeros(n_features)
    while active:
        fitted = fit(active)
        if np.all(fitted >= 0):
            coef[active] = fitted
            break
        # Drop the most negative feature only: removing one can turn another positive.
        active.pop(int(np.argmin(fitted)))
    return coef


def pair_differences(
    values: NDArray[np.float64],
    grades: NDArray[np.float64],
    groups: NDArray[Any],
    max_pairs_per_group: int,
    random_state: int | None,
) -> NDArray[np.float64]:
    """Feature differences (better − worse) for pairs of rows of the same group whose grades
    differ; at most `max_pairs_per_group` per group, sampled evenly."""
    rng = np.random.default_rng(random_state)
    chunks: list[NDArray[np.float64]] = []
    for group in np.unique(groups):
        rows = np.flatnonzero(groups == group)
        better, worse = np.nonzero(grades[rows][:, None] > grades[rows][None, :])
        if better.size > max_pairs_per_group:
            keep = rng.choice(better.size, size=max_pairs_per_group, replace=False)
            better, worse = better[keep], worse[keep]
        chunks.append(values[rows[better]] - values[rows[worse]])
    if not chunks:
        return np.zeros((0, values.shape[1]))
    return np.vstack(chunks)


# --- from replay cases to training data, and grouped cross-validation ------------------------


def training_set(
    cases: Sequence[ReplayCase], pool: Pool = "judged"
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.str_]]:
    """(X, y, groups) over the eligible suppliers of each case (judged ones for "judged")."""
    blocks: list[NDArray[np.float64]] = []
    grades: list[NDArray[np.float64]] = []
    groups: list[str] = []
    for case in cases:
        rows = np.flatnonzero(case.eligible & (case.judged if pool == "judged" else True))
        blocks.append(case.values[rows])
        grades.append(case.grades[rows])
        # The title, not the bare id: two buyers' `REQ-001` are two requirements, never paired.
        groups.extend([case.title] * rows.size)
    width = len(cases[0].names) if cases else len(FEATURE_NAMES)
    return (
        np.vstack(blocks) if blocks else np.zeros((0, width)),
        np.concatenate(grades) if grades else np.zeros(0),
        np.array(groups, dtype=np.str_),
    )


@dataclass(frozen=True)
class CrossValidation:
    """Held-out NDCG@k of learned weights against a baseline, requirement by requirement."""

    k: int
    requirement_ids: tuple[str, ...]
    learned: NDArray[np.float64]  # per held-out requirement
    baseline: NDArray[np.float64]
    fold_weights: tuple[dict[str, float], ...]

    @property
    def gain(self) -> tuple[float, float, float]:
        """Mean gain (learned − baseline) with a 95 % bootstrap interval over requirements."""
        return bootstrap_ci(self.learned - self.baseline)

    @property
    def clearly_better(self) -> bool:
        """The whole 95 % interval of the gain lies above 0. Only then is the learned profile
        worth activating: a mean gain whose interval includes 0 may be luck of the folds."""
        _, low, _ = self.gain
        return bool(low > 0)


def cross_validate(
    learner: WeightLearner,
    cases: Sequence[ReplayCase],
    baseline: WeightsProfile,
    *,
    n_splits: int = 5,
    k: int = 10,
    pool: Pool = "judged",
) -> CrossValidation:
    """GroupKFold by requirement: no requirement is ever in training and test at once."""
    usable = [c for c in cases if c.has_relevant]
    if len(usable) < 2:
        raise LearningError(
            "need at least two past requirements with an MoU, PO or interest to cross-validate"
        )
    folds = GroupKFold(n_splits=min(n_splits, len(usable)))
    ids = np.arange(len(usable))
    learned: list[float] = []
    reference: list[float] = []
    held_out: list[str] = []
    weights: list[dict[str, float]] = []
    for train, test in folds.split(ids, groups=ids):
        X, y, groups = training_set([usable[i] for i in train], pool)
        model = clone(learner).fit(X, y, groups)
        weights.append(model.weights_)
        profile = model.to_profile("cv", 1)
        test_cases = [usable[i] for i in test]
        learned.extend(
            r.ndcg for r in evaluate(test_cases, profile, k=k, pool=pool).per_requirement
        )
        reference.extend(
            r.ndcg for r in evaluate(test_cases, baseline, k=k, pool=pool).per_requirement
        )
        held_out.extend(c.title for c in test_cases)
    return CrossValidation(
        k, tuple(held_out), np.array(learned), np.array(reference), tuple(weights)
    )
