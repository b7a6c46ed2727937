"""Clustering scores: B-cubed precision, recall and F1 (Bagga and Baldwin 1998) and V-measure."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.metrics import homogeneity_completeness_v_measure


@dataclass(frozen=True)
class ClusterScores:
    precision: float
    recall: float
    f1: float
    homogeneity: float
    completeness: float
    v_measure: float

    def line(self, name: str) -> str:
        return (f"{name}: B-cubed P {self.precision:.4f} R {self.recall:.4f} F1 {self.f1:.4f}  "
                f"V-measure {self.v_measure:.4f} (homogeneity {self.homogeneity:.4f}, "
                f"completeness {self.completeness:.4f})")


def bcubed(gold: Sequence, predicted: Sequence) -> tuple[float, float, float]:
    """Per item: precision = share of its predicted cluster with its gold label, recall = share of its
    gold class in its predicted cluster; both averaged over items."""
    if len(gold) != len(predicted) or not gold:
        raise ValueError("bcubed needs two label lists of one non-zero length")
    pairs = Counter(zip(gold, predicted))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(count * count / predicted_sizes[p] for (g, p), count in pairs.items()) / len(gold)
    recall = sum(count * count / gold_sizes[g] for (g, p), count in pairs.items()) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def cluster_scores(gold: Sequence, predicted: Sequence) -> ClusterScores:
    homogeneity, completeness, v_measure = homogeneity_completeness_v_measure(
        [str(label) for label in gold], [str(label) for label in predicted])
    return ClusterScores(*bcubed(gold, predicted), homogeneity, completeness, v_measure)
