"""The check-worthiness model: TF-IDF word and character n-grams plus hand features, scored by a
logistic regression; for sentences of a transcript, a small second logistic regression (the debate
head) rescores that text score with the transcript context (claims/context.py). Stored as plain
arrays and JSON (no pickle), so it loads under any scikit-learn.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

from newsprobe.claims.char_ngrams import CharNgramCounter
from newsprobe.claims.context import CONTEXT_FEATURES
from newsprobe.claims.degenerate import damping
from newsprobe.claims.features import hand_features
from newsprobe.claims.lexicon import features_fingerprint, fold
from newsprobe.claims.word_ngrams import WordNgramCounter
from newsprobe.errors import Code, NewsprobeError

if TYPE_CHECKING:  # scikit-learn is imported only to fit (training); scoring counts without it
    from sklearn.feature_extraction.text import CountVectorizer

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "claims"
TOKEN_PATTERN = r"(?u)\b\w+\b|[$%?!]"


@dataclass
class TfidfBlock:
    """Sublinear TF-IDF over one analyzer, l2-normalised (as TfidfVectorizer(sublinear_tf=True))."""

    analyzer: str
    ngram_range: tuple[int, int]
    vocabulary: list[str]
    idf: np.ndarray
    _counter: WordNgramCounter | CharNgramCounter | None = field(default=None, repr=False)

    @classmethod
    def fit(cls, texts: list[str], analyzer: str, ngram_range: tuple[int, int], min_df: int,
            max_features: int | None) -> TfidfBlock:
        counter = _counter(analyzer, ngram_range, min_df=min_df, max_features=max_features)
        counts = counter.fit_transform([fold(t) for t in texts])
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1.0
        vocabulary = counter.get_feature_names_out().tolist()
        return cls(analyzer, ngram_range, vocabulary, idf)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        if self._counter is None:
            self._counter = _scoring_counter(self.analyzer, self.ngram_range, self.vocabulary)
        counts = self._counter.transform([fold(t) for t in texts]).astype(np.float64)
        counts.data = 1.0 + np.log(counts.data)
        return normalize_rows((counts @ sp.diags(self.idf)).tocsr())

    def describe(self) -> dict:
        return {"analyzer": self.analyzer, "ngram_range": list(self.ngram_range)}


def _scoring_counter(analyzer: str, ngram_range: tuple[int, int],
                     vocabulary: list[str]) -> WordNgramCounter | CharNgramCounter:
    """The fitted vocabulary's counter: the same counts as CountVectorizer's, without scikit-learn
    (whose import was most of a cold start) and faster on character n-grams."""
    if analyzer == "char_wb":
        return CharNgramCounter(vocabulary, ngram_range)
    if analyzer == "word":
        return WordNgramCounter(vocabulary, ngram_range, TOKEN_PATTERN)
    raise ValueError(f"unknown analyzer {analyzer!r}")


def normalize_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Each row divided by its L2 norm, in place, bit for bit as scikit-learn's
    normalize(matrix, copy=False): the squares summed in index order (cumsum adds in sequence, where
    sum would add pairwise), rows of zeros left alone."""
    data, indptr = matrix.data, matrix.indptr
    for start, end in zip(indptr[:-1].tolist(), indptr[1:].tolist()):
        if end > start:
            total = np.cumsum(data[start:end] * data[start:end])[-1]
            if total != 0.0:
                data[start:end] /= np.sqrt(total)
    return matrix


def _counter(analyzer: str, ngram_range: tuple[int, int], **kwargs: object) -> CountVectorizer:
    from sklearn.feature_extraction.text import CountVectorizer

    token_pattern = TOKEN_PATTERN if analyzer == "word" else None
    return CountVectorizer(analyzer=analyzer, ngram_range=ngram_range, lowercase=True,
                           token_pattern=token_pattern, dtype=np.float64, **kwargs)


