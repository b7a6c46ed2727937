"""The shared trunk's graph edits: the hidden states exposed and the redundant nodes dropped, each
without changing an output bit. onnx is in the `test` extra and requirements/lock.txt, so these run in CI."""
from __future__ import annotations

import numpy as np
import onnx
import onnxruntime

from newsprobe.techniques.encoder import SpanEncoder
from newsprobe.techniques.predictor import MODEL_DIR

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


def _with_nan_guards(model):
    """The graph as PyTorch exports it: `Where(IsNaN(p), 0, p)` after every Softmax, read by its readers."""
    nodes = []
    for node in model.graph.node:
        nodes.append(node)
        if node.op_type != "Softmax":
            continue
        p = node.output[0]
        zero = onnx.numpy_helper.from_array(np.zeros(1, np.float32))
        nodes += [onnx.helper.make_node("Constant", [], [f"{p}_zero"], value=zero),
                  onnx.helper.make_node("IsNaN", [p], [f"{p}_nan"]),
                  onnx.helper.make_node("Where", [f"{p}_nan", f"{p}_zero", p], [f"{p}_guarded"])]
    guarded = {n.output[0][:-len("_guarded")] for n in nodes if n.output[0].endswith("_guarded")}
    for node in nodes:
        if node.op_type not in ("IsNaN", "Where"):
            node.input[:] = [f"{name}_guarded" if name in guarded else name for name in node.input]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    onnx.checker.check_model(model)
    return model


def test_committed_trunk_has_no_nan_guards():
    ops = [node.op_type for node in onnx.load(str(MODEL_DIR / "tagger.onnx")).graph.node]
    assert "Softmax" in ops and "IsNaN" not in ops


def test_dropping_redundant_nodes_keeps_every_output_bit(tmp_path):
    from newsprobe.train.trunk import drop_redundant_nodes

    guarded = _with_nan_guards(onnx.load(str(MODEL_DIR / "tagger.onnx")))
    onnx.save(guarded, str(tmp_path / "guarded.onnx"))
    assert drop_redundant_nodes(tmp_path / "guarded.onnx", tmp_path / "lean.onnx") == 4 * 3  # IsNaN, Where, 0
    assert drop_redundant_nodes(tmp_path / "lean.onnx", tmp_path / "again.onnx") == 0
    rng = np.random.default_rng(0)
    ids = rng.integers(1000, 20000, (3, 40)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1, 25:], mask[2, 3:] = 0, 0  # padded rows: masked keys, as in a batch of windows
    feeds = {"input_ids": ids, "attention_mask": mask}
    before = _session(tmp_path / "guarded.onnx").run(None, feeds)
    after = _session(tmp_path / "lean.onnx").run(None, feeds)
    assert all(np.array_equal(a, b) for a, b in zip(before, after))
