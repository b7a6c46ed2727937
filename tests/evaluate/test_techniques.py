"""Quality floors of the techniques model on the committed dev split (44 PTC articles, all of them)."""
import pytest

from newsprobe.techniques.data import PTC_TRAIN, data_root
from tests.conftest import require_data
from tests.floors import floor


@pytest.mark.data
@pytest.mark.slow
def test_dev_split_holds_the_floors():
    from newsprobe.evaluate.techniques import evaluate_folder

    train = require_data(data_root() / PTC_TRAIN)
    scores = evaluate_folder(train, "dev")
    assert scores["articles"] == 44
    assert scores["si"]["f1"] >= floor("techniques", "si_f1")
    assert scores["tc_micro_f1"] >= floor("techniques", "tc_micro_f1")


def test_a_decoding_rule_is_kept_only_when_it_raises_dev_si_f1():
    import numpy as np
    import spacy
    from spacy.tokens import Doc

    from newsprobe.evaluate.techniques import choose_rules, gold_spans
    from newsprobe.techniques.data import GoldSpan, PtcArticle
    from newsprobe.techniques.decoding import CUT_SENTENCES, DROP_CLOSED_SINGLE, TRIM_PUNCT
    from newsprobe.techniques.predictor import TechniquePredictor

    words = ["Our", "x", "big", "bad", "wolf", ",", "y"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=["PRON", "NOUN", "ADJ", "ADJ", "NOUN", "PUNCT", "NOUN"],
              sent_starts=[True] + [False] * 6)
    gold = PtcArticle("1", doc.text, [GoldSpan(6, 18, "Loaded_Language")])  # "big bad wolf"
    probs = np.array([0.9, 0.1, 0.9, 0.9, 0.9, 0.9, 0.1])  # found: "Our" (wrong) and "big bad wolf ,"
    predictor = TechniquePredictor()  # the committed model; no encoder pass for given probabilities
    predictor.threshold, predictor.seed, predictor.bridge, predictor.rules = 0.5, 0.0, 0, frozenset()
    found = {"1": predictor.candidate_spans(doc, probs)}
    kept, sweep = choose_rules(predictor, [doc], [gold], [probs], found, gold_spans([gold]))
    assert predictor.rules == {TRIM_PUNCT, DROP_CLOSED_SINGLE}, "no sentence to cut: that rule changes nothing"
    assert [rule for rule, *_, keep in sweep if keep] == [TRIM_PUNCT, DROP_CLOSED_SINGLE]
    assert [sweep[0][0], sweep[0][-1]] == [CUT_SENTENCES, False]
    assert [(s, e) for s, e, _ in kept["1"]] == [(6, 18)]
    assert sweep[-1][1:4] == (1.0, 1.0, 1.0), "F1, precision, recall of the rules kept"
