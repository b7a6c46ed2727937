"""Train the check-worthiness model on ClaimBuster and the CheckThat! 2019 debates; write it and its card.

The measure that matters is CheckThat!'s: each debate ranks its own sentences, MAP over debates. It
is estimated by leave-one-debate-out (LODO) cross-validation on the 19 training debates: each fold's
model is fitted without the held-out debate, and without any training sentence whose normalised-text
hash equals one of its sentences (evaluate/dedup.py). The recipe is chosen by LODO MAP; ClaimBuster
dev (one train.json sentence in five) sets the thresholds; ClaimBuster test.json is scored once.

Two stages: the text model (vectorisers and logistic regression) is fitted on ClaimBuster training
sentences that duplicate no debate sentence, so it is the same in every fold and in the final model,
and no debate shapes it; the debate head (context) is fitted per fold on the other debates.
"""
from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TypedDict

import numpy as np
import sklearn
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from newsprobe.claims.context import CONTEXT_FEATURES, Utterance, transcript_features
from newsprobe.claims.degenerate import damping
from newsprobe.claims.features import feature_names, hand_features
from newsprobe.claims.scorer import MODEL_DIR, CheckworthinessModel, TfidfBlock, head_inputs
from newsprobe.evaluate import checkthat
from newsprobe.evaluate.checkthat import Debate
from newsprobe.evaluate.claimbuster import Sentence, load_splits
from newsprobe.evaluate.claimbuster import default_dir as claimbuster_dir
from newsprobe.evaluate.claimbuster import data_hash as claimbuster_hash
from newsprobe.evaluate.claims import SplitScore, score_split
from newsprobe.evaluate.dedup import hashes, text_hash
from newsprobe.evaluate.ranking import average_precision, prf


class TfidfSettings(TypedDict):
    """The keyword arguments of TfidfBlock.fit besides the texts."""

    analyzer: str
    ngram_range: tuple[int, int]
    min_df: int
    max_features: int | None


WORD: TfidfSettings = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 40000}
CHAR: TfidfSettings = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "max_features": 60000}
SEED = 0
# The component keeps units down to the score at which dev recall of check-worthy sentences is
# this high: a claims layer should miss few claims, and every claim carries its score for ranking.
CLAIM_RECALL = 0.9
Log = Callable[[str], None]


@dataclass(frozen=True)
class Recipe:
    """What LODO chooses among: the debate head's regularisation and class weighting, or no head
    (the text model's score alone, as for news sentences)."""

    head: bool = True
    head_C: float = 1.0
    balanced: bool = False

    def label(self) -> str:
        if not self.head:
            return "text model alone (no debate head)"
        return f"debate head C={self.head_C} balanced={self.balanced}"


# The text model keeps the recipe ClaimBuster dev chose before (C=4, hand-feature weight 0.5, the
# kfold extra sentences left out); it is fitted once, on ClaimBuster only, so its logits on every
# debate sentence are out of sample and one fit serves every LODO fold.
TEXT_C = 4.0
HAND_WEIGHT = 0.5
GRID = [Recipe(head=False)] + [Recipe(head_C=c, balanced=b) for c in (0.1, 1.0) for b in (False, True)]


@dataclass
class Data:
    """Every sentence that training or evaluation reads, with what is computed once."""

    text_model: CheckworthinessModel  # fitted on ClaimBuster training sentences (no debate copies)
    logits: np.ndarray  # its log-odds for every debate sentence, debates in order
    inputs: np.ndarray  # debate-head inputs (head_inputs) for every debate sentence
    labels: np.ndarray  # of the debate sentences
    group: np.ndarray  # the debate's index of each debate sentence
    debates: list[Debate]
    train_pool: np.ndarray  # debate sentences allowed in training at all (no copy of ClaimBuster dev/test)
    row_hash: list[str]
    dev: list[Sentence]
    test: list[Sentence]
    dropped: dict[str, int] = field(default_factory=dict)
    claimbuster_used: int = 0  # by the LODO text model
    final_sentences: list[Sentence] = field(default_factory=list)  # for the committed text model


def debate_context(debate: Debate) -> np.ndarray:
    return transcript_features([Utterance(line.speaker, line.text) for line in debate.lines])


