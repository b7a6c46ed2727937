"""Span decoding of the techniques predictor: short gaps inside a span are bridged, long ones are not."""
import numpy as np

from newsprobe.techniques.predictor import bridge_gaps


def test_gaps_up_to_the_limit_are_bridged_and_longer_ones_stay():
    probs = np.array([0.9, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.1, 0.7, 0.2])
    bridged = bridge_gaps(probs, 0.5, 2)
    assert (bridged[:4] > 0.5).all(), "a two-token gap between inside tokens is bridged"
    assert (bridged[4:8] < 0.5).all(), "a four-token gap is not"
    assert bridged[9] == 0.2, "nothing is added after the last inside token"
    assert (bridge_gaps(probs, 0.5, 0) == probs).all()
