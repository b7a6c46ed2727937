"""Fact-check retrieval on CheckThat! 2022 Task 2 must stay above the floors in tests/floors.toml.
Embedding the 33k fact-checks takes many minutes on a busy CPU (cached under .cache/ after)."""
from __future__ import annotations

import pytest

from newsprobe.evaluate.claim_retrieval import evaluate_claim_retrieval
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floors

CHECKTHAT = DATA / "checkthat2022-claim-retrieval"


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize("subtask, qrels, key", [
    ("tweets", "dev-qrels.tsv", "tweets_dev"),
    ("tweets", "dev-test-qrels.tsv", "tweets_dev_test"),
    ("debates", "train-qrels.tsv", "debates_train"),
    ("debates", "dev-qrels.tsv", "debates_dev"),
])
def test_claim_retrieval_floors(subtask, qrels, key):
    require_data(CHECKTHAT)
    scores = evaluate_claim_retrieval(CHECKTHAT, subtask, qrels)
    assert scores["MAP@5"] >= floor("claim_retrieval", f"{key}_map5"), scores
