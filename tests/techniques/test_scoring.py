"""The SemEval-2020 measures on tiny hand-made cases whose answers are worked out by hand."""
import pytest

from newsprobe.techniques.scoring import labelled_scores, merge, si_score, tc_score


def test_merge_joins_overlaps_only():
    assert merge([(5, 9), (0, 4), (2, 6), (9, 12), (3, 3)]) == [(0, 9), (9, 12)]


def test_si_partial_overlap_precision_and_recall():
    gold = {"1": [(0, 10, "Doubt")]}
    pred = {"1": [(0, 5, "x")]}
    score = si_score(pred, gold)
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 / 3)


def test_si_merges_gold_and_predicted_overlaps_first():
    # gold (0,10)+(5,15) -> (0,15); predicted (10,20)+(12,20) -> (10,20): 5 shared chars
    gold = {"1": [(0, 10, "Doubt"), (5, 15, "Loaded_Language")]}
    pred = {"1": [(10, 20, "x"), (12, 20, "x")]}
    score = si_score(pred, gold)
    assert (score.predicted, score.gold) == (1, 1)
    assert score.precision == pytest.approx(5 / 10)
    assert score.recall == pytest.approx(5 / 15)


def test_si_averages_over_spans_and_articles():
    gold = {"1": [(0, 4, "a"), (10, 14, "a")], "2": [(0, 2, "a")]}
    pred = {"1": [(0, 4, "x"), (20, 24, "x")]}  # article 2 has no prediction
    score = si_score(pred, gold)
    assert score.precision == pytest.approx(1 / 2)
    assert score.recall == pytest.approx(1 / 3)


def test_si_with_no_predictions_is_zero():
    assert si_score({}, {"1": [(0, 4, "a")]}).f1 == 0.0


def test_tc_counts_repeated_gold_spans_as_a_multiset():
    gold = {"1": [(0, 5, "Doubt"), (0, 5, "Slogans"), (7, 9, "Repetition")]}
    pred = {"1": [(0, 5, "Slogans"), (0, 5, "Loaded_Language"), (7, 9, "Repetition")]}
    micro, per = tc_score(pred, gold)
    assert micro.f1 == pytest.approx(2 / 3)
    assert per["Slogans"].f1 == pytest.approx(1.0)
    assert per["Doubt"].recall == 0.0
    assert per["Loaded_Language"].precision == 0.0


def test_span_label_needs_the_same_technique():
    gold = {"1": [(0, 10, "Doubt"), (20, 30, "Slogans")]}
    pred = {"1": [(0, 10, "Doubt"), (20, 30, "Doubt")]}
    micro, per = labelled_scores(pred, gold)
    assert per["Doubt"].precision == pytest.approx(1 / 2)  # one of its two spans is Doubt in gold
    assert per["Doubt"].recall == pytest.approx(1.0)
    assert per["Slogans"].recall == 0.0
    assert micro.precision == pytest.approx(1 / 2)
    assert micro.recall == pytest.approx(1 / 2)
