"""SemEval-2020 Task 11 measures: SI with partial overlap, TC micro-F1, and labelled span F1.

SI follows the task's scorer: in each article the gold spans that overlap are merged, and so are the
predicted ones; precision is the mean, over predicted spans, of the share of the span's characters
that gold covers, and recall the mean, over gold spans, of the share that predictions cover.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsprobe.evaluate import f1, prf, ratio

Interval = tuple[int, int]
# article id -> list of (start, end, label)
Labelled = Mapping[str, Sequence[tuple[int, int, str]]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    predicted: int = 0
    gold: int = 0


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping intervals joined (touching ones stay apart, as in the task scorer); empty ones dropped."""
    merged: list[list[int]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _covered(spans: list[Interval], other: list[Interval]) -> float:
    """Sum over `spans` of the share of each covered by the (disjoint) `other` intervals."""
    total = 0.0
    for start, end in spans:
        inter = sum(max(0, min(end, e) - max(start, s)) for s, e in other)
        total += inter / (end - start)
    return total


def overlap_prf(pred: Mapping[str, list[Interval]], gold: Mapping[str, list[Interval]]) -> PRF:
    """Partial-overlap P/R/F1 over articles, merging overlaps within each side first."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for article in set(pred) | set(gold):
        p = merge(pred.get(article, ()))
        g = merge(gold.get(article, ()))
        p_sum += _covered(p, g)
        r_sum += _covered(g, p)
        n_pred, n_gold = n_pred + len(p), n_gold + len(g)
    precision, recall = ratio(p_sum, n_pred), ratio(r_sum, n_gold)
    return PRF(precision, recall, f1(precision, recall), n_pred, n_gold)


def si_score(pred: Labelled, gold: Labelled) -> PRF:
    """Span identification: labels ignored."""
    strip = lambda spans: {a: [(s, e) for s, e, *_ in v] for a, v in spans.items()}  # noqa: E731
    return overlap_prf(strip(pred), strip(gold))


def _only(spans: Labelled, label: str) -> dict:
    """The spans of one technique, labels dropped."""
    return {a: [(s, e) for s, e, lab in v if lab == label] for a, v in spans.items()}


def labelled_scores(pred: Labelled, gold: Labelled) -> tuple[PRF, dict[str, PRF]]:
    """Span+label: partial overlap counted only between spans of the same technique.

    Micro over all techniques (sums pooled), and one PRF per technique."""
    labels = {lab for v in (*pred.values(), *gold.values()) for *_, lab in v}
    per: dict[str, PRF] = {}
    weighted_p = weighted_r = 0.0  # per-technique precision and recall weighted by its counts
    n_pred = n_gold = 0
    for label in sorted(labels):
        score = overlap_prf(_only(pred, label), _only(gold, label))
        per[label] = score
        weighted_p += score.precision * score.predicted
        weighted_r += score.recall * score.gold
        n_pred += score.predicted
        n_gold += score.gold
    precision, recall = ratio(weighted_p, n_pred), ratio(weighted_r, n_gold)
    return PRF(precision, recall, f1(precision, recall), n_pred, n_gold), per


def tc_score(pred: Labelled, gold: Labelled) -> tuple[PRF, dict[str, PRF]]:
    """Technique classification on the gold spans: micro-F1 and per-technique P/R/F1.

    Spans are matched on exact (article, start, end); a span that gold labels k times is matched as
    a multiset, so k different predictions for it can all count."""
    gold_by: dict[tuple, Counter] = defaultdict(Counter)
    pred_by: dict[tuple, Counter] = defaultdict(Counter)
    for source, target in ((gold, gold_by), (pred, pred_by)):
        for article, spans in source.items():
            for start, end, label in spans:
                target[(article, start, end)][label] += 1
    correct: Counter = Counter()
    n_gold: Counter = Counter()
    n_pred: Counter = Counter()
    for key, labels in gold_by.items():
        n_gold.update(labels)
        guess = pred_by.get(key, Counter())
        n_pred.update(guess)
        correct.update(labels & guess)
    per = {}
    for label in sorted(set(n_gold) | set(n_pred)):
        per[label] = PRF(*prf(correct[label], n_pred[label], n_gold[label]), n_pred[label], n_gold[label])
    total_c, total_p, total_g = sum(correct.values()), sum(n_pred.values()), sum(n_gold.values())
    return PRF(*prf(total_c, total_p, total_g), total_p, total_g), per
