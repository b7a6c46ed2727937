"""The technique head on the shared trunk: a span's pooled encoder states + the parse LR's probabilities.

Each span is read as the trunk's last hidden states of its word pieces (mean, first and last piece)
and of its sentence (mean), from the encoder pass that already gave the span probabilities, so the
head costs no second pass. A multinomial logistic regression over those states and the log of the
parse classifier's probabilities labels it; a temperature fitted on dev calibrates its probabilities.
Stored as plain arrays (no pickles, no PyTorch).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprobe.techniques.encoder import HIDDEN_WIDTH, TrunkPass

POOLS = 4  # span mean, span first piece, span last piece, sentence mean
FLOOR = 1e-4  # smallest parse probability mixed in, so its log stays finite


def _mean(hidden: np.ndarray, first: int, last: int) -> np.ndarray:
    return hidden[first:last].mean(axis=0) if last > first else np.zeros(HIDDEN_WIDTH, dtype=np.float32)


def pool_spans(trunk: TrunkPass | None, spans: list[tuple[int, int]],
               sentences: list[tuple[int, int]]) -> np.ndarray:
    """[spans, POOLS * 384]: for each char span, its pieces' mean, first and last state, and the mean
    state of the sentence (char range in `sentences`, sorted) holding its start."""
    out = np.zeros((len(spans), POOLS * HIDDEN_WIDTH), dtype=np.float32)
    if trunk is None or trunk.hidden is None or not len(trunk.starts):  # no pass (an empty doc): no states
        return out
    sent_starts = np.array([s for s, _ in sentences] or [0])
    for row, (start, end) in enumerate(spans):
        # pieces overlapping [start, end): ends after start and starts before end
        first = int(np.searchsorted(trunk.ends, start, side="right"))
        last = max(first, int(np.searchsorted(trunk.starts, end, side="left")))
        if last > first:
            out[row, :HIDDEN_WIDTH] = _mean(trunk.hidden, first, last)
            out[row, HIDDEN_WIDTH:2 * HIDDEN_WIDTH] = trunk.hidden[first]
            out[row, 2 * HIDDEN_WIDTH:3 * HIDDEN_WIDTH] = trunk.hidden[last - 1]
        if sentences:
            s_start, s_end = sentences[max(0, int(np.searchsorted(sent_starts, start, side="right")) - 1)]
            s_first = int(np.searchsorted(trunk.ends, s_start, side="right"))
            s_last = int(np.searchsorted(trunk.starts, s_end, side="left"))
            out[row, 3 * HIDDEN_WIDTH:] = _mean(trunk.hidden, s_first, s_last)
    return out


@dataclass
class SpanHead:
    mean: np.ndarray  # input standardisation, fitted on the training spans
    scale: np.ndarray
    coef: np.ndarray  # (classes, inputs)
    intercept: np.ndarray
    classes: list[str]
    parse_weight: float = 0.0  # share of the parse classifier's log-probabilities in the mix (chosen on dev)
    temperature: float = 1.0  # fitted on dev: divides the mixed log-probabilities

    def proba(self, pooled: np.ndarray, parse: np.ndarray | None = None) -> np.ndarray:
        """Label probabilities from pooled states and (columns in `classes`) the parse classifier's."""
        z = _log_softmax(((pooled - self.mean) / self.scale) @ self.coef.T + self.intercept)
        if parse is not None and self.parse_weight:
            z = (1 - self.parse_weight) * z + self.parse_weight * np.log(np.clip(parse, FLOOR, 1.0))
        z = z / self.temperature
        return np.exp(_log_softmax(z))

    def save(self, path: Path) -> None:
        np.savez_compressed(path.with_suffix(".npz"), mean=self.mean, scale=self.scale, coef=self.coef,
                            intercept=self.intercept)
        path.with_suffix(".json").write_text(json.dumps(
            {"classes": self.classes, "parse_weight": self.parse_weight, "temperature": self.temperature,
             "pools": POOLS}), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> SpanHead:
        arrays = np.load(path.with_suffix(".npz"))
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return cls(arrays["mean"], arrays["scale"], arrays["coef"], arrays["intercept"], meta["classes"],
                   float(meta["parse_weight"]), float(meta["temperature"]))


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))
