"""A stand-in sentence encoder for the store's across-articles tests: hashed words, unit length.

Texts sharing words get a high cosine and texts sharing none a cosine of 0, so links and stories are
predictable without loading MiniLM (the real encoder is exercised by tests/factchecks and tests/stories)."""
from __future__ import annotations

import re
import zlib

import numpy as np


class WordEncoder:
    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                if len(word) > 3:  # short function words would tie everything together
                    out[i, zlib.crc32(word.encode()) % 384] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out
