"""PolNeAR (Political News Attribution Relations, brat standoff) split folders.

A split folder holds `ann/NAME.ann` and `text/NAME.txt` (see ../shared/data/polnear-train-dev/SOURCE.txt).
Labels are univocal: a character is at most one of Source / Cue / Content, in at most one attribution,
so an article reads as one tag sequence. A discontinuous span (`;` in the offsets, or a second
`Content2` argument) is kept as its set of parts.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate.brat import Record, read_ann
from newsprobe.evaluate.dedup import text_hash  # the project's one normalised-text hash

Article = tuple[str, str, list[Record]]  # name, text, gold attributions


def is_split_folder(folder: Path) -> bool:
    return (folder / "ann").is_dir() and (folder / "text").is_dir()


def load_split(folder: Path) -> list[Article]:
    """Every annotated article of a split folder, in name order."""
    if not is_split_folder(folder):
        raise NewsprobeError(Code.NOT_FOUND, f"{folder} (a PolNeAR split holds ann/ and text/)")
    out = []
    for ann in sorted((folder / "ann").glob("*.ann")):
        text = folder / "text" / f"{ann.stem}.txt"
        if not text.exists():
            raise NewsprobeError(Code.NO_TEXT_FOR_ANN, str(ann))
        out.append((ann.stem, text.read_text(encoding="utf-8"), read_ann(ann)))
    return out


def without_duplicates(train: list[Article], held_out: list[Article]) -> list[Article]:
    """The training articles whose normalised text duplicates no held-out article's."""
    seen = {text_hash(text) for _, text, _ in held_out}
    return [article for article in train if text_hash(article[1]) not in seen]


def data_hash(folder: Path) -> str:
    """sha256 over the split's .txt and .ann files in name order (for model cards)."""
    digest = hashlib.sha256()
    for path in sorted((folder / "text").glob("*.txt")) + sorted((folder / "ann").glob("*.ann")):
        digest.update(path.read_bytes())
    return digest.hexdigest()
