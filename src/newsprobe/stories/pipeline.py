"""Articles in, story numbers out: features for a batch of articles, then online assignment in order."""
from __future__ import annotations

from collections.abc import Sequence

from newsprobe.embeddings import SentenceEncoder, embed_cached
from newsprobe.stories.assign import Settings, StoryAssigner
from newsprobe.stories.data import Article
from newsprobe.stories.build import article_features
from newsprobe.stories.features import ArticleFeatures, article_text


def features(articles: Sequence[Article], encoder: SentenceEncoder, cache: bool = False) -> list[ArticleFeatures]:
    texts = [article_text(article.title, article.text) for article in articles]
    vectors = embed_cached(encoder, texts) if cache else encoder.embed(texts)
    return article_features(texts, [article.date for article in articles], vectors)


def assign(found: Sequence[ArticleFeatures], settings: Settings = Settings()) -> list[int]:
    """Story number per article, the articles taken in the given order (the order they arrive)."""
    assigner = StoryAssigner(settings)
    return [assigner.add(article) for article in found]
