"""An article's story features from its text, its date and its MiniLM vector: the one recipe for the file
command (stories/pipeline.py) and the store (store/stories.py)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsprobe.stories import multilingual
from newsprobe.stories.features import ArticleFeatures, names, published, words, years


def article_features(texts: Sequence[str], dates: Sequence[str], vectors: np.ndarray) -> list[ArticleFeatures]:
    """Features per article: `texts` (title and text), `dates` as given (YYYY-MM-DD first, or anything:
    years named there count too), `vectors` their MiniLM embeddings; the multilingual vectors are made here."""
    across = multilingual.embed(list(texts))
    return [ArticleFeatures(vector, words(text), years(f"{day}\n{text}"), published(day), names(text),
                            across_vector, multilingual.is_english(text))
            for text, day, vector, across_vector in zip(texts, dates, vectors, across)]
