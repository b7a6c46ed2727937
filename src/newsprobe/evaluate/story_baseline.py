"""The reference point the stories issue sets: TF-IDF average-link clustering over a whole split at once
(not incremental: every article is seen before any is grouped), its distance threshold chosen on the dev
topics from a fixed grid, then scored on the split asked for. `newsprobe eval stories --baseline`.

TF-IDF: scikit-learn's, sublinear term frequency, English stop words left out, fitted on the split's own
articles (title and text); distance: cosine; linkage: average.
"""
from __future__ import annotations

from pathlib import Path

from newsprobe.evaluate.stories import load, split_topics
from newsprobe.stories.data import Article
from newsprobe.stories.features import article_text
from newsprobe.stories.scoring import ClusterScores, bcubed, cluster_scores

GRID = tuple(round(0.5 + 0.025 * step, 3) for step in range(19))  # cosine distances 0.5 ... 0.95


def cluster(articles: list[Article], threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return [0] * len(articles)
    texts = [article_text(a.title, a.text) for a in articles]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    clustering = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=threshold)
    return [int(label) for label in clustering.fit_predict(vectors)]


def in_split(articles: list[Article], split: str) -> list[Article]:
    topics = split_topics(split)
    return [a for a in articles if topics is None or a.topic in topics]


def chosen_threshold(articles: list[Article]) -> float:
    """The grid's threshold with the best story B-cubed F1 on the dev topics (the first of equals)."""
    dev = in_split(articles, "dev")
    gold = [a.story for a in dev]
    return max(GRID, key=lambda threshold: bcubed(gold, cluster(dev, threshold))[2])


def evaluate_baseline(path: Path, split: str = "dev") -> tuple[float, dict[str, ClusterScores]]:
    """The threshold chosen on dev, and the split's scores against the stories and the topics."""
    articles = load(path)
    threshold = chosen_threshold(articles)
    scored = in_split(articles, split)
    predicted = cluster(scored, threshold)
    return threshold, {"stories": cluster_scores([a.story for a in scored], predicted),
                       "topics": cluster_scores([a.topic for a in scored], predicted)}
