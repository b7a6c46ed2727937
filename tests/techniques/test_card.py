"""The techniques model card is rendered from a run's record and eval JSON, not typed in."""
import copy
import json

from newsprobe.techniques.card import render, holds_out_test, write_card
from newsprobe.techniques.predictor import MODEL_DIR


def scores(si_f1, articles):
    prf = {"precision": 0.5, "recall": 0.25, "f1": si_f1, "predicted": 10, "gold": 20}
    return {"articles": articles, "si": prf, "tc_micro_f1": 0.6123, "span_label": prf,
            "per_technique": {"Loaded_Language": {"tc": {**prf, "gold": 7}, "span_label": prf}}}


def committed_record():
    return json.loads((MODEL_DIR / "settings.json").read_text(encoding="utf-8"))


def test_figures_come_from_the_eval_json():
    record = committed_record()
    card = render(record, scores(0.1234, 44), scores(0.5678, 45))
    assert "F1 0.1234" in card and "F1 0.5678" in card
    assert "Test figures (45 articles" in card
    other = render(record, scores(0.4321, 44), scores(0.8765, 45))
    assert "F1 0.4321" in other and "F1 0.1234" not in other


def test_a_model_trained_before_the_test_split_is_marked_contaminated():
    record = committed_record()
    if holds_out_test(record):  # a retrained model: pretend it is the old one
        record = copy.deepcopy(record)
        del record["data"]["test_articles"]
    card = render(record, None, scores(0.5, 45))
    assert "CONTAMINATED, not held out" in card and "trained before the test split existed" in card
    held = copy.deepcopy(record)
    held["data"].update(test_articles=45, dropped_copies=["7618970899"])
    card = render(held, None, scores(0.5, 45))
    assert "held out: never trained on" in card and "CONTAMINATED" not in card
    assert "7618970899" in card


def test_write_card_renders_into_the_folder(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps(committed_record()), encoding="utf-8")
    (tmp_path / "test.json").write_text(json.dumps(scores(0.3333, 45)), encoding="utf-8")
    path = write_card(tmp_path, test=tmp_path / "test.json")
    assert "F1 0.3333" in path.read_text(encoding="utf-8")


def test_a_head_only_run_is_described_and_its_tc_marked_held_out():
    record = copy.deepcopy(committed_record())
    record["data"].pop("test_articles", None)  # the tagger predates the test split
    record["head"] = {"settings": {"head_c": 0.01, "parse_weights": [0.0, 0.5]}, "parse_weight": 0.5,
                      "temperature": 1.234, "dev_accuracy": 0.6, "seconds": 60,
                      "data": {"train_articles": 202, "train_spans": 3000, "dev_articles": 44,
                               "test_articles": 45, "dropped_copies": ["7618970899"]}}
    card = render(record, None, scores(0.5, 45))
    assert "Technique head" in card and "temperature\n  of 1.234" in card and "202 articles, 3000 spans" in card
    assert "CONTAMINATED" in card and "TC micro-F1 above (labels for the gold spans) is held out" in card
    record.pop("head")
    assert "Technique head" not in render(record, None, scores(0.5, 45))


def test_the_hysteresis_of_the_decoding_is_described_only_when_the_record_has_one():
    record = copy.deepcopy(committed_record())
    record["seed_threshold"], record["settings"]["seeds"] = 0.55, [0.0, 0.55]
    assert "one of its tokens is above 0.55" in render(record, None, None)
    record["seed_threshold"] = 0.0
    assert "one of its tokens is above" not in render(record, None, None)
    record.pop("seed_threshold")
    assert "one of its tokens is above" not in render(record, None, None)


def test_the_decoding_rules_and_class_weighting_are_described_when_recorded():
    record = copy.deepcopy(committed_record())
    record.update(seed_threshold=0.5, decoding_rules=["trim_punct"])
    record["head"] = {"settings": {"head_c": 0.005, "class_weight": "balanced", "parse_weights": [0.0, 0.5]},
                      "parse_weight": 0.5, "temperature": 1.0, "dev_accuracy": 0.6, "seconds": 60,
                      "data": {"train_articles": 202, "train_spans": 3000, "dev_articles": 44,
                               "test_articles": 45, "dropped_copies": []}}
    card = render(record)
    assert "Decoding rules kept on dev" in card and "trim_punct" in card
    assert "C=0.005 with classes weighted by inverse frequency" in card
    record.update(decoding_rules=[])
    record["head"]["settings"]["class_weight"] = None
    card = render(record)
    assert "Decoding rules kept" not in card and "weighted by inverse frequency" not in card
