"""newsprobe: evidence-linked analysis of news articles.

    >>> import newsprobe
    >>> analysis = newsprobe.analyze("TEHRAN – ...", published="2022-01-02")
    >>> analysis.entities[0].name
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Literal, overload

from spacy.language import Language

from newsprobe.analysis import run_pipeline
from newsprobe.config import Options, load_options
from newsprobe.errors import NewsprobeError
from newsprobe.failures import ANALYSE, READ, Failure, coded
from newsprobe.ingest.text import article_from_text, check_published
from newsprobe.model import Analysis, Article
from newsprobe.pipeline import load_pipeline
from newsprobe.version import __version__

__all__ = ["Analysis", "Article", "Failure", "NewsprobeError", "Options", "__version__", "analyze",
           "analyze_many", "load_pipeline"]

log = logging.getLogger("newsprobe")
# What analyze_many does with an item that cannot be read or analysed (see its docstring).
OnError = Literal["skip", "yield", "raise"] | Callable[[Failure], None]


@lru_cache(maxsize=4)
def _default_pipeline(options: Options) -> Language:
    return load_pipeline(options)


def _as_article(item: str | Article, published: str | None) -> Article:
    article = item if isinstance(item, Article) else article_from_text(item)
    if published:
        article.published = published
    return article


def analyze(item: str | Article, *, published: str | None = None, nlp: Language | None = None,
            source: str = "<text>") -> Analysis:
    """Analyse one article (its text, or an Article from `newsprobe.ingest`); raises a coded NewsprobeError."""
    return next(analyze_many([item], published=published, nlp=nlp, source=source, on_error="raise"))


@overload
def analyze_many(items: Iterable[str | Article], *, published: str | None = None,
                 nlp: Language | None = None, source: str = "<text>", batch_size: int | None = None,
                 on_error: Literal["yield"]) -> Iterator[Analysis | Failure]: ...


@overload  # only "yield" puts a Failure in the stream
def analyze_many(items: Iterable[str | Article], *, published: str | None = None,
                 nlp: Language | None = None, source: str = "<text>", batch_size: int | None = None,
                 on_error: Literal["skip", "raise"] | Callable[[Failure], None] = "skip") -> Iterator[Analysis]: ...


@overload  # on_error not known until run time
def analyze_many(items: Iterable[str | Article], *, published: str | None = None,
                 nlp: Language | None = None, source: str = "<text>", batch_size: int | None = None,
                 on_error: OnError) -> Iterator[Analysis | Failure]: ...


def analyze_many(items: Iterable[str | Article], *, published: str | None = None,
                 nlp: Language | None = None, source: str = "<text>", batch_size: int | None = None,
                 on_error: OnError = "skip") -> Iterator[Analysis | Failure]:
    """Analyse many articles lazily through `nlp.pipe`; memory stays constant however many.

    One item that cannot be read or analysed never ends the stream. `on_error` says what becomes of it:
    "skip" (default) leaves it out and logs its coded failure as a warning (logger "newsprobe");
    "yield" puts a `Failure` (source, code, stage, error_type, reason, hint, index) in its place, so
    that results line up with `items`; a callable is called with the `Failure`; "raise" raises the
    coded NewsprobeError (the stream ends there). Results come in the order of `items`."""
    options = load_options()
    nlp = nlp or _default_pipeline(options)
    day = check_published(published)
    handle = _failure_handler(on_error)
    positions: dict[int, int] = {}  # id(article) -> index in items, while the article is in flight
    failed: list[tuple[int, Failure, NewsprobeError]] = []  # reported, not yet handed out

    def articles() -> Iterator[tuple[Article, str]]:
        for index, item in enumerate(items):
            try:
                article = _as_article(item, day)
            except Exception as exc:  # noqa: BLE001 - one unreadable item, coded
                error = coded(exc, source, READ)
                failed.append((index, Failure.from_error(error, READ, index), error))
                continue
            positions[id(article)] = index
            yield article, source

    def on_analysis_error(article: Article, _source: str, error: NewsprobeError) -> None:
        index = positions.pop(id(article), -1)
        failed.append((index, Failure.from_error(error, ANALYSE, index), error))

    def flush(before: int | None) -> Iterator[Failure]:
        failed.sort(key=lambda entry: entry[0])
        while failed and (before is None or failed[0][0] < before):
            _, failure, error = failed.pop(0)
            if (result := handle(failure, error)) is not None:
                yield result

    batch = batch_size or options.batch_size
    for analysis in run_pipeline(nlp, articles(), batch_size=batch, on_error=on_analysis_error):
        index = positions.pop(id(analysis.article), -1)
        yield from flush(index)
        yield analysis
    yield from flush(None)


def _failure_handler(on_error: OnError) -> Callable[[Failure, NewsprobeError], Failure | None]:
    if callable(on_error):
        return lambda failure, _error: on_error(failure)
    if on_error not in ("skip", "yield", "raise"):
        raise ValueError(f"on_error must be 'skip', 'yield', 'raise' or a callable, not {on_error!r}")

    def handle(failure: Failure, error: NewsprobeError) -> Failure | None:
        if on_error == "raise":
            raise error
        if on_error == "yield":
            return failure
        log.warning("%s", failure)
        return None
    return handle
