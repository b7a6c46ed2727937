"""The trained techniques model at inference: span encoder (MiniLM in ONNX Runtime) + technique
classifier (a linear model over the parse, and, where the model has one, the head over the encoder's
hidden states that takes the parse model's probabilities as inputs).

Loaded once per pipeline. The encoder reads the raw text in windows of word pieces, so nothing is
truncated; one pass gives both the span probabilities and the hidden states the head pools. No PyTorch.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, POS, SENT_START
from spacy.parts_of_speech import NAMES
from spacy.tokens import Doc

from newsprobe.errors import Code, NewsprobeError
from newsprobe.pipeline.extensions import doc_text, sentences
from newsprobe.techniques.decoding import apply_rules
from newsprobe.techniques.encoder import SpanEncoder, TrunkPass, tokens_from_pass
from newsprobe.techniques.head import SpanHead, pool_spans
from newsprobe.techniques.linear import LinearModel
from newsprobe.techniques.span_features import ArticleIndex, span_features

MODEL_DIR = Path(__file__).parents[1] / "models" / "techniques"


@dataclass(frozen=True)
class ScoredSpan:
    start: int
    end: int
    label: str
    confidence: float  # calibrated: chance the span holds a technique, times the label's probability
    span_score: float


@dataclass(frozen=True)
class DocPass:
    """One encoder pass over a Doc: per-token inside probabilities and the pass itself (hidden states
    included when the model has a head), for `predict` and `classify`."""

    probs: np.ndarray
    trunk: TrunkPass | None


def bridge_gaps(probs: np.ndarray, threshold: float, gap: int) -> np.ndarray:
    """Raise to just above `threshold` the runs of at most `gap` tokens between two tokens above it."""
    above = np.flatnonzero(probs > threshold)
    out = probs.copy()
    for left, right in zip(above.tolist(), above[1:].tolist()):
        if 1 < right - left <= gap + 1:
            out[left + 1:right] = np.maximum(out[left + 1:right], np.nextafter(threshold, 1.0))
    return out


class TechniquePredictor:
    def __init__(self, folder: Path = MODEL_DIR, threads: int = 0) -> None:
        try:
            self.settings = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
            self.lexicon = {k: tuple(v) for k, v in
                            json.loads((folder / "lexicon.json").read_text(encoding="utf-8")).items()}
            self.classifier = LinearModel.load(folder / "classifier")
            self.head = SpanHead.load(folder / "head") if (folder / "head.npz").exists() else None
        except (OSError, ValueError, KeyError) as exc:
            raise NewsprobeError(Code.TECH_MODEL_MISSING, f"{folder}: {exc}") from exc
        self.folder, self.threads = folder, threads
        self._encoder: SpanEncoder | None = None  # loaded on first need: the pipeline's trunk pass is shared
        self.threshold = float(self.settings["token_threshold"])
        self.min_confidence = float(self.settings["min_confidence"])
        self.calibration = self.settings["calibration"]  # Platt: sigmoid(a * score + b)
        self.bridge = int(self.settings.get("bridge_tokens", 0))
        # hysteresis: a run above `threshold` is a span only if one of its tokens is above this
        self.seed = float(self.settings.get("seed_threshold", 0.0))
        # optional rules (techniques/decoding.py) chosen on dev; a model recorded before them has none
        self.rules = frozenset(self.settings.get("decoding_rules", ()))

    @property
    def encoder(self) -> SpanEncoder:
        if self._encoder is None:
            self._encoder = SpanEncoder(self.folder / "tagger.onnx", threads=self.threads)
        return self._encoder

    @property
    def classes(self) -> list[str]:
        """The technique labels, in the column order of `classify`."""
        return self.head.classes if self.head else self.classifier.classes

    # --- span identification -------------------------------------------------------------
    def inside_probs(self, doc: Doc, trunk: TrunkPass | None = None) -> np.ndarray:
        """Per token, the encoder's probability that it lies inside a technique span (from `trunk`,
        the pipeline's pass over the Doc, when given)."""
        if trunk is not None:
            return tokens_from_pass(doc, trunk)
        return self.encoder.token_probs(doc)

    def encode(self, doc: Doc) -> DocPass:
        """The one encoder pass: inside probabilities, plus hidden states when the head needs them."""
        probs, trunk = self.encoder.token_pass(doc, hidden=self.head is not None)
        return DocPass(probs, trunk)

    def from_pass(self, doc: Doc, trunk: TrunkPass) -> DocPass:
        """The DocPass of a trunk pass already made (the pipeline's `doc._.np_trunk`), so spans and
        head read it instead of a second pass."""
        return DocPass(tokens_from_pass(doc, trunk), trunk)

    def candidate_spans(self, doc: Doc, probs: np.ndarray | None = None) -> list[tuple[int, int, float]]:
        """Runs of tokens above the threshold, as char spans with their mean inside probability.

        Gaps of up to `bridge` tokens between tokens above the threshold are bridged: the tagger often
        drops a function word or two inside one span, which would split it into fragments. A run is
        kept only if one of its tokens is above `seed` (hysteresis: a low threshold finds a span's
        extent, a higher one decides whether it is a span; dev SI F1 rose by about 0.01). The decoding
        rules chosen on dev (`self.rules`) reshape the runs before that check."""
        probs = self.inside_probs(doc) if probs is None else probs
        if not len(doc):
            return []
        raw, probs = probs, bridge_gaps(probs, self.threshold, self.bridge)
        text = doc_text(doc)
        starts, spaces, lengths = doc.to_array([IDX, IS_SPACE, LENGTH]).T.tolist()  # no Token objects

        def span(run: list[int]) -> tuple[int, int, float]:
            return starts[run[0]], starts[run[-1]] + lengths[run[-1]], float(np.mean(probs[run]))

        runs: list[list[int]] = []
        run: list[int] = []
        for i, inside in enumerate((probs > self.threshold).tolist()):
            inside = inside and not spaces[i]
            if inside and not (run and "\n" in text[starts[run[-1]]:starts[i]]):
                run.append(i)
                continue
            if run:
                runs.append(run)
            run = [i] if inside else []
        if run:
            runs.append(run)
        if self.rules:
            runs = self._apply_rules(doc, runs)
        return [span(run) for run in runs if not self.seed or raw[run].max() > self.seed]

    def _apply_rules(self, doc: Doc, runs: list[list[int]]) -> list[list[int]]:
        sentence, pos, punct = doc.to_array([SENT_START, POS, IS_PUNCT]).T.tolist()
        return apply_rules(runs, self.rules, [s == 1 for s in sentence], [bool(p) for p in punct],
                           [NAMES.get(p, "") for p in pos])

    def calibrate(self, score: float) -> float:
        a, b = self.calibration
        return 1.0 / (1.0 + math.exp(-(a * score + b)))

    # --- technique classification --------------------------------------------------------
    def classify(self, doc: Doc, spans: list[tuple[int, int]], trunk: TrunkPass | None = None) -> np.ndarray:
        """Label probabilities (columns in `self.classes`) for each char span. The head reads the
        hidden states of `trunk` (the pass `encode` gave); without one it runs the encoder itself."""
        if not spans:
            return np.zeros((0, len(self.classes)))
        index = ArticleIndex(doc)
        parse = self.classifier.proba([span_features(index, s, e, self.lexicon) for s, e in spans])
        if self.head is None:
            return parse
        if trunk is None or trunk.hidden is None:
            trunk = self.encode(doc).trunk
        aligned = np.zeros((len(spans), len(self.head.classes)))
        aligned[:, [self.head.classes.index(c) for c in self.classifier.classes]] = parse
        sents = [(s.start_char, s.end_char) for s in sentences(doc)] if doc.has_annotation("SENT_START") else []
        return self.head.proba(pool_spans(trunk, spans, sents), aligned)

    def predict(self, doc: Doc, ahead: DocPass | np.ndarray | None = None) -> list[ScoredSpan]:
        """Scored, labelled spans; `ahead` is the encoder pass (or its token probabilities) if
        already computed."""
        if ahead is None or (isinstance(ahead, np.ndarray) and self.head is not None):
            ahead = self.encode(doc) if len(doc) else DocPass(np.zeros(0), None)
        probs, trunk = (ahead.probs, ahead.trunk) if isinstance(ahead, DocPass) else (ahead, None)
        spans = self.candidate_spans(doc, probs)
        labels = self.classify(doc, [(s, e) for s, e, _ in spans], trunk)
        out = []
        for (start, end, score), p in zip(spans, labels):
            best = int(np.argmax(p))
            confidence = self.calibrate(score) * float(p[best])
            if self.calibrate(score) >= self.min_confidence:
                out.append(ScoredSpan(start, end, self.classes[best], round(confidence, 4), round(score, 4)))
        return out
