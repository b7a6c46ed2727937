"""Classification and ranking figures for a scored, labelled list of sentences."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsprobe.evaluate import f1, ratio


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    f1: float


def prf(labels: np.ndarray, scores: np.ndarray, threshold: float) -> Figures:
    """Precision, recall and F1 of the positive class at `threshold`."""
    predicted = scores >= threshold
    tp = float(np.sum(predicted & (labels == 1)))
    precision, recall = ratio(tp, predicted.sum()), ratio(tp, (labels == 1).sum())
    return Figures(precision, recall, f1(precision, recall))


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Mean of precision@k over the ranks k of the positives (ties broken by input order)."""
    order = np.argsort(-scores, kind="stable")
    hits = labels[order] == 1
    if not hits.any():
        return 0.0
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision_at[hits].mean())


def mean_ap(blocks: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """MAP over (labels, scores) blocks that hold at least one positive."""
    values = [average_precision(lab, s) for lab, s in blocks if (lab == 1).any()]
    return float(np.mean(values)) if values else 0.0


def id_blocks(ids: np.ndarray, labels: np.ndarray, scores: np.ndarray,
              size: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Consecutive runs of `size` sentences in sentence-id order (ids run debate by debate)."""
    order = np.argsort(ids, kind="stable")
    return [(labels[order[i:i + size]], scores[order[i:i + size]]) for i in range(0, len(order), size)]


def sparse_blocks(labels: np.ndarray, scores: np.ndarray, share: float, count: int,
                  seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Pseudo-debates with few positives (CheckThat!-like): each takes every negative and a random
    `share` of positives, so ranking quality at the top decides the figure."""
    rng = np.random.default_rng(seed)
    negatives, positives = np.flatnonzero(labels == 0), np.flatnonzero(labels == 1)
    wanted = max(1, round(share * len(negatives) / (1 - share)))
    blocks = []
    for _ in range(count):
        chosen = np.concatenate([negatives, rng.choice(positives, min(wanted, len(positives)), replace=False)])
        rng.shuffle(chosen)
        blocks.append((labels[chosen], scores[chosen]))
    return blocks


def calibration_error(labels: np.ndarray, scores: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: |mean score - positive rate| per equal-width bin, weighted by size."""
    index = np.clip((scores * bins).astype(int), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            error += abs(scores[members].mean() - labels[members].mean()) * members.mean()
    return float(error)
