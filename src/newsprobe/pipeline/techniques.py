"""The techniques component: persuasion-technique spans (14 SemEval-2020 labels) and their profile.

The trained model (a MiniLM span encoder in ONNX Runtime + a technique head over its hidden states and
a linear model over the parse, no PyTorch) is loaded once when the component is created. The encoder
pass (span probabilities and hidden states together) needs only the text, so in
`nlp.pipe` it runs in a worker thread on the next articles while spaCy parses (ONNX Runtime releases
the GIL): on two cores its cost mostly overlaps the parse. Non-English text is not analysed: the
profile says so instead.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.model import Technique
from newsprobe.pipeline.extensions import ARTICLE, TECHNIQUE_PROFILE, doc_text, findings, register_extensions
from newsprobe.pipeline.metadata import guess_language
from newsprobe.techniques.predictor import DocPass, TechniquePredictor
from newsprobe.techniques.profile import build_profile, skipped_profile


def _language(doc: Doc) -> str | None:
    article = getattr(doc._, ARTICLE)
    if article is not None and article.language:
        return article.language
    return guess_language(doc)


# Articles whose encoder pass may run ahead, in batches: more than a parse batch, so the worker is
# still busy while spaCy parses the next one.
LOOKAHEAD_BATCHES = 2


def _skip_reason(doc: Doc) -> str | None:
    language = _language(doc)
    if language != "en":
        return f"not run: the text is not recognised as English (language: {language or 'unknown'})"
    if len(doc) and not doc.has_annotation("SENT_START"):
        return "not run: the spaCy pipeline gives no sentences (add a parser or senter)"
    return None


class TechniquesComponent:
    def __init__(self, worker_thread: bool = True) -> None:
        register_extensions()
        self.predictor = TechniquePredictor(threads=1)
        self.worker_thread = worker_thread
        self._worker: ThreadPoolExecutor | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self._finish(doc, _skip_reason(doc), None)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Like __call__ over a stream, with the encoder working ahead in a thread (if allowed)."""
        if not self.worker_thread:
            yield from (self(doc) for doc in docs)
            return
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="np-techniques")
        pending: deque[tuple[Doc, str | None, Future | None]] = deque()
        for doc in docs:
            reason = _skip_reason(doc)
            runs = len(doc) and not reason
            pending.append((doc, reason, self._worker.submit(self.predictor.encode, doc) if runs else None))
            if len(pending) > LOOKAHEAD_BATCHES * batch_size:
                yield self._finish(*pending.popleft())
        while pending:
            yield self._finish(*pending.popleft())

    def _finish(self, doc: Doc, reason: str | None, ahead: Future | None) -> Doc:
        if reason:
            setattr(doc._, TECHNIQUE_PROFILE, skipped_profile(reason))
            return doc
        found = findings(doc, "np_techniques")
        text = doc_text(doc)
        encoded: DocPass | None = ahead.result() if ahead is not None else None  # probs + hidden states
        for span in self.predictor.predict(doc, encoded) if len(doc) else ():
            found.append(Technique(start=span.start, end=span.end, text=text[span.start:span.end],
                                   technique=span.label, confidence=span.confidence))
        setattr(doc._, TECHNIQUE_PROFILE, build_profile(doc, found))
        return doc


@Language.factory("newsprobe_techniques", default_config={"worker_thread": True})
def make_techniques(nlp: Language, name: str, worker_thread: bool) -> TechniquesComponent:
    return TechniquesComponent(worker_thread)
