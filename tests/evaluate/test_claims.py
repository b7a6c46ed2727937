"""Floors of the check-worthiness model on ClaimBuster (full dev and test splits; a few seconds)."""
import os
from pathlib import Path

import pytest

from newsprobe.evaluate.claims import evaluate_claims

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("NEWSPROBE_DATA", ROOT.parent / "shared" / "data"))
CLAIMBUSTER = DATA / "claimbuster-2class"

# Set a little under the figures measured with `newsprobe eval claims` (see models/claims/MODEL_CARD.md).
FLOORS = {
    # measured: F1 0.7551, AP 0.8332, MAP id blocks 0.8379, MAP 3 % 0.4851
    "dev": {"f1": 0.74, "ap": 0.82, "map_id_blocks": 0.82, "map_sparse": 0.46},
    # measured: F1 0.8343, AP 0.9290, MAP id blocks 0.9373, MAP 3 % 0.5159
    "test": {"f1": 0.82, "ap": 0.91, "map_id_blocks": 0.92, "map_sparse": 0.49},
}


@pytest.mark.data
@pytest.mark.skipif(not CLAIMBUSTER.exists(), reason="../shared/data/claimbuster-2class absent")
def test_floors():
    scores = evaluate_claims(CLAIMBUSTER)
    for split, floors in FLOORS.items():
        for name, floor in floors.items():
            assert getattr(scores[split], name) >= floor, (split, name, scores[split])
