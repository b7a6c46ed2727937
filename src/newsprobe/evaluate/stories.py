"""Story clustering on ECB+ (../shared/data/ecbplus-stories): B-cubed and V-measure against the gold
stories and topics, on the committed dev or test half of the topics (stories/split.toml) or all."""
from __future__ import annotations

import random
import tomllib
from datetime import date
from pathlib import Path

from newsprobe.embeddings import SentenceEncoder
from newsprobe.errors import Code, NewsprobeError
from newsprobe.stories.assign import Settings
from newsprobe.stories.data import Article, read_articles
from newsprobe.stories.features import published
from newsprobe.stories.pipeline import assign, features
from newsprobe.stories.scoring import ClusterScores, cluster_scores

SPLIT = Path(__file__).parents[1] / "stories" / "split.toml"
ORDERS = ("date", "reverse", "shuffle1", "shuffle2")


def split_topics(split: str) -> set[str] | None:
    """The topics of a split, or None for all."""
    if split == "all":
        return None
    halves = tomllib.loads(SPLIT.read_text(encoding="utf-8"))
    if split not in halves:
        raise NewsprobeError(Code.BAD_CONFIG, f"split '{split}' (use dev, test or all)")
    return {str(topic) for topic in halves[split]}


def load(path: Path) -> list[Article]:
    read = read_articles(path)
    bad = [item for _, item in read if isinstance(item, NewsprobeError)]
    if bad:
        raise NewsprobeError(Code.STORIES_BAD_DATA, str(bad[0]))
    articles = [item for _, item in read if isinstance(item, Article)]  # all of them: no error above
    if not articles or any(not article.story for article in articles):
        raise NewsprobeError(Code.STORIES_BAD_DATA, f"{path}: articles without a 'story' label")
    return articles


def ordered(articles: list[Article], order: str) -> list[int]:
    """Positions in arrival order: by publication date (undated last) then id; or that reversed; or shuffled."""
    by_date = sorted(range(len(articles)), key=lambda i: (published(articles[i].date) or date.max, articles[i].id))
    if order == "date":
        return by_date
    if order == "reverse":
        return by_date[::-1]
    random.Random(order).shuffle(by_date)
    return by_date


def evaluate_stories(path: Path, split: str = "dev", order: str = "date", settings: Settings = Settings(),
                     encoder: SentenceEncoder | None = None) -> dict[str, ClusterScores]:
    """Scores of the online assignment against the gold stories and against the topics."""
    articles = load(path)
    found = features(articles, encoder or SentenceEncoder(), cache=True)  # all, in file order: one cache entry
    topics = split_topics(split)
    chosen = [i for i in ordered(articles, order) if topics is None or articles[i].topic in topics]
    predicted = assign([found[i] for i in chosen], settings)
    articles = [articles[i] for i in chosen]
    return {"stories": cluster_scores([a.story for a in articles], predicted),
            "topics": cluster_scores([a.topic for a in articles], predicted)}
