"""Train the check-worthiness model on ClaimBuster and write its artefact and card.

Selection uses the dev split only (carved from train.json); test.json is scored once, at the end,
for the card. A small grid (regularisation C, weight of the hand features, whether to add the kfold
sentences that are in neither train.json nor test.json) is ranked by the mean of dev AP and dev MAP at
3 % positives (the figure closest to the per-debate MAP that the layer is judged on, but noisy).
"""
from __future__ import annotations

import platform
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression

from newsprobe.claims.features import feature_names, hand_features
from newsprobe.claims.scorer import MODEL_DIR, CheckworthinessModel, TfidfBlock
from newsprobe.evaluate.claimbuster import DEFAULT_DIR, Sentence, data_hash, load_splits
from newsprobe.evaluate.claims import SplitScore, score_split
from newsprobe.evaluate.ranking import prf

WORD = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 40000}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "max_features": 60000}
GRID = {"C": (2.0, 4.0), "hand_weight": (0.0, 0.5, 1.0), "extra": (False, True)}
SEED = 0
# The component keeps units down to the score at which dev recall of check-worthy sentences is
# this high: a claims layer should miss few claims, and every claim carries its score for ranking.
CLAIM_RECALL = 0.9


@dataclass
class Trained:
    model: CheckworthinessModel
    dev: SplitScore
    settings: dict


def prepare(sentences: list[Sentence]) -> CheckworthinessModel:
    """Fit the vectorisers and hand-feature scaling; the classifier comes later."""
    texts = [s.text for s in sentences]
    blocks = [TfidfBlock.fit(texts, **WORD), TfidfBlock.fit(texts, **CHAR)]
    hand = hand_features(texts)
    mean, scale = hand.mean(axis=0), hand.std(axis=0)
    scale[scale == 0] = 1.0
    return CheckworthinessModel(blocks, mean, scale, 1.0, np.zeros(0), 0.0, 0.5)


def fit(model: CheckworthinessModel, design: sp.csr_matrix, labels: np.ndarray,
        C: float) -> CheckworthinessModel:
    """A copy of `model` whose classifier is fitted on `design` (= model.features(texts))."""
    model = replace(model)
    classifier = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    classifier.fit(design, labels)
    model.coef, model.intercept = classifier.coef_[0], float(classifier.intercept_[0])
    return model


def best_threshold(model: CheckworthinessModel, sentences: list[Sentence]) -> float:
    """The score threshold with the best F1 on `sentences` (dev)."""
    labels = np.asarray([s.label for s in sentences])
    scores = model.score([s.text for s in sentences])
    candidates = np.unique(np.round(scores, 3))
    return float(max(candidates, key=lambda t: prf(labels, scores, t).f1))


def recall_threshold(model: CheckworthinessModel, sentences: list[Sentence],
                     recall: float = CLAIM_RECALL) -> float:
    """The highest score threshold whose recall of positives in `sentences` reaches `recall`."""
    scores = np.sort(model.score([s.text for s in sentences if s.label == 1]))[::-1]
    return float(np.floor(scores[int(np.ceil(recall * len(scores))) - 1] * 1000) / 1000)


def select(folder: Path, log=print) -> tuple[Trained, list[dict]]:
    splits = load_splits(folder)
    results, best = [], None
    for extra in GRID["extra"]:
        sentences = splits.train + (splits.extra if extra else [])
        base, labels = prepare(sentences), np.asarray([s.label for s in sentences])
        for weight in GRID["hand_weight"]:
            weighted = replace(base, hand_weight=weight)
            design = weighted.features([s.text for s in sentences])
            for C in GRID["C"]:
                settings = {"extra": extra, "C": C, "hand_weight": weight}
                best = _consider(fit(weighted, design, labels, C), splits.dev, settings, best,
                                 results, log)
    return best, results


