"""Hand-made sentence features: lexicon counts plus shape cues, computed from the raw text alone.

They need no parse, so `newsprobe claims score` and training see exactly what the pipeline sees.
"""
from __future__ import annotations

import math
import re

import numpy as np

from newsprobe.claims.lexicon import feature_lexicons, fold

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,:/]\d+)*", re.UNICODE)
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_FIRST_SINGULAR = re.compile(r"(?<![\w'])(?:i|me|my|mine|myself|i'm|i've|i'd|i'll)(?![\w'])", re.I)
_FIRST_PLURAL = re.compile(r"(?<![\w'])(?:we|us|our|ours|we're|we've|we'll)(?![\w'])", re.I)
_QUOTE = re.compile(r"[\"“”]")

SHAPE_FEATURES = ("log_words", "question", "exclamation", "capitalised_inside", "first_singular",
                  "first_plural", "quote", "short")


def feature_names() -> list[str]:
    return [name for name, _ in feature_lexicons()] + list(SHAPE_FEATURES)


def _shape(text: str, words: list[str]) -> list[float]:
    # Capitalised words after the first approximate named-entity mentions without a tagger.
    capitalised = sum(1 for w in words[1:] if _CAPITALISED.fullmatch(w) and w != "I")
    return [
        math.log1p(len(words)),
        float("?" in text),
        float("!" in text),
        math.log1p(capitalised),
        math.log1p(len(_FIRST_SINGULAR.findall(text))),
        math.log1p(len(_FIRST_PLURAL.findall(text))),
        float(bool(_QUOTE.search(text))),
        float(len(words) < 6),
    ]


def sentence_features(text: str) -> list[float]:
    text = fold(text)
    words = WORD.findall(text)
    counts = [math.log1p(len(regex.findall(text))) for _, regex in feature_lexicons()]
    return counts + _shape(text, words)


def hand_features(texts: list[str]) -> np.ndarray:
    """One row per text, columns as `feature_names()`."""
    rows = [sentence_features(t) for t in texts]
    return np.asarray(rows, dtype=np.float64).reshape(len(texts), len(feature_names()))
