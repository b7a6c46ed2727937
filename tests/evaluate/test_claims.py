"""Floors of the check-worthiness model on ClaimBuster (full dev and test splits; a few seconds)."""
import pytest

from newsprobe.evaluate.claims import evaluate_claims
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floor over a corpus

FIGURES = ("f1", "ap", "map_id_blocks", "map_sparse")


@pytest.mark.data
def test_floors():
    scores = evaluate_claims(require_data(DATA / "claimbuster-2class"))
    for split in ("dev", "test"):
        for name in FIGURES:
            assert getattr(scores[split], name) >= floor(f"claims_{split}", name), (split, name, scores[split])
