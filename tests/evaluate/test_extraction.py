from __future__ import annotations

import pytest

from newsprobe.evaluate.extraction import evaluate_extraction, precision_recall, shingles
from tests.conftest import require_data, DATA
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floor over the extraction benchmark


def test_shingles_are_word_four_grams():
    assert sum(shingles("one two three four five").values()) == 2
    assert shingles("one two") == {("one", "two"): 1}
    assert not shingles("")


def test_precision_and_recall_per_document():
    truth = "a b c d e f g h"
    assert precision_recall(truth, truth) == (1.0, 1.0)
    p, r = precision_recall(truth, "a b c d e")
    assert p == 1.0 and r == 2 / 5
    p, r = precision_recall(truth, "a b c d e f g h x y z w")
    assert r == 1.0 and p == 5 / 9
    assert precision_recall(truth, "") == (0.0, 0.0)


def test_extraction_f1_holds_its_floor():
    folder = require_data(DATA / "article-extraction-benchmark")
    score = evaluate_extraction(folder)
    assert score.documents == 181 and score.failures == 0
    assert score.f1 >= floor("extraction", "f1")
