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
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsprobe.attribution.learned import word_probs

MODEL_DIR = Path(__file__).parents[1] / "models" / "entities"
FAMILIES = ("person", "organization", "place", "other")
TAGS = ("O",) + tuple(f"{prefix}-{family}" for family in FAMILIES for prefix in ("B", "I"))
TYPED = FAMILIES[:3]  # the families a found name may be given; "other" is never a mention
CASE_FEATURES = 5
_SENTENCE_END = {"", ".", "!", "?", '"', ":", "”"}


def case_features(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per piece: its word opens with a capital; the word is in capitals (two letters or more); the
    word opens a sentence or line; the piece continues a word; the word holds a digit."""
    out = np.zeros((len(starts), CASE_FEATURES), dtype=np.float32)
    previous_end = -1
    for i, (start, end) in enumerate(zip(starts.tolist(), ends.tolist())):
        word_start = start
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word_end = end
        while word_end < len(text) and not text[word_end].isspace():
            word_end += 1
        word = text[word_start:word_end]
        continues = start == previous_end and text[start:start + 1].isalnum() and text[start - 1].isalnum()
        previous_end = end
        out[i] = (word[:1].isupper(), word.isupper() and len(word) > 1,
                  text[:word_start].rstrip()[-1:] in _SENTENCE_END or text[word_start - 1:word_start] == "\n",
                  continues, any(c.isdigit() for c in word))
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
        if not len(hidden):
            return np.zeros((0, len(TAGS)), dtype=np.float32)
        x = head_inputs(text, starts, ends, hidden)
        logits = self.session.run(None, {"hidden": x[None]})[0][0]
        exp = np.exp(logits - logits.max(-1, keepdims=True))
        return exp / exp.sum(-1, keepdims=True)


@cache
def load_name_head(folder: Path = MODEL_DIR) -> NameHead | None:
    """The packaged head, or None when it is absent (the NER mentions and the vote then stand alone)."""
    if not (folder / "names.onnx").is_file() or not (folder / "names.json").is_file():
        return None
    return NameHead(folder)
