"""The encoder component: one pass of the shared trunk (MiniLM in ONNX Runtime) per window of each Doc.

DESIGN.md: a component early in the pipeline runs the trunk once and keeps what it gives on the Doc
(`doc._.np_trunk`, a TrunkPass: per word piece, its char offsets, the techniques probability and the
last hidden state); each learned layer's head reads it (attributions, techniques) instead of running
its own trunk. The trunk needs only the text and the sentence starts, so in `nlp.pipe` it runs in a
worker thread on the next articles while the main thread parses them and runs the later components
(ONNX Runtime releases the GIL): on two cores its cost mostly overlaps the parse. When the main thread
would wait for a pass (the look-ahead is full, or the stream has ended), it runs the newest passes not
yet started itself rather than idle, so both cores encode then (the same computation: outputs do not
change). Non-English text and text without sentences get no pass (the techniques profile says why).

A head whose inputs are only the text and the pass (the entity names head) runs with the pass, in the
same thread, and its output is kept on the pass for its component (`TrunkPass.head_outputs`, keyed by
the head): its ONNX Runtime work then overlaps the parse too. The component asks for it when it joins
the pipeline after this one (`EncoderComponent.names`), so a pipeline without it never runs the head;
it computes the output itself when the pass lacks it, so outputs are the same either way.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.entities.names import NameHead
from newsprobe.pipeline.extensions import ARTICLE, TRUNK, doc_text, register_extensions
from newsprobe.pipeline.metadata import guess_language
from newsprobe.techniques.encoder import SpanEncoder, TrunkPass
from newsprobe.techniques.predictor import MODEL_DIR

# Articles whose trunk pass may run ahead, in batches: more than a parse batch, so the worker is
# still busy while spaCy parses the next one.
LOOKAHEAD_BATCHES = 2


def _language(doc: Doc) -> str | None:
    article = getattr(doc._, ARTICLE)
    if article is not None and article.language:
        return article.language
    return guess_language(doc)


def skip_reason(doc: Doc) -> str | None:
    """Why the learned layers do not run on this Doc, or None when they do."""
    language = _language(doc)
    if language != "en":
        return f"not run: the text is not recognised as English (language: {language or 'unknown'})"
    if len(doc) and not doc.has_annotation("SENT_START"):
        return "not run: the spaCy pipeline gives no sentences (add a parser or senter)"
    return None


def _ready(ahead: Future | None) -> bool:
    return ahead is None or ahead.done()


class EncoderComponent:
    def __init__(self, worker_thread: bool = True) -> None:
        register_extensions()
        self.encoder = SpanEncoder(MODEL_DIR / "tagger.onnx", threads=1)
        self.names: NameHead | None = None  # set by newsprobe_entities, which reads its output from the pass
        self.worker_thread = worker_thread
        self._worker: ThreadPoolExecutor | None = None

    def trunk_pass(self, doc: Doc) -> TrunkPass:
        """The trunk over the Doc's text, windows packed from its sentences, with the names head's
        probabilities when newsprobe_entities asked for them."""
        starts, sentence = doc.to_array([IDX, SENT_START]).T.astype(np.int64)
        text = doc_text(doc)
        trunk = self.encoder.run(text, starts[sentence == 1])
        if self.names is not None and trunk.hidden is not None:
            trunk.head_outputs[self.names] = self.names.probs(text, trunk.starts, trunk.ends, trunk.hidden)
        return trunk

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and skip_reason(doc) is None:
            setattr(doc._, TRUNK, self.trunk_pass(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Like __call__ over a stream, with the trunk working ahead in a thread (if allowed)."""
        if not self.worker_thread:
            yield from (self(doc) for doc in docs)
            return
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="np-encoder")
        pending: deque[tuple[Doc, Future | None]] = deque()
        for doc in docs:
            runs = len(doc) and skip_reason(doc) is None
            pending.append((doc, self._worker.submit(self.trunk_pass, doc) if runs else None))
            # a Doc whose pass is done goes on at once, so that the later components run on it while
            # the worker encodes the next ones (else a short stream would wait for every pass first)
            while pending and (len(pending) > LOOKAHEAD_BATCHES * batch_size or _ready(pending[0][1])):
                self._share(pending)
                yield self._finish(*pending.popleft())
        while pending:
            self._share(pending)
            yield self._finish(*pending.popleft())

    def _share(self, pending: deque[tuple[Doc, Future | None]]) -> None:
        """Until the oldest pass is done, run the newest passes the worker has not started here."""
        for k in range(len(pending) - 1, 0, -1):
            if _ready(pending[0][1]):
                return
            doc, ahead = pending[k]
            if ahead is not None and ahead.cancel():  # cancel() fails once the worker has started it
                pending[k] = (doc, _run_here(self.trunk_pass, doc))

    @staticmethod
    def _finish(doc: Doc, ahead: Future | None) -> Doc:
        if ahead is not None:
            setattr(doc._, TRUNK, ahead.result())
        return doc


def _run_here(trunk_pass: Callable[[Doc], TrunkPass], doc: Doc) -> Future:
    """The pass run in this thread, as a done Future: an error surfaces with its own Doc, as from the worker."""
    done: Future = Future()
    try:
        done.set_result(trunk_pass(doc))
    except Exception as exc:  # noqa: BLE001 - handed on to _finish, like the worker's
        done.set_exception(exc)
    return done


@Language.factory("newsprobe_encoder", default_config={"worker_thread": True})
def make_encoder(nlp: Language, name: str, worker_thread: bool) -> EncoderComponent:
    return EncoderComponent(worker_thread)
