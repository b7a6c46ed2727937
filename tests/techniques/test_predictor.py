"""Span decoding of the techniques predictor: short gaps inside a span are bridged, long ones are not;
a run needs one token above the seed threshold (hysteresis); the decoding rules chosen on dev act."""
import numpy as np
import pytest

from newsprobe.techniques.predictor import bridge_gaps


def test_gaps_up_to_the_limit_are_bridged_and_longer_ones_stay():
    probs = np.array([0.9, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.1, 0.7, 0.2])
    bridged = bridge_gaps(probs, 0.5, 2)
    assert (bridged[:4] > 0.5).all(), "a two-token gap between inside tokens is bridged"
    assert (bridged[4:8] < 0.5).all(), "a four-token gap is not"
    assert bridged[9] == 0.2, "nothing is added after the last inside token"
    assert (bridge_gaps(probs, 0.5, 0) == probs).all()


def _predictor(threshold, seed, bridge=0):
    from newsprobe.techniques.predictor import TechniquePredictor

    predictor = TechniquePredictor()  # the committed model; the encoder is not loaded for given probabilities
    predictor.threshold, predictor.seed, predictor.bridge = threshold, seed, bridge
    predictor.rules = frozenset()  # the rules the committed model chose are tested on their own
    return predictor


def _doc(words, **annotations):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, **annotations)


def test_a_run_is_kept_only_with_a_token_above_the_seed_and_keeps_its_full_extent():
    doc = _doc(["a", "b", "c", "d", "e", "f", "g"])
    probs = np.array([0.35, 0.5, 0.35, 0.1, 0.35, 0.4, 0.1])
    spans = _predictor(0.3, 0.45).candidate_spans(doc, probs)
    assert [(s, e) for s, e, _ in spans] == [(0, 5)], "first run (seeded by b) in full; d-f never reach 0.45"
    assert spans[0][2] == pytest.approx(np.mean([0.35, 0.5, 0.35]))
    every = _predictor(0.3, 0.0).candidate_spans(doc, probs)
    assert [(s, e) for s, e, _ in every] == [(0, 5), (8, 11)], "seed 0: every run above the threshold"


def test_the_decoding_rules_reshape_the_runs_at_inference():
    from newsprobe.techniques.decoding import CUT_SENTENCES, DROP_CLOSED_SINGLE, TRIM_PUNCT

    # "Our" / "big , bad" / "wolf ." with a sentence starting at "wolf"
    doc = _doc(["Our", "x", "big", ",", "bad", "wolf", "."], spaces=[True] * 7,
               pos=["PRON", "NOUN", "ADJ", "PUNCT", "ADJ", "NOUN", "PUNCT"],
               sent_starts=[True, False, False, False, False, True, False])
    probs = np.array([0.9, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9])
    predictor = _predictor(0.5, 0.0)
    text = lambda spans: [doc.text[s:e] for s, e, _ in spans]  # noqa: E731
    assert text(predictor.candidate_spans(doc, probs)) == ["Our", "big , bad wolf ."]
    predictor.rules = frozenset({CUT_SENTENCES, TRIM_PUNCT, DROP_CLOSED_SINGLE})
    assert text(predictor.candidate_spans(doc, probs)) == ["big , bad", "wolf"]


def test_the_committed_decoding_was_chosen_from_its_recorded_grid_and_is_what_inference_uses():
    import json

    from newsprobe.techniques.decoding import RULES
    from newsprobe.techniques.predictor import MODEL_DIR, TechniquePredictor

    record = json.loads((MODEL_DIR / "settings.json").read_text(encoding="utf-8"))
    seed = record["seed_threshold"]
    assert seed in record["settings"]["seeds"] and record["token_threshold"] in record["settings"]["thresholds"]
    assert seed == 0 or seed > record["token_threshold"], "a seed at or below the threshold changes nothing"
    predictor = TechniquePredictor()
    assert (predictor.threshold, predictor.seed) == (record["token_threshold"], seed)
    assert predictor.rules == frozenset(record.get("decoding_rules", ())) <= set(RULES)
