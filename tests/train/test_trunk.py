"""The shared trunk: the techniques graph exposes its last hidden states without changing its logits."""
from __future__ import annotations

import numpy as np
import onnxruntime
import pytest

from newsprobe.techniques.encoder import SpanEncoder
from newsprobe.techniques.predictor import MODEL_DIR

onnx = pytest.importorskip("onnx")  # the `train` extra

TEXT = ("The minister said on Tuesday that the plan would be ready next week. Critics called it a "
        "disgrace and a betrayal of every voter. " * 6)


def _session(path) -> onnxruntime.InferenceSession:
    return onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def _feeds(encoder: SpanEncoder) -> dict[str, np.ndarray]:
    ids = encoder.tokenizer.encode(TEXT, add_special_tokens=False).ids[:254]
    row = np.array([[encoder.cls, *ids, encoder.sep]], dtype=np.int64)
    return {"input_ids": row, "attention_mask": np.ones_like(row)}


def test_logits_identical_to_the_graph_without_the_hidden_output(tmp_path):
    from newsprobe.train.trunk import HIDDEN

    model = onnx.load(str(MODEL_DIR / "tagger.onnx"))
    assert [o.name for o in model.graph.output] == ["logits", HIDDEN]
    del model.graph.output[1]  # back to the techniques-only graph
    model.graph.node.remove(next(n for n in model.graph.node if HIDDEN in n.output))
    onnx.save(model, str(tmp_path / "before.onnx"))
    encoder = SpanEncoder(MODEL_DIR / "tagger.onnx")
    feeds = _feeds(encoder)
    before = _session(tmp_path / "before.onnx").run(None, feeds)[0]
    logits, hidden = encoder.session.run(["logits", HIDDEN], feeds)
    assert np.array_equal(before, logits)
    assert hidden.shape == (*feeds["input_ids"].shape, 384) and np.abs(hidden).mean() > 0.1


def test_expose_hidden_is_idempotent(tmp_path):
    from newsprobe.train.trunk import expose_hidden

    expose_hidden(MODEL_DIR / "tagger.onnx", tmp_path / "again.onnx")
    assert [o.name for o in onnx.load(str(tmp_path / "again.onnx")).graph.output] == ["logits", "hidden"]


def test_one_pass_gives_the_techniques_probs_and_the_states():
    encoder = SpanEncoder(MODEL_DIR / "tagger.onnx")
    sentences = np.array([0, 70, 160], dtype=np.int64)
    starts, probs = encoder.piece_probs(TEXT, sentences)
    trunk = encoder.run(TEXT, sentences)
    assert np.array_equal(trunk.starts, starts) and np.array_equal(trunk.probs, probs)
    assert trunk.hidden.shape == (len(starts), 384)
    assert encoder.run(TEXT, sentences, hidden=False).hidden is None
