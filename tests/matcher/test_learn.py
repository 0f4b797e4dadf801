"""Learning weights from outcomes: recovers a known truth, beats a wrong profile held out."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sklearn.base import clone

from matcher.errors import ProfileError
from matcher.learn import (
    CrossValidation,
    LearningError,
    WeightLearner,
    cross_validate,
    training_set,
)
from matcher.profile import FEATURE_NAMES, WeightsProfile
from tests.matcher.synthetic import load

synthetic = load()


@pytest.fixture(scope="module")
def event_history() -> list:
    """80 past requirements whose outcomes follow hidden true weights plus noise."""
    return synthetic.synthetic_cases(n_requirements=80, seed=0)


def order(weights: dict[str, float]) -> list[str]:
    return sorted(weights, key=lambda name: -weights[name])


def test_pairwise_learning_recovers_the_order_of_the_true_weights(event_history):
    X, y, groups = training_set(event_history)
    learner = WeightLearner().fit(X, y, groups)
    assert order(learner.weights_) == order(synthetic.TRUE_WEIGHTS)
    assert sum(learner.weights_.values()) == pytest.approx(1.0)


def test_pointwise_learning_finds_the_same_leading_features(event_history):
    X, y, groups = training_set(event_history)
    learner = WeightLearner(method="pointwise").fit(X, y, groups)
    assert order(learner.weights_)[:4] == order(synthetic.TRUE_WEIGHTS)[:4]


def test_learned_weights_beat_the_wrong_profile_on_held_out_requirements(event_history):
    result = cross_validate(WeightLearner(), event_history, synthetic.wrong_profile(), n_splits=4)
    mean_gain, low, _ = result.gain
    assert mean_gain > 0.1 and low > 0
    # Every requirement is tested exactly once, so none was in training at the same time.
    assert sorted(result.requirement_ids) == sorted(c.requirement_id for c in event_history)
    assert len(result.fold_weights) == 4


def test_weights_stay_non_negative_when_a_feature_hurts():
    # Buyers here turned away suppliers whose brochure text copied the request (traders).
    cases = synthetic.synthetic_cases(
        n_requirements=30, seed=5, true_weights={"capability": 0.6, "capacity": 0.4, "text": -0.3}
    )
    X, y, groups = training_set(cases)
    learner = WeightLearner().fit(X, y, groups)
    assert min(learner.weights_.values()) >= 0.0
    assert learner.weights_["text"] == 0.0
    assert order(learner.weights_)[:2] == ["capability", "capacity"]


def test_outcomes_without_any_difference_teach_nothing():
    X = np.random.default_rng(0).random((6, len(FEATURE_NAMES)))
    y = np.zeros(6)
    groups = np.array(["REQ-1"] * 3 + ["REQ-2"] * 3)
    with pytest.raises(LearningError, match="nothing to learn"):
        WeightLearner().fit(X, y, groups)
    with pytest.raises(LearningError, match="nothing to learn"):
        WeightLearner(method="pointwise").fit(X, y, groups)


def test_follows_scikit_learn_estimator_conventions(event_history):
    learner = WeightLearner(C=0.5, method="pointwise")
    assert learner.get_params()["C"] == 0.5
    assert not hasattr(learner, "weights_")  # nothing learned in __init__
    copy = clone(learner)
    X, y, groups = training_set(event_history[:10])
    assert copy.fit(X, y, groups) is copy
    assert copy.predict(X).shape == (len(X),)
    with pytest.raises(ValueError, match="one column per feature"):
        WeightLearner().fit(X[:, :3], y, groups)


def test_learned_weights_become_a_valid_profile(event_history):
    X, y, groups = training_set(event_history[:20])
    profile = WeightLearner().fit(X, y, groups).to_profile("belajar", 2)
    assert isinstance(profile, WeightsProfile)
    assert profile.version == 2
    assert WeightsProfile.from_json(profile.to_json()) == profile
    with pytest.raises(ProfileError):
        WeightLearner().fit(X, y, groups).to_profile("", 0)


@pytest.mark.slow
def test_on_the_real_engine_features_learning_finds_the_truth_and_beats_the_wrong_profile():
    """Demo catalogue and requirements (56 with nearby-plant variants), outcomes from the
    hidden truth: learned weights agree with the truth's order, and held out they rank the
    winners clearly better than the wrong profile."""
    import json
    from datetime import date
    from importlib import resources
    from pathlib import Path

    from scipy.stats import spearmanr

    from matcher.index import SupplierIndex
    from models.outcome import OutcomeCreate
    from models.requirement import parse_requirement
    from service.evaluation import replay_cases
    from service.sheets import read_supplier_sheet

    data = Path(str(resources.files("mitra") / "data"))
    records = read_supplier_sheet(data / "demo_suppliers.csv")
    documents = synthetic.variants(json.loads((data / "demo_requirements.json").read_text()), 3)
    rows = synthetic.engine_outcomes(records, documents, seed=11)
    outcomes = [
        OutcomeCreate(requirement_id=r, supplier_id=s, outcome=o, date=date.fromisoformat(d))
        for r, s, o, _, d in rows
    ]
    requirements = [parse_requirement(d, today=date(2000, 1, 1)) for d in documents]
    cases = replay_cases(SupplierIndex.build(records), requirements, outcomes)

    X, y, groups = training_set(cases)
    learned = WeightLearner().fit(X, y, groups).weights_
    truth = synthetic.TRUE_WEIGHTS
    agreement = spearmanr([truth[f] for f in FEATURE_NAMES], [learned[f] for f in FEATURE_NAMES])
    assert agreement.statistic > 0.9
    assert order(learned)[:2] == order(truth)[:2]
    mean_gain, low, _ = cross_validate(WeightLearner(), cases, synthetic.wrong_profile()).gain
    assert mean_gain > 0.05 and low > 0


def held_out(learned: list[float], baseline: list[float]) -> CrossValidation:
    ids = tuple(f"REQ-{i}" for i in range(len(learned)))
    return CrossValidation(10, ids, np.array(learned), np.array(baseline), ())


def test_only_a_gain_whose_whole_interval_is_above_zero_counts_as_better():
    steady = held_out([0.90, 0.80, 0.85, 0.90, 0.70], [0.50, 0.40, 0.50, 0.45, 0.40])
    # Positive on average, but two of five requirements got worse: could be luck of the folds.
    mixed = held_out([0.90, 0.30, 0.80, 0.20, 0.70], [0.50, 0.60, 0.50, 0.40, 0.60])
    assert steady.gain[1] > 0 and steady.clearly_better
    mean, low, high = mixed.gain
    assert mean > 0 and low < 0 < high
    assert not mixed.clearly_better


def test_two_buyers_sharing_a_requirement_id_are_never_paired_together(event_history):
    first, second = event_history[:2]
    astra = replace(first, requirement_id="REQ-001", buyer="PT Astra", label="REQ-001 (PT Astra)")
    ahm = replace(second, requirement_id="REQ-001", buyer="PT AHM", label="REQ-001 (PT AHM)")
    _, _, groups = training_set([astra, ahm])
    # Pairs are formed within a group only: one group per buyer's requirement.
    assert sorted(set(groups)) == ["REQ-001 (PT AHM)", "REQ-001 (PT Astra)"]
