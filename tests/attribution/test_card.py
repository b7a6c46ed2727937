"""The attributions card is rendered from run records: the committed card is exactly what they render,
and every figure in it comes from a record."""
from __future__ import annotations

import json
import shutil

import pytest

from newsprobe.attribution.card import MODEL, render


def test_committed_card_is_what_the_records_render():
    assert (MODEL / "MODEL_CARD.md").read_text(encoding="utf-8") == render()


def _copy_model(tmp_path):
    for name in ("eval_dev.json", "settings.json", "head.onnx"):
        shutil.copy(MODEL / name, tmp_path / name)
    return tmp_path


def test_figures_come_from_the_evaluation_record(tmp_path):
    model = _copy_model(tmp_path)
    record = json.loads((model / "eval_dev.json").read_text(encoding="utf-8"))
    record["modes"]["learned"]["Cue/exact"] = {"p": 0.111, "r": 0.222, "f1": 0.148}
    record["data"]["train_kept"] = 7
    (model / "eval_dev.json").write_text(json.dumps(record), encoding="utf-8")
    card = render(model)
    assert "0.148 (0.111/0.222)" in card and "7 kept" in card


def test_training_facts_are_stated_only_from_a_training_record(tmp_path):
    model = _copy_model(tmp_path)
    assert "Training record: none" in render(model)
    record = {"settings": {"width": 64, "layers": 1, "kernel": 3, "epochs": 2, "learning_rate": 0.01,
                           "batch": 4, "chunk": 32, "dropout": 0.0, "seed": 3},
              "losses": [0.91234, 0.5], "weights": 1234, "wall_seconds": 12.0, "cpu_seconds": 30.0,
              "machine": "x86_64, 2 CPUs"}
    (model / "train_record.json").write_text(json.dumps(record), encoding="utf-8")
    card = render(model)
    assert "0.912, 0.500" in card and "1,234 weights" in card and "Training record: none" not in card


def test_a_training_run_writes_the_record_the_card_reads(tmp_path):
    torch = pytest.importorskip("torch")
    from newsprobe.train.attributions import Head, HeadSettings, write_record

    settings = HeadSettings(width=8, layers=1)
    head = Head(settings)
    write_record(tmp_path / "train_record.json", head, settings, [0.5], 1.0, 2.0)
    record = json.loads((tmp_path / "train_record.json").read_text(encoding="utf-8"))
    assert record["weights"] == sum(p.numel() for p in head.parameters()) and record["losses"] == [0.5]
    assert record["settings"]["width"] == 8 and torch.__version__ in record["machine"]


def test_the_card_names_data_folders_as_they_lie_beside_a_checkout(tmp_path, monkeypatch):
    from newsprobe.attribution.card import shown

    monkeypatch.setenv("NEWSPROBE_DATA", str(tmp_path / "data"))
    assert shown(tmp_path / "data" / "polnear-train-dev" / "dev") == "../shared/data/polnear-train-dev/dev"
    assert shown(tmp_path / "elsewhere" / "dev") == str(tmp_path / "elsewhere" / "dev")


def test_save_writes_the_evaluation_and_the_card_it_renders(tmp_path):
    from newsprobe.attribution.card import save

    model = _copy_model(tmp_path)
    evaluation = json.loads((model / "eval_dev.json").read_text(encoding="utf-8"))
    evaluation["data"]["train_kept"] = 5
    save(evaluation, model)
    assert json.loads((model / "eval_dev.json").read_text(encoding="utf-8")) == evaluation
    assert (model / "MODEL_CARD.md").read_text(encoding="utf-8") == render(model)
    assert "5 kept" in render(model)