def load_data(claimbuster: Path, debates_dir: Path, use_extra: bool = False, log: Log = lambda _: None) -> Data:
    splits = load_splits(claimbuster)
    debates = checkthat.load_debates(debates_dir)
    debate_hashes = hashes(t for d in debates for t in d.texts)
    claimbuster_eval = hashes(s.text for s in splits.dev + splits.test)
    pool = splits.train + (splits.extra if use_extra else [])
    # ClaimBuster shares the 2016 debates with CheckThat!: those copies leave ClaimBuster training.
    pool_hashes = [text_hash(s.text) for s in pool]
    excluded = debate_hashes | claimbuster_eval
    kept = [s for s, h in zip(pool, pool_hashes) if h not in excluded]
    text_model = fit_text_model(kept)
    log(f"text model fitted on {len(kept)} ClaimBuster sentences")
    logits = [text_model.logits(d.texts) for d in debates]
    inputs = np.vstack([head_inputs(z, debate_context(d)) for z, d in zip(logits, debates)])
    row_hash = [text_hash(t) for d in debates for t in d.texts]
    train_pool = np.asarray([h not in claimbuster_eval for h in row_hash])
    dropped = {"claimbuster_duplicating_debates_or_eval": len(pool) - len(kept),
               "debate_sentences_duplicating_claimbuster_dev_test": int((~train_pool).sum())}
    return Data(text_model, np.concatenate(logits), inputs,
                np.asarray([lab for d in debates for lab in d.labels]),
                np.asarray([k for k, d in enumerate(debates) for _ in d.lines]), debates, train_pool,
                row_hash, splits.dev, splits.test, dropped, len(kept),
                [s for s, h in zip(pool, pool_hashes) if h not in claimbuster_eval])


def fit_text_model(sentences: list[Sentence]) -> CheckworthinessModel:
    """Vectorisers, hand-feature scaling and the text logistic regression."""
    texts = [s.text for s in sentences]
    blocks = [TfidfBlock.fit(texts, **WORD), TfidfBlock.fit(texts, **CHAR)]
    hand = hand_features(texts)
    mean, scale = hand.mean(axis=0), hand.std(axis=0)
    scale[scale == 0] = 1.0
    model = CheckworthinessModel(blocks, mean, scale, HAND_WEIGHT, np.zeros(0), 0.0, 0.5)
    classifier = LogisticRegression(C=TEXT_C, max_iter=5000, random_state=SEED)
    classifier.fit(model.features(texts), [s.label for s in sentences])
    model.coef, model.intercept = classifier.coef_[0], float(classifier.intercept_[0])
    return model


def fit(data: Data, recipe: Recipe, rows: np.ndarray) -> CheckworthinessModel:
    """The text model with the recipe's debate head fitted on the debate sentences `rows` (a mask)."""
    if not recipe.head:
        return replace(data.text_model, head=np.zeros(0), head_intercept=0.0)
    head = LogisticRegression(C=recipe.head_C, max_iter=2000, random_state=SEED,
                              class_weight="balanced" if recipe.balanced else None)
    head.fit(data.inputs[rows], data.labels[rows])
    return replace(data.text_model, head=head.coef_[0], head_intercept=float(head.intercept_[0]))


def debate_scores(data: Data, model: CheckworthinessModel, k: int) -> np.ndarray:
    """Scores of debate `k`'s sentences (as `model.score(texts, context)`, from the stored inputs)."""
    rows = data.group == k
    z = data.inputs[rows] @ model.head + model.head_intercept if len(model.head) else data.logits[rows]
    return expit(z) * np.asarray([damping(t) for t in data.debates[k].texts])


@dataclass(frozen=True)
class Lodo:
    recipe: Recipe
    per_debate: dict[str, float]  # average precision of each held-out debate
    dropped: dict[str, int]  # per debate: training sentences removed as its duplicates

    @property
    def map(self) -> float:
        return float(np.mean(list(self.per_debate.values())))

    def as_dict(self) -> dict:
        return {"recipe": self.recipe.label(), "map": round(self.map, 4),
                "per_debate_ap": {k: round(v, 4) for k, v in self.per_debate.items()},
                "dropped_duplicates": self.dropped}


