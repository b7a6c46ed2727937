"""Check-worthiness on ClaimBuster: P/R/F1 of the check-worthy class and ranking figures.

ClaimBuster's files carry no debate ids, and test.json is a sparse, balanced sample (702 sentences
spread over ids 22..34410), so true per-debate MAP cannot be computed. Three rankings are reported:
- AP over the whole split as one ranking;
- MAP over id blocks: consecutive runs of 50 sentences in sentence-id order. Ids seem to run through
  one debate after another (neighbouring ids share a debate's names and topics; the debates are not
  in date order), so a block holds sentences of one to three debates: a stand-in for "document";
- MAP at 3 % positives: 200 pseudo-debates (seed 0), each with every negative of the split and a random
  3 % share of positives, imitating CheckThat! debates where about 3 % of sentences are check-worthy.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from newsprobe.claims.scorer import CheckworthinessModel, default_model
from newsprobe.evaluate.claimbuster import Sentence, load_splits
from newsprobe.evaluate.ranking import (average_precision, calibration_error, id_blocks, mean_ap, prf,
                                        sparse_blocks)

BLOCK_SIZE = 50
SPARSE_SHARE = 0.03
SPARSE_COUNT = 200
SEED = 0


@dataclass(frozen=True)
class SplitScore:
    sentences: int
    positives: int
    precision: float
    recall: float
    f1: float
    ap: float
    map_id_blocks: float
    map_sparse: float
    ece: float

    def line(self, name: str) -> str:
        return (f"{name:<5} n={self.sentences} pos={self.positives}  P {self.precision:.4f}  "
                f"R {self.recall:.4f}  F1 {self.f1:.4f}  AP {self.ap:.4f}  "
                f"MAP(id blocks of {BLOCK_SIZE}) {self.map_id_blocks:.4f}  "
                f"MAP({SPARSE_SHARE:.0%} positives) {self.map_sparse:.4f}  ECE {self.ece:.4f}")

    def as_dict(self) -> dict:
        return asdict(self)


def describe_rankings() -> str:
    return (f"ranking: AP = whole split as one ranking; MAP(id blocks of {BLOCK_SIZE}) = consecutive "
            f"sentence ids (ClaimBuster has no debate ids); MAP({SPARSE_SHARE:.0%} positives) = "
            f"{SPARSE_COUNT} pseudo-debates (seed {SEED}) of all negatives + {SPARSE_SHARE:.0%} "
            f"positives\nthreshold for P/R/F1: the model's, chosen for best F1 on dev; ECE = expected "
            f"calibration error over 10 bins (test is balanced, 50 % positives, unlike train)")


def score_split(model: CheckworthinessModel, sentences: list[Sentence]) -> SplitScore:
    labels = np.asarray([s.label for s in sentences])
    ids = np.asarray([s.sentence_id for s in sentences])
    scores = model.score([s.text for s in sentences])
    figures = prf(labels, scores, model.threshold)
    return SplitScore(
        sentences=len(sentences), positives=int(labels.sum()),
        precision=figures.precision, recall=figures.recall, f1=figures.f1,
        ap=average_precision(labels, scores),
        map_id_blocks=mean_ap(id_blocks(ids, labels, scores, BLOCK_SIZE)),
        map_sparse=mean_ap(sparse_blocks(labels, scores, SPARSE_SHARE, SPARSE_COUNT, SEED)),
        ece=calibration_error(labels, scores),
    )


def evaluate_claims(folder: Path | None = None,
                    model: CheckworthinessModel | None = None) -> dict[str, SplitScore]:
    """Dev (carved from train.json) and test figures of the committed (or given) model."""
    model = model or default_model()
    splits = load_splits(folder)
    return {"dev": score_split(model, splits.dev), "test": score_split(model, splits.test)}
