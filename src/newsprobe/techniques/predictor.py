"""The trained techniques model at inference: span tagger (CRF) + technique classifier (linear).

Loaded once per pipeline; works on an already parsed spaCy Doc, so its cost is feature building and
two linear passes. Long articles are tagged in windows of whole sentences, so nothing is truncated.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc

from newsprobe.errors import Code, NewsprobeError
from newsprobe.pipeline.extensions import sentences
from newsprobe.techniques.features import doc_features, lemma_keys
from newsprobe.techniques.linear import LinearModel
from newsprobe.techniques.sentences import sentence_rows
from newsprobe.techniques.span_features import ArticleIndex, span_features

MODEL_DIR = Path(__file__).parents[1] / "models" / "techniques"
WINDOW_TOKENS = 1500  # CRF windows: whole sentences up to this many tokens (a longer sentence is cut)


@dataclass(frozen=True)
class ScoredSpan:
    start: int
    end: int
    label: str
    confidence: float  # calibrated: chance the span holds a technique, times the label's probability
    span_score: float


def windows(doc: Doc, size: int = WINDOW_TOKENS) -> list[tuple[int, int]]:
    """Token ranges of consecutive sentences, each at most `size` tokens."""
    cuts: list[tuple[int, int]] = []
    start = end = 0
    for sent in sentences(doc):
        if sent.end - start > size and end > start:
            cuts.append((start, end))
            start = end
        while sent.end - start > size:  # one sentence longer than a window
            cuts.append((start, start + size))
            start += size
        end = sent.end
    if end > start:
        cuts.append((start, end))
    return cuts


class TechniquePredictor:
    def __init__(self, folder: Path = MODEL_DIR) -> None:
        try:
            self.settings = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
            self.lexicon = {k: tuple(v) for k, v in
                            json.loads((folder / "lexicon.json").read_text(encoding="utf-8")).items()}
            self.sentence_model = LinearModel.load(folder / "sentence")
            self.classifier = LinearModel.load(folder / "classifier")
            self.tagger = pycrfsuite.Tagger()
            self.tagger.open(str(folder / "tagger.crfsuite"))
        except (OSError, ValueError, KeyError) as exc:
            raise NewsprobeError(Code.TECH_MODEL_MISSING, f"{folder}: {exc}") from exc
        self.threshold = float(self.settings["token_threshold"])
        self.min_confidence = float(self.settings["min_confidence"])
        self.calibration = self.settings["calibration"]  # Platt: sigmoid(a * score + b)
        self.vectors = bool(self.settings.get("settings", {}).get("vectors", False))

    # --- span identification -------------------------------------------------------------
    def sentence_probs(self, doc: Doc) -> list[float]:
        sents = sentences(doc)
        probs = self.sentence_model.proba(sentence_rows(sents))[:, 1] if sents else []
        out = [0.0] * len(doc)
        for sent, p in zip(sents, probs):
            out[sent.start:sent.end] = [float(p)] * (sent.end - sent.start)
        return out

    def inside_probs(self, doc: Doc) -> np.ndarray:
        """Per token, the CRF's marginal probability of lying inside a technique span."""
        rows = doc_features(doc, self.lexicon, lemma_keys(doc), vectors=self.vectors,
                            sent_prob=self.sentence_probs(doc))
        probs = np.zeros(len(doc))
        for start, end in windows(doc):
            self.tagger.set(rows[start:end])
            probs[start:end] = [1.0 - self.tagger.marginal("O", k) for k in range(end - start)]
        return probs

    def candidate_spans(self, doc: Doc, probs: np.ndarray | None = None) -> list[tuple[int, int, float]]:
        """Runs of tokens above the threshold, as char spans with their mean inside probability."""
        probs = self.inside_probs(doc) if probs is None else probs
        if not len(doc):
            return []
        text = doc.text  # built once: Doc.text joins every token on each access
        starts, spaces, lengths = doc.to_array([IDX, IS_SPACE, LENGTH]).T.tolist()  # no Token objects

        def span(run: list[int]) -> tuple[int, int, float]:
            return starts[run[0]], starts[run[-1]] + lengths[run[-1]], float(np.mean(probs[run]))

        spans: list[tuple[int, int, float]] = []
        run: list[int] = []
        for i, inside in enumerate((probs > self.threshold).tolist()):
            inside = inside and not spaces[i]
            if inside and not (run and "\n" in text[starts[run[-1]]:starts[i]]):
                run.append(i)
                continue
            if run:
                spans.append(span(run))
            run = [i] if inside else []
        if run:
            spans.append(span(run))
        return spans

    def calibrate(self, score: float) -> float:
        a, b = self.calibration
        return 1.0 / (1.0 + math.exp(-(a * score + b)))

    # --- technique classification --------------------------------------------------------
    def classify(self, doc: Doc, spans: list[tuple[int, int]]) -> np.ndarray:
        """Label probabilities (columns in `self.classifier.classes`) for each char span."""
        if not spans:
            return np.zeros((0, len(self.classifier.classes)))
        index = ArticleIndex(doc)
        return self.classifier.proba([span_features(index, s, e, self.lexicon) for s, e in spans])

    def predict(self, doc: Doc) -> list[ScoredSpan]:
        spans = self.candidate_spans(doc)
        probs = self.classify(doc, [(s, e) for s, e, _ in spans])
        out = []
        for (start, end, score), p in zip(spans, probs):
            best = int(np.argmax(p))
            confidence = self.calibrate(score) * float(p[best])
            if self.calibrate(score) >= self.min_confidence:
                out.append(ScoredSpan(start, end, self.classifier.classes[best], round(confidence, 4),
                                      round(score, 4)))
        return out
