"""B-cubed and V-measure on hand-made clusterings whose answers are worked out by hand."""
from __future__ import annotations

import pytest

from newsprobe.stories.scoring import bcubed, cluster_scores


def test_perfect_clustering_scores_one():
    scores = cluster_scores(["a", "a", "b"], [7, 7, 3])
    assert (scores.precision, scores.recall, scores.f1, scores.v_measure) == pytest.approx((1, 1, 1, 1))


def test_one_big_cluster_has_full_recall_and_half_precision():
    # each item's cluster holds 4 items, 2 of its story
    precision, recall, f1 = bcubed(["a", "a", "b", "b"], [1, 1, 1, 1])
    assert (precision, recall, f1) == pytest.approx((0.5, 1.0, 2 / 3))
    assert cluster_scores(["a", "a", "b", "b"], [1, 1, 1, 1]).v_measure == pytest.approx(0.0)


def test_split_and_merge_worked_by_hand():
    # clusters {a1, a2} {a3, b}: precision (1 + 1 + 1/2 + 1/2) / 4; recall (2/3 + 2/3 + 1/3 + 1) / 4
    precision, recall, f1 = bcubed(["a", "a", "a", "b"], [1, 1, 2, 2])
    assert precision == pytest.approx(0.75)
    assert recall == pytest.approx(2 / 3)
    assert f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_singletons_have_full_precision():
    precision, recall, _ = bcubed(["a", "a", "b"], [1, 2, 3])
    assert precision == 1.0
    assert recall == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_v_measure_of_singletons_against_two_classes():
    # homogeneous (each cluster pure) but not complete
    scores = cluster_scores(["a", "a", "b", "b"], [1, 2, 3, 4])
    assert scores.homogeneity == pytest.approx(1.0)
    assert scores.completeness == pytest.approx(0.5)
    assert scores.v_measure == pytest.approx(2 / 3)


def test_lengths_must_agree():
    with pytest.raises(ValueError):
        bcubed(["a"], [1, 2])
