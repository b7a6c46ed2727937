"""Expose the span encoder's last hidden states as a second output of its ONNX graph.

One pass of the trunk per window then serves several heads (DESIGN.md, "Learned layers share one
encoder pass"): techniques read `logits`, other heads read `hidden`. Only the graph's output list
changes; no node or weight does, so `logits` stay bit-identical (tests/train/test_trunk.py).
Needs the `train` extra (onnx).
"""
from __future__ import annotations

from pathlib import Path

import onnx

HIDDEN = "hidden"


def last_hidden_name(model: onnx.ModelProto) -> str:
    """The output of the last encoder layer's LayerNorm, which the techniques head reads (fp32 in the
    int8 graph: dynamic quantisation quantises it only on the way into the head's MatMulInteger)."""
    norms = [o for node in model.graph.node for o in node.output
             if o.startswith("/bert/encoder/layer.") and "/attention/" not in o
             and o.endswith("/output/LayerNorm/LayerNormalization_output_0")]
    if not norms:
        raise ValueError("no encoder layer output found in the graph")
    return norms[-1]


def expose_hidden(source: Path, target: Path, width: int = 384) -> None:
    """Copy the graph with its last hidden states added as output `hidden` [windows, pieces, width]."""
    model = onnx.load(str(source))
    if any(o.name == HIDDEN for o in model.graph.output):
        onnx.save(model, str(target))
        return
    name = last_hidden_name(model)
    model.graph.node.append(onnx.helper.make_node("Identity", [name], [HIDDEN], name="hidden_out"))
    model.graph.output.append(onnx.helper.make_tensor_value_info(
        HIDDEN, onnx.TensorProto.FLOAT, ["windows", "pieces", width]))
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


if __name__ == "__main__":  # python -m newsprobe.train.trunk IN.onnx OUT.onnx
    import sys

    expose_hidden(Path(sys.argv[1]), Path(sys.argv[2]))
