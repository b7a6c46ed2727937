"""CPU cost of the span encoder's int8 weights against fp32, on this machine, in one run.

    PYTHONPATH=src .venv/bin/python benchmarks/encoder_precision.py [--windows 8] [--rounds 6]

Needs the `train` extra (PyTorch, to export the graphs). Builds the trunk's architecture (MiniLM's first
4 layers, the packaged pretrained weights, a linear tag head: the cost does not depend on the trained
values) and exports it three ways: fp32, int8 weights with per-channel scales (the recipe of
`train/encoder.py` `export_onnx`, the committed tagger), and uint8 with per-tensor scales. Each graph runs
the same full windows (`--windows` rows of 256 pieces, as `wordpieces.WINDOW` packs them), one ONNX
Runtime thread, alternating graphs round by round; the figure is process CPU seconds per call, mean over
the rounds, and its ratio to fp32. Why: the encoder is most of the pipeline's CPU (BENCHMARKS.md), and
int8 matrix products on a CPU without VNNI were suspected of being slower than fp32.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprobe.techniques.wordpieces import WINDOW  # noqa: E402


def export(folder: Path) -> dict[str, Path]:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from newsprobe.techniques.wordpieces import encoder_folder
    from newsprobe.train.encoder import EncoderSettings, build_tagger

    torch.set_num_threads(1)
    tagger = build_tagger(encoder_folder(), EncoderSettings().layers).eval()
    paths = {"fp32": folder / "fp32.onnx", "int8 per-channel": folder / "int8.onnx",
             "uint8 per-tensor": folder / "uint8.onnx"}
    example = (torch.ones((1, 8), dtype=torch.long), torch.ones((1, 8), dtype=torch.long))
    axes = {name: {0: "windows", 1: "pieces"} for name in ("input_ids", "attention_mask", "logits")}
    with torch.no_grad():
        torch.onnx.export(tagger, example, str(paths["fp32"]), input_names=["input_ids", "attention_mask"],
                          output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_dynamic(str(paths["fp32"]), str(paths["int8 per-channel"]), weight_type=QuantType.QInt8, per_channel=True)
    quantize_dynamic(str(paths["fp32"]), str(paths["uint8 per-tensor"]), weight_type=QuantType.QUInt8)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--windows", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    import onnxruntime

    with tempfile.TemporaryDirectory() as tmp:
        paths = export(Path(tmp))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        sessions = {name: onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
                    for name, path in paths.items()}
        sizes = {name: path.stat().st_size / 1e6 for name, path in paths.items()}
    ids = np.random.default_rng(0).integers(1000, 20000, (args.windows, WINDOW + 2)).astype(np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    spent = dict.fromkeys(sessions, 0.0)
    for session in sessions.values():  # warm-up, not counted
        session.run(None, feed)
    for _ in range(args.rounds):
        for name, session in sessions.items():
            started = time.process_time()
            session.run(None, feed)
            spent[name] += time.process_time() - started
    print(f"encoder_precision: {args.windows} windows of {WINDOW + 2} pieces per call, {args.rounds} rounds, 1 thread")
    base = spent["fp32"]
    for name, total in spent.items():
        print(f"  {name:18} {total / args.rounds:.3f} CPU s per call   ratio to fp32 {total / base:.3f}   "
              f"graph {sizes[name]:.1f} MB")


if __name__ == "__main__":
    main()
