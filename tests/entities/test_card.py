import json

from newsprobe.entities import card

FIGURES = {"named_typed": 0.5, "mention_precision": 0.6, "mention_recall": 0.7, "pronouns_resolved": 0.8}


def _write(folder, name, data):
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


def _base(folder):
    _write(folder, "train_record.json", {
        "command": "python -m newsprobe.train.entities", "train_documents": 3, "dropped_duplicates": [],
        "train_sha256": "a", "dev_sha256": "b", "pronoun_threshold": 0.3, "type_threshold": 0.7,
        "dev_rules": FIGURES, "dev": FIGURES, "trials": [], "wall_seconds": 1, "cpu_seconds": 1})


def test_card_without_a_names_head_has_no_section(tmp_path):
    _base(tmp_path)
    text = card.render(tmp_path)
    assert "Names head" not in text and "| test, every packaged model" in text and "not scored" in text


def test_card_renders_the_names_head_from_its_record(tmp_path):
    _base(tmp_path)
    _write(tmp_path, "eval_test.json", FIGURES)
    trials = [{"add_at": 0.4, **{**FIGURES, "named_typed": 0.9123}}, {"add_at": 1.01, **{**FIGURES, "named_typed": 0.4321}}]
    _write(tmp_path, "names_record.json", {
        "command": "python -m newsprobe.train.entity_names", "families": ["person", "organization", "place", "other"],
        "casing_features": 5, "head": {"width": 192, "layers": 3, "epochs": 20, "decay": 0.8}, "seeds": [0, 1],
        "losses": [[0.5], [0.4]], "weights": 12345, "train_documents": 67, "dropped_duplicates": ["x"],
        "settings": {"add_at": 0.4}, "trials": trials, "test_before": {**FIGURES, "pronouns_resolved": 0.6776},
        "wall_seconds": 10, "cpu_seconds": 9})
    text = card.render(tmp_path)
    assert "| dev, with the names head (its training run, chosen there) | 0.9123 |" in text
    assert "| dev, without the names head (its training run) | 0.4321 |" in text
    assert "| 0.6776 |" in text  # the test figures before the head
    assert "12,345 weights" in text and "confidence 0.4 or more" in text and "dropped: x" in text


def test_card_says_which_dev_targets_are_met(tmp_path):
    _base(tmp_path)
    text = card.render(tmp_path)
    dev = json.loads((tmp_path / "train_record.json").read_text())["dev"]
    for key, label in card.FIGURES:
        if key in card.TARGETS:
            verdict = "met" if dev[key] >= card.TARGETS[key] else "not met"
            assert f"{label} {dev[key]:.4f} against {card.TARGETS[key]:.2f} ({verdict})" in text
