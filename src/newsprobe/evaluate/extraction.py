"""Main-text extraction on the article-extraction-benchmark, scored with that benchmark's metric.

The metric (as its README describes it): tokens are regex `\\w+` matches; each document's truth and
prediction become multisets of word 4-gram shingles; precision and recall are computed per document
and averaged over documents, so that long texts do not dominate; F1 comes from the two averages.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate import f1
from newsprobe.ingest.html import extract_main_text

SHINGLE = 4
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def precision_recall(truth: str, prediction: str) -> tuple[float, float]:
    gold, pred = shingles(truth), shingles(prediction)
    overlap = sum((gold & pred).values())
    precision = overlap / sum(pred.values()) if pred else (1.0 if not gold else 0.0)
    recall = overlap / sum(gold.values()) if gold else 1.0
    return precision, recall


@dataclass
class ExtractionScore:
    documents: int
    precision: float
    recall: float
    accuracy: float
    failures: int

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def evaluate_extraction(folder: Path, limit: int | None = None) -> ExtractionScore:
    truth_file = folder / "ground-truth.json"
    if not truth_file.exists():
        raise NewsprobeError(Code.DATA_MISSING, truth_file)
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    precisions, recalls, exact, failures = [], [], 0, 0
    for item_id in ids:
        html = gzip.decompress((folder / "html" / f"{item_id}.html.gz").read_bytes())
        try:
            predicted, _ = extract_main_text(html, truth[item_id]["url"])
        except NewsprobeError:
            predicted, failures = "", failures + 1
        gold = truth[item_id]["articleBody"]
        p, r = precision_recall(gold, predicted)
        precisions.append(p)
        recalls.append(r)
        exact += _WORD.findall(gold) == _WORD.findall(predicted)
    n = len(ids)
    return ExtractionScore(n, sum(precisions) / n, sum(recalls) / n, exact / n, failures)
