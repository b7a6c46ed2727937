"""Ranking scores of CheckThat! 2022 Task 2: MAP@k, Recall@k and MRR over queries with relevance data."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def average_precision_at(relevant: set[str], ranked: Sequence[str], k: int) -> float:
    """Sum of precision@i at the relevant ranks i <= k, over the number of relevant items
    (as the lab's scorer does)."""
    hits, total = 0, 0.0
    for i, item in enumerate(ranked[:k], 1):
        if item in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def recall_at(relevant: set[str], ranked: Sequence[str], k: int) -> float:
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(relevant: set[str], ranked: Sequence[str]) -> float:
    return next((1.0 / i for i, item in enumerate(ranked, 1) if item in relevant), 0.0)


def ranking_scores(qrels: Mapping[str, set[str]], runs: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """MAP@1, MAP@5, Recall@5 and MRR over the queries of `qrels` (a query without a run scores 0)."""
    queries = sorted(qrels)
    if not queries:
        return {"MAP@1": 0.0, "MAP@5": 0.0, "Recall@5": 0.0, "MRR": 0.0, "queries": 0}
    ranked = [list(runs.get(q, [])) for q in queries]
    return {
        "MAP@1": float(np.mean([average_precision_at(qrels[q], r, 1) for q, r in zip(queries, ranked)])),
        "MAP@5": float(np.mean([average_precision_at(qrels[q], r, 5) for q, r in zip(queries, ranked)])),
        "Recall@5": float(np.mean([recall_at(qrels[q], r, 5) for q, r in zip(queries, ranked)])),
        "MRR": float(np.mean([reciprocal_rank(qrels[q], r) for q, r in zip(queries, ranked)])),
        "queries": len(queries),
    }
