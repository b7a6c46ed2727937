"""Run the pipeline over articles and turn each finished Doc into the typed Analysis.

With an `on_error` callback, one article whose analysis raises never ends the stream: the docs the
failed `nlp.pipe` held are analysed again one by one (so only the bad one fails), the failure goes
to `on_error` coded, and a fresh `nlp.pipe` takes the rest of the stream.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.errors import Code, NewsprobeError
from newsprobe.failures import ANALYSE, coded
from newsprobe.model import Analysis, Article
from newsprobe.pipeline.extensions import ARTICLE, TECHNIQUE_PROFILE, findings, remember_text


Item = tuple[Article, str]
OnError = Callable[[Article, str, NewsprobeError], None]  # (article, source, coded error)


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying its Article, ready for `nlp.pipe`; NP109 past `nlp.max_length`."""
    if len(article.text) > nlp.max_length:
        raise NewsprobeError(Code.TOO_LONG, f"{len(article.text):,} characters long, over the limit of "
                                            f"{nlp.max_length:,} ([limits] max_chars)")
    doc = nlp.make_doc(article.text)
    remember_text(doc, article.text)
    setattr(doc._, ARTICLE, article)
    return doc


def doc_to_analysis(doc: Doc, source: str) -> Analysis:
    return Analysis(
        source=source,
        article=getattr(doc._, ARTICLE),
        entities=findings(doc, "np_entities"),
        attributions=findings(doc, "np_attributions"),
        timexes=findings(doc, "np_timexes"),
        events=findings(doc, "np_events"),
        claims=findings(doc, "np_claims"),
        techniques=findings(doc, "np_techniques"),
        technique_profile=getattr(doc._, TECHNIQUE_PROFILE, None),
    )


def run_pipeline(nlp: Language, items: Iterable[Item], batch_size: int = 32,
                 on_error: OnError | None = None) -> Iterator[Analysis]:
    """Stream (article, source) pairs through `nlp.pipe`; memory stays constant for any count.

    Without `on_error` the first exception ends the stream; with it, each failing article is passed
    to `on_error(article, source, coded error)` and the others are analysed."""
    if on_error is None:
        docs = ((make_doc(nlp, article), source) for article, source in items)
        for doc, source in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
            yield doc_to_analysis(doc, source)
        return
    yield from _isolated(nlp, iter(items), batch_size, on_error)


def _isolated(nlp: Language, stream: Iterator[Item], batch_size: int, on_error: OnError) -> Iterator[Analysis]:
    pending: deque[Item] = deque()  # handed to the current nlp.pipe and not yet out of it
    # Not a document's failure: the caller's iterable or `on_error` itself raised (a full disk while a
    # failure is recorded). Raised once what was fed is finished, never mistaken for a bad document.
    deferred: list[BaseException] = []

    def feed() -> Iterator[tuple[Doc, str]]:
        while not deferred:
            try:
                article, source = next(stream)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - the caller's own error: raised after the pipe
                deferred.append(exc)
                return
            try:
                doc = make_doc(nlp, article)
            except Exception as exc:  # noqa: BLE001 - one article's failure (NP109 too long, a tokenizer bug)
                _report(on_error, article, source, coded(exc, source, ANALYSE), deferred)
                continue
            pending.append((article, source))
            yield doc, source

    finished = False
    while not finished:
        docs = nlp.pipe(feed(), as_tuples=True, batch_size=batch_size)
        try:
            for doc, source in docs:
                analysis = doc_to_analysis(doc, source)
                pending.popleft()
                yield analysis
            finished = True
        except Exception:  # which doc failed is unknown: each pending one is retried alone
            docs.close()  # type: ignore[attr-defined]  # spaCy types pipe() as an Iterator; it is a generator
            retry = list(pending)
            if not retry:  # no article in flight: the pipeline itself is broken, not a document
                raise
            pending.clear()
            for article, source in retry:
                yield from _alone(nlp, article, source, on_error)
            finished = bool(deferred)
    if deferred:
        raise deferred[0]


def _report(on_error: OnError, article: Article, source: str, error: NewsprobeError,
            deferred: list[BaseException]) -> None:
    try:
        on_error(article, source, error)
    except Exception as exc:  # noqa: BLE001 - raised by _isolated once the pipe has stopped
        deferred.append(exc)


def _alone(nlp: Language, article: Article, source: str, on_error: OnError) -> Iterator[Analysis]:
    try:
        doc = next(nlp.pipe([(make_doc(nlp, article), source)], as_tuples=True, batch_size=1))[0]
        analysis = doc_to_analysis(doc, source)
    except Exception as exc:  # noqa: BLE001 - one article's failure, coded
        on_error(article, source, coded(exc, source, ANALYSE))
        return
    yield analysis
