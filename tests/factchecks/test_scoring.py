"""MAP@k, Recall@k and MRR on rankings worked out by hand."""
from __future__ import annotations

import pytest

from newsprobe.factchecks.scoring import average_precision_at, ranking_scores, recall_at, reciprocal_rank


def test_average_precision_counts_only_the_top_k():
    assert average_precision_at({"x"}, ["x", "y"], 1) == 1.0
    assert average_precision_at({"x"}, ["y", "x"], 1) == 0.0
    assert average_precision_at({"x"}, ["y", "x"], 5) == 0.5
    # two relevant at ranks 1 and 3: (1/1 + 2/3) / 2
    assert average_precision_at({"x", "z"}, ["x", "y", "z"], 5) == pytest.approx((1 + 2 / 3) / 2)


def test_recall_and_reciprocal_rank():
    assert recall_at({"x", "z"}, ["x", "y", "w", "v", "u", "z"], 5) == 0.5
    assert reciprocal_rank({"z"}, ["x", "y", "z"]) == pytest.approx(1 / 3)
    assert reciprocal_rank({"q"}, ["x"]) == 0.0


def test_ranking_scores_average_over_the_qrels_queries():
    qrels = {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}}
    runs = {"q1": ["a", "b"], "q2": ["a", "b"]}  # q3 has no run: it scores 0
    scores = ranking_scores(qrels, runs)
    assert scores["MAP@1"] == pytest.approx(1 / 3)
    assert scores["MAP@5"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert scores["Recall@5"] == pytest.approx(2 / 3)
    assert scores["MRR"] == pytest.approx((1 + 0.5) / 3)
    assert scores["queries"] == 3