@dataclass
class CheckworthinessModel:
    blocks: list[TfidfBlock]
    hand_mean: np.ndarray
    hand_scale: np.ndarray
    hand_weight: float
    coef: np.ndarray
    intercept: float
    threshold: float  # best F1 on dev: the cut for precision/recall figures
    claim_threshold: float = 0.0  # dev recall of check-worthy sentences >= 0.9: the cut for claims
    meta: dict = field(default_factory=dict)
    # Debate head: weights over [text logit, the previous and next sentence's text logits, context
    # features] and an intercept; empty when the model has none.
    head: np.ndarray = field(default_factory=lambda: np.zeros(0))
    head_intercept: float = 0.0

    def features(self, texts: list[str]) -> sp.csr_matrix:
        """The design matrix for `texts`, all in one vectorisation call per block."""
        hand = (hand_features(texts) - self.hand_mean) / self.hand_scale * self.hand_weight
        return sp.hstack([b.transform(texts) for b in self.blocks] + [sp.csr_matrix(hand)]).tocsr()

    def logits(self, texts: list[str]) -> np.ndarray:
        """The text model's log-odds, from the sentence alone."""
        return self.features(texts) @ self.coef + self.intercept

    def raw_scores(self, texts: list[str], context: np.ndarray | None = None) -> np.ndarray:
        """Model probabilities before degenerate-text damping. `context`: claims/context.py rows for
        the sentences of one transcript, in order (None: plain sentences, scored on their text)."""
        if not texts:
            return np.zeros(0)
        logits = self.logits(texts)
        if context is None or not len(self.head):
            return expit(logits)
        return expit(head_inputs(logits, context) @ self.head + self.head_intercept)

    def score(self, texts: list[str], context: np.ndarray | None = None) -> np.ndarray:
        """Check-worthiness in 0..1 per text; non-sentences (one word, capitals, tables) are damped."""
        raw = self.raw_scores(texts, context)
        return raw * np.asarray([damping(t) for t in texts])

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {f"idf_{i}": b.idf for i, b in enumerate(self.blocks)}
        np.savez_compressed(folder / "weights.npz", coef=self.coef, hand_mean=self.hand_mean,
                            hand_scale=self.hand_scale, **arrays)  # type: ignore[arg-type]  # numpy's stub: a key could be allow_pickle
        settings = {"blocks": [b.describe() for b in self.blocks], "hand_weight": self.hand_weight,
                    "intercept": self.intercept, "threshold": self.threshold,
                    "claim_threshold": self.claim_threshold, "head": self.head.tolist(),
                    "head_intercept": self.head_intercept, "context_features": list(CONTEXT_FEATURES),
                    "features_fingerprint": features_fingerprint(), "meta": self.meta}
        (folder / "settings.json").write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
        vocab = json.dumps([b.vocabulary for b in self.blocks], ensure_ascii=False)
        # mtime=0 keeps the archive byte-identical across rebuilds of the same model.
        (folder / "vocabulary.json.gz").write_bytes(gzip.compress(vocab.encode("utf-8"), mtime=0))

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> CheckworthinessModel:
        try:
            settings = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
            vocabularies = json.loads(gzip.decompress((folder / "vocabulary.json.gz").read_bytes()))
            weights = np.load(folder / "weights.npz")
        except (OSError, ValueError, EOFError) as exc:
            raise NewsprobeError(Code.CLAIMS_MODEL_MISSING, f"{folder}: {exc}") from exc
        if (settings["features_fingerprint"] != features_fingerprint()
                or settings.get("context_features", []) != list(CONTEXT_FEATURES)):
            raise NewsprobeError(Code.CLAIMS_MODEL_STALE, folder)
        blocks = [TfidfBlock(d["analyzer"], tuple(d["ngram_range"]), vocab, weights[f"idf_{i}"])
                  for i, (d, vocab) in enumerate(zip(settings["blocks"], vocabularies))]
        return cls(blocks, weights["hand_mean"], weights["hand_scale"], settings["hand_weight"],
                   weights["coef"], settings["intercept"], settings["threshold"],
                   settings["claim_threshold"], settings["meta"], np.asarray(settings["head"]),
                   settings["head_intercept"])


def head_inputs(logits: np.ndarray, context: np.ndarray) -> np.ndarray:
    """The debate head's inputs: each sentence's text logit, its neighbours' (0 at the ends), and
    its context row."""
    previous = np.concatenate([[0.0], logits[:-1]])
    following = np.concatenate([logits[1:], [0.0]])
    return np.column_stack([logits, previous, following, context])


@cache
def default_model() -> CheckworthinessModel:
    """The committed model, loaded once per process."""
    return CheckworthinessModel.load(MODEL_DIR)
