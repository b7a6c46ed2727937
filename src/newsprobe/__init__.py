"""newsprobe: evidence-linked analysis of news articles.

    >>> import newsprobe
    >>> analysis = newsprobe.analyze("TEHRAN – ...", published="2022-01-02")
    >>> analysis.entities[0].name
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language

from newsprobe.analysis import run_pipeline
from newsprobe.config import Options, load_options
from newsprobe.ingest.text import article_from_text, parse_published
from newsprobe.model import Analysis, Article
from newsprobe.pipeline import load_pipeline
from newsprobe.version import __version__

__all__ = ["Analysis", "Article", "Options", "__version__", "analyze", "analyze_many", "load_pipeline"]


@lru_cache(maxsize=4)
def _default_pipeline(options: Options) -> Language:
    return load_pipeline(options)


def _as_article(item: str | Article, published: str | None) -> Article:
    article = item if isinstance(item, Article) else article_from_text(item)
    if published:
        article.published = parse_published(published)
    return article


def analyze(item: str | Article, *, published: str | None = None, nlp: Language | None = None,
            source: str = "<text>") -> Analysis:
    """Analyse one article (its text, or an Article from `newsprobe.ingest`)."""
    return next(analyze_many([item], published=published, nlp=nlp, source=source))


def analyze_many(items: Iterable[str | Article], *, published: str | None = None,
                 nlp: Language | None = None, source: str = "<text>",
                 batch_size: int | None = None) -> Iterator[Analysis]:
    """Analyse many articles lazily through `nlp.pipe`; memory stays constant however many."""
    options = load_options()
    nlp = nlp or _default_pipeline(options)
    pairs = ((_as_article(item, published), source) for item in items)
    yield from run_pipeline(nlp, pairs, batch_size=batch_size or options.batch_size)