def lodo(data: Data, recipe: Recipe, log: Log = lambda _: None) -> Lodo:
    """Leave-one-debate-out: per debate, fit the head without it (and without copies of its
    sentences), rank its sentences. The text model never saw a debate sentence."""
    per_debate, dropped = {}, {}
    for k, debate in enumerate(data.debates):
        held = hashes(debate.texts)
        duplicate = np.asarray([h in held for h in data.row_hash])
        rows = data.train_pool & (data.group != k) & ~duplicate
        model = fit(data, recipe, rows)
        per_debate[debate.name] = average_precision(np.asarray(debate.labels), debate_scores(data, model, k))
        dropped[debate.name] = int((duplicate & (data.group != k) & data.train_pool).sum())
        log(f"  {debate.name:34s} AP {per_debate[debate.name]:.4f}")
    return Lodo(recipe, per_debate, dropped)


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


def final_model(data: Data, recipe: Recipe) -> tuple[CheckworthinessModel, SplitScore]:
    """The committed model and its ClaimBuster dev figures; thresholds from ClaimBuster dev (plain
    sentences are scored by the text model alone).

    Its text model is refitted on every ClaimBuster training sentence that copies no ClaimBuster
    dev/test sentence: the debates are training data here, not evaluation data, so their ClaimBuster
    copies may train it (the LODO folds could not use them). The head is fitted, on every debate
    sentence allowed, to the LODO text model's logits: those are out of sample, as the logits of a
    new transcript will be.
    """
    head = fit(data, recipe, data.train_pool)
    model = replace(fit_text_model(data.final_sentences), head=head.head, head_intercept=head.head_intercept)
    model.threshold = best_threshold(model, data.dev)
    model.claim_threshold = recall_threshold(model, data.dev)
    return model, score_split(model, data.dev)


@dataclass
class Trained:
    model: CheckworthinessModel
    lodo: Lodo
    grid: list[Lodo]
    dev: SplitScore
    test: SplitScore
    seconds: float


def train_claims(claimbuster: Path | None = None, debates_dir: Path | None = None,
                 out: Path = MODEL_DIR, grid: list[Recipe] | None = None, log: Log = print) -> Trained:
    started = time.perf_counter()
    claimbuster = claimbuster or claimbuster_dir()
    debates_dir = debates_dir or checkthat.default_dir()
    data = load_data(claimbuster, debates_dir, log=log)
    log(f"dropped as duplicates: {data.dropped}")
    results = []
    for recipe in grid or GRID:
        result = lodo(data, recipe)
        results.append(result)
        log(f"LODO MAP {result.map:.4f}  {recipe.label()}")
    best = max(results, key=lambda r: r.map)
    model, dev = final_model(data, best.recipe)
    test = score_split(model, data.test)
    trained = Trained(model, best, results, dev, test, time.perf_counter() - started)
    model.meta = {"recipe": best.recipe.label(), "recipe_params": asdict(best.recipe), "lodo": best.as_dict(), "dev": dev.as_dict(),
                  "test": test.as_dict(), "dropped_duplicates": data.dropped,
                  "trained_on": {"claimbuster_lodo": data.claimbuster_used,
                                 "claimbuster": len(data.final_sentences),
                                 "debate_sentences": int(data.train_pool.sum())}}
    model.save(out)
    (out / "MODEL_CARD.md").write_text(card(claimbuster, debates_dir, data, trained), encoding="utf-8")
    log(dev.line("dev"))
    log(test.line("test"))
    return trained


def card(claimbuster: Path, debates_dir: Path, data: Data, trained: Trained) -> str:
    best = trained.lodo
    hashes_ = "\n".join(f"  - `{claimbuster}/{name}` sha256 `{digest}`"
                        for name, digest in claimbuster_hash(claimbuster).items())
    grid = "\n".join(f"| {r.recipe.label()} | {r.map:.4f} |" for r in trained.grid)
    per_debate = "\n".join(f"| {name} | {len(d.lines)} | {sum(d.labels)} | {best.per_debate[name]:.4f} |"
                           for name, d in zip(best.per_debate, data.debates))
    aps = np.asarray(list(best.per_debate.values()))
    used = trained.model.meta["trained_on"]
    return f"""# Check-worthiness model (claims layer)

Text model: logistic regression over sublinear TF-IDF word {WORD['ngram_range']} and character (char_wb)
{CHAR['ngram_range']} n-grams and {len(feature_names())} standardised hand features
({", ".join(feature_names())}; lexicons in `rules/claims.toml` [features]). It alone scores a
sentence outside a transcript (a news unit, a `claims score` line). For the sentences of a debate
transcript, a debate head rescores its logit with the neighbours' logits and {len(CONTEXT_FEATURES)}
context features ({", ".join(CONTEXT_FEATURES)}; see `claims/context.py`: roles and turns, never the
speaker's identity). Scores of non-sentences are damped by `rules/claims.toml` [degenerate]. Stored
as arrays and JSON (no pickle).

## Data
- ClaimBuster two-class (U.S. presidential debates 1960-2016):
{hashes_}
- CLEF 2019 CheckThat! Task 1 training debates and speeches (19 files, 2016-2019):
  `{debates_dir}/{checkthat.FILE_NAME}` sha256 `{checkthat.data_hash(debates_dir)}`

Duplicates by normalised-text hash (`evaluate/dedup.py`), never by id: the LODO text model leaves out
{data.dropped['claimbuster_duplicating_debates_or_eval']} ClaimBuster training sentences that copy a debate sentence or a ClaimBuster dev/test
sentence (ClaimBuster holds the 2016 debates too); {data.dropped['debate_sentences_duplicating_claimbuster_dev_test']} debate sentences that copy a ClaimBuster
dev/test sentence never train. In each LODO fold, the head's training also drops every sentence
whose hash equals one of the held-out debate's.

## Splits
- LODO over the 19 debates (the dev figure: it chose the recipe).
- ClaimBuster dev: train.json sentences whose sha256(sentence_id) first byte % 5 == 0 ({len(data.dev)}
  sentences); it sets the thresholds only.
- ClaimBuster test: test.json ({len(data.test)} sentences, balanced), scored once, never used to choose.
- The CheckThat! 2019 test debates are not on this machine; the team scores them.

## Recipe
Text model: logistic regression (lbfgs, C={TEXT_C}, hand-feature weight {HAND_WEIGHT}, seed {SEED}) on
ClaimBuster alone, so its score on a debate sentence is out of sample. Debate head: a logistic
regression over [text logit, the previous and next sentences' text logits, the context features],
fitted on the debate sentences (in LODO, on the other 18 debates less copies of the held-out one's
sentences). Chosen by LODO MAP among:

| recipe | LODO MAP |
|---|---|
{grid}

Chosen: {best.recipe.label()}. In LODO the text model saw {used['claimbuster_lodo']} ClaimBuster
sentences (none copying a debate sentence). The committed text model is refitted on
{used['claimbuster']} ClaimBuster sentences: the debates are training data for it, so ClaimBuster's
copies of debate sentences come back (copies of ClaimBuster dev/test stay out); its head is fitted on
{used['debate_sentences']} debate sentences against the LODO text model's out-of-sample logits. Threshold {trained.model.threshold:.3f} (best F1 on ClaimBuster
dev, used for P/R/F1); claim threshold {trained.model.claim_threshold:.3f} (ClaimBuster dev recall
{CLAIM_RECALL}: the pipeline component keeps units scoring at least this).

## Figures
LODO MAP {best.map:.4f} over 19 debates (AP median {np.median(aps):.4f}, min {aps.min():.4f}, max {aps.max():.4f}):

| debate | sentences | check-worthy | AP |
|---|---|---|---|
{per_debate}

ClaimBuster (see `newsprobe eval claims` for the rankings):
- {trained.dev.line("dev")}
- {trained.test.line("test")}

## Reproduce
`newsprobe train claims --data {claimbuster} --debates {debates_dir}` ({trained.seconds:.0f} s on
{platform.machine()}, 2 shared cores; Python {platform.python_version()}, scikit-learn {sklearn.__version__},
numpy {np.__version__}); `newsprobe eval checkworthiness {debates_dir}` reruns the chosen recipe's LODO.
"""
