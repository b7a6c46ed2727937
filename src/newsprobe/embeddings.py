"""Sentence embeddings from all-MiniLM-L6-v2 in ONNX Runtime (int8, no PyTorch): mean pooling + L2 norm.

Shared by stories and fact-check matching. The graph is made by `newsprobe.train.sentence_encoder`.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np
import onnxruntime

from newsprobe.errors import Code, NewsprobeError
from newsprobe.techniques.wordpieces import ENCODER_PACKAGE, load_tokenizer, special_ids

MODEL_PATH = Path(__file__).parent / "models" / "sentences" / "minilm.onnx"
MAX_PIECES = 256  # the model's max_seq_length, [CLS] and [SEP] included
BATCH = 32


class Embedder(Protocol):
    def embed(self, texts: list[str], batch: int = BATCH) -> np.ndarray: ...


class LazyEncoder:
    """An Embedder that loads its encoder on the first texts it is given (a stored claim's path needs none)."""

    def __init__(self, load: Callable[[], Embedder]) -> None:
        self._load = load

    def embed(self, texts: list[str], batch: int = BATCH) -> np.ndarray:
        return self._load().embed(texts, batch)


class SentenceEncoder:
    def __init__(self, model: Path = MODEL_PATH, threads: int = 0) -> None:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # 0: one per core
        options.inter_op_num_threads = 1
        try:
            self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise NewsprobeError(Code.EMBEDDINGS_MISSING, f"{model}: {exc}") from exc
        self.tokenizer = load_tokenizer(ENCODER_PACKAGE)
        self.cls, self.sep = special_ids(self.tokenizer)

    def batch_inputs(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Padded piece ids and mask, each text cut to MAX_PIECES with [CLS] ... [SEP]."""
        rows = [[self.cls, *enc.ids[:MAX_PIECES - 2], self.sep]
                for enc in self.tokenizer.encode_batch(texts, add_special_tokens=False)]
        width = max(len(row) for row in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1
        return ids, mask

    @staticmethod
    def pool(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean over the unmasked pieces, then unit length (sentence-transformers' Pooling + Normalize)."""
        weights = mask[..., None].astype(np.float32)
        mean = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)

    def embed(self, texts: list[str], batch: int = BATCH) -> np.ndarray:
        """One unit vector (384 floats) per text; texts of similar length are batched together."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for k in range(0, len(order), batch):
            chunk = order[k:k + batch]
            ids, mask = self.batch_inputs([texts[i] for i in chunk])
            states = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            out[chunk] = self.pool(states, mask)
        return out


def _model_tail(size: int = 4096) -> bytes:
    """The model file's last bytes, read by seeking rather than loading all of its 23 MB."""
    with open(MODEL_PATH, "rb") as handle:
        handle.seek(max(MODEL_PATH.stat().st_size - size, 0))
        return handle.read()


CACHE_DIR = Path(".cache") / "embeddings"  # gitignored; only to speed up repeated evaluations


def embed_cached(encoder: SentenceEncoder, texts: list[str], cache: Path | None = CACHE_DIR) -> np.ndarray:
    """`encoder.embed(texts)`, kept in `cache` under a hash of the model file and the texts."""
    if cache is None:
        return encoder.embed(texts)
    digest = hashlib.sha256(_model_tail())  # cheap model fingerprint
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    path = cache / f"{digest.hexdigest()[:32]}.npy"
    if path.exists():
        return np.load(path)
    vectors = encoder.embed(texts)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors
