"""Loaders and scorers for the public evaluation datasets; each backs a `newsprobe eval` command."""
from __future__ import annotations

import json
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError


def read_split(path: Path, split: str) -> set[str] | None:
    """The document ids of `split` in a committed split table (JSON: split name -> ids); all: None."""
    if split == "all":
        return None
    table = json.loads(path.read_text(encoding="utf-8"))
    if split not in table:
        raise NewsprobeError(Code.BAD_CONFIG, f"unknown split '{split}' (dev, test or all)")
    return set(table[split])


def ratio(part: float, whole: float) -> float:
    """part / whole, and 0.0 when there is no whole (nothing predicted: a precision of 0)."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(hits: float, predicted: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of `hits` right among `predicted` items, against `gold` items."""
    precision, recall = ratio(hits, predicted), ratio(hits, gold)
    return precision, recall, f1(precision, recall)