def _consider(model: CheckworthinessModel, dev_sentences: list[Sentence], settings: dict,
              best: Trained | None, results: list[dict], log) -> Trained:
    model.threshold = best_threshold(model, dev_sentences)
    model.claim_threshold = recall_threshold(model, dev_sentences)
    dev = score_split(model, dev_sentences)
    row = {**settings, "dev_ap": dev.ap, "dev_map_sparse": dev.map_sparse, "dev_f1": dev.f1}
    results.append(row)
    log(" ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()))
    if best is None or _merit(dev) > _merit(best.dev):
        return Trained(model, dev, settings)
    return best


def _merit(dev: SplitScore) -> float:
    # AP alone is dominated by the easy 25 %-positive ranking; MAP at 3 % alone is noisy.
    return (dev.ap + dev.map_sparse) / 2


def train_claims(folder: Path = DEFAULT_DIR, out: Path = MODEL_DIR, log=print) -> Trained:
    started = time.perf_counter()
    best, grid = select(folder, log)
    splits = load_splits(folder)
    test = score_split(best.model, splits.test)
    used = len(splits.train) + (len(splits.extra) if best.settings["extra"] else 0)
    best.model.meta = {"trained_on": used, "settings": best.settings, "dev": best.dev.as_dict(),
                       "test": test.as_dict()}
    best.model.save(out)
    elapsed = time.perf_counter() - started
    (out / "MODEL_CARD.md").write_text(
        card(folder, splits, best, test, grid, used, elapsed), encoding="utf-8")
    log(best.dev.line("dev"))
    log(test.line("test"))
    return best


def card(folder: Path, splits, best: Trained, test: SplitScore, grid: list[dict], used: int,
         elapsed: float) -> str:
    hashes = "\n".join(f"- `{name}` sha256 `{digest}`" for name, digest in data_hash(folder).items())
    rows = "\n".join(f"| {r['extra']} | {r['C']} | {r['hand_weight']} | {r['dev_ap']:.4f} | "
                     f"{r['dev_map_sparse']:.4f} | {r['dev_f1']:.4f} |" for r in grid)
    return f"""# Check-worthiness model (claims layer)

Logistic regression over sublinear TF-IDF word {WORD['ngram_range']} and character (char_wb)
{CHAR['ngram_range']} n-grams plus {len(feature_names())} standardised hand features
({", ".join(feature_names())}); lexicons in `rules/claims.toml` [features].
Scores of non-sentences (one word, capitals, flattened tables or lists) are damped by the rules in
`rules/claims.toml` [degenerate]. Stored as arrays and JSON (no pickle).

## Data
ClaimBuster two-class (U.S. presidential debates 1960-2016; label 1 = check-worthy factual sentence),
from `{folder}`:
{hashes}

## Split
- train: train.json minus dev = {len(splits.train)} sentences; extra = kfold_25ncs.json sentences in
  neither train.json nor test.json (by id) and not in dev or test (by text) = {len(splits.extra)}
  sentences, used: {best.settings['extra']}. Trained on {used} sentences.
- dev: train.json sentences whose sha256(sentence_id) first byte % 5 == 0 = {len(splits.dev)} sentences.
- test: test.json ({len(splits.test)} sentences, balanced), scored once after selection, never used to choose.

## Settings
word {WORD}; char {CHAR}; LogisticRegression(C={best.settings['C']}, lbfgs, seed {SEED});
hand-feature weight {best.settings['hand_weight']}; threshold {best.model.threshold:.3f} (best F1 on dev,
used for P/R/F1); claim threshold {best.model.claim_threshold:.3f} (dev recall {CLAIM_RECALL}: the
pipeline component keeps units scoring at least this).
Selected by the mean of dev AP and dev MAP at 3 % positives among this grid:

| extra | C | hand weight | dev AP | dev MAP 3 % | dev F1 |
|---|---|---|---|---|---|
{rows}

## Figures (see `newsprobe eval claims` for the definitions of the rankings)
- {best.dev.line("dev")}
- {test.line("test")}

## Reproduce
`newsprobe train claims --data {folder}` ({elapsed:.0f} s on {platform.machine()}, 2 shared cores;
Python {platform.python_version()}, scikit-learn {sklearn.__version__}, numpy {np.__version__}).
"""
