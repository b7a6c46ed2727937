"""Names found and typed by a small head over the shared trunk's hidden states (ONNX Runtime, no PyTorch).

The trunk (MiniLM, uncased) gives each word piece its context; the head adds what an uncased model
cannot see, a few casing features per piece (`case_features`), and tags every piece O / B-family /
I-family for the families of GUM's named mentions: person, organization, place, and other (events,
works, objects ...: learned so that they are not taken for the first three). The entities component
adds a name the parser's NER missed ("Byron" opening a biography) as a mention when the head is sure
enough of it (`name_spans`; the threshold is chosen on GUM dev by `python -m newsprobe.train.entity_names`).

The head does not overturn the types of names the NER found: tried on GUM dev, it raised named typing
through one long cluster while turning places of the team's demo articles into people.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsprobe.attribution.learned import word_probs
from newsprobe.heads import chunked_probs

MODEL_DIR = Path(__file__).parents[1] / "models" / "entities"
FAMILIES = ("person", "organization", "place", "other")
TAGS = ("O",) + tuple(f"{prefix}-{family}" for family in FAMILIES for prefix in ("B", "I"))
TYPED = FAMILIES[:3]  # the families a found name may be given; "other" is never a mention
CASE_FEATURES = 5
_SENTENCE_END = {".", "!", "?", '"', ":", "”"}
_WORD = re.compile(r"\S+")


def case_features(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per piece: its word opens with a capital; the word is in capitals (two letters or more); the
    word opens the text or a line, or follows . ! ? : or a quote mark; the piece continues a
    word; the word holds a digit. A word is a run of non-space characters. Linear in the text: each
    word is read once, whatever its length."""
    out = np.zeros((len(starts), CASE_FEATURES), dtype=np.float32)
    if not len(starts):
        return out
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    word_starts = np.array([a for a, _ in spans], dtype=np.int64)
    rows = np.zeros((len(spans), CASE_FEATURES - 1), dtype=np.float32)
    previous_end = 0
    for k, (start, end) in enumerate(spans):
        word = text[start:end]
        opens = k == 0 or text[previous_end - 1] in _SENTENCE_END or text[start - 1] == "\n"
        rows[k] = (word[0].isupper(), word.isupper() and len(word) > 1, opens, any(c.isdigit() for c in word))
        previous_end = end
    of_word = np.clip(np.searchsorted(word_starts, starts, side="right") - 1, 0, None)
    out[:, [0, 1, 2, 4]] = rows[of_word]
    glued = np.zeros(len(starts), dtype=bool)
    glued[1:] = starts[1:] == ends[:-1]
    for i in np.flatnonzero(glued):  # a ## piece: glued to the previous one between letters or digits
        out[i, 3] = text[starts[i]].isalnum() and text[starts[i] - 1].isalnum()
    return out


def head_inputs(text: str, starts: np.ndarray, ends: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """The head's input per piece: the trunk's state and the casing features, float32."""
    return np.concatenate([hidden.astype(np.float32), case_features(text, starts, ends)], axis=1)


def family_probs(probs: np.ndarray) -> np.ndarray:
    """[pieces, families]: each family's B- and I- probabilities added."""
    return probs[:, 1::2] + probs[:, 2::2]


@dataclass(frozen=True)
class NameSpan:
    start: int  # characters
    end: int
    family: str
    confidence: float  # the family's mean probability over the span's words


@dataclass
class _Run:
    start: int
    end: int
    family: int
    rows: list[np.ndarray]


def name_spans(text: str, starts: np.ndarray, ends: np.ndarray, probs: np.ndarray) -> list[NameSpan]:
    """The head's names: runs of words whose most probable tag is B-/I- of one family (an I- of the
    same family continues the run), written with a capital somewhere, of the families in TYPED."""
    words, rows = word_probs(text, starts, ends, probs)
    runs: list[_Run] = []
    current: _Run | None = None
    for (start, end), row in zip(words, rows):
        tag = int(row.argmax())
        if tag == 0:
            current = None
            continue
        family, begins = (tag - 1) // 2, (tag - 1) % 2 == 0
        if current is not None and not begins and current.family == family:
            current.end = end
            current.rows.append(row)
        else:
            current = _Run(start, end, family, [row])
            runs.append(current)
    spans = []
    for run in runs:
        if not any(w[:1].isupper() for w in text[run.start:run.end].split()):
            continue
        shares = family_probs(np.mean(run.rows, axis=0)[None])[0]
        best = int(shares.argmax())
        if FAMILIES[best] in TYPED:
            spans.append(NameSpan(run.start, run.end, FAMILIES[best], float(shares[best])))
    return spans


@dataclass(frozen=True)
class NameSettings:
    add_at: float  # a found name with no NER mention over it becomes a mention at this confidence


class NameHead:
    """The head in ONNX Runtime: head inputs [pieces, 384 + casing] -> tag probabilities per piece."""

    def __init__(self, folder: Path = MODEL_DIR, threads: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = onnxruntime.InferenceSession(str(folder / "names.onnx"), options,
                                                    providers=["CPUExecutionProvider"])
        raw = json.loads((folder / "names.json").read_text(encoding="utf-8"))
        if raw["tags"] != list(TAGS):
            raise ValueError("names head tags differ from entities/names.py's")
        self.settings = NameSettings(**raw["settings"])

    def probs(self, text: str, starts: np.ndarray, ends: np.ndarray, hidden: np.ndarray) -> np.ndarray:
        """Tag probabilities [pieces, tags]."""
        return chunked_probs(self.session, head_inputs(text, starts, ends, hidden))


@cache
def load_name_head(folder: Path = MODEL_DIR) -> NameHead | None:
    """The packaged head, or None when it is absent (the NER mentions and the vote then stand alone)."""
    if not (folder / "names.onnx").is_file() or not (folder / "names.json").is_file():
        return None
    return NameHead(folder)
