"""Replay evaluation: re-ranking past requirements and scoring against recorded outcomes."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from matcher.evaluate import (
    ReplayCase,
    compare,
    evaluate,
    graded_relevance,
    mean_contributions,
    ndcg_curve,
)
from matcher.profile import FEATURE_NAMES, WeightsProfile
from tests.matcher.synthetic import load

CAPABILITY = WeightsProfile("kemampuan", 1, {"capability": 1.0})
CLOSENESS = WeightsProfile("dekat", 1, {"distance": 1.0})
SUPPLIERS = ("TGL-001", "TGL-002", "CLG-001", "KDL-001", "BKS-001")


def case(
    requirement_id: str,
    capability: list[float],
    distance: list[float],
    grades: dict[str, int],
    eligible: list[bool] | None = None,
) -> ReplayCase:
    values = np.zeros((len(SUPPLIERS), len(FEATURE_NAMES)))
    values[:, FEATURE_NAMES.index("capability")] = capability
    values[:, FEATURE_NAMES.index("distance")] = distance
    return ReplayCase.build(
        requirement_id,
        SUPPLIERS,
        FEATURE_NAMES,
        values,
        np.ones(len(FEATURE_NAMES), dtype=bool),
        np.array(eligible or [True] * len(SUPPLIERS)),
        grades,
    )


# The Tegal turner with the right process signed the PO; the Cilegon welder next door only met.
BRACKET = case(
    "REQ-YMH-01",
    capability=[0.9, 0.6, 0.2, 0.4, 0.1],
    distance=[0.2, 0.5, 0.95, 0.3, 0.6],
    grades={"TGL-001": 3, "TGL-002": 1, "CLG-001": 0, "KDL-001": 0},
)


def test_the_profile_that_put_the_po_supplier_first_scores_perfectly():
    good = evaluate([BRACKET], CAPABILITY, k=3)
    bad = evaluate([BRACKET], CLOSENESS, k=3)
    assert good.ndcg == pytest.approx(1.0)
    assert good.mrr == 1.0
    assert bad.ndcg < 0.6
    # Among the four met suppliers: CLG-001, TGL-002, KDL-001, then the PO supplier TGL-001.
    assert bad.mrr == pytest.approx(1 / 4)


def test_outcomes_grade_po_3_mou_2_interest_1_and_keep_the_best():
    grades = graded_relevance(
        [
            ("REQ-1", "TGL-001", "met"),
            ("REQ-1", "TGL-001", "sample_requested"),
            ("REQ-1", "TGL-001", "purchase_order"),
            ("REQ-1", "CLG-001", "mou"),
            ("REQ-1", "KDL-001", "no_show"),
            ("REQ-2", "TGL-001", "interested"),
        ]
    )
    assert grades == {"REQ-1": {"TGL-001": 3, "CLG-001": 2, "KDL-001": 0}, "REQ-2": {"TGL-001": 1}}


def test_an_excluded_supplier_never_reaches_the_shortlist():
    gated = case(
        "REQ-KS-07",
        capability=[0.2, 0.3, 1.0, 0.1, 0.5],
        distance=[0.5] * 5,
        grades={"TGL-001": 2, "CLG-001": 3},
        eligible=[True, True, False, True, True],  # CLG-001's ISO 9001 expired
    )
    result = evaluate([gated], CAPABILITY, k=5)
    assert "CLG-001" not in result.per_requirement[0].shortlist
    assert result.per_requirement[0].shortlist[0] == "BKS-001"


def test_unmet_suppliers_count_only_when_asked():
    # By distance, BKS-001 (never met the buyer, no outcome) comes second after CLG-001.
    judged = evaluate([BRACKET], CLOSENESS, k=2, pool="judged")
    everyone = evaluate([BRACKET], CLOSENESS, k=2, pool="all")
    assert everyone.per_requirement[0].shortlist == ("CLG-001", "BKS-001")
    assert everyone.ndcg == 0.0  # neither of the two reached interest
    assert judged.ndcg > 0.0  # among met suppliers, the interested TGL-002 comes second


def test_a_requirement_without_any_success_is_skipped_not_counted():
    nothing = case("REQ-ZZ-09", [0.5] * 5, [0.5] * 5, {"TGL-001": 0, "TGL-002": 0})
    result = evaluate([BRACKET, nothing], CAPABILITY, k=3)
    assert result.skipped == ("REQ-ZZ-09",)
    assert [r.requirement_id for r in result.per_requirement] == ["REQ-YMH-01"]


def test_exposure_counts_slots_given_to_suppliers_not_shortlisted_before():
    second = case("REQ-YMH-02", [0.9, 0.6, 0.2, 0.4, 0.1], [0.5] * 5, {"TGL-001": 3})
    result = evaluate([BRACKET, second], CAPABILITY, k=2)
    # Both shortlists are TGL-001, TGL-002: the second brings no new supplier.
    assert result.exposure == pytest.approx(0.5)
    assert result.coverage == pytest.approx(2 / 5)


def test_comparison_interval_excludes_zero_when_one_profile_is_clearly_better():
    synthetic = load()
    cases = synthetic.synthetic_cases(n_requirements=30, seed=3)
    comparison = compare(cases, synthetic.true_profile(), synthetic.wrong_profile(), k=10)
    ndcg = comparison.metrics[0]
    assert ndcg.metric == "NDCG@10"
    assert ndcg.difference > 0.1
    assert ndcg.clear and ndcg.low > 0
    coverage = next(m for m in comparison.metrics if m.metric == "catalogue coverage")
    assert math.isnan(coverage.low)


def test_ndcg_grows_with_k_and_contributions_follow_the_weights():
    synthetic = load()
    cases = synthetic.synthetic_cases(n_requirements=10, seed=4)
    curve = ndcg_curve(cases, synthetic.wrong_profile(), ks=(1, 5, 20))
    assert curve[0] <= curve[1] <= curve[2] + 1e-9
    shares = mean_contributions(cases, CAPABILITY, k=5)
    assert shares["capability"] > 0 and shares["text"] == 0.0


def test_k_below_one_is_refused():
    with pytest.raises(ValueError, match="k must be"):
        evaluate([BRACKET], CAPABILITY, k=0)


def test_two_buyers_with_the_same_requirement_id_are_graded_apart():
    grades = graded_relevance(
        [
            (("PT Astra Otoparts", "REQ-001"), "TGL-001", "purchase_order"),
            (("PT Astra Otoparts", "REQ-001"), "TGL-002", "met"),
            (("PT AHM", "REQ-001"), "TGL-002", "mou"),
            (("PT AHM", "REQ-001"), "TGL-001", "met"),
        ]
    )
    assert grades == {
        ("PT Astra Otoparts", "REQ-001"): {"TGL-001": 3, "TGL-002": 0},
        ("PT AHM", "REQ-001"): {"TGL-002": 2, "TGL-001": 0},
    }
    capability, distance = [0.9, 0.6, 0.2, 0.4, 0.1], [0.2, 0.5, 0.95, 0.3, 0.6]
    cases = [
        replace(
            case("REQ-001", capability, distance, judged), buyer=buyer, label=f"REQ-001 ({buyer})"
        )
        for (buyer, _), judged in grades.items()
    ]
    scores = {r.requirement_id: r.ndcg for r in evaluate(cases, CAPABILITY, k=3).per_requirement}
    # Ranking by capability puts TGL-001 first: right for Astra, wrong for AHM.
    assert scores["REQ-001 (PT Astra Otoparts)"] == pytest.approx(1.0)
    assert scores["REQ-001 (PT AHM)"] < 1.0
