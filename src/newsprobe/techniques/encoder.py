"""The span encoder at inference: a fine-tuned MiniLM token tagger in ONNX Runtime (int8, no PyTorch).

It reads the raw text in windows of word pieces, packed from whole sentences where the parse gives them,
so any article length is covered, and gives each spaCy token the probability that it lies inside a
technique span.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnxruntime
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from newsprobe.errors import Code, NewsprobeError
from newsprobe.pipeline.extensions import doc_text
from newsprobe.techniques.wordpieces import (ENCODER_PACKAGE, batch, encode, load_tokenizer, sentence_windows, special_ids,
                                             token_scores)

# Windows per ONNX call. One: on the CPU, batching windows gained nothing and multiplied the
# activations' memory (100 articles: 16 windows 10.3 s and +320 MB peak, 1 window 7.6 s and +35 MB).
BATCH_WINDOWS = 1
HIDDEN_WIDTH = 384  # MiniLM's hidden size


@dataclass(frozen=True)
class TrunkPass:
    """What one pass of the trunk gives per word piece of a text."""

    starts: np.ndarray  # char offsets
    ends: np.ndarray
    probs: np.ndarray  # techniques: probability of lying inside a technique span
    hidden: np.ndarray | None  # [pieces, 384] last hidden states, when asked for
    # outputs of heads that read only the text and this pass, computed with it (pipeline/encoder.py),
    # keyed by the head object that computed them
    head_outputs: dict[object, np.ndarray] = field(default_factory=dict, compare=False)


class SpanEncoder:
    def __init__(self, model: Path, package: str = ENCODER_PACKAGE, threads: int = 0) -> None:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # 0: ONNX Runtime's default, one per core
        options.inter_op_num_threads = 1
        try:
            self.session = onnxruntime.InferenceSession(str(model), options,
                                                        providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise NewsprobeError(Code.TECH_MODEL_MISSING, f"{model}: {exc}") from exc
        self.tokenizer = load_tokenizer(package)
        self.cls, self.sep = special_ids(self.tokenizer)

    def piece_probs(self, text: str, sentence_chars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Start offsets of the text's word pieces and each piece's probability of being inside a span.

        Windows end at sentence starts (`sentence_chars`, char offsets) where they can."""
        trunk = self.run(text, sentence_chars, hidden=False)
        return trunk.starts, trunk.probs

    def run(self, text: str, sentence_chars: np.ndarray, hidden: bool = True) -> TrunkPass:
        """One pass of the trunk over the text: the techniques probabilities and, if asked, the last
        hidden state of every piece (the graph's `hidden` output), for the other learned heads."""
        pieces = encode(self.tokenizer, text)
        probs = np.zeros(len(pieces.ids))
        states = np.zeros((len(pieces.ids), HIDDEN_WIDTH), dtype=np.float32) if hidden else None
        outputs = ["logits", "hidden"] if hidden else ["logits"]
        ranges = sentence_windows(len(pieces.ids), np.searchsorted(pieces.starts, sentence_chars))
        for k in range(0, len(ranges), BATCH_WINDOWS):
            chunk = ranges[k:k + BATCH_WINDOWS]
            ids, mask = batch([pieces.ids[start:end] for start, end in chunk], self.cls, self.sep)
            results = self.session.run(outputs, {"input_ids": ids, "attention_mask": mask})
            for row, (start, end) in enumerate(chunk):
                probs[start:end] = 1.0 / (1.0 + np.exp(-results[0][row, 1:1 + end - start]))
                if states is not None:
                    states[start:end] = results[1][row, 1:1 + end - start]
        return TrunkPass(pieces.starts, pieces.ends, probs, states)

    def token_probs(self, doc: Doc) -> np.ndarray:
        """Per spaCy token: the highest inside probability of the pieces it holds."""
        return self.token_pass(doc, hidden=False)[0]

    def token_pass(self, doc: Doc, hidden: bool = True) -> tuple[np.ndarray, TrunkPass | None]:
        """Per-token inside probabilities and the pass they came from (with hidden states if asked),
        so the technique head reads the same pass."""
        if not len(doc):
            return np.zeros(0), None
        starts, lengths, sentence = doc.to_array([IDX, LENGTH, SENT_START]).T.astype(np.int64)
        trunk = self.run(doc_text(doc), starts[sentence == 1], hidden=hidden)
        return token_scores(trunk.starts, trunk.probs, starts, starts + lengths), trunk


def tokens_from_pass(doc: Doc, trunk: TrunkPass) -> np.ndarray:
    """Per spaCy token, the highest inside probability of its pieces in a pass already made
    (the same figures as SpanEncoder.token_probs: the windows are packed from the same sentences)."""
    if not len(doc):
        return np.zeros(0)
    starts, lengths = doc.to_array([IDX, LENGTH]).T.astype(np.int64)
    return token_scores(trunk.starts, trunk.probs, starts, starts + lengths)
