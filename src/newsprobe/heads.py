"""Running a small convolutional head over a long sequence of word pieces in bounded memory.

The learned heads (attributions, entity names) are a few 1-D convolutions over the trunk's states: a
piece's output depends only on the pieces within the head's receptive field (one piece per
convolution each side for width 3). A text of 100,000 words is 150,000 pieces; run at once, every
layer's buffers grow with it. `chunked_probs` runs the head over chunks with `context` pieces of the
neighbours on each side and keeps each chunk's own rows, which are then exactly the one-pass outputs
whenever the receptive field is within `context`.
"""
from __future__ import annotations

from typing import Any

import numpy as np

CHUNK = 4096  # pieces per run: a long article in one run; 100,000 words in about 40
CONTEXT = 32  # pieces of neighbours each side: more than the heads' receptive fields (2 to 3)


def chunked_logits(session: Any, inputs: np.ndarray, chunk: int = CHUNK, context: int = CONTEXT) -> np.ndarray:
    """The head's logits [pieces, tags] for `inputs` [pieces, features] (an ONNX Runtime session
    whose graph maps "hidden" [1, pieces, features] to [1, pieces, tags])."""
    if len(inputs) <= chunk:
        return session.run(None, {"hidden": inputs[None]})[0][0]
    parts = []
    for start in range(0, len(inputs), chunk):
        lo, hi = max(0, start - context), min(len(inputs), start + chunk + context)
        logits = session.run(None, {"hidden": inputs[None, lo:hi]})[0][0]
        parts.append(logits[start - lo: start - lo + min(chunk, len(inputs) - start)])
    return np.concatenate(parts)


def chunked_probs(session: Any, inputs: np.ndarray) -> np.ndarray:
    """The head's tag probabilities [pieces, tags] (softmax of `chunked_logits`); none for no pieces."""
    if not len(inputs):
        return np.zeros((0, session.get_outputs()[0].shape[-1]), dtype=np.float32)
    logits = chunked_logits(session, inputs)
    exp = np.exp(logits - logits.max(-1, keepdims=True))
    return exp / exp.sum(-1, keepdims=True)
