"""Online story assignment: each new article joins the most similar story, or starts a new one.

Nothing already assigned moves (never a re-clustering). A story is compared through its members:
the mean of their embeddings, the sum of their TF-IDF word vectors (document frequencies counted
over the articles seen so far, so the weights grow with the collection), and the years they name.
Why years: one topic often holds two events a year or more apart (two arrests of the same group),
whose words and embeddings are close; the years the articles name tell them apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsprobe.stories.features import ArticleFeatures

HASH_BITS = 18  # word ids are hashed, so the vocabulary needs no fixed size


@dataclass(frozen=True)
class Settings:
    """Weights of the similarity and the threshold for joining; chosen on the dev topics of ECB+ (README):
    the words carry most of it, the embedding adds a little, years named apart subtract."""
    embedding: float = 0.1
    words: float = 1.0
    years: float = 0.1
    days: float = 0.0  # ECB+ gives no ISO dates, so this weight could not be chosen there: off
    threshold: float = 0.27


def word_ids(words: dict) -> tuple[np.ndarray, np.ndarray]:
    ids = np.array([hash_word(word) for word in words], dtype=np.int64)
    return ids, np.array(list(words.values()), dtype=np.float64)


def hash_word(word: str) -> int:
    """A stable id (Python's hash() changes per process)."""
    value = 2166136261
    for byte in word.encode("utf-8"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value & ((1 << HASH_BITS) - 1)


@dataclass
class Story:
    embedding_sum: np.ndarray
    years: dict = field(default_factory=dict)
    days: list = field(default_factory=list)  # publication dates as day numbers
    size: int = 0


class StoryAssigner:
    def __init__(self, settings: Settings = Settings()) -> None:
        self.settings = settings
        self.stories: list[Story] = []
        # every member's word counts as flat arrays (story, word id, log count): cheap to append and to reweigh
        self.entry_story = np.zeros(0, dtype=np.int64)
        self.entry_row = np.zeros(0, dtype=np.int64)
        self.entry_word = np.zeros(0, dtype=np.int64)
        self.entry_count = np.zeros(0)
        self.df = np.zeros(1 << HASH_BITS)
        self.articles = 0

    def add(self, article: ArticleFeatures) -> int:
        """Assign the article to a story and return the story's number (0, 1, ... in order of creation)."""
        ids, counts = word_ids(article.words)
        ids, inverse = np.unique(ids, return_inverse=True)  # hashed words may collide
        counts = np.log1p(np.bincount(inverse, weights=counts))
        self.df[ids] += 1
        self.articles += 1
        scores = self.scores(article, ids, counts)
        best = int(np.argmax(scores)) if len(scores) else -1
        if best < 0 or scores[best] < self.settings.threshold:
            best = len(self.stories)
            self.stories.append(Story(np.zeros_like(article.embedding)))
        self.join(self.stories[best], article)
        self.entry_story = np.concatenate([self.entry_story, np.full(len(ids), best)])
        self.entry_row = np.concatenate([self.entry_row, np.full(len(ids), self.articles - 1)])
        self.entry_word = np.concatenate([self.entry_word, ids])
        self.entry_count = np.concatenate([self.entry_count, counts])
        return best

    def join(self, story: Story, article: ArticleFeatures) -> None:
        story.embedding_sum = story.embedding_sum + article.embedding
        story.size += 1
        for year, count in article.years.items():
            story.years[year] = story.years.get(year, 0) + count
        if article.published:
            story.days.append(article.published.toordinal())

    def scores(self, article: ArticleFeatures, ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """One similarity per existing story."""
        if not self.stories:
            return np.zeros(0)
        s = self.settings
        sums = np.stack([story.embedding_sum for story in self.stories])
        embedding = sums @ article.embedding / np.maximum(np.linalg.norm(sums, axis=1), 1e-12)
        total = s.embedding * embedding + s.words * self.word_similarity(ids, counts)
        if s.years:
            total += s.years * np.array([year_agreement(article.years, story.years) for story in self.stories])
        if s.days and article.published:
            total -= s.days * np.array([day_distance(article.published.toordinal(), story.days)
                                        for story in self.stories])
        return total

    def word_similarity(self, ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Cosine of the article's TF-IDF vector with each story's sum of unit-length member vectors."""
        idf = np.log((1 + self.articles) / (1 + self.df)) + 1.0
        article = counts * idf[ids]
        article /= max(np.linalg.norm(article), 1e-12)
        weights = self.entry_count * idf[self.entry_word]
        weights /= np.sqrt(np.bincount(self.entry_row, weights=weights ** 2))[self.entry_row]
        stories = sparse.csr_matrix((weights, (self.entry_story, self.entry_word)),
                                    shape=(len(self.stories), 1 << HASH_BITS))  # duplicates are summed
        norms = np.sqrt(np.asarray(stories.multiply(stories).sum(axis=1)).ravel())
        return stories[:, ids] @ article / np.maximum(norms, 1e-12)


def year_agreement(article: dict, story: dict) -> float:
    """-1 when the article and the story name years and share none, else 0 (a shared year says little:
    both events of a topic may name the year of an earlier one)."""
    if not article or not story:
        return 0.0
    return 0.0 if set(article) & set(story) else -1.0


def day_distance(day: int, story_days: list[int]) -> float:
    """How far (log of weeks) the article's date lies from the story's median date; 0 when unknown."""
    if not story_days:
        return 0.0
    return float(np.log1p(abs(day - float(np.median(story_days))) / 7.0))
