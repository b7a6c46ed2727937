"""Cache the trunk's last hidden states over a PolNeAR split, once, for training heads on them.

Windows are packed from sentences found by a cheap rule (line starts and ". X" boundaries) rather
than the spaCy parse, so caching needs no parse; at inference the pipeline packs them from the parse.
"""
from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from newsprobe.evaluate.polnear import Article
from newsprobe.techniques.encoder import SpanEncoder
from newsprobe.techniques.predictor import MODEL_DIR

_SENTENCE_START = re.compile(r"(?:^|\n|(?<=[.!?])[\"”’)]?\s+)(?=[\"“‘(]?[A-Z0-9])")


PACKAGED_TRUNK = MODEL_DIR / "tagger.onnx"


def trunk_folder(base: Path, trunk: Path = PACKAGED_TRUNK) -> Path:
    """`base`/<first 16 hex of the trunk's sha256>: a head's cached states, so that a new trunk never
    reads an old one's."""
    return base / hashlib.sha256(trunk.read_bytes()).hexdigest()[:16]


def sentence_chars(text: str) -> np.ndarray:
    """Char offsets where sentences probably start."""
    return np.array(sorted({m.end() for m in _SENTENCE_START.finditer(text)}), dtype=np.int64)


def cache_split(articles: list[Article], out: Path, log: Callable[[str], None] = print,
                tagger: Path = PACKAGED_TRUNK) -> None:
    """One .npz per article in `out`: piece starts, ends and float16 hidden states of `tagger`'s trunk."""
    out.mkdir(parents=True, exist_ok=True)
    encoder = SpanEncoder(tagger, threads=1)
    started = time.time()
    for k, (name, text, _) in enumerate(articles):
        path = out / f"{name}.npz"
        if path.exists():
            continue
        trunk = encoder.run(text, sentence_chars(text))
        assert trunk.hidden is not None  # run() keeps the hidden states unless told not to
        partial = out / f"{name}.partial.npz"  # renamed when complete: a second worker may share `out`
        np.savez(partial, starts=trunk.starts, ends=trunk.ends, hidden=trunk.hidden.astype(np.float16))
        partial.replace(path)
        if k % 50 == 0:
            log(f"{k}/{len(articles)} articles ({time.time() - started:.0f} s)")


if __name__ == "__main__":  # python -m newsprobe.train.attribution_features SPLIT_DIR OUT_DIR [TAGGER_ONNX]
    import sys

    from newsprobe.evaluate.polnear import load_split

    # A newly trained trunk (not yet packaged) can be cached while its technique head still trains.
    trunk = Path(sys.argv[3]) if len(sys.argv) > 3 else PACKAGED_TRUNK
    cache_split(load_split(Path(sys.argv[1])), Path(sys.argv[2]), tagger=trunk)
