"""Graph edits of the span encoder's ONNX export that leave every output bit-identical.

- `expose_hidden`: the last hidden states as a second output. One pass of the trunk per window then
  serves several heads (DESIGN.md, "Learned layers share one encoder pass"): techniques read `logits`,
  other heads read `hidden`. Only the graph's output list changes; no node or weight does.
- `drop_redundant_nodes`: PyTorch's export of the attention writes, in every layer, a NaN guard after
  the softmax (`Where(IsNaN(p), 0, p)`, over windows x heads x pieces x pieces) and its own copy of the
  padding mask. The guard only acts on a query whose every key is masked, which cannot happen here
  (every window keeps its [CLS] and [SEP]), and the copies are equal; yet the two took about a fifth of
  the encoder's CPU time. Dropping them changes no output bit (tests/train/test_trunk.py).
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


def _rewire(model: onnx.ModelProto, old: str, new: str) -> None:
    """Every node that reads `old` reads `new` instead (graph outputs are never rewired here)."""
    for node in model.graph.node:
        for k, name in enumerate(node.input):
            if name == old:
                node.input[k] = new


def _nan_guards(model: onnx.ModelProto) -> list[tuple[onnx.NodeProto, onnx.NodeProto, str]]:
    """(IsNaN, Where, softmax output) for each `Where(IsNaN(p), c, p)` over a Softmax output."""
    producer = {out: node for node in model.graph.node for out in node.output}
    guards = []
    for node in model.graph.node:
        if node.op_type != "Where" or node.input[0] not in producer:
            continue
        test, kept = producer[node.input[0]], node.input[2]
        if (test.op_type == "IsNaN" and test.input[0] == kept and kept in producer
                and producer[kept].op_type == "Softmax"):
            guards.append((test, node, kept))
    return guards


def _constant_values(model: onnx.ModelProto) -> dict[str, bytes]:
    """Each Constant node's output name -> its value's dtype, shape and bytes (equal values compare equal)."""
    values = {}
    for node in model.graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            array = onnx.numpy_helper.to_array(node.attribute[0].t)
            values[node.output[0]] = f"{array.dtype}{array.shape}".encode() + array.tobytes()
    return values


def _duplicate_masks(model: onnx.ModelProto) -> list[tuple[onnx.NodeProto, str]]:
    """(node, output to read instead) for each Where computing what an earlier Where already does:
    the same condition and equal constant branches."""
    constants = _constant_values(model)
    first: dict[tuple, str] = {}
    duplicates = []
    for node in model.graph.node:
        if node.op_type != "Where" or not all(name in constants for name in node.input[1:]):
            continue
        key = (node.input[0], constants[node.input[1]], constants[node.input[2]])
        if key in first:
            duplicates.append((node, first[key]))
        else:
            first[key] = node.output[0]
    return duplicates


def _drop_unread_constants(model: onnx.ModelProto, outputs: set[str]) -> list[onnx.NodeProto]:
    """Remove the Constant nodes that nothing reads any more (the dropped nodes' branches)."""
    read = {name for node in model.graph.node for name in node.input} | outputs
    unread = [node for node in model.graph.node if node.op_type == "Constant" and node.output[0] not in read]
    for node in unread:
        model.graph.node.remove(node)
    return unread


def drop_redundant_nodes(source: Path, target: Path) -> int:
    """Copy the graph without the attention's NaN guards and duplicate masks; returns nodes dropped."""
    model = onnx.load(str(source))
    outputs = {o.name for o in model.graph.output}
    dropped = []
    for test, where, kept in _nan_guards(model):
        if where.output[0] not in outputs:
            _rewire(model, where.output[0], kept)
            dropped += [test, where]
    for where, same in _duplicate_masks(model):
        if where.output[0] not in outputs:
            _rewire(model, where.output[0], same)
            dropped.append(where)
    for node in dropped:
        model.graph.node.remove(node)
    dropped += _drop_unread_constants(model, outputs)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
    return len(dropped)


if __name__ == "__main__":  # python -m newsprobe.train.trunk IN.onnx OUT.onnx
    import sys

    expose_hidden(Path(sys.argv[1]), Path(sys.argv[2]))
    drop_redundant_nodes(Path(sys.argv[2]), Path(sys.argv[2]))
