"""Ranking metrics on small rankings whose values were worked out by hand."""

from __future__ import annotations

import math

import pytest

from matcher.metrics import (
    bootstrap_ci,
    dcg_at_k,
    grades_for,
    hit_rate_at_k,
    mean_over,
    mrr,
    ndcg_at_k,
    reciprocal_rank,
)


def test_dcg_uses_exponential_gain_and_log_discount() -> None:
    # (2^3-1)/log2(2) + (2^2-1)/log2(3) + 0 = 7 + 3/1.58496
    assert dcg_at_k([3, 2, 0], 3) == pytest.approx(7 + 3 / math.log2(3))


def test_dcg_only_counts_the_top_k() -> None:
    assert dcg_at_k([3, 2, 3], 1) == pytest.approx(7.0)


def test_best_possible_order_scores_one() -> None:
    assert ndcg_at_k([3, 2, 1, 0], [0, 1, 2, 3], 10) == pytest.approx(1.0)


def test_strong_supplier_in_second_place_loses_a_third() -> None:
    # ranking [0, 3] against ideal [3, 0]: 7/log2(3) / 7
    assert ndcg_at_k([0, 3], [3, 0], 10) == pytest.approx(1 / math.log2(3))


def test_leaving_out_the_best_supplier_is_penalised() -> None:
    # shortlist shows only a grade-2 supplier while a grade-3 one exists: 3 / (7 + 3/log2 3)
    expected = 3 / (7 + 3 / math.log2(3))
    assert ndcg_at_k([2], [3, 2], 10) == pytest.approx(expected)


def test_ndcg_is_one_when_nothing_relevant_exists() -> None:
    assert ndcg_at_k([0, 0], [0, 0, 0], 10) == 1.0


def test_k_must_be_positive() -> None:
    with pytest.raises(ValueError):
        dcg_at_k([3], 0)


def test_hit_rate_needs_a_grade_three_inside_the_cut() -> None:
    assert hit_rate_at_k([1, 2, 3], 2) == 0.0
    assert hit_rate_at_k([1, 2, 3], 3) == 1.0
    assert hit_rate_at_k([1, 2, 2], 3, min_grade=2) == 1.0


def test_reciprocal_rank_of_first_strong_supplier() -> None:
    assert reciprocal_rank([0, 1, 3, 3]) == pytest.approx(1 / 3)
    assert reciprocal_rank([2, 2]) == 0.0


def test_mrr_averages_over_requirements() -> None:
    assert mrr([[3], [0, 3]]) == pytest.approx(0.75)
    with pytest.raises(ValueError):
        mrr([])


def test_unjudged_suppliers_count_as_irrelevant() -> None:
    judged = {"S01": 3.0, "S02": 1.0}
    assert grades_for(["S02", "S99", "S01"], judged) == [1.0, 0.0, 3.0]


def test_mean_over_mapping_or_list() -> None:
    assert mean_over({"REQ-1": 0.5, "REQ-2": 1.0}) == pytest.approx(0.75)
    assert mean_over([0.2, 0.4]) == pytest.approx(0.3)
    with pytest.raises(ValueError):
        mean_over([])


def test_bootstrap_of_constant_differences_is_a_point() -> None:
    assert bootstrap_ci([0.1, 0.1, 0.1]) == pytest.approx((0.1, 0.1, 0.1))


def test_bootstrap_interval_brackets_the_mean_and_is_reproducible() -> None:
    diffs = [0.05, 0.12, -0.02, 0.30, 0.08, 0.15, 0.01]
    mean, low, high = bootstrap_ci(diffs, n=500, seed=7)
    assert mean == pytest.approx(sum(diffs) / len(diffs))
    assert low < mean < high
    assert bootstrap_ci(diffs, n=500, seed=7) == (mean, low, high)


def test_bootstrap_shows_a_consistent_gain_above_zero() -> None:
    _, low, _ = bootstrap_ci([0.2, 0.25, 0.3, 0.22, 0.28], n=1000)
    assert low > 0


def test_bootstrap_rejects_empty_input() -> None:
    with pytest.raises(ValueError):
        bootstrap_ci([])
