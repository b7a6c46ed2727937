"""A multinomial linear classifier stored as plain arrays (no pickles), scored over feature dicts."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class LinearModel:
    vocab: dict[str, int]
    coef: np.ndarray  # (classes, features); a single row means a binary model
    intercept: np.ndarray
    classes: list[str]

    def scores(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Decision values, one row per feature dict (unknown features ignored)."""
        out = np.tile(self.intercept, (len(rows), 1)).astype(np.float64)
        for r, row in enumerate(rows):
            idx = [self.vocab[k] for k in row if k in self.vocab]
            if idx:
                vals = np.fromiter((row[k] for k in row if k in self.vocab), dtype=np.float64, count=len(idx))
                out[r] += self.coef[:, idx] @ vals
        return out

    def proba(self, rows: list[dict[str, float]]) -> np.ndarray:
        z = self.scores(rows)
        if z.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.stack([1 - p, p], axis=1)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    @classmethod
    def from_sklearn(cls, vectorizer, clf) -> LinearModel:  # noqa: ANN001 (sklearn objects)
        coef = np.asarray(clf.coef_, dtype=np.float32)
        keep = np.flatnonzero(np.abs(coef).max(axis=0) > 1e-6)  # drop features the model never uses
        names = vectorizer.get_feature_names_out()
        vocab = {str(names[j]): k for k, j in enumerate(keep)}
        return cls(vocab, coef[:, keep], np.asarray(clf.intercept_, dtype=np.float32),
                   [str(c) for c in clf.classes_])

    def save(self, path: Path) -> None:
        np.savez_compressed(path.with_suffix(".npz"), coef=self.coef, intercept=self.intercept)
        path.with_suffix(".json").write_text(
            json.dumps({"classes": self.classes, "vocab": self.vocab}, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        arrays = np.load(path.with_suffix(".npz"))
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return cls(meta["vocab"], arrays["coef"], arrays["intercept"], meta["classes"])
